import { type ChildProcess } from "node:child_process";
import { createWriteStream, mkdirSync } from "node:fs";
import { join, resolve } from "node:path";
import { ErrorCode, MillraceError } from "@millrace/common";
import { parseFlags } from "./flags.js";
import { spawnLocalNode } from "./spawn-node.js";

/** Ports of node i (0-based) of a local cluster: client base+10i, peer base+10i+1, HTTP base+80+i. */
export function localPorts(i: number, base = 7400): { client: number; peer: number; http: number } {
  return { client: base + 10 * i, peer: base + 10 * i + 1, http: base + 80 + i };
}

/** How long the nodes have to answer /healthz before `start` gives up on them. */
const startTimeoutMs = 60_000;
/** Lines of a node's output kept, to show why it ended. */
const tailLines = 20;

interface LocalNode {
  readonly id: number;
  readonly child: ChildProcess;
  readonly http: number;
  readonly logFile: string;
  /** The last lines the node wrote (stdout and stderr), also in its log file. */
  readonly tail: string[];
  /** Resolves with how the process ended. */
  readonly exited: Promise<string>;
  /** It answered /healthz. */
  healthy: boolean;
}

/**
 * `millrace start`: a local cluster of N nodes (default 3) on 127.0.0.1 with data under ./data, each a
 * `millrace node` child process logging to data/node-N/node.log. It says how to reach the cluster once
 * every node answers /healthz; a node that ends first stops the others and `start` fails, showing the end
 * of its output. A node that ends later is reported (a user may kill one to watch the others go on).
 * Ctrl-C stops them all gracefully.
 */
export async function runStart(args: readonly string[]): Promise<number> {
  const { flags } = parseFlags(args);
  const count = Number(flags["nodes"] ?? "3");
  if (!Number.isInteger(count) || count < 1 || count > 7) {
    throw new MillraceError(ErrorCode.INVALID_ARGUMENT, "--nodes must be an integer in [1, 7]");
  }
  const base = Number(flags["base-port"] ?? "7400");
  if (!Number.isInteger(base) || base < 1024 || localPorts(count - 1, base).http > 65_535) {
    throw new MillraceError(
      ErrorCode.INVALID_ARGUMENT,
      `--base-port must be an integer from 1024 to ${65_535 - 80 - (count - 1)}`,
    );
  }
  const dataDir = resolve(flags["data-dir"] ?? "data");
  const host = "127.0.0.1";
  const bootstrap = Array.from(
    { length: count },
    (_, i) => `${i + 1}@${host}:${localPorts(i, base).peer}`,
  ).join(",");
  const nodes = Array.from({ length: count }, (_, i) =>
    startNode(i + 1, join(dataDir, `node-${i + 1}`), host, localPorts(i, base), bootstrap),
  );
  let stopping = false;
  // Stays installed while the nodes stop: a second Ctrl-C would otherwise end this process, and with
  // it the pipes the nodes log through, midway through their graceful stop.
  const stopAll = () => {
    if (stopping) return;
    stopping = true;
    for (const node of nodes) node.child.kill("SIGTERM");
  };
  process.on("SIGINT", stopAll);
  process.on("SIGTERM", stopAll);
  try {
    const failure = await Promise.race([
      Promise.all(nodes.map((n) => waitHealthy(n, host))).then(() => undefined),
      ...nodes.map(async (n) => `node ${n.id} ${await n.exited} before it served`),
      delay(startTimeoutMs).then(
        () => `the nodes did not all answer /healthz within ${startTimeoutMs / 1000} s`,
      ),
    ]);
    if (stopping) return await exitCode(nodes);
    if (failure !== undefined) {
      stopAll();
      await Promise.all(nodes.map((n) => n.exited));
      // The node that ended, or the first that never answered.
      const failed = nodes.find((n) => failure.startsWith(`node ${n.id} `)) ?? nodes.find((n) => !n.healthy);
      process.stderr.write(
        failed === undefined
          ? `millrace start: ${failure}\n`
          : `millrace start: ${failure}. The end of node ${failed.id}'s output (all of it in ${failed.logFile}):\n` +
              `${failed.tail.join("\n")}\n`,
      );
      return 1;
    }
    process.stdout.write(`${banner(nodes, host, base, dataDir).join("\n")}\n`);
    for (const node of nodes) {
      void node.exited.then((how) => {
        if (!stopping) process.stderr.write(`node ${node.id} ${how}; its log: ${node.logFile}\n`);
      });
    }
    return await exitCode(nodes);
  } finally {
    process.off("SIGINT", stopAll);
    process.off("SIGTERM", stopAll);
  }
}

function startNode(
  id: number,
  nodeDir: string,
  host: string,
  ports: { client: number; peer: number; http: number },
  bootstrap: string,
): LocalNode {
  mkdirSync(nodeDir, { recursive: true });
  const logFile = join(nodeDir, "node.log");
  const log = createWriteStream(logFile, { flags: "a" });
  const child = spawnLocalNode({
    id,
    dataDir: nodeDir,
    host,
    ports,
    bootstrap,
    stdio: ["ignore", "pipe", "pipe"],
  });
  const tail: string[] = [];
  for (const stream of [child.stdout, child.stderr]) {
    // Not ended by either stream: the other may still write. The log ends with the process.
    stream?.pipe(log, { end: false });
    stream?.on("data", (chunk: Buffer) => {
      tail.push(
        ...chunk
          .toString()
          .split("\n")
          .filter((line) => line.trim() !== ""),
      );
      tail.splice(0, Math.max(0, tail.length - tailLines));
    });
  }
  const exited = new Promise<string>((done) =>
    child.once("close", (code, signal) => {
      log.end();
      done(signal === null ? `exited with code ${code}` : `ended by ${signal}`);
    }),
  );
  return { id, child, http: ports.http, logFile, tail, exited, healthy: false };
}

/** Resolves once the node's HTTP port answers /healthz with 200. */
async function waitHealthy(node: LocalNode, host: string): Promise<void> {
  for (;;) {
    try {
      const response = await fetch(`http://${host}:${node.http}/healthz`, {
        signal: AbortSignal.timeout(1000),
      });
      await response.text();
      if (response.ok) {
        node.healthy = true;
        return;
      }
    } catch {
      // Not listening yet.
    }
    if (node.child.exitCode !== null || node.child.signalCode !== null) return new Promise(() => {});
    await delay(100);
  }
}

async function exitCode(nodes: readonly LocalNode[]): Promise<number> {
  await Promise.all(nodes.map((n) => n.exited));
  return nodes.some((n) => n.child.exitCode !== 0) ? 1 : 0;
}

function banner(nodes: readonly LocalNode[], host: string, base: number, dataDir: string): string[] {
  return [
    `Millrace: a local cluster of ${nodes.length} node${nodes.length === 1 ? "" : "s"} on ${host}, data under ${dataDir}`,
    "",
    ...nodes.map((n, i) => {
      const p = localPorts(i, base);
      return `  node ${n.id}: client ${host}:${p.client}  peer ${host}:${p.peer}  http http://${host}:${p.http} (/metrics /healthz /readyz)  log ${n.logFile}`;
    }),
    "",
    "Try, from another terminal in this directory:",
    ...["status", "log append hello world", "log read"].map(
      (command) =>
        `      npm run millrace -- ${command}${base === 7400 ? "" : ` --endpoint ${host}:${base}`}`,
    ),
    "",
    "Ctrl-C stops the cluster.",
  ];
}

function delay(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms).unref());
}

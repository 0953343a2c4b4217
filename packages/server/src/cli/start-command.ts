import { type ChildProcess } from "node:child_process";
import { createWriteStream, mkdirSync } from "node:fs";
import { join, resolve } from "node:path";
import { ErrorCode, MillraceError } from "@millrace/common";
import { parseFlags } from "./flags.js";
import { spawnLocalNode } from "./spawn-node.js";

/** Ports of node i (0-based) of a local cluster: client 7400+10i, peer 7401+10i, HTTP 7480+i. */
export function localPorts(i: number, base = 7400): { client: number; peer: number; http: number } {
  return { client: base + 10 * i, peer: base + 10 * i + 1, http: base + 80 + i };
}

/**
 * `millrace start`: a local cluster of N nodes (default 3) on 127.0.0.1 with data under ./data, each a
 * `millrace node` child process logging to data/node-N/node.log. Ctrl-C stops them all gracefully.
 */
export async function runStart(args: readonly string[]): Promise<number> {
  const { flags } = parseFlags(args);
  const count = Number(flags["nodes"] ?? "3");
  if (!Number.isInteger(count) || count < 1 || count > 7) {
    throw new MillraceError(ErrorCode.INVALID_ARGUMENT, "--nodes must be an integer in [1, 7]");
  }
  const dataDir = resolve(flags["data-dir"] ?? "data");
  const host = "127.0.0.1";
  const bootstrap = Array.from({ length: count }, (_, i) => `${i + 1}@${host}:${localPorts(i).peer}`).join(
    ",",
  );
  const children: ChildProcess[] = [];
  for (let i = 0; i < count; i++) {
    const ports = localPorts(i);
    const nodeDir = join(dataDir, `node-${i + 1}`);
    mkdirSync(nodeDir, { recursive: true });
    const log = createWriteStream(join(nodeDir, "node.log"), { flags: "a" });
    const child = spawnLocalNode({
      id: i + 1,
      dataDir: nodeDir,
      host,
      ports,
      bootstrap,
      stdio: ["ignore", "pipe", "pipe"],
    });
    child.stdout?.pipe(log);
    child.stderr?.pipe(log);
    children.push(child);
  }
  const lines = [
    `Millrace: a local cluster of ${count} node${count === 1 ? "" : "s"} on ${host}, data under ${dataDir}`,
    "",
    ...children.map((_, i) => {
      const p = localPorts(i);
      return `  node ${i + 1}: client ${host}:${p.client}  peer ${host}:${p.peer}  http http://${host}:${p.http} (/metrics /healthz /readyz)  log ${join(dataDir, `node-${i + 1}`, "node.log")}`;
    }),
    "",
    "Try, from another terminal in this directory:",
    "      npm run millrace -- status",
    "      npm run millrace -- log append hello world",
    "      npm run millrace -- log read",
    "",
    "Ctrl-C stops the cluster.",
  ];
  process.stdout.write(`${lines.join("\n")}\n`);
  const exited = children.map(
    (child) => new Promise<number>((done) => child.once("exit", (code) => done(code ?? 0))),
  );
  const stopAll = () => {
    for (const child of children) child.kill("SIGTERM");
  };
  process.once("SIGINT", stopAll);
  process.once("SIGTERM", stopAll);
  const codes = await Promise.all(exited);
  process.off("SIGINT", stopAll);
  process.off("SIGTERM", stopAll);
  return codes.some((c) => c !== 0) ? 1 : 0;
}

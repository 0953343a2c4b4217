import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { createRequire } from "node:module";
import { createServer, type Server, type Socket } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { afterEach, describe, expect, it } from "vitest";
import { spawnLocalNode } from "../../src/cli/spawn-node.js";

// What a user sees when a node cannot start, and `millrace start` run from any directory.

const main = fileURLToPath(new URL("../../src/cli/main.ts", import.meta.url));
const tsx = pathToFileURL(createRequire(import.meta.url).resolve("tsx")).href;
const host = "127.0.0.1";

const dirs: string[] = [];
const servers: Server[] = [];
/** Connections to the held ports (a probe of /healthz connects and waits), ended with their server. */
const sockets: Socket[] = [];
const children: ChildProcess[] = [];
afterEach(async () => {
  // SIGTERM first: `millrace start` then stops its own nodes, which a SIGKILL would leave running.
  await Promise.all(
    children.splice(0).map(async (child) => {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const closed = new Promise((r) => child.once("close", r));
      child.kill("SIGTERM");
      const timer = setTimeout(() => child.kill("SIGKILL"), 10_000);
      await closed;
      clearTimeout(timer);
    }),
  );
  for (const socket of sockets.splice(0)) socket.destroy();
  await Promise.all(servers.splice(0).map((s) => new Promise((r) => s.close(r))));
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
}, 20_000);

function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), "millrace-start-"));
  dirs.push(dir);
  return dir;
}

/** Listens on `port` (0: any), holding it; resolves with the port. */
function hold(port = 0): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer((socket) => sockets.push(socket));
    server.once("error", reject);
    server.listen(port, host, () => {
      servers.push(server);
      resolve((server.address() as { port: number }).port);
    });
  });
}

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((r) => server.listen(0, host, () => r()));
  const { port } = server.address() as { port: number };
  await new Promise((r) => server.close(r));
  return port;
}

/** A base port whose local cluster ports for one node (base, base+1, base+80) are free a moment ago. */
async function freeBase(): Promise<number> {
  for (let attempt = 0; attempt < 50; attempt++) {
    const base = 20_000 + Math.floor(Math.random() * 30_000);
    try {
      for (const port of [base, base + 1, base + 80]) {
        const server = createServer();
        await new Promise<void>((resolve, reject) => {
          server.once("error", reject);
          server.listen(port, host, () => resolve());
        });
        await new Promise((r) => server.close(r));
      }
      return base;
    } catch {
      // Taken: another base.
    }
  }
  throw new Error("no free base port");
}

/**
 * Runs `millrace <args>` in `cwd`, collecting its output; resolves with it once the process exits.
 * `ownGroup` starts it in a process group of its own, as a shell starts a foreground command.
 */
function millrace(cwd: string, args: string[], ownGroup = false) {
  const child = spawn(process.execPath, ["--conditions=@millrace/source", "--import", tsx, main, ...args], {
    cwd,
    stdio: ["ignore", "pipe", "pipe"],
    detached: ownGroup,
  });
  children.push(child);
  const output = { stdout: "", stderr: "" };
  child.stdout.on("data", (chunk: Buffer) => (output.stdout += chunk.toString()));
  child.stderr.on("data", (chunk: Buffer) => (output.stderr += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.once("close", (code) => resolve(code)));
  return { child, output, exited };
}

describe("a node that cannot take its ports", () => {
  // Before, it logged the error and went on half-started: its Raft groups elected it and it acknowledged,
  // with no HTTP port, and the process never ended.
  it("exits with status 1 naming the port, instead of running without it", async () => {
    const dir = tempDir();
    const taken = await hold();
    const ports = { client: await freePort(), peer: await freePort(), http: taken };
    const spec = { id: 1, dataDir: join(dir, "node-1"), host, ports, bootstrap: `1@${host}:${ports.peer}` };
    const node = spawnLocalNode({ ...spec, stdio: ["ignore", "pipe", "pipe"] });
    children.push(node);
    let output = "";
    node.stderr?.on("data", (chunk: Buffer) => (output += chunk.toString()));
    node.stdout?.on("data", (chunk: Buffer) => (output += chunk.toString()));
    const code = await new Promise((resolve) => node.once("close", (c) => resolve(c)));
    expect(code).toBe(1);
    expect(output).toContain(`EADDRINUSE: address already in use ${host}:${taken}`);
    // Everything it opened was closed: the same data dir and ports serve a node started next.
    for (const socket of sockets.splice(0)) socket.destroy();
    servers.pop()!.close();
    const next = spawnLocalNode({ ...spec, stdio: "ignore" });
    children.push(next);
    await expect
      .poll(async () => (await fetch(`http://${host}:${taken}/healthz`).catch(() => undefined))?.status, {
        timeout: 20_000,
      })
      .toBe(200);
  }, 40_000);
});

describe("millrace start", () => {
  // Before, it printed how to reach the cluster at once, however the nodes fared, and ended silently.
  it("fails, naming the node and showing the end of its output, when a node cannot start", async () => {
    const cwd = tempDir();
    const base = await freeBase();
    await hold(base + 80);
    const run = millrace(cwd, ["start", "--nodes", "1", "--base-port", String(base)]);
    expect(await run.exited).toBe(1);
    expect(run.output.stdout).not.toContain("Ctrl-C stops the cluster");
    expect(run.output.stderr).toContain(
      "millrace start: node 1 exited with code 1 before it served. The end of node 1",
    );
    expect(run.output.stderr).toContain(`EADDRINUSE: address already in use ${host}:${base + 80}`);
    expect(run.output.stderr).toContain(join(cwd, "data", "node-1", "node.log"));
  }, 40_000);

  // A bare `--import tsx` was resolved from the working directory: run anywhere but the repository, the
  // nodes died at once.
  it("runs its nodes from any directory, says how to reach them once they serve, and stops on Ctrl-C", async () => {
    const cwd = tempDir();
    const base = await freeBase();
    const run = millrace(cwd, ["start", "--nodes", "1", "--base-port", String(base)]);
    await expect.poll(() => run.output.stdout, { timeout: 30_000 }).toContain("Ctrl-C stops the cluster");
    expect(run.output.stdout).toContain(`npm run millrace -- status --endpoint ${host}:${base}`);
    // Said only once the node serves.
    expect((await fetch(`http://${host}:${base + 80}/healthz`)).status).toBe(200);
    run.child.kill("SIGINT");
    expect(await run.exited).toBe(0);
    expect(run.output.stderr).toBe("");
  }, 60_000);

  // A terminal's Ctrl-C signals the whole foreground process group: `millrace start` and its nodes get
  // SIGINT, and each node SIGTERM from `millrace start` as well. A signal that came once a process had
  // begun to stop found no handler left and ended it at once: a node midway through handing over its
  // groups, or `millrace start` with the pipes its nodes log through. Pressed twice, that was certain.
  it("stops every node gracefully when Ctrl-C, pressed twice, reaches its whole process group", async () => {
    const cwd = tempDir();
    const base = await freeBase();
    const run = millrace(cwd, ["start", "--nodes", "1", "--base-port", String(base)], true);
    await expect.poll(() => run.output.stdout, { timeout: 30_000 }).toContain("Ctrl-C stops the cluster");
    const group = -(run.child.pid as number);
    const logFile = join(cwd, "data", "node-1", "node.log");
    // Once it leads the log group, a lone node has no one to hand it to and waits out the hand-over's
    // bound (seconds) when it stops: the second Ctrl-C comes while it does.
    const leadsLog = async () =>
      /^millrace_raft_is_leader\{group="2"\} 1$/m.test(
        await (await fetch(`http://${host}:${base + 80}/metrics`)).text(),
      );
    await expect.poll(leadsLog, { timeout: 30_000 }).toBe(true);
    process.kill(group, "SIGINT");
    await expect.poll(() => readFileSync(logFile, "utf8"), { timeout: 10_000 }).toContain('"msg":"stopping"');
    process.kill(group, "SIGINT");
    expect(await run.exited).toBe(0);
    expect(run.output.stderr).toBe("");
    const log = readFileSync(logFile, "utf8");
    expect(log).toContain("already stopping gracefully");
    expect(log).toContain('"msg":"node stopped"');
  }, 60_000);
});

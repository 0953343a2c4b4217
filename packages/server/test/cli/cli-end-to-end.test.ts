import { status, type ServiceError } from "@grpc/grpc-js";
import { spawn, type ChildProcess } from "node:child_process";
import { closeSync, mkdtempSync, openSync, readFileSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { spawnLocalNode } from "../../src/cli/spawn-node.js";
import { type v1 } from "@millrace/proto";
import { adminClient, logClient } from "../../src/rpc/clients.js";

// One real node on 127.0.0.1 and the CLI as child processes, as a user would run it. Every wait is
// bounded; afterAll kills the node by its pid and removes the temp directory.

const host = "127.0.0.1";
const cli = fileURLToPath(new URL("../../src/cli/main.ts", import.meta.url));
const cliTimeoutMs = 30_000;
const readyTimeoutMs = 45_000;

let dir: string;
let node: ChildProcess | undefined;
let endpoint: string;

interface CliResult {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** A port the kernel just gave out on 127.0.0.1. */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen({ host, port: 0 }, () => {
      const address = server.address();
      server.close(() =>
        typeof address === "object" && address !== null
          ? resolve(address.port)
          : reject(new Error("no port")),
      );
    });
  });
}

/** Runs `millrace <args>` against the node; killed (by its pid) if it outlives cliTimeoutMs. */
function millrace(args: readonly string[], input?: string): Promise<CliResult> {
  const child = spawn(
    process.execPath,
    ["--conditions=@millrace/source", "--import", "tsx", cli, ...args, "--endpoint", endpoint],
    { stdio: ["pipe", "pipe", "pipe"] },
  );
  let stdout = "";
  let stderr = "";
  child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
  child.stdin.end(input ?? "");
  const timer = setTimeout(() => child.kill("SIGKILL"), cliTimeoutMs);
  return new Promise((resolve) =>
    child.once("close", (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    }),
  );
}

/** Like millrace(), but the command must succeed. */
async function ok(args: readonly string[], input?: string): Promise<string> {
  const result = await millrace(args, input);
  expect(result, `millrace ${args.join(" ")}`).toMatchObject({ code: 0, stderr: "" });
  return result.stdout;
}

async function waitReady(httpPort: number, logFile: string): Promise<void> {
  const deadline = Date.now() + readyTimeoutMs;
  while (Date.now() < deadline) {
    if (node?.exitCode !== null) break;
    try {
      const response = await fetch(`http://${host}:${httpPort}/readyz`, {
        signal: AbortSignal.timeout(1000),
      });
      await response.text();
      if (response.ok) return;
    } catch {
      // Not listening yet.
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`the node did not become ready:\n${readFileSync(logFile, "utf8").slice(-4000)}`);
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "millrace-cli-"));
  const ports = { client: await freePort(), peer: await freePort(), http: await freePort() };
  endpoint = `${host}:${ports.client}`;
  const logFile = join(dir, "node.log");
  const log = openSync(logFile, "a");
  node = spawnLocalNode({
    id: 1,
    dataDir: join(dir, "node-1"),
    host,
    ports,
    bootstrap: `1@${host}:${ports.peer}`,
    logLevel: "warn",
    stdio: ["ignore", log, log],
  });
  closeSync(log);
  await waitReady(ports.http, logFile);
}, readyTimeoutMs + 5_000);

afterAll(async () => {
  const child = node;
  if (child?.pid !== undefined && child.exitCode === null && child.signalCode === null) {
    const exited = new Promise((r) => child.once("exit", r));
    child.kill("SIGTERM");
    const timer = setTimeout(() => child.kill("SIGKILL"), 10_000);
    await exited;
    clearTimeout(timer);
  }
  rmSync(dir, { recursive: true, force: true });
}, 15_000);

describe("the millrace CLI against a real node", () => {
  it("creates a queue, sends, receives and deletes, and lists queues, nodes and groups", async () => {
    const queue = "cli-e2e";
    expect(await ok(["queue", "create", queue, "--attr", "VisibilityTimeout=30", "--tag", "team=cli"])).toBe(
      `created queue ${queue}\n`,
    );

    const uuid = /^[0-9a-f-]{36}$/;
    const fromArgs = (await ok(["queue", "send", queue, "first", "second"])).trimEnd().split("\n");
    const fromStdin = (await ok(["queue", "send", queue, "-"], "third\n\nfourth\n")).trimEnd().split("\n");
    expect(fromArgs).toHaveLength(2);
    expect(fromStdin).toHaveLength(2);
    for (const id of [...fromArgs, ...fromStdin]) expect(id).toMatch(uuid);

    // A receive may return fewer messages than are there; a few bounded rounds collect them all.
    type Received = { messageId: string; body: string; receiveCount: number; receiptHandle: string };
    const received: Received[] = [];
    for (let round = 0; round < 5 && received.length < 4; round++) {
      const out = await ok(["queue", "receive", queue, "--max", "10", "--wait", "1", "--delete"]);
      for (const line of out.split("\n").filter((l) => l !== "")) received.push(JSON.parse(line) as Received);
    }
    expect(received.map((m) => m.body).sort()).toEqual(["first", "fourth", "second", "third"]);
    expect(received.map((m) => m.messageId).sort()).toEqual([...fromArgs, ...fromStdin].sort());
    for (const m of received) {
      expect(m.receiveCount).toBe(1);
      expect(m.receiptHandle).not.toBe("");
    }
    // --delete deleted them: nothing is left, visible or in flight.
    const attributes = JSON.parse(await ok(["queue", "attributes", queue, "--json"])) as Record<
      string,
      string
    >;
    expect(attributes).toMatchObject({
      VisibilityTimeout: "30",
      ApproximateNumberOfMessages: "0",
      ApproximateNumberOfMessagesNotVisible: "0",
    });

    expect((await ok(["queue", "list"])).split("\n")).toContain(queue);
    const listed = JSON.parse(await ok(["queue", "list", "--prefix", "cli-", "--json"])) as {
      name: string;
    }[];
    expect(listed.map((q) => q.name)).toEqual([queue]);

    const nodes = (await ok(["nodes"])).split("\n");
    expect(nodes[0]).toMatch(/^id\s+state\s+client\s+peer\s+http\s+replicas\s+leaders\s+heard$/);
    expect(nodes[1]).toMatch(
      new RegExp(`^1\\s+active\\s+${endpoint.replace(/\./g, "\\.")}\\s.*\\s\\S+ ago$`),
    );
    // The cluster's health from the meta group's records (once every group's leader has reported).
    await expect
      .poll(async () => (await ok(["status"])).split("\n").slice(0, 2), { timeout: 15_000 })
      .toEqual([
        expect.stringMatching(/^cluster \S+: 1 nodes \(1 reachable\), controller on node 1 /),
        expect.stringMatching(/^\d+ groups: 0 without a reachable leader, 0 under-replicated$/),
      ]);

    const groups = await ok(["groups"]);
    expect(groups).toMatch(
      /^group\s+kind\s+resource\s+partition\s+leader\s+term\s+commit\s+applied\s+replicas$/m,
    );
    expect(groups).toMatch(/^1\s+meta\s+-\s+0\s+1\s/m);
    expect(groups).toMatch(new RegExp(`^\\d+\\s+queue\\s+${queue}\\s+0\\s+1\\s`, "m"));
    const queueGroups = JSON.parse(await ok(["groups", "--kind", "queue", "--node", "1", "--json"])) as {
      kind: string;
      resourceName: string;
      leaderNodeId: number;
    }[];
    expect(queueGroups.length).toBeGreaterThan(0);
    for (const g of queueGroups)
      expect(g).toMatchObject({ kind: "GROUP_KIND_QUEUE_PARTITION", resourceName: queue });
    // Left idle, the queue's group stops ticking, and ListGroups says so.
    const admin = adminClient(endpoint);
    const quiesced = async () => {
      const listed = await new Promise<v1.ListGroupsResponse__Output>((resolve, reject) =>
        admin.listGroups({ kind: "GROUP_KIND_QUEUE_PARTITION" }, { deadline: Date.now() + 5_000 }, (e, v) =>
          e === null ? resolve(v as v1.ListGroupsResponse__Output) : reject(e),
        ),
      );
      return listed.groups.filter((g) => g.resourceName === queue).map((g) => g.quiesced);
    };
    try {
      await expect.poll(quiesced, { timeout: 20_000, interval: 500 }).toEqual(queueGroups.map(() => true));
    } finally {
      admin.close();
    }

    // Failures: a server error prints its code and exits 1; bad usage prints the usage and exits 2.
    const missing = await millrace(["queue", "receive", "no-such-queue"]);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/^millrace: NOT_FOUND: .*no-such-queue/);
    const badUsage = await millrace(["queue", "receive", "--max", "11", queue]);
    expect(badUsage.code).toBe(2);
    expect(badUsage.stderr).toContain("--max must be an integer in [1, 10]");
    expect(badUsage.stderr).toContain("usage: millrace queue receive <name>");
  }, 180_000);

  it("appends to, reads and trims the replicated log", async () => {
    expect(await ok(["log", "append", "one", "two", "three"])).toBe("appended 3 record(s) from sequence 1\n");
    expect(await ok(["log", "trim", "--before", "3"])).toBe("the log now starts at sequence 3\n");
    expect(await ok(["log", "read"])).toBe("3\tthree\n(first 3, next 4)\n");
    const badTrim = await millrace(["log", "trim", "--before", "0"]);
    expect(badTrim.code).not.toBe(0);
    expect(badTrim.stderr).toContain("log trim needs --before N, a positive integer");
    // The service itself refuses the same, naming the field, for clients that skip the CLI's check.
    const client = logClient(endpoint);
    try {
      const refused = await new Promise<ServiceError | null>((resolve) =>
        client.trim({ groupId: 0, beforeSeq: "0" }, { deadline: Date.now() + 10_000 }, (error) =>
          resolve(error),
        ),
      );
      expect(refused?.code).toBe(status.INVALID_ARGUMENT);
      expect(refused?.details).toContain("before_seq");
    } finally {
      client.close();
    }
  }, 60_000);
});

/**
 * `npm run bench`: a 3-node local cluster (real `millrace node` processes, LevelDB, gRPC over loopback),
 * measured from one client process. Durability is on: every group-commit round holding Raft entries,
 * terms or votes is fsynced before anything depending on it is sent or acknowledged.
 *
 * 1. append throughput: 1 KiB records from pipelined clients (several calls in flight, from two load
 *    processes so the client is not the bottleneck), one record per call and 32 records per call;
 * 2. single-append latency on an idle cluster: one call at a time, p50/p90/p99;
 * 3. how many Raft entries each fsync covered on the leader, from its /metrics.
 *
 * Prints a table and a JSON line. Options: --seconds N per throughput phase (default 10).
 */
import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { type v1 } from "@millrace/proto";
import { spawnLocalNode } from "../src/cli/spawn-node.js";
import { fromServiceError } from "@millrace/gateway";
import { logClient } from "../src/rpc/clients.js";

const { values } = parseArgs({ options: { seconds: { type: "string", default: "10" } } });
const phaseSeconds = Number(values.seconds);
const recordBytes = 1024;
const loadScript = fileURLToPath(new URL("./append-load.ts", import.meta.url));

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() => resolve(typeof address === "object" && address !== null ? address.port : 0));
    });
  });
}

interface BenchNode {
  id: number;
  client: number;
  peer: number;
  http: number;
  process: ChildProcess;
}

async function startCluster(dir: string): Promise<BenchNode[]> {
  const ports = [];
  for (let i = 0; i < 3; i++)
    ports.push({ client: await freePort(), peer: await freePort(), http: await freePort() });
  const bootstrap = ports.map((p, i) => `${i + 1}@127.0.0.1:${p.peer}`).join(",");
  return ports.map((p, i) => {
    const child = spawnLocalNode({
      id: i + 1,
      dataDir: join(dir, `node-${i + 1}`),
      host: "127.0.0.1",
      ports: p,
      bootstrap,
      logLevel: "warn",
      stdio: ["ignore", "ignore", "inherit"],
    });
    return { id: i + 1, ...p, process: child };
  });
}

function append(client: v1.LogServiceClient, records: Buffer[]): Promise<v1.AppendResponse__Output> {
  return new Promise((resolve, reject) => {
    client.append({ groupId: 0, records }, { deadline: Date.now() + 10_000 }, (error, value) =>
      error === null ? resolve(value as v1.AppendResponse__Output) : reject(fromServiceError(error)),
    );
  });
}

/** Finds the log group's leader by following NOT_LEADER hints, waiting for the cluster to come up. */
async function findLeader(nodes: BenchNode[]): Promise<BenchNode> {
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    for (const node of nodes) {
      const client = logClient(`127.0.0.1:${node.client}`);
      try {
        await append(client, [Buffer.from("warm-up")]);
        return node;
      } catch {
        // not the leader yet, or not up
      } finally {
        client.close();
      }
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error("no leader within 60 s");
}

/** Runs `processes` load generators (append-load.ts) at once, each with its share of the calls in flight. */
async function throughput(
  address: string,
  recordsPerCall: number,
  inFlight: number,
  processes: number,
): Promise<{ rate: number; calls: number; p50: number; p99: number }> {
  const results = await Promise.all(
    Array.from({ length: processes }, () => {
      const child = spawn(
        process.execPath,
        [
          "--conditions=@millrace/source",
          "--import",
          "tsx",
          loadScript,
          "--address",
          address,
          "--records",
          String(recordsPerCall),
          "--in-flight",
          String(Math.ceil(inFlight / processes)),
          "--seconds",
          String(phaseSeconds),
        ],
        { stdio: ["ignore", "pipe", "inherit"] },
      );
      let out = "";
      child.stdout.on("data", (chunk: Buffer) => (out += chunk.toString()));
      return new Promise<{ records: number; elapsedSeconds: number; latencies: number[] }>(
        (resolve, reject) =>
          child.once("exit", (code) =>
            code === 0
              ? resolve(JSON.parse(out) as never)
              : reject(new Error(`load generator exited with ${code}`)),
          ),
      );
    }),
  );
  const latencies = results.flatMap((r) => r.latencies).sort((a, b) => a - b);
  const rate = results.reduce((sum, r) => sum + r.records / r.elapsedSeconds, 0);
  return { rate, calls: latencies.length, p50: percentile(latencies, 0.5), p99: percentile(latencies, 0.99) };
}

async function latency(address: string, count: number): Promise<{ p50: number; p90: number; p99: number }> {
  const client = logClient(address);
  const samples: number[] = [];
  const record = [Buffer.alloc(recordBytes, 0x62)];
  for (let i = 0; i < count; i++) {
    const start = process.hrtime.bigint();
    await append(client, record);
    samples.push(Number(process.hrtime.bigint() - start) / 1e6);
  }
  client.close();
  samples.sort((a, b) => a - b);
  return { p50: percentile(samples, 0.5), p90: percentile(samples, 0.9), p99: percentile(samples, 0.99) };
}

function percentile(sorted: number[], q: number): number {
  return sorted.length === 0
    ? 0
    : (sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] as number);
}

async function fsyncStats(node: BenchNode): Promise<{ entries: number; fsyncs: number; fsyncP50Ms: number }> {
  const text = await (await fetch(`http://127.0.0.1:${node.http}/metrics`)).text();
  const value = (name: string) => Number(new RegExp(`^${name} (\\S+)$`, "m").exec(text)?.[1] ?? "0");
  return {
    entries: value("millrace_storage_entries_per_fsync_sum"),
    fsyncs: value("millrace_storage_entries_per_fsync_count"),
    fsyncP50Ms: 0,
  };
}

const dir = mkdtempSync(join(tmpdir(), "millrace-bench-"));
const nodes = await startCluster(dir);
try {
  const leader = await findLeader(nodes);
  const address = `127.0.0.1:${leader.client}`;
  const before = await fsyncStats(leader);
  const single = await throughput(address, 1, 256, 2);
  const batched = await throughput(address, 32, 64, 2);
  const after = await fsyncStats(leader);
  await new Promise((r) => setTimeout(r, 1000));
  const idle = await latency(address, 2000);
  const entriesPerFsync = (after.entries - before.entries) / Math.max(1, after.fsyncs - before.fsyncs);
  const rows = [
    [
      "append, 1 KiB, 1 record/call, 256 in flight",
      `${Math.round(single.rate).toLocaleString("en-US")} records/s`,
      `p50 ${single.p50.toFixed(2)} ms, p99 ${single.p99.toFixed(2)} ms per call`,
    ],
    [
      "append, 1 KiB, 32 records/call, 64 in flight",
      `${Math.round(batched.rate).toLocaleString("en-US")} records/s`,
      `p50 ${batched.p50.toFixed(2)} ms, p99 ${batched.p99.toFixed(2)} ms per call`,
    ],
    [
      "single append, idle, 1 at a time",
      `p50 ${idle.p50.toFixed(2)} ms`,
      `p90 ${idle.p90.toFixed(2)} ms, p99 ${idle.p99.toFixed(2)} ms`,
    ],
    [
      "Raft entries per fsync (leader, throughput phases)",
      entriesPerFsync.toFixed(1),
      `${after.fsyncs - before.fsyncs} fsyncs`,
    ],
  ];
  console.log(
    "Millrace bench: 3 nodes on 127.0.0.1; every round holding Raft entries, terms or votes is fsynced before it is acknowledged",
  );
  for (const [what, figure, detail] of rows)
    console.log(`${(what as string).padEnd(52)} ${(figure as string).padEnd(22)} ${detail as string}`);
  console.log(JSON.stringify({ bench: "cluster", phaseSeconds, single, batched, idle, entriesPerFsync }));
} finally {
  for (const node of nodes) node.process.kill("SIGTERM");
  await Promise.all(
    nodes.map((n) => new Promise((r) => (n.process.exitCode !== null ? r(null) : n.process.once("exit", r)))),
  );
  rmSync(dir, { recursive: true, force: true });
}

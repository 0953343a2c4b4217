/**
 * What the benchmark phases share: the 3-node cluster they run against, the load-generator processes,
 * percentiles, and reading a node's memory from its /metrics.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { createServer } from "node:net";
import { join } from "node:path";
import { credentials } from "@grpc/grpc-js";
import { fromServiceError } from "@millrace/gateway";
import { loadMillraceProto, type v1 } from "@millrace/proto";
import { spawnLocalNode } from "../src/cli/spawn-node.js";
import { clientWindowOptions } from "../src/rpc/flow-control.js";

export interface BenchNode {
  id: number;
  client: number;
  peer: number;
  http: number;
  process: ChildProcess;
}

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

export async function startCluster(dir: string): Promise<BenchNode[]> {
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

interface LoadResult {
  records: number;
  elapsedSeconds: number;
  /** CPU (user + system, every thread) the load generator itself used. */
  cpuSeconds: number;
  latencies: number[];
}

export interface LoadSummary {
  rate: number;
  /** Records (or messages) acknowledged across every load generator. */
  records: number;
  calls: number;
  p50: number;
  p99: number;
  /**
   * The load generators' own CPU microseconds per record. They share this machine's two cores with the
   * nodes, so what they spend is taken from the nodes' budget; a row shows both.
   */
  clientUsPerRecord: number;
}

/** The wall-clock span every load generator of a phase measures (load-window.ts). */
export interface Span {
  readonly fromMs: number;
  readonly untilMs: number;
}

/** A span of `seconds` that begins `leadInSeconds` from now: the generators start and warm up first. */
export function spanAfter(leadInSeconds: number, seconds: number): Span {
  const fromMs = Date.now() + leadInSeconds * 1000;
  return { fromMs, untilMs: fromMs + seconds * 1000 };
}

/**
 * Runs one load-generator process per argument list, all at once, and gathers their results: over
 * `timing` seconds from each one's start, or over a shared span.
 */
export async function runLoad(
  script: string,
  argLists: readonly string[][],
  timing: number | Span,
): Promise<LoadSummary> {
  const timingArgs =
    typeof timing === "number"
      ? ["--seconds", String(timing)]
      : ["--from-ms", String(timing.fromMs), "--until-ms", String(timing.untilMs)];
  const results = await Promise.all(
    argLists.map((args) => {
      const child = spawn(
        process.execPath,
        [
          // The load generators allocate Buffers as fast as the nodes do, and with V8's own growing factor
          // spent about a quarter more CPU per record (20 µs against 27 with it): CPU the nodes then lack.
          "--heap-growing-percent=200",
          "--conditions=@millrace/source",
          "--import",
          "tsx",
          script,
          ...args,
          ...timingArgs,
        ],
        { stdio: ["ignore", "pipe", "inherit"] },
      );
      let out = "";
      child.stdout.on("data", (chunk: Buffer) => (out += chunk.toString()));
      return new Promise<LoadResult>((resolve, reject) =>
        child.once("exit", (code) =>
          code === 0
            ? resolve(JSON.parse(out) as LoadResult)
            : reject(new Error(`load generator exited with ${code}`)),
        ),
      );
    }),
  );
  const latencies = results.flatMap((r) => r.latencies).sort((a, b) => a - b);
  const rate = results.reduce((sum, r) => sum + r.records / r.elapsedSeconds, 0);
  const records = results.reduce((sum, r) => sum + r.records, 0);
  const clientSeconds = results.reduce((sum, r) => sum + r.cpuSeconds, 0);
  return {
    rate,
    records,
    calls: latencies.length,
    p50: percentile(latencies, 0.5),
    p99: percentile(latencies, 0.99),
    clientUsPerRecord: records === 0 ? 0 : (clientSeconds * 1e6) / records,
  };
}

export function percentile(sorted: number[], q: number): number {
  return sorted.length === 0
    ? 0
    : (sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] as number);
}

export function unaryCall<T>(fn: (cb: (e: unknown, v?: T) => void) => void): Promise<T> {
  return new Promise((resolve, reject) =>
    fn((e, v) => (e === null || e === undefined ? resolve(v as T) : reject(fromServiceError(e as never)))),
  );
}

export async function timeEach(
  count: number,
  fn: () => Promise<unknown>,
): Promise<{ p50: number; p90: number; p99: number }> {
  const samples: number[] = [];
  for (let i = 0; i < count; i++) {
    const start = process.hrtime.bigint();
    await fn();
    samples.push(Number(process.hrtime.bigint() - start) / 1e6);
  }
  samples.sort((a, b) => a - b);
  return { p50: percentile(samples, 0.5), p90: percentile(samples, 0.9), p99: percentile(samples, 0.99) };
}

export function queueClients(nodes: readonly BenchNode[]): v1.QueueServiceClient[] {
  const proto = loadMillraceProto();
  return nodes.map(
    (n) =>
      new proto.millrace.v1.QueueService(
        `127.0.0.1:${n.client}`,
        credentials.createInsecure(),
        clientWindowOptions,
      ),
  );
}

/** Creates a queue, retrying while the young cluster answers that it should be retried. */
export async function createBenchQueue(
  client: v1.QueueServiceClient,
  queueName: string,
  attributes: Record<string, string>,
): Promise<void> {
  for (let attempt = 0; ; attempt++) {
    try {
      await unaryCall<unknown>((cb) =>
        client.createQueue({ queueName, attributes }, { deadline: Date.now() + 60_000 }, cb),
      );
      return;
    } catch (error) {
      if (attempt >= 50 || !(error as { retryable?: boolean }).retryable) throw error;
      await new Promise((r) => setTimeout(r, 200));
    }
  }
}

export interface NodeMemory {
  /** Resident set size, bytes. */
  rss: number;
  /** V8 heap in use, bytes. */
  heapUsed: number;
  /** Memory held by Buffers and other objects outside the V8 heap, bytes. */
  external: number;
}

/** A node's memory as its /metrics reports it (prom-client's process metrics). */
export async function nodeMemory(node: BenchNode): Promise<NodeMemory> {
  const text = await (await fetch(`http://127.0.0.1:${node.http}/metrics`)).text();
  const value = (name: string) => Number(new RegExp(`^${name} (\\S+)$`, "m").exec(text)?.[1] ?? "NaN");
  return {
    rss: value("millrace_process_process_resident_memory_bytes"),
    heapUsed: value("millrace_process_nodejs_heap_size_used_bytes"),
    external: value("millrace_process_nodejs_external_memory_bytes"),
  };
}

export const mib = (bytes: number): string => `${(bytes / 1024 / 1024).toFixed(0)} MiB`;
export const rate = (r: { rate: number }, unit: string): string =>
  `${Math.round(r.rate).toLocaleString("en-US")} ${unit}`;
export const perCall = (r: { p50: number; p99: number }): string =>
  `p50 ${r.p50.toFixed(2)} ms, p99 ${r.p99.toFixed(2)} ms per call`;

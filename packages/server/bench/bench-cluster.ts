/**
 * `npm run bench`: a 3-node local cluster (real `millrace node` processes, LevelDB, gRPC over loopback),
 * loaded from separate client processes. Durability is on: every group-commit round holding Raft entries,
 * terms or votes is fsynced before anything depending on it is sent or acknowledged.
 *
 * Log (LogService): append throughput with 1 KiB records, 1 and 32 per call; single-append latency on an
 * idle cluster; how many Raft entries each fsync covered on the leader, and how many records each entry.
 * Queues (QueueService, a standard queue over 3 partitions, clients on every node): sends in batches of
 * 10 (as calls and as stream frames), receive + delete (as calls, as stream frames, then through the
 * SDK's consume()), both at once, then one send and one receive at a time on an idle cluster. Last,
 * 201 consumers long-poll another 3-partition queue that gets one message every 20 ms: how many arrive,
 * how soon after their send, and the nodes' CPU per message.
 *
 * Floor: a bare gRPC echo between two processes (echo-floor.ts), the cost of one hop without Millrace:
 * latency back to back and after a pause, and with 64 in flight the echo server's CPU per call.
 *
 * Memory (`--only memory`, not part of the default run: it takes minutes): fills a standard queue with
 * `--messages` 1 KiB messages (default 1,000,000) and reports each node's resident memory while it fills.
 *
 * Each throughput row also gives the nodes' CPU per message (all threads of all 3 nodes, from /proc; in
 * brackets the part on their main threads, the rest being GC helpers, LevelDB's writes and compaction)
 * and how busy the whole machine was: on a 2-core machine the figures are set by CPU.
 *
 * Prints a table and a JSON line. Options: --seconds N per throughput phase (default 10), --warm-up N
 * seconds of unmeasured load before the log and the queue phases (default 5), --lead-in N seconds each
 * throughput phase's load runs before its measured span (default 5; the first seconds of a load
 * generator are its own warm-up),
 * --only log|queue|memory, --messages N (memory phase).
 * MILLRACE_NODE_FLAGS passes flags to the node processes, e.g. "--cpu-prof --cpu-prof-dir=/tmp/prof".
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { Metadata } from "@grpc/grpc-js";
import { type v1 } from "@millrace/proto";
import { fromServiceError, redirectMetadataKey } from "@millrace/gateway";
import { logClient } from "../src/rpc/clients.js";
import {
  createBenchQueue,
  percentile,
  perCall,
  queueClients,
  rate,
  runLoad,
  spanAfter,
  startCluster,
  timeEach,
  unaryCall,
  type BenchNode,
} from "./bench-support.js";
import { cpuText, meterSpan, startCpuMeter, type CpuUse } from "./cpu-meter.js";
import { echoFloor } from "./echo-floor.js";
import { memoryPhase } from "./memory-phase.js";

const { values } = parseArgs({
  options: {
    seconds: { type: "string", default: "10" },
    "warm-up": { type: "string", default: "5" },
    "lead-in": { type: "string", default: "5" },
    only: { type: "string" },
    messages: { type: "string", default: "1000000" },
  },
});
const phaseSeconds = Number(values.seconds);
/**
 * Seconds of unmeasured load before a set of throughput phases. A node's first seconds under load go to
 * V8 compiling the hot paths (seen with perf: a tenth or more of its CPU), which a long-running broker
 * pays once; the phases measure what comes after.
 */
const warmUpSeconds = Number(values["warm-up"]);
const leadInSeconds = Number(values["lead-in"]);
/** `--only log`, `--only queue` or `--only memory` runs one set of phases (memory runs only when asked). */
const only = values.only;
const recordBytes = 1024;
const loadScript = fileURLToPath(new URL("./append-load.ts", import.meta.url));
const queueLoadScript = fileURLToPath(new URL("./queue-load.ts", import.meta.url));

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
  // Any node accepts an append (followers forward it); only the leader accepts one that asks to be
  // redirected, so this finds the node the load should go to.
  const redirect = new Metadata();
  redirect.set(redirectMetadataKey, "1");
  while (Date.now() < deadline) {
    for (const node of nodes) {
      const client = logClient(`127.0.0.1:${node.client}`);
      try {
        await new Promise((resolve, reject) =>
          client.append(
            { groupId: 0, records: [Buffer.from("warm-up")] },
            redirect,
            { deadline: Date.now() + 10_000 },
            (error, value) => (error === null ? resolve(value) : reject(error)),
          ),
        );
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

/** Log appends from `processes` load generators, each with its share of the calls in flight. */
function throughput(address: string, recordsPerCall: number, inFlight: number, processes: number) {
  const share = String(Math.ceil(inFlight / processes));
  return metered(
    loadScript,
    Array.from({ length: processes }, () => [
      "--address",
      address,
      "--records",
      String(recordsPerCall),
      "--in-flight",
      share,
    ]),
  );
}

let nodePids: number[] = [];

/**
 * Runs a load phase and measures the nodes' CPU over it. The generators run `leadInSeconds` before the
 * span they and the meter measure: a fresh generator compiles its hot code in its first seconds, on the
 * cores the nodes use, and the nodes meet the phase's mix of calls for the first time.
 */
async function metered(script: string, argLists: readonly string[][]) {
  const span = spanAfter(leadInSeconds, phaseSeconds);
  const meter = meterSpan(nodePids, span.fromMs, span.untilMs);
  const load = await runLoad(script, argLists, span);
  return { ...load, cpu: meter.result(load.records) };
}

/**
 * The detail column of a throughput row: latency per call (where calls were timed: consume() handles
 * messages, not calls), and CPU per record where measured.
 */
const loadDetail = (
  load: { p50: number; p99: number; cpu: CpuUse | undefined; clientUsPerRecord: number },
  unit: string,
  timed = true,
) =>
  `${timed ? perCall(load) : "no per-call latency"}${cpuText(load.cpu, unit)}, load generators ${Math.round(load.clientUsPerRecord)} µs`;

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

async function fsyncStats(node: BenchNode): Promise<{ entries: number; fsyncs: number; fsyncP50Ms: number }> {
  const text = await (await fetch(`http://127.0.0.1:${node.http}/metrics`)).text();
  const value = (name: string) => Number(new RegExp(`^${name} (\\S+)$`, "m").exec(text)?.[1] ?? "0");
  return {
    entries: value("millrace_storage_entries_per_fsync_sum"),
    fsyncs: value("millrace_storage_entries_per_fsync_count"),
    fsyncP50Ms: 0,
  };
}

/** The replicated log (LogService): append throughput and single-append latency, and entries per fsync. */
async function logPhases(nodes: BenchNode[], rows: string[][]): Promise<Record<string, unknown>> {
  await findLeader(nodes);
  // The controller spreads leaders across nodes soon after start: let it settle, then find the leader.
  await new Promise((r) => setTimeout(r, 5000));
  const leader = await findLeader(nodes);
  const address = `127.0.0.1:${leader.client}`;
  await runLoad(loadScript, [["--address", address, "--records", "8", "--in-flight", "64"]], warmUpSeconds);
  const before = await fsyncStats(leader);
  const single = await throughput(address, 1, 256, 2);
  const batched = await throughput(address, 32, 64, 2);
  const after = await fsyncStats(leader);
  await new Promise((r) => setTimeout(r, 1000));
  const idle = await latency(address, 2000);
  const entries = Math.max(1, after.entries - before.entries);
  const entriesPerFsync = entries / Math.max(1, after.fsyncs - before.fsyncs);
  // The log leader folds appends arriving together into one entry (log-appender.ts).
  const recordsPerEntry = (single.records + batched.records) / entries;
  rows.push(
    [
      "log append, 1 KiB, 1 record/call, 256 in flight",
      rate(single, "records/s"),
      loadDetail(single, "record"),
    ],
    [
      "log append, 1 KiB, 32 records/call, 64 in flight",
      rate(batched, "records/s"),
      loadDetail(batched, "record"),
    ],
    [
      "log append, idle, 1 at a time",
      `p50 ${idle.p50.toFixed(2)} ms`,
      `p90 ${idle.p90.toFixed(2)} ms, p99 ${idle.p99.toFixed(2)} ms`,
    ],
    [
      "Raft entries per fsync (log leader, throughput)",
      entriesPerFsync.toFixed(1),
      `${after.fsyncs - before.fsyncs} fsyncs`,
    ],
    ["records per Raft entry (log leader, throughput)", recordsPerEntry.toFixed(1), `${entries} entries`],
  );
  return { single, batched, idle, entriesPerFsync, recordsPerEntry };
}

/**
 * Queues (QueueService) on a standard queue with 3 partitions, clients spread over the 3 nodes: sends in
 * batches of 10 as unary calls and as frames of a SendMessageStream, receive + delete (as unary calls, as
 * frames of a ConsumeStream, then through the SDK's consume()), both at once, then one send and one
 * receive at a time on an idle cluster.
 */
async function queuePhases(nodes: BenchNode[], rows: string[][]): Promise<Record<string, unknown>> {
  await findLeader(nodes);
  const clients = queueClients(nodes);
  const queueName = "bench";
  await createBenchQueue(clients[0]!, queueName, { Partitions: "3", VisibilityTimeout: "60" });
  // Let the controller spread the partitions' leaders before measuring.
  await new Promise((r) => setTimeout(r, 5000));
  const at = (i: number) => `127.0.0.1:${nodes[i % nodes.length]!.client}`;
  /** Mode "send" makes SendMessageBatch calls; "stream" sends the same batches over a SendMessageStream. */
  const sendArgs = (i: number, inFlight: number, mode = "send") => [
    "--address",
    at(i),
    "--queue",
    queueName,
    "--mode",
    mode,
    "--batch",
    "10",
    "--in-flight",
    String(inFlight),
  ];
  /** Mode "consume" makes ReceiveMessage and DeleteMessageBatch calls; "consume-stream" sends them as
   * frames of a ConsumeStream. */
  const consumeArgs = (i: number, inFlight: number, mode = "consume") => [
    "--address",
    at(i),
    "--queue",
    queueName,
    "--mode",
    mode,
    "--in-flight",
    String(inFlight),
  ];
  await runLoad(
    queueLoadScript,
    [sendArgs(0, 6), sendArgs(1, 6), consumeArgs(1, 6), consumeArgs(2, 6)],
    warmUpSeconds,
  );
  const sends = await metered(
    queueLoadScript,
    [0, 1, 2].map((i) => sendArgs(i, 8)),
  );
  const streamed = await metered(
    queueLoadScript,
    [0, 1, 2].map((i) => sendArgs(i, 8, "stream")),
  );
  const consumed = await metered(
    queueLoadScript,
    [0, 1, 2].map((i) => consumeArgs(i, 6)),
  );
  const consumedStream = await metered(
    queueLoadScript,
    [0, 1, 2].map((i) => consumeArgs(i, 6, "consume-stream")),
  );
  // Unmeasured: tops the queue up, so the consumers that follow never find it empty.
  await runLoad(
    queueLoadScript,
    [0, 1, 2].map((i) => sendArgs(i, 8, "stream")),
    warmUpSeconds,
  );
  // The same through the SDK's consume(): 60 handler slots make up to 6 receives of 10 in flight per
  // process, as the raw consumers keep 6.
  const sdkConsumed = await metered(
    queueLoadScript,
    [0, 1, 2].map((i) => [
      "--address",
      at(i),
      "--queue",
      queueName,
      "--mode",
      "sdk-consume",
      "--in-flight",
      "60",
    ]),
  );
  const mixed = await metered(queueLoadScript, [
    sendArgs(0, 6),
    sendArgs(1, 6),
    consumeArgs(1, 6),
    consumeArgs(2, 6),
  ]);
  await new Promise((r) => setTimeout(r, 1000));
  const body = "m".repeat(1024);
  const sendLatency = await timeEach(500, () =>
    unaryCall((cb) =>
      clients[0]!.sendMessage({ queueName, messageBody: body }, { deadline: Date.now() + 10_000 }, cb),
    ),
  );
  const receiveLatency = await timeEach(500, async () => {
    const r = await unaryCall<{ messages: { receiptHandle: string }[] }>((cb) =>
      clients[0]!.receiveMessage(
        { queueName, maxNumberOfMessages: 1 },
        { deadline: Date.now() + 10_000 },
        cb,
      ),
    );
    return r;
  });
  const idlePolls = await idleConsumers(clients[0]!, at);
  for (const c of clients) c.close();
  rows.push(
    [
      "queue send, 1 KiB, batches of 10, 24 in flight",
      rate(sends, "messages/s"),
      loadDetail(sends, "message"),
    ],
    [
      "queue send over SendMessageStream, the same load",
      rate(streamed, "messages/s"),
      loadDetail(streamed, "message"),
    ],
    [
      "queue receive + delete, 1 KiB, 18 consumers",
      rate(consumed, "messages/s"),
      loadDetail(consumed, "message"),
    ],
    [
      "queue receive + delete over ConsumeStream, the same load",
      rate(consumedStream, "messages/s"),
      loadDetail(consumedStream, "message"),
    ],
    [
      "queue consume() through the SDK, 3 consumers of 60 slots",
      rate(sdkConsumed, "messages/s"),
      loadDetail(sdkConsumed, "message", false),
    ],
    [
      "queue send and consume at once (sent + consumed)",
      rate(mixed, "messages/s"),
      loadDetail(mixed, "message"),
    ],
    [
      "queue send, idle, 1 at a time",
      `p50 ${sendLatency.p50.toFixed(2)} ms`,
      `p90 ${sendLatency.p90.toFixed(2)} ms, p99 ${sendLatency.p99.toFixed(2)} ms`,
    ],
    [
      "queue receive of an available message, 1 at a time",
      `p50 ${receiveLatency.p50.toFixed(2)} ms`,
      `p90 ${receiveLatency.p90.toFixed(2)} ms, p99 ${receiveLatency.p99.toFixed(2)} ms`,
    ],
  );
  rows.push([
    `queue, ${idlePollers} long polls waiting, one send every ${trickleIntervalMs} ms`,
    `${idlePolls.polls.records} of ${idlePolls.trickle.records} received`,
    `p50 ${idlePolls.polls.p50.toFixed(1)} ms, p99 ${idlePolls.polls.p99.toFixed(1)} ms from send to receipt` +
      cpuText(idlePolls.cpu, "message"),
  ]);
  return {
    queue: {
      sends,
      streamed,
      consumed,
      consumedStream,
      sdkConsumed,
      mixed,
      sendLatency,
      receiveLatency,
      idlePolls,
    },
  };
}

const idlePollers = 201;
const trickleIntervalMs = 20;

/**
 * Many consumers long-polling a queue that gets a message now and then, the common shape of a worker
 * pool: what each message costs the cluster, and how soon one of the waiting consumers has it. Sends
 * start once the polls wait. Before a send woke one poll per message, each woke all of them.
 */
async function idleConsumers(client: v1.QueueServiceClient, at: (i: number) => string) {
  const queueName = "bench-idle";
  await createBenchQueue(client, queueName, { Partitions: "3" });
  await new Promise((r) => setTimeout(r, 2000));
  const queueArgs = (i: number, mode: string) => ["--address", at(i), "--queue", queueName, "--mode", mode];
  const meter = startCpuMeter(nodePids);
  const [polls, trickle] = await Promise.all([
    runLoad(
      queueLoadScript,
      [0, 1, 2].map((i) => [...queueArgs(i, "poll"), "--in-flight", String(idlePollers / 3)]),
      phaseSeconds,
    ),
    runLoad(
      queueLoadScript,
      [
        [
          ...queueArgs(0, "trickle"),
          "--in-flight",
          "1",
          "--interval-ms",
          String(trickleIntervalMs),
          "--start-after-ms",
          "2000",
        ],
      ],
      phaseSeconds,
    ),
  ]);
  return { polls, trickle, cpu: meter.stop(polls.records) };
}

// Measured before the cluster starts, on a quiet machine: what any one hop costs without Millrace.
const floor = only === "memory" ? undefined : await echoFloor();
const dir = mkdtempSync(join(tmpdir(), "millrace-bench-"));
const nodes = await startCluster(dir);
nodePids = nodes.flatMap((n) => (n.process.pid === undefined ? [] : [n.process.pid]));
try {
  const rows: string[][] = [];
  const json: Record<string, unknown> = { bench: "cluster", phaseSeconds };
  if (floor !== undefined) {
    json["echoFloor"] = floor;
    rows.push(
      [
        "floor: bare gRPC echo, 1 KiB, 2 processes, back to back",
        `p50 ${floor.backToBack.p50.toFixed(2)} ms`,
        `p90 ${floor.backToBack.p90.toFixed(2)} ms, p99 ${floor.backToBack.p99.toFixed(2)} ms`,
      ],
      [
        "floor: the same echo after a 10 ms pause",
        `p50 ${floor.afterPause.p50.toFixed(2)} ms`,
        `p90 ${floor.afterPause.p90.toFixed(2)} ms, p99 ${floor.afterPause.p99.toFixed(2)} ms`,
      ],
      [
        "floor: the same echo, 64 in flight",
        `${Math.round(floor.pipelined.callsPerSecond).toLocaleString("en-US")} calls/s`,
        floor.pipelined.serverUsPerCall === undefined
          ? "server CPU not measured (no /proc)"
          : `echo server ${floor.pipelined.serverUsPerCall.toFixed(0)} µs CPU/call`,
      ],
    );
  }
  if (only === undefined || only === "log") Object.assign(json, await logPhases(nodes, rows));
  if (only === undefined || only === "queue") Object.assign(json, await queuePhases(nodes, rows));
  if (only === "memory")
    Object.assign(
      json,
      await memoryPhase(nodes, rows, { messages: Number(values.messages), queueLoadScript }),
    );
  console.log(
    "Millrace bench: 3 nodes on 127.0.0.1; every round holding Raft entries, terms or votes is fsynced before it is acknowledged",
  );
  for (const [what, figure, detail] of rows)
    console.log(`${(what as string).padEnd(56)} ${(figure as string).padEnd(24)} ${detail as string}`);
  console.log(JSON.stringify(json));
} finally {
  for (const node of nodes) node.process.kill("SIGTERM");
  await Promise.all(
    nodes.map((n) => new Promise((r) => (n.process.exitCode !== null ? r(null) : n.process.once("exit", r)))),
  );
  rmSync(dir, { recursive: true, force: true });
}

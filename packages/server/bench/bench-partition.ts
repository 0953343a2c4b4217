/**
 * `npm run bench:partition`: one queue partition on one node, without gRPC or replication: the cost of
 * the queue's own path (the partition leader's batching, Raft on a single voter, group commit with fsync,
 * the state machine and its LevelDB writes), which the cluster bench mixes with everything else.
 *
 * Drives a PartitionLeader in this process, as the QueueService would: sends of 10 1 KiB messages
 * (24 in flight), then receive (up to 10) + delete of the same messages (18 in flight), then both at
 * once. A first round warms V8 up and is not reported. Each row gives this process's CPU per message,
 * split into the main thread (JavaScript) and the other threads (V8's compiler and GC, LevelDB's
 * compaction, libuv's writes), read from /proc. Then, as the cluster bench does, one send at a time and
 * one receive of an available message at a time: a partition's latency without a network.
 *
 * The last rows are a floor for the partition's storage layout: LevelDB alone (no JavaScript layers, no
 * checksums), writing per message what a send writes (its share of a Raft entry, then meta, body,
 * retention and visibility keys), in synchronous batches of 40 messages. Meta and body keyed by message
 * id: random (v4) UUIDs, as stored before message ids followed the clock; time-ordered UUIDv7s, as stored
 * now; and by sequence number: what LevelDB's compaction saves when keys are written in order.
 *
 * Options: --messages N per phase (default 30,000).
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { randomUUID } from "node:crypto";
import { parseArgs } from "node:util";
import { Level } from "level";
import { QueuePartition, defaultQueueConfig } from "@millrace/broker";
import { defaultBlockCacheBytes, defaultWriteBufferBytes } from "@millrace/storage";
import { timeOrderedMessageId } from "../src/queues/message-ids.js";
import { PartitionLeader } from "../src/queues/queue-executor.js";
import { type ReceivedMessage, type SendOutcome } from "../src/queues/queue-ops.js";
import { startSingleNodeGroup } from "../test/single-node-group.js";
import { timeEach } from "./bench-support.js";
import { threadTicks } from "./cpu-meter.js";

const { values } = parseArgs({ options: { messages: { type: "string", default: "30000" } } });
const perPhase = Number(values.messages);
const groupId = 100;
const body = Buffer.from("m".repeat(1024));

interface PhaseResult {
  readonly messages: number;
  readonly perSecond: number;
  /** CPU µs per message on the main thread and on all other threads, or undefined without /proc. */
  readonly mainUs?: number;
  readonly otherUs?: number;
}

async function measure(run: () => Promise<number>): Promise<PhaseResult> {
  const before = threadTicks(process.pid);
  const started = performance.now();
  const messages = await run();
  const seconds = (performance.now() - started) / 1000;
  const after = threadTicks(process.pid);
  const perSecond = messages / seconds;
  if (before === undefined || after === undefined) return { messages, perSecond };
  return {
    messages,
    perSecond,
    mainUs: ((after.mainSeconds - before.mainSeconds) * 1e6) / messages,
    otherUs: ((after.otherSeconds - before.otherSeconds) * 1e6) / messages,
  };
}

/** Runs `loops` copies of `step` until together they have handled `total` messages. */
async function loops(total: number, count: number, step: () => Promise<number>): Promise<number> {
  let done = 0;
  await Promise.all(
    Array.from({ length: count }, async () => {
      while (done < total) {
        const n = await step();
        done += n;
      }
    }),
  );
  return done;
}

type Latency = Awaited<ReturnType<typeof timeEach>>;

async function partitionPhases(): Promise<{ phases: [string, PhaseResult][]; idle: [string, Latency][] }> {
  const partition = new QueuePartition();
  const group = await startSingleNodeGroup(groupId, partition);
  const leader = new PartitionLeader(groupId, partition, group.host);
  const run = (op: unknown): Promise<unknown> => leader.run(group.replica, op as never);
  try {
    await run({
      type: "configure",
      queueName: "bench",
      config: { ...defaultQueueConfig(false), visibilityTimeoutSeconds: 60 },
    });
    const send = async (): Promise<number> => {
      const entries = Array.from({ length: 10 }, (_, i) => ({ entryId: String(i), body }));
      const outcomes = (await run({ type: "send", queueName: "bench", entries })) as SendOutcome[];
      return outcomes.filter((o) => o.ok).length;
    };
    const consume = async (): Promise<number> => {
      const received = (await run({ type: "receive", max: 10 })) as ReceivedMessage[];
      if (received.length === 0) {
        // Long poll, as consumers do, rather than spin on an empty partition.
        await run({ type: "wait", waitMs: 1000 });
        return 0;
      }
      const entries = received.map((m, i) => ({ entryId: String(i), receiptHandle: m.receiptHandle }));
      await run({ type: "delete", entries });
      return received.length;
    };
    const rounds = async (): Promise<[string, PhaseResult][]> => [
      ["send, batches of 10, 24 in flight", await measure(() => loops(perPhase, 24, send))],
      ["receive + delete, 18 in flight", await measure(() => loops(perPhase, 18, consume))],
      [
        "send and consume at once (sent + consumed)",
        await measure(async () => {
          const [sent, consumed] = await Promise.all([
            loops(perPhase, 12, send),
            loops(perPhase, 9, consume),
          ]);
          return sent + consumed;
        }),
      ],
    ];
    await rounds(); // warm-up
    const phases = await rounds();
    const oneSend = () => run({ type: "send", queueName: "bench", entries: [{ entryId: "0", body }] });
    const idle: [string, Latency][] = [
      ["send, idle, 1 at a time", await timeEach(500, oneSend)],
      [
        "receive of an available message, 1 at a time",
        await timeEach(500, () => run({ type: "receive", max: 1 })),
      ],
    ];
    return { phases, idle };
  } finally {
    await group.stop();
  }
}

/**
 * What the leader's once-a-second maintenance pass costs on a partition with a redrive policy and a
 * backlog of `perPhase` messages never received (the common case: nothing to clean up or dead-letter,
 * yet the pass looks for both). CPU of this process per pass, over `passes` passes.
 */
async function maintenancePass(passes: number): Promise<{ mainMs: number; otherMs: number } | undefined> {
  const partition = new QueuePartition();
  const group = await startSingleNodeGroup(groupId + 1, partition);
  const leader = new PartitionLeader(groupId + 1, partition, group.host);
  const run = (op: unknown): Promise<unknown> => leader.run(group.replica, op as never);
  try {
    const redrivePolicy = { deadLetterTarget: "bench-dlq", maxReceiveCount: 5 };
    await run({
      type: "configure",
      queueName: "bench-backlog",
      config: { ...defaultQueueConfig(false), redrivePolicy },
    });
    for (let sent = 0; sent < perPhase; sent += 10) {
      const entries = Array.from({ length: 10 }, (_, i) => ({ entryId: String(i), body }));
      await run({ type: "send", queueName: "bench-backlog", entries });
    }
    const noMoves = (): Promise<void> =>
      Promise.reject(new Error("the backlog holds nothing to dead-letter"));
    await leader.maintain(group.replica, noMoves); // warm-up
    const before = threadTicks(process.pid);
    for (let i = 0; i < passes; i++) await leader.maintain(group.replica, noMoves);
    const after = threadTicks(process.pid);
    if (before === undefined || after === undefined) return undefined;
    return {
      mainMs: ((after.mainSeconds - before.mainSeconds) * 1000) / passes,
      otherMs: ((after.otherSeconds - before.otherSeconds) * 1000) / passes,
    };
  } finally {
    await group.stop();
  }
}

/** LevelDB alone, writing what a send writes per message; see the header. */
async function layoutFloor(keyedBy: "random id" | "time-ordered id" | "seq"): Promise<PhaseResult> {
  const dir = mkdtempSync(join(tmpdir(), "millrace-bench-partition-"));
  // The memtable and block cache a node's store opens LevelDB with (LevelDB's 4 MiB memtable would cost
  // about half as much again per message, in compactions).
  const db = new Level<Uint8Array, Uint8Array>(dir, {
    keyEncoding: "view",
    valueEncoding: "view",
    writeBufferSize: defaultWriteBufferBytes,
    cacheSize: defaultBlockCacheBytes,
  });
  await db.open();
  try {
    const perEntry = 40;
    const meta = new Uint8Array(90);
    const index = new Uint8Array(40);
    const entry = new Uint8Array(perEntry * (body.length + 80));
    let seq = 0;
    const key = (prefix: string, suffix: string) => Buffer.from(prefix + suffix);
    const write = async (messages: number): Promise<number> => {
      for (let written = 0; written < messages; written += perEntry) {
        const batch = db.batch();
        batch.put(key("e", String(seq).padStart(16, "0")), entry);
        for (let i = 0; i < perEntry; i++) {
          const at = String(seq++).padStart(16, "0");
          const id =
            keyedBy === "random id"
              ? randomUUID()
              : keyedBy === "time-ordered id"
                ? timeOrderedMessageId(Date.now())
                : at;
          batch.put(key("m", id), meta);
          batch.put(key("b", id), body);
          batch.put(key("t", at), index);
          batch.put(key("v", at), index);
        }
        await batch.write({ sync: true });
      }
      return messages;
    };
    await write(perPhase); // warm-up
    return await measure(() => write(perPhase));
  } finally {
    await db.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

function row(what: string, r: PhaseResult): string {
  const rate = `${Math.round(r.perSecond).toLocaleString("en-US")} messages/s`;
  const cpu =
    r.mainUs === undefined || r.otherUs === undefined
      ? "CPU not measured (no /proc)"
      : `${Math.round(r.mainUs + r.otherUs)} µs CPU/message: main thread ${Math.round(r.mainUs)}, other threads ${Math.round(r.otherUs)}`;
  return `${what.padEnd(56)} ${rate.padEnd(22)} ${cpu}`;
}

const { phases: results, idle } = await partitionPhases();
const maintenance = await maintenancePass(50);
const floorByRandomId = await layoutFloor("random id");
const floorById = await layoutFloor("time-ordered id");
const floorBySeq = await layoutFloor("seq");
console.log(
  `Millrace partition bench: 1 queue partition, 1 node, no gRPC or replication, fsync on; ${perPhase.toLocaleString("en-US")} 1 KiB messages per phase`,
);
for (const [what, r] of results) console.log(row(what, r));
for (const [what, l] of idle) {
  const detail = `p90 ${l.p90.toFixed(2)} ms, p99 ${l.p99.toFixed(2)} ms`;
  console.log(`${what.padEnd(56)} ${`p50 ${l.p50.toFixed(2)} ms`.padEnd(22)} ${detail}`);
}
const backlog = `maintenance pass, ${perPhase.toLocaleString("en-US")} never received, redrive policy`;
console.log(
  `${backlog.padEnd(56)} ${
    maintenance === undefined
      ? "CPU not measured (no /proc)"
      : `${(maintenance.mainMs + maintenance.otherMs).toFixed(2)} ms CPU/pass: main thread ${maintenance.mainMs.toFixed(2)}, other threads ${maintenance.otherMs.toFixed(2)}`
  }`,
);
console.log(row("floor: LevelDB alone, a send's writes, random ids", floorByRandomId));
console.log(row("floor: the same, time-ordered ids (as stored)", floorById));
console.log(row("floor: the same, keyed by sequence number", floorBySeq));
console.log(
  JSON.stringify({
    bench: "partition",
    perPhase,
    phases: Object.fromEntries(results),
    idle: Object.fromEntries(idle),
    maintenance,
    layoutFloor: { byRandomId: floorByRandomId, byId: floorById, bySeq: floorBySeq },
  }),
);

import { encode, limits } from "@millrace/common";
import { type MemoryKeyspace } from "@millrace/testkit";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  QueuePartition,
  encodeBatchedCommand,
  encodeQueueCommand,
  findReceivable,
  messageIdLengthMax,
  nonceBytesMax,
  parseBatchedCommand,
  pickReceivable,
  receiveCommandBytesMax,
  type BatchedCommand,
  type QueueConfig,
  type ReceiveResult,
} from "../../src/index.js";
import { Harness, bodyText, text } from "./harness.js";

const hexRows = (ks: MemoryKeyspace) =>
  [...ks.rows.entries()]
    .sort(([a], [b]) => (a < b ? -1 : 1))
    .map(([k, v]) => [k, Buffer.from(v.value).toString("hex")]);

function batchBytes(nowMs: number, commands: readonly (BatchedCommand | Uint8Array)[]): Uint8Array {
  return encodeQueueCommand({
    type: "batch",
    nowMs,
    commands: commands.map((c) => (c instanceof Uint8Array ? c : encodeBatchedCommand(c))),
  });
}

// ---- a batch applies as its commands would one by one ------------------------------------------------

/** One command of a generated batch, before it is made concrete against the partition's state. */
type Spec =
  | { kind: "send"; count: number; group: number; dedup: number; delaySeconds: number; sameIds: boolean }
  | { kind: "receive"; max: number; visibilityTimeoutSeconds: number; overlap: boolean }
  | { kind: "delete"; pick: number; bogus: boolean }
  | { kind: "change"; pick: number; visibilityTimeoutSeconds: number };

const specArb: fc.Arbitrary<Spec> = fc.oneof(
  fc.record({
    kind: fc.constant("send" as const),
    // 0 entries is rejected (EMPTY_BATCH), and so are repeated entry ids: failures that must stay alone.
    count: fc.integer({ min: 0, max: 3 }),
    group: fc.integer({ min: 0, max: 2 }),
    dedup: fc.integer({ min: 0, max: 4 }),
    delaySeconds: fc.integer({ min: 0, max: 2 }),
    sameIds: fc.boolean(),
  }),
  fc.record({
    kind: fc.constant("receive" as const),
    max: fc.integer({ min: 1, max: 10 }),
    visibilityTimeoutSeconds: fc.integer({ min: 0, max: 4 }),
    // Candidates already given to another receive of the batch: apply must notice they are taken.
    overlap: fc.boolean(),
  }),
  fc.record({ kind: fc.constant("delete" as const), pick: fc.nat(), bogus: fc.boolean() }),
  fc.record({
    kind: fc.constant("change" as const),
    pick: fc.nat(),
    visibilityTimeoutSeconds: fc.integer({ min: 0, max: 4 }),
  }),
);

interface Step {
  readonly advanceSeconds: number;
  readonly batch: readonly Spec[];
}

const stepsArb = fc.array(
  fc.record({
    advanceSeconds: fc.integer({ min: 0, max: 3 }),
    batch: fc.array(specArb, { minLength: 1, maxLength: 8 }),
  }),
  { minLength: 1, maxLength: 25 },
);

interface Setup {
  readonly fifo: boolean;
  readonly inflightMessagesMax: number | undefined;
  readonly maxReceiveCount: number | undefined;
}

const setupArb = (fifo: boolean): fc.Arbitrary<Setup> =>
  fc.record({
    fifo: fc.constant(fifo),
    inflightMessagesMax: fc.option(fc.integer({ min: 1, max: 4 }), { nil: undefined }),
    maxReceiveCount: fc.option(fc.integer({ min: 1, max: 2 }), { nil: undefined }),
  });

function configOf(setup: Setup): Partial<QueueConfig> {
  return {
    fifo: setup.fifo,
    contentBasedDeduplication: setup.fifo,
    ...(setup.inflightMessagesMax === undefined ? {} : { inflightMessagesMax: setup.inflightMessagesMax }),
    ...(setup.maxReceiveCount === undefined
      ? {}
      : {
          redrivePolicy: {
            deadLetterTarget: setup.fifo ? "dlq.fifo" : "dlq",
            maxReceiveCount: setup.maxReceiveCount,
          },
        }),
  };
}

/**
 * Runs the steps on two partitions: one gets each step as one batch entry, the other gets the same
 * commands as entries of their own at the same time. Results, keyspaces and summaries must be identical.
 */
async function runBatchedAndSingle(setup: Setup, steps: readonly Step[]): Promise<void> {
  const batched = new Harness(configOf(setup));
  const single = new Harness(configOf(setup));
  const handles: string[] = [];
  for (const step of steps) {
    batched.advance(step.advanceSeconds * 1000);
    single.advance(step.advanceSeconds * 1000);
    const nowMs = batched.nowMs;
    const commands = await concreteCommands(batched, setup, step.batch, handles);
    const result = batched.applyBytes(batchBytes(nowMs, commands));
    const oneByOne = commands.map((c) => single.applyBytes(encodeQueueCommand({ ...c, nowMs })));
    expect(result).toEqual({ ok: true, value: { type: "batch", results: oneByOne } });
    expect(hexRows(batched.keyspace)).toEqual(hexRows(single.keyspace));
    expect(batched.partition.summary).toEqual(single.partition.summary);
    expect(batched.counters()).toEqual(single.counters());
    for (const r of oneByOne) {
      if (r.ok && r.value.type === "receive") handles.push(...r.value.messages.map((m) => m.receiptHandle));
    }
  }
}

/** The specs as commands, receives with candidates picked the way the leader picks them. */
async function concreteCommands(
  q: Harness,
  setup: Setup,
  specs: readonly Spec[],
  handles: readonly string[],
): Promise<BatchedCommand[]> {
  const receives = specs.filter((s) => s.kind === "receive");
  const picked = await pickReceivable(q.keyspace, q.partition.summary, {
    nowMs: q.nowMs,
    wants: receives.map((r) => r.max),
  });
  let receiveIndex = 0;
  return Promise.all(
    specs.map(async (spec): Promise<BatchedCommand> => {
      switch (spec.kind) {
        case "send":
          return {
            type: "send",
            entries: Array.from({ length: spec.count }, (_, i) => ({
              entryId: spec.sameIds ? "e" : `e${i}`,
              messageId: q.newMessageId(),
              body: text(`b${spec.dedup}-${i}`),
              ...(setup.fifo
                ? { groupId: `g${spec.group}`, ...(spec.dedup > 0 ? { dedupId: `d${spec.dedup}` } : {}) }
                : spec.delaySeconds > 0
                  ? { delaySeconds: spec.delaySeconds }
                  : {}),
            })),
          };
        case "receive": {
          const own = picked[receiveIndex++] ?? [];
          const candidates = spec.overlap
            ? await findReceivable(q.keyspace, q.partition.summary, { nowMs: q.nowMs, max: spec.max })
            : own;
          return {
            type: "receive",
            candidates,
            nonce: q.nonce(),
            visibilityTimeoutSeconds: spec.visibilityTimeoutSeconds,
          };
        }
        case "delete":
          return {
            type: "delete",
            entries: [
              {
                entryId: "d",
                receiptHandle:
                  spec.bogus || handles.length === 0 ? "not-a-handle" : handles[spec.pick % handles.length]!,
              },
            ],
          };
        case "change":
          return {
            type: "change-visibility",
            entries: [
              {
                entryId: "c",
                receiptHandle: handles.length === 0 ? "not-a-handle" : handles[spec.pick % handles.length]!,
                visibilityTimeoutSeconds: spec.visibilityTimeoutSeconds,
              },
            ],
          };
      }
    }),
  );
}

describe("a batch entry", () => {
  it("applies exactly as its commands one by one at the same time (standard queues)", async () => {
    await fc.assert(
      fc.asyncProperty(setupArb(false), stepsArb, (setup, steps) => runBatchedAndSingle(setup, steps)),
      { numRuns: 100 },
    );
  }, 120_000);

  it("applies exactly as its commands one by one at the same time (FIFO queues)", async () => {
    await fc.assert(
      fc.asyncProperty(setupArb(true), stepsArb, (setup, steps) => runBatchedAndSingle(setup, steps)),
      { numRuns: 100 },
    );
  }, 120_000);

  it("gives each command its own result: a rejected one fails alone, the others take effect", async () => {
    const q = new Harness({ inflightMessagesMax: 1 });
    q.sendOne({ body: text("held") });
    await q.receive();
    q.sendOne({ body: text("waiting") });
    const candidates = await q.candidates();
    const result = q.applyBytes(
      batchBytes(q.nowMs, [
        { type: "send", entries: [] },
        { type: "send", entries: [{ entryId: "a", messageId: "m-a", body: text("sent") }] },
        // The partition already holds its one message in flight.
        { type: "receive", candidates, nonce: q.nonce() },
        { type: "delete", entries: [{ entryId: "x", receiptHandle: "bogus" }] },
      ]),
    );
    expect(result).toMatchObject({
      ok: true,
      value: {
        type: "batch",
        results: [
          { ok: false, code: "EMPTY_BATCH" },
          { ok: true, value: { type: "send", entries: [{ entryId: "a", ok: true }] } },
          { ok: false, code: "OVER_LIMIT" },
          { ok: true, value: { entries: [{ ok: false, code: "RECEIPT_HANDLE_INVALID" }] } },
        ],
      },
    });
    expect(q.counters()).toEqual({ visible: 2, notVisible: 1, delayed: 0 });
  });

  it("lets later commands see what earlier ones wrote: a send then a receive of it", () => {
    const q = new Harness({ fifo: true, contentBasedDeduplication: true });
    const result = q.applyBytes(
      batchBytes(q.nowMs, [
        {
          type: "send",
          entries: [{ entryId: "a", messageId: "m-a", body: text("first"), groupId: "g" }],
        },
        { type: "receive", candidates: ["m-a"], nonce: q.nonce() },
        // The group is locked by the receive before it in the same entry.
        { type: "receive", candidates: ["m-a"], nonce: q.nonce() },
      ]),
    );
    if (!result.ok || result.value.type !== "batch") throw new Error("batch rejected");
    const [, first, second] = result.value.results;
    expect((first as { value: ReceiveResult }).value.messages.map(bodyText)).toEqual(["first"]);
    expect((second as { value: ReceiveResult }).value.messages).toEqual([]);
  });

  it("stamps every command with the batch's time, whatever time a command carries", async () => {
    const q = new Harness();
    q.applyBytes(
      batchBytes(q.nowMs, [
        encode({ type: "send", nowMs: 1, entries: [{ entryId: "a", messageId: "m-a", body: text("x") }] }),
      ]),
    );
    const [m] = await q.receive();
    expect(m!.attributes["SentTimestamp"]).toBe(String(q.nowMs));
  });
});

// ---- the parser ---------------------------------------------------------------------------------------

describe("batch validation", () => {
  const send = (id: string): BatchedCommand => ({
    type: "send",
    entries: [{ entryId: "a", messageId: id, body: text("x") }],
  });

  it("rejects a malformed batch whole, saying what is wrong, and changes nothing", () => {
    const q = new Harness();
    const before = hexRows(q.keyspace);
    const summary = { ...q.partition.summary };
    const megabyte = encodeBatchedCommand({
      type: "send",
      entries: [{ entryId: "a", messageId: "m", body: new Uint8Array(1_048_576) }],
    });
    const bad: [unknown, string][] = [
      [{ type: "batch", nowMs: q.nowMs }, "commands must be an array"],
      [{ type: "batch", nowMs: q.nowMs, commands: [] }, "a batch must hold at least one command"],
      [
        {
          type: "batch",
          nowMs: q.nowMs,
          commands: Array(limits.queueBatchCommandsMax + 1).fill(encodeBatchedCommand(send("m"))),
        },
        `commands has more than ${limits.queueBatchCommandsMax} entries`,
      ],
      [
        { type: "batch", nowMs: q.nowMs, commands: Array(5).fill(megabyte) },
        `above the ${limits.queueBatchBytesMax}-byte limit`,
      ],
      [{ type: "batch", nowMs: q.nowMs, commands: [send("m")] }, "commands[] must be 1 to"],
      [{ type: "batch", nowMs: q.nowMs, commands: [new Uint8Array(0)] }, "commands[] must be 1 to"],
      [{ type: "batch", commands: [encodeBatchedCommand(send("m"))] }, "nowMs must be"],
    ];
    for (const [value, message] of bad) {
      const result = q.applyBytes(encode(value));
      expect(result).toMatchObject({ ok: false, code: "INVALID_ARGUMENT" });
      expect((result as { message: string }).message).toContain(message);
    }
    expect(hexRows(q.keyspace)).toEqual(before);
    expect(q.partition.summary).toEqual(summary);
  });

  it("rejects a malformed command of a batch alone, naming its place, and applies the rest", () => {
    const q = new Harness();
    const result = q.applyBytes(
      batchBytes(q.nowMs, [
        send("m-1"),
        new Uint8Array([0xc1]),
        encode({ type: "configure", queueName: "q", config: {} }),
        encode({ type: "batch", commands: [encodeBatchedCommand(send("m-9"))] }),
        encode({ type: "purge" }),
        encode({ type: "send", entries: "not a list" }),
        send("m-2"),
      ]),
    );
    if (!result.ok || result.value.type !== "batch") throw new Error("batch rejected");
    const outcomes = result.value.results.map((r) => (r.ok ? "ok" : `${r.code}: ${r.message}`));
    expect(outcomes).toEqual([
      "ok",
      "INVALID_ARGUMENT: batch command 1: batched command is not valid msgpack",
      "INVALID_ARGUMENT: batch command 2: a batch holds only send, receive, delete and change-visibility commands",
      "INVALID_ARGUMENT: batch command 3: a batch holds only send, receive, delete and change-visibility commands",
      "INVALID_ARGUMENT: batch command 4: a batch holds only send, receive, delete and change-visibility commands",
      "INVALID_ARGUMENT: batch command 5: entries must be an array",
      "ok",
    ]);
    expect(q.counters().visible).toBe(2);
  });

  it("bounds the largest receive command a leader can budget for before picking candidates", () => {
    const widest = "\u{20ac}".repeat(messageIdLengthMax);
    const largest = encodeBatchedCommand({
      type: "receive",
      candidates: Array(limits.receiveMessagesMax).fill(widest),
      nonce: new Uint8Array(nonceBytesMax),
      visibilityTimeoutSeconds: limits.visibilityTimeoutSecondsMax,
      receiveAttemptId: "\u{20ac}".repeat(limits.dedupIdLengthMax),
    });
    expect(largest.length).toBeLessThanOrEqual(receiveCommandBytesMax);
    expect(parseBatchedCommand(largest, 1).ok).toBe(true);
  });

  it("refuses a batch before the partition is configured, like any other command", () => {
    const partition = new QueuePartition();
    const q = new Harness();
    expect(partition.apply(1, batchBytes(1, [send("m")]), q.keyspace)).toMatchObject({
      ok: false,
      code: "FAILED_PRECONDITION",
    });
  });
});

// ---- picking candidates for a batch's receives -------------------------------------------------------

describe("pickReceivable", () => {
  it("serves receives in order from one scan, never giving a message to two", async () => {
    const q = new Harness();
    for (let i = 0; i < 7; i++) q.sendOne({ body: text(`m${i}`) });
    const all = await q.candidates(10);
    const picked = await pickReceivable(q.keyspace, q.partition.summary, {
      nowMs: q.nowMs,
      wants: [2, 0, 3, 5],
    });
    expect(picked).toEqual([all.slice(0, 2), [], all.slice(2, 5), all.slice(5, 7)]);
  });

  it("on FIFO queues gives each group to one receive only, its messages in send order", async () => {
    const q = new Harness({ fifo: true, contentBasedDeduplication: true });
    for (const [group, body] of [
      ["a", "a1"],
      ["b", "b1"],
      ["a", "a2"],
      ["a", "a3"],
      ["c", "c1"],
    ]) {
      q.sendOne({ groupId: group!, body: text(body!) });
    }
    const picked = await pickReceivable(q.keyspace, q.partition.summary, {
      nowMs: q.nowMs,
      wants: [2, 2, 2],
    });
    // In receive order: a1, a2, a3, b1, c1.
    const ids = new Map((await q.candidates(10)).map((id, i) => [id, i]));
    // Group a's first two fill the first receive, and a3 goes to no other; b and c go to the second.
    expect(picked.map((list) => list.map((id) => ids.get(id)))).toEqual([[0, 1], [3, 4], []]);
  });

  // The scan reads the visibility index in pages sized to what is wanted; rows of purged messages (left
  // until cleanup runs) fill the first pages, and the scan must read on past them.
  it("reads past many rows it cannot give, up to its scan limit", async () => {
    const q = new Harness();
    for (let i = 0; i < 200; i++) q.sendOne({ body: text(`old${i}`) });
    q.mustApply({ type: "purge" });
    for (let i = 0; i < 5; i++) q.sendOne({ body: text(`new${i}`) });
    const fresh = await q.candidates(5);
    expect(fresh).toHaveLength(5);
    const picked = await pickReceivable(q.keyspace, q.partition.summary, {
      nowMs: q.nowMs,
      wants: [3, 3],
      scanLimit: 1000,
    });
    expect(picked).toEqual([fresh.slice(0, 3), fresh.slice(3, 5)]);
    // With a limit below the purged rows, nothing is found, and no more than the limit is read.
    const capped = await pickReceivable(q.keyspace, q.partition.summary, {
      nowMs: q.nowMs,
      wants: [3],
      scanLimit: 150,
    });
    expect(capped).toEqual([[]]);
  });
});

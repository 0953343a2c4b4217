import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  QueuePartition,
  pendingDeadLetters,
  type ReceiveResult,
  type ReceivedMessage,
  type SendEntry,
} from "../../src/index.js";
import { Harness, text } from "./harness.js";

/**
 * Model-based tests: random command sequences run against the partition (with the test as its leader)
 * and against a small reference model of SQS semantics written from the spec, compared at every step.
 */

interface ModelMessage {
  readonly id: string;
  readonly seq: number;
  readonly groupId: string | undefined;
  readonly retainFromMs: number;
  visibleAtMs: number;
  receiveCount: number;
  deadLettering: boolean;
  /** The latest receive's handle. */
  handle: string | undefined;
}

interface Setup {
  readonly fifo: boolean;
  readonly retentionSeconds: number;
  readonly maxReceiveCount: number | undefined;
  /** The partition's cap on messages in flight; undefined leaves the default, which no run reaches. */
  readonly inflightMax: number | undefined;
}

class Model {
  readonly messages = new Map<string, ModelMessage>();
  readonly dedup = new Map<string, { id: string; expiresAtMs: number }>();
  lastPurgeMs = -Infinity;
  seq = 0;
  constructor(readonly setup: Setup) {}

  stored(m: ModelMessage, nowMs: number): boolean {
    return m.retainFromMs + this.setup.retentionSeconds * 1000 > nowMs;
  }

  live(m: ModelMessage, nowMs: number): boolean {
    return !m.deadLettering && this.stored(m, nowMs);
  }

  inFlight(m: ModelMessage, nowMs: number): boolean {
    return this.live(m, nowMs) && m.receiveCount > 0 && m.visibleAtMs > nowMs;
  }

  groupLocked(groupId: string | undefined, nowMs: number): boolean {
    if (!this.setup.fifo) return false;
    return [...this.messages.values()].some((m) => m.groupId === groupId && this.inFlight(m, nowMs));
  }

  /** In flight as the partition counts it: received and invisible, not yet cleaned up if expired. */
  inflightCount(nowMs: number): number {
    return [...this.messages.values()].filter(
      (m) => !m.deadLettering && m.receiveCount > 0 && m.visibleAtMs > nowMs,
    ).length;
  }

  receivable(nowMs: number): ModelMessage[] {
    return [...this.messages.values()].filter(
      (m) => this.live(m, nowMs) && m.visibleAtMs <= nowMs && !this.groupLocked(m.groupId, nowMs),
    );
  }

  counters(nowMs: number) {
    let notVisible = 0;
    let delayed = 0;
    for (const m of this.messages.values()) {
      if (m.deadLettering) notVisible++;
      else if (m.visibleAtMs > nowMs) {
        if (m.receiveCount > 0) notVisible++;
        else delayed++;
      }
    }
    return { visible: this.messages.size - notVisible - delayed, notVisible, delayed };
  }
}

type Op =
  | { op: "send"; count: number; group: number; dedup: number; delaySeconds: number }
  | { op: "receive"; max: number; visibilityTimeoutSeconds: number }
  | { op: "delete"; pick: number }
  | { op: "change"; pick: number; visibilityTimeoutSeconds: number }
  | { op: "advance"; seconds: number }
  | { op: "purge" }
  | { op: "maintain" }
  | { op: "dead-letter-done" }
  | { op: "restart" };

const opArb: fc.Arbitrary<Op> = fc.oneof(
  {
    weight: 5,
    arbitrary: fc.record({
      op: fc.constant("send" as const),
      count: fc.integer({ min: 1, max: 3 }),
      group: fc.integer({ min: 0, max: 2 }),
      dedup: fc.integer({ min: 0, max: 5 }),
      delaySeconds: fc.integer({ min: 0, max: 3 }),
    }),
  },
  {
    weight: 5,
    arbitrary: fc.record({
      op: fc.constant("receive" as const),
      max: fc.integer({ min: 1, max: 10 }),
      visibilityTimeoutSeconds: fc.integer({ min: 0, max: 4 }),
    }),
  },
  { weight: 3, arbitrary: fc.record({ op: fc.constant("delete" as const), pick: fc.nat() }) },
  {
    weight: 2,
    arbitrary: fc.record({
      op: fc.constant("change" as const),
      pick: fc.nat(),
      visibilityTimeoutSeconds: fc.integer({ min: 0, max: 4 }),
    }),
  },
  {
    weight: 4,
    arbitrary: fc.record({ op: fc.constant("advance" as const), seconds: fc.integer({ min: 1, max: 6 }) }),
  },
  { weight: 1, arbitrary: fc.constant({ op: "purge" as const }) },
  { weight: 1, arbitrary: fc.constant({ op: "maintain" as const }) },
  { weight: 1, arbitrary: fc.constant({ op: "dead-letter-done" as const }) },
  { weight: 1, arbitrary: fc.constant({ op: "restart" as const }) },
);

const setupArb = (fifo: boolean): fc.Arbitrary<Setup> =>
  fc.record({
    fifo: fc.constant(fifo),
    retentionSeconds: fc.constantFrom(60, 345_600),
    maxReceiveCount: fc.option(fc.integer({ min: 1, max: 3 }), { nil: undefined }),
    inflightMax: fc.option(fc.integer({ min: 1, max: 4 }), { nil: undefined }),
  });

async function run(setup: Setup, ops: readonly Op[]): Promise<void> {
  let q = new Harness({
    fifo: setup.fifo,
    contentBasedDeduplication: setup.fifo,
    messageRetentionSeconds: setup.retentionSeconds,
    ...(setup.inflightMax === undefined ? {} : { inflightMessagesMax: setup.inflightMax }),
    ...(setup.maxReceiveCount === undefined
      ? {}
      : {
          redrivePolicy: {
            deadLetterTarget: setup.fifo ? "dlq.fifo" : "dlq",
            maxReceiveCount: setup.maxReceiveCount,
          },
        }),
  });
  const model = new Model(setup);
  const handles: { handle: string; id: string }[] = [];
  for (const op of ops) {
    switch (op.op) {
      case "send":
        send(q, model, op);
        break;
      case "receive":
        handles.push(...(await receive(q, model, op.max, op.visibilityTimeoutSeconds)));
        break;
      case "delete":
        if (handles.length > 0) deleteOne(q, model, handles[op.pick % handles.length]!);
        break;
      case "change":
        if (handles.length > 0)
          changeOne(q, model, handles[op.pick % handles.length]!, op.visibilityTimeoutSeconds);
        break;
      case "advance":
        q.advance(op.seconds * 1000);
        break;
      case "purge":
        purge(q, model);
        break;
      case "maintain":
        await maintain(q, model);
        break;
      case "dead-letter-done":
        await deadLetterDone(q, model);
        break;
      case "restart":
        q = await restart(q);
        break;
    }
    expect(q.counters()).toEqual(model.counters(q.nowMs));
  }
  await drain(q, model);
}

function send(q: Harness, model: Model, op: Extract<Op, { op: "send" }>): void {
  const entries = Array.from(
    { length: op.count },
    (_, i): SendEntry => ({
      entryId: `e${i}`,
      messageId: q.newMessageId(),
      body: text(`b${model.seq}-${i}`),
      ...(model.setup.fifo
        ? { groupId: `g${op.group}`, ...(op.dedup > 0 ? { dedupId: `d${op.dedup}` } : {}) }
        : op.delaySeconds > 0
          ? { delaySeconds: op.delaySeconds }
          : {}),
    }),
  );
  const result = q.send(entries);
  entries.forEach((entry, i) => {
    const outcome = result.entries[i]!;
    expect(outcome.ok).toBe(true);
    if (!outcome.ok) return;
    const dedupKey = model.setup.fifo
      ? (entry.dedupId ?? `content:${new TextDecoder().decode(entry.body)}`)
      : undefined;
    const original = dedupKey === undefined ? undefined : model.dedup.get(dedupKey);
    if (original !== undefined && original.expiresAtMs > q.nowMs) {
      expect(outcome).toMatchObject({ duplicate: true, messageId: original.id });
      return;
    }
    expect(outcome.duplicate).toBe(false);
    if (dedupKey !== undefined)
      model.dedup.set(dedupKey, { id: entry.messageId, expiresAtMs: q.nowMs + 300_000 });
    model.messages.set(entry.messageId, {
      id: entry.messageId,
      seq: model.seq++,
      groupId: entry.groupId,
      retainFromMs: q.nowMs,
      visibleAtMs: q.nowMs + (entry.delaySeconds ?? 0) * 1000,
      receiveCount: 0,
      deadLettering: false,
      handle: undefined,
    });
  });
}

async function receive(q: Harness, model: Model, max: number, visibilityTimeoutSeconds: number) {
  const nowMs = q.nowMs;
  const receivable = model.receivable(nowMs);
  const room =
    model.setup.inflightMax === undefined || visibilityTimeoutSeconds === 0
      ? Infinity
      : model.setup.inflightMax - model.inflightCount(nowMs);
  const candidates = await q.candidates(max);
  const applied = q.apply({ type: "receive", candidates, nonce: q.nonce(), visibilityTimeoutSeconds });
  if (room <= 0 && candidates.length > 0) {
    // At the in-flight cap: OverLimit on a standard queue, nothing on a FIFO queue, and no change.
    if (model.setup.fifo)
      expect(applied).toMatchObject({ ok: true, value: { messages: [], deadLettered: [] } });
    else expect(applied).toMatchObject({ ok: false, code: "OVER_LIMIT" });
    return [];
  }
  if (!applied.ok) throw new Error(`receive rejected: ${applied.code} ${applied.message}`);
  const result = applied.value as ReceiveResult;
  const taken = [...result.messages.map((m) => m.messageId), ...result.deadLettered];
  // Nothing invented, nothing received while invisible or while its group is locked.
  for (const id of taken) expect(receivable.map((m) => m.id)).toContain(id);
  // Never past the cap; and short polls miss nothing: unless the cap stopped it, a receive takes as many
  // as it asked for, or everything receivable.
  expect(result.messages.length).toBeLessThanOrEqual(room);
  if (result.messages.length < room) expect(taken.length).toBe(Math.min(max, receivable.length));
  if (model.setup.fifo) checkGroupOrder(receivable, result.messages, result.deadLettered);
  for (const id of result.deadLettered) {
    const m = model.messages.get(id)!;
    expect(m.receiveCount).toBeGreaterThanOrEqual(model.setup.maxReceiveCount ?? Infinity);
    m.deadLettering = true;
  }
  return result.messages.map((received) => {
    const m = model.messages.get(received.messageId)!;
    expect(model.setup.maxReceiveCount === undefined || m.receiveCount < model.setup.maxReceiveCount).toBe(
      true,
    );
    m.receiveCount++;
    m.visibleAtMs = nowMs + visibilityTimeoutSeconds * 1000;
    m.handle = received.receiptHandle;
    expect(received.attributes["ApproximateReceiveCount"]).toBe(String(m.receiveCount));
    return { handle: received.receiptHandle, id: received.messageId };
  });
}

/** Per group, a receive takes the group's first receivable messages, in send order. */
function checkGroupOrder(
  receivable: ModelMessage[],
  messages: readonly ReceivedMessage[],
  deadLettered: readonly string[],
): void {
  const taken = new Set([...messages.map((m) => m.messageId), ...deadLettered]);
  const groups = new Set(receivable.filter((m) => taken.has(m.id)).map((m) => m.groupId));
  for (const group of groups) {
    const inGroup = receivable.filter((m) => m.groupId === group).sort((a, b) => a.seq - b.seq);
    const takenInGroup = inGroup.filter((m) => taken.has(m.id));
    expect(takenInGroup.map((m) => m.id)).toEqual(inGroup.slice(0, takenInGroup.length).map((m) => m.id));
  }
  const seqs = messages.map((r) => receivable.find((m) => m.id === r.messageId)!);
  for (const group of groups) {
    const order = seqs.filter((m) => m.groupId === group).map((m) => m.seq);
    expect(order).toEqual([...order].sort((a, b) => a - b));
  }
}

function deleteOne(q: Harness, model: Model, { handle, id }: { handle: string; id: string }): void {
  const m = model.messages.get(id);
  const outcome = q.deleteHandle(handle);
  if (m === undefined || !model.stored(m, q.nowMs) || m.deadLettering) {
    expect(outcome.ok).toBe(true);
    return;
  }
  if (model.setup.fifo && (m.handle !== handle || !model.inFlight(m, q.nowMs))) {
    expect(outcome).toMatchObject({ ok: false, code: "RECEIPT_HANDLE_INVALID" });
    return;
  }
  expect(outcome.ok).toBe(true);
  model.messages.delete(id);
}

function changeOne(
  q: Harness,
  model: Model,
  { handle, id }: { handle: string; id: string },
  seconds: number,
): void {
  const m = model.messages.get(id);
  const outcome = q.changeVisibility(handle, seconds);
  if (m === undefined || !model.stored(m, q.nowMs)) {
    expect(outcome).toMatchObject({ ok: false, code: "RECEIPT_HANDLE_INVALID" });
  } else if (!model.inFlight(m, q.nowMs)) {
    expect(outcome).toMatchObject({ ok: false, code: "MESSAGE_NOT_INFLIGHT" });
  } else if (m.handle !== handle) {
    expect(outcome).toMatchObject({ ok: false, code: "RECEIPT_HANDLE_INVALID" });
  } else {
    expect(outcome.ok).toBe(true);
    m.visibleAtMs = q.nowMs + seconds * 1000;
  }
}

function purge(q: Harness, model: Model): void {
  const result = q.apply({ type: "purge" });
  if (q.nowMs - model.lastPurgeMs < 60_000) {
    expect(result).toMatchObject({ ok: false, code: "PURGE_IN_PROGRESS" });
    return;
  }
  expect(result.ok).toBe(true);
  model.lastPurgeMs = q.nowMs;
  model.messages.clear();
}

async function maintain(q: Harness, model: Model): Promise<void> {
  await q.maintain();
  for (const m of [...model.messages.values()]) {
    if (!model.stored(m, q.nowMs)) model.messages.delete(m.id);
    else if (
      model.live(m, q.nowMs) &&
      m.visibleAtMs <= q.nowMs &&
      model.setup.maxReceiveCount !== undefined &&
      m.receiveCount >= model.setup.maxReceiveCount
    ) {
      m.deadLettering = true;
    }
  }
}

async function deadLetterDone(q: Harness, model: Model): Promise<void> {
  const pending = await pendingDeadLetters(q.keyspace, q.partition.summary, q.nowMs, 100);
  const expected = [...model.messages.values()].filter((m) => m.deadLettering && model.stored(m, q.nowMs));
  expect(pending.map((p) => p.messageId).sort()).toEqual(expected.map((m) => m.id).sort());
  if (pending.length === 0) return;
  q.mustApply({ type: "dead-letter-done", messageIds: pending.map((p) => p.messageId) });
  for (const p of pending) model.messages.delete(p.messageId);
}

/** A replica restarting: a new partition restored from the keyspace carries on from the same state. */
async function restart(q: Harness): Promise<Harness> {
  const restored = new QueuePartition();
  await restored.restore(q.keyspace);
  expect(restored.summary).toEqual(q.partition.summary);
  expect(restored.attributes(q.nowMs)).toEqual(q.partition.attributes(q.nowMs));
  Object.defineProperty(q, "partition", { value: restored });
  return q;
}

/** Nothing sent is lost: after the sequence, every stored message can still be received and deleted. */
async function drain(q: Harness, model: Model): Promise<void> {
  q.advance(10_000);
  const drained = new Set<string>();
  for (let round = 0; round < 1_000; round++) {
    const received = await receive(q, model, 10, 600);
    if (received.length === 0 && model.receivable(q.nowMs).length === 0) break;
    for (const r of received) {
      drained.add(r.id);
      deleteOne(q, model, r);
    }
  }
  const left = [...model.messages.values()].filter((m) => model.live(m, q.nowMs));
  expect(left).toEqual([]);
  expect(q.counters()).toEqual(model.counters(q.nowMs));
}

describe("queue partition against a reference model", () => {
  it("standard queues", async () => {
    await fc.assert(
      fc.asyncProperty(
        setupArb(false),
        fc.array(opArb, { minLength: 10, maxLength: 80, size: "max" }),
        (setup, ops) => run(setup, ops),
      ),
      { numRuns: 150 },
    );
    // 150 random histories take seconds; a loaded machine must not turn that into a failure.
  }, 120_000);

  it("FIFO queues", async () => {
    await fc.assert(
      fc.asyncProperty(
        setupArb(true),
        fc.array(opArb, { minLength: 10, maxLength: 80, size: "max" }),
        (setup, ops) => run(setup, ops),
      ),
      { numRuns: 150 },
    );
    // 150 random histories take seconds; a loaded machine must not turn that into a failure.
  }, 120_000);
});

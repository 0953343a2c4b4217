import { MemoryKeyspace } from "@millrace/testkit";
import { encode } from "@millrace/common";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  QueuePartition,
  encodeBatchedCommand,
  encodeQueueCommand,
  defaultQueueConfig,
  type QueueCommand,
} from "../../src/index.js";
import { Harness, text } from "./harness.js";

const hexRows = (ks: MemoryKeyspace) =>
  [...ks.rows.entries()]
    .sort(([a], [b]) => (a < b ? -1 : 1))
    .map(([k, v]) => [k, Buffer.from(v.value).toString("hex")]);

/** A workload that touches every command, driven by the test as leader. */
async function workload(q: Harness, seed: number): Promise<void> {
  const random = fc.sample(fc.integer({ min: 0, max: 1_000 }), { seed, numRuns: 200 });
  let r = 0;
  const next = () => random[r++ % random.length]!;
  for (let step = 0; step < 40; step++) {
    q.advance((next() % 4) * 700);
    q.send([{ groupId: `g${next() % 3}`, body: text(`s${step}`) }]);
    const received = await q.receive({ max: 1 + (next() % 3), visibilityTimeoutSeconds: next() % 3 });
    for (const m of received) {
      if (next() % 2 === 0) q.deleteHandle(m.receiptHandle);
      else q.changeVisibility(m.receiptHandle, next() % 2);
    }
    if (step === 25) q.apply({ type: "purge" });
    if (step % 10 === 9) await q.maintain();
  }
}

describe("determinism", () => {
  it("two replicas applying the same log end with byte-identical keyspaces and results", async () => {
    for (const fifo of [false, true]) {
      const leader = new Harness({
        fifo,
        contentBasedDeduplication: fifo,
        redrivePolicy: { deadLetterTarget: fifo ? "d.fifo" : "d", maxReceiveCount: 2 },
      });
      await workload(leader, 7);
      const replica = new QueuePartition();
      const keyspace = new MemoryKeyspace();
      const results = leader.log.map((bytes, i) => replica.apply(i + 1, bytes, keyspace));
      // Replaying the leader's log on a fresh leader-side harness gives the same results too.
      const again = new QueuePartition();
      const keyspace2 = new MemoryKeyspace();
      expect(leader.log.map((bytes, i) => again.apply(i + 1, bytes, keyspace2))).toEqual(results);
      expect(hexRows(keyspace)).toEqual(hexRows(leader.keyspace));
      expect(replica.summary).toEqual(leader.partition.summary);
    }
  });

  // Every replica caches the metas it wrote last (PartitionCore); a cache that ever disagreed with the
  // keyspace would show here as a replica answering or writing differently from one that reads them all.
  it("a replica that caches few or no message metas writes and answers as one that caches them", async () => {
    for (const fifo of [false, true]) {
      const leader = new Harness({
        fifo,
        contentBasedDeduplication: fifo,
        redrivePolicy: { deadLetterTarget: fifo ? "d.fifo" : "d", maxReceiveCount: 2 },
      });
      await workload(leader, 11);
      const replay = (metaCacheEntriesMax: number) => {
        const replica = new QueuePartition({ metaCacheEntriesMax });
        const keyspace = new MemoryKeyspace();
        const results = leader.log.map((bytes, i) => replica.apply(i + 1, bytes, keyspace));
        return { results, rows: hexRows(keyspace), summary: replica.summary };
      };
      const cachingAll = replay(1_000_000);
      for (const cacheMax of [0, 1, 3]) expect(replay(cacheMax)).toEqual(cachingAll);
      expect(cachingAll.rows).toEqual(hexRows(leader.keyspace));
    }
  });

  // Replicas that did not propose an entry skip building a receive's messages (bodies, receipt handles):
  // they must still write exactly what the proposer wrote, FIFO receive attempts included.
  it("a replica applying without answering writes the same state, and only the answers are left out", async () => {
    for (const fifo of [false, true]) {
      const leader = new Harness({ fifo, contentBasedDeduplication: fifo });
      await workload(leader, 13);
      // A receive attempt id makes apply record what it returned: that record must not depend on answering.
      leader.send([{ groupId: "g0", body: text("last") }]);
      await leader.receive({ max: 5, ...(fifo ? { receiveAttemptId: "attempt-1" } : {}) });
      // And a receive inside a batch, as the server proposes them.
      leader.send([{ groupId: "g1", body: text("batched") }]);
      const candidates = await leader.candidates(3);
      leader.applyBytes(
        encodeQueueCommand({
          type: "batch",
          nowMs: leader.nowMs,
          commands: [
            encodeBatchedCommand({ type: "receive", candidates, nonce: new Uint8Array(16).fill(7) }),
          ],
        }),
      );
      const silent = new QueuePartition();
      const keyspace = new MemoryKeyspace();
      const results = leader.log.map((bytes, i) => silent.apply(i + 1, bytes, keyspace, { respond: false }));
      expect(hexRows(keyspace)).toEqual(hexRows(leader.keyspace));
      expect(silent.summary).toEqual(leader.partition.summary);
      const values: unknown[] = [];
      for (const r of results) {
        if (!r.ok) continue;
        if (r.value.type !== "batch") values.push(r.value);
        else for (const b of r.value.results) values.push(b.ok ? b.value : b);
      }
      const receives = values.filter((v) => (v as { type?: string }).type === "receive");
      expect(receives.length).toBeGreaterThan(1);
      for (const v of receives) expect(v).toMatchObject({ messages: [] });
    }
  });

  it("restoring at any point and continuing gives the same results as never restarting", async () => {
    const leader = new Harness({ fifo: true, contentBasedDeduplication: true });
    await workload(leader, 11);
    const straight = new QueuePartition();
    const straightKs = new MemoryKeyspace();
    const expected = leader.log.map((bytes, i) => straight.apply(i + 1, bytes, straightKs));
    for (const cut of [
      1,
      Math.floor(leader.log.length / 3),
      Math.floor(leader.log.length / 2),
      leader.log.length - 1,
    ]) {
      const first = new QueuePartition();
      const ks = new MemoryKeyspace();
      const before = leader.log.slice(0, cut).map((bytes, i) => first.apply(i + 1, bytes, ks));
      const restarted = new QueuePartition();
      await restarted.restore(ks);
      const after = leader.log.slice(cut).map((bytes, i) => restarted.apply(cut + i + 1, bytes, ks));
      expect([...before, ...after]).toEqual(expected);
      expect(hexRows(ks)).toEqual(hexRows(straightKs));
    }
  });

  it("never lets time run backwards: a command stamped earlier does not reopen an in-flight message", async () => {
    const q = new Harness();
    q.sendOne();
    const [m] = await q.receive({ visibilityTimeoutSeconds: 10 });
    q.advance(20_000);
    q.apply({ type: "purge" }, q.nowMs);
    // A new leader whose clock lags stamps an earlier time: the partition's clock stays where it was.
    expect(q.partition.summary.clockMs).toBe(q.nowMs);
    q.apply({ type: "cleanup", messageIds: [], recordKeys: [] }, q.nowMs - 15_000);
    expect(q.partition.summary.clockMs).toBe(q.nowMs);
    expect(m).toBeDefined();
  });
});

describe("bad commands", () => {
  const configured = () => new Harness();

  it("rejects garbage bytes and wrong shapes as values, never by throwing, and changes nothing", () => {
    const q = configured();
    const before = hexRows(q.keyspace);
    const summary = { ...q.partition.summary };
    const bad: unknown[] = [
      "send",
      42,
      null,
      [],
      { type: "send" },
      { type: "send", nowMs: -1, entries: [] },
      { type: "send", nowMs: 1.5, entries: [] },
      { type: "send", nowMs: 1, entries: [{ entryId: "a", messageId: "", body: text("x") }] },
      { type: "send", nowMs: 1, entries: [{ entryId: "a", messageId: "m", body: "not bytes" }] },
      {
        type: "send",
        nowMs: 1,
        entries: [{ entryId: "a", messageId: "m", body: text("x"), messageAttributes: [] }],
      },
      { type: "receive", nowMs: 1, candidates: ["a"], nonce: new Uint8Array(2) },
      { type: "receive", nowMs: 1, candidates: Array(11).fill("a"), nonce: new Uint8Array(8) },
      {
        type: "receive",
        nowMs: 1,
        candidates: [],
        nonce: new Uint8Array(8),
        visibilityTimeoutSeconds: 43_201,
      },
      { type: "delete", nowMs: 1, entries: [{ entryId: "a" }] },
      {
        type: "change-visibility",
        nowMs: 1,
        entries: [{ entryId: "a", receiptHandle: "x", visibilityTimeoutSeconds: -1 }],
      },
      {
        type: "configure",
        nowMs: 1,
        queueName: "q",
        config: { ...defaultQueueConfig(false), delaySeconds: 901 },
      },
      { type: "configure", nowMs: 1, queueName: "q", config: { fifo: "yes" } },
      { type: "cleanup", nowMs: 1, messageIds: [1], recordKeys: [] },
      { type: "explode", nowMs: 1 },
      // msgpack gives a BigInt for a 64-bit integer, which JSON.stringify throws on.
      { type: 2n ** 64n - 1n, nowMs: 1 },
      { type: { toString: false }, nowMs: 1 },
    ];
    for (const value of bad) {
      const result = q.applyBytes(encode(value));
      expect(result).toMatchObject({ ok: false, code: "INVALID_ARGUMENT" });
    }
    for (const bytes of [new Uint8Array([0xc1]), new Uint8Array([0x92]), new Uint8Array(0)]) {
      expect(q.applyBytes(bytes)).toMatchObject({ ok: false, code: "INVALID_ARGUMENT" });
    }
    expect(hexRows(q.keyspace)).toEqual(before);
    expect(q.partition.summary).toEqual(summary);
  });

  it("survives arbitrary bytes and arbitrary msgpack values", () => {
    const q = configured();
    fc.assert(
      fc.property(
        fc.oneof(
          fc.uint8Array({ maxLength: 64 }),
          fc.anything().map((v) => {
            try {
              return encode(v);
            } catch {
              return new Uint8Array([0xc1]);
            }
          }),
        ),
        (bytes) => {
          const result = q.applyBytes(bytes);
          expect(typeof result.ok).toBe("boolean");
        },
      ),
    );
  });

  it("refuses commands before the partition is configured", () => {
    const partition = new QueuePartition();
    const cmd: QueueCommand = {
      type: "send",
      nowMs: 1,
      entries: [{ entryId: "a", messageId: "m", body: text("x") }],
    };
    expect(partition.apply(1, encodeQueueCommand(cmd), new MemoryKeyspace())).toMatchObject({
      ok: false,
      code: "FAILED_PRECONDITION",
    });
  });

  it("refuses to change a queue's type or name", () => {
    const q = configured();
    expect(q.apply({ type: "configure", queueName: "q", config: defaultQueueConfig(true) })).toMatchObject({
      ok: false,
    });
    expect(
      q.apply({ type: "configure", queueName: "other", config: defaultQueueConfig(false) }),
    ).toMatchObject({ ok: false });
  });
});

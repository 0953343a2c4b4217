import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { type StateReader } from "@millrace/common";
import { nextVisibleAtMs, pickReceivable, type ReceivedMessage } from "../../src/index.js";
import { Harness, text } from "./harness.js";

/**
 * The leader starts its scans of the visibility index at a floor (QueuePartition.takeScanFloor), so that
 * it does not step over the deleted keys of every message already delivered. Whatever was written since,
 * below the floor, must still be found: a message missed here would never be received.
 */

/** Candidates from a scan that starts at the floor and raises it, as the partition leader scans. */
async function floored(q: Harness, max: number): Promise<string[]> {
  const { from, token } = q.partition.takeScanFloor();
  const [ids] = await pickReceivable(q.keyspace, q.partition.summary, {
    nowMs: q.nowMs,
    wants: [max],
    from,
    onLowestKey: (lowest) => q.partition.raiseScanFloor(token, lowest),
  });
  return ids ?? [];
}

/** Candidates from a scan of the whole index. */
async function full(q: Harness, max: number): Promise<string[]> {
  const [ids] = await pickReceivable(q.keyspace, q.partition.summary, { nowMs: q.nowMs, wants: [max] });
  return ids ?? [];
}

type Op =
  | { kind: "send"; delaySeconds: number }
  | { kind: "advance"; ms: number }
  | { kind: "receive"; max: number; visibilitySeconds: number }
  | { kind: "delete"; pick: number }
  | { kind: "release"; pick: number }
  | { kind: "purge" };

const opArb: fc.Arbitrary<Op> = fc.oneof(
  fc.record({ kind: fc.constant("send" as const), delaySeconds: fc.integer({ min: 0, max: 3 }) }),
  fc.record({ kind: fc.constant("advance" as const), ms: fc.integer({ min: 0, max: 2500 }) }),
  fc.record({
    kind: fc.constant("receive" as const),
    max: fc.integer({ min: 1, max: 4 }),
    visibilitySeconds: fc.integer({ min: 0, max: 3 }),
  }),
  fc.record({ kind: fc.constant("delete" as const), pick: fc.nat() }),
  fc.record({ kind: fc.constant("release" as const), pick: fc.nat() }),
  fc.record({ kind: fc.constant("purge" as const) }),
);

describe("the visibility scan floor", () => {
  it("finds exactly what a scan of the whole index finds, whatever was written below it", async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(opArb, { minLength: 1, maxLength: 60 }), async (ops) => {
        const q = new Harness();
        const held: ReceivedMessage[] = [];
        let n = 0;
        for (const op of ops) {
          switch (op.kind) {
            case "send":
              q.sendOne({ body: text(`m${n++}`), delaySeconds: op.delaySeconds });
              break;
            case "advance":
              q.advance(op.ms);
              break;
            case "receive": {
              const candidates = await floored(q, op.max);
              const result = q.mustApply({
                type: "receive",
                candidates,
                nonce: q.nonce(),
                visibilityTimeoutSeconds: op.visibilitySeconds,
              });
              held.push(...result.messages);
              break;
            }
            case "delete":
            case "release": {
              const m = held.splice(op.pick % Math.max(1, held.length), 1)[0];
              if (m === undefined) break;
              if (op.kind === "delete") q.deleteHandle(m.receiptHandle);
              // Visible again at once: its key goes back below anything scanned since it was received.
              else
                q.apply({
                  type: "change-visibility",
                  entries: [{ entryId: "c", receiptHandle: m.receiptHandle, visibilityTimeoutSeconds: 0 }],
                });
              break;
            }
            case "purge":
              q.apply({ type: "purge" });
              break;
          }
          expect(await floored(q, 1000)).toEqual(await full(q, 1000));
          // The next message to become visible, searched from where the buckets say, as long polls do.
          const start = q.partition.nextVisibleScanStartMs(q.nowMs);
          const everything = await nextVisibleAtMs(q.keyspace, q.partition.summary, q.nowMs);
          const fromStart =
            start === undefined
              ? undefined
              : await nextVisibleAtMs(q.keyspace, q.partition.summary, q.nowMs, start);
          expect(fromStart).toEqual(everything);
        }
      }),
      { numRuns: 150 },
    );
  });

  it("is not raised by a scan that another scan overtook", async () => {
    const q = new Harness();
    for (let i = 0; i < 5; i++) q.sendOne({ body: text(`m${i}`) });
    const [first] = await full(q, 1);
    // Scan A takes the floor; then a message is received and released (its key moves past the head and
    // back); scan B takes the floor, then A reports a lowest key as if nothing had changed.
    const a = q.partition.takeScanFloor();
    const received = q.mustApply({ type: "receive", candidates: [first as string], nonce: q.nonce() });
    q.advance(1);
    q.apply({
      type: "change-visibility",
      entries: [
        {
          entryId: "c",
          receiptHandle: (received.messages[0] as ReceivedMessage).receiptHandle,
          visibilityTimeoutSeconds: 0,
        },
      ],
    });
    const b = q.partition.takeScanFloor();
    q.partition.raiseScanFloor(a.token, { visibleAtMs: Number.MAX_SAFE_INTEGER, seq: 0 });
    expect(q.partition.takeScanFloor().from).toEqual(b.from);
    expect(await floored(q, 10)).toEqual(await full(q, 10));
  });

  describe("the next time a message becomes visible", () => {
    /** The keyspace as a StateReader that counts the rows its range reads return. */
    function counting(q: Harness): { reader: StateReader; rows: () => number } {
      let rows = 0;
      const reader: StateReader = {
        get: (key) => q.keyspace.get(key),
        async range(from, to, limit) {
          const found = await q.keyspace.range(from, to, limit);
          rows += found.length;
          return found;
        },
      };
      return { reader, rows: () => rows };
    }

    it("is found from the first few rows, however many messages are in flight", async () => {
      // The partition leader asks after every batch holding a receive; it read every message in flight.
      const q = new Harness({ visibilityTimeoutSeconds: 30 });
      for (let i = 0; i < 300; i++) q.sendOne({ body: text(`m${i}`) });
      const receivedAtMs = q.nowMs;
      while ((await q.receive()).length > 0) q.advance(1);
      const { reader, rows } = counting(q);
      expect(await nextVisibleAtMs(reader, q.partition.summary, q.nowMs)).toBe(receivedAtMs + 30_000);
      expect(rows()).toBeLessThanOrEqual(8);
    });

    it("is found past more rows that no longer count than the first read returns", async () => {
      const q = new Harness({ visibilityTimeoutSeconds: 30 });
      for (let i = 0; i < 50; i++) q.sendOne({ body: text(`m${i}`) });
      while ((await q.receive()).length > 0) q.advance(1);
      // Purged messages keep their visibility keys until cleanup deletes them; they no longer count.
      q.apply({ type: "purge" });
      q.sendOne({ body: text("late"), delaySeconds: 60 });
      const { reader, rows } = counting(q);
      expect(await nextVisibleAtMs(reader, q.partition.summary, q.nowMs)).toBe(q.nowMs + 60_000);
      expect(rows()).toBe(51);
    });
  });
});

import { describe, expect, it } from "vitest";
import { type StateReader } from "@millrace/common";
import { findOverReceived } from "../../src/index.js";
import { encodeVisibilityEntry } from "../../src/queue/record-layouts.js";
import { visibilityKey } from "../../src/queue/keys.js";
import { Harness, text } from "./harness.js";

/**
 * The partition leader looks for visible messages that used up their receives once a second on every
 * queue with a redrive policy. Under a backlog nearly every visible message was never received; reading
 * each one's meta to learn that cost 67 ms of CPU per pass on a 20,000-message backlog
 * (`npm run bench:partition`), so the visibility entry carries the receive count.
 */
describe("finding messages over the redrive policy's receive count", () => {
  const policy = { redrivePolicy: { deadLetterTarget: "dlq", maxReceiveCount: 2 } };

  /** The keyspace as a StateReader that counts point reads (the meta reads). */
  function counting(q: Harness): { reader: StateReader; gets: () => number } {
    let gets = 0;
    const reader: StateReader = {
      get(key) {
        gets++;
        return q.keyspace.get(key);
      },
      range: (from, to, limit) => q.keyspace.range(from, to, limit),
    };
    return { reader, gets: () => gets };
  }

  it("reads no message's meta when no visible message is near the count", async () => {
    const q = new Harness(policy);
    for (let i = 0; i < 300; i++) q.sendOne({ body: text(`m${i}`) });
    // Received once and visible again: still under the count of 2.
    await q.receive({ max: 10, visibilityTimeoutSeconds: 1 });
    q.advance(1001);
    const { reader, gets } = counting(q);
    expect(await findOverReceived(reader, q.partition.summary, q.nowMs, 100)).toEqual([]);
    expect(gets()).toBe(0);
  });

  it("finds exactly the messages received as often as the policy allows, reading only their meta", async () => {
    const q = new Harness(policy);
    const over = new Set(
      Array.from({ length: 3 }, (_, i) => q.sendOne({ body: text(`over${i}`) }).messageId),
    );
    for (let round = 0; round < 2; round++) {
      const received = await q.receive({ max: 10, visibilityTimeoutSeconds: 1 });
      expect(new Set(received.map((m) => m.messageId))).toEqual(over);
      q.advance(1001);
    }
    // Sent later, never received: visible, under the count.
    for (let i = 0; i < 50; i++) q.sendOne({ body: text(`m${i}`) });
    const { reader, gets } = counting(q);
    const found = await findOverReceived(reader, q.partition.summary, q.nowMs, 100);
    expect(new Set(found)).toEqual(over);
    expect(gets()).toBe(over.size);
  });

  it("still reads the meta of entries written before they carried the count", async () => {
    const q = new Harness(policy);
    const sent = q.sendOne({ body: text("old") }).messageId;
    for (let round = 0; round < 2; round++) {
      expect(await q.receive({ max: 1, visibilityTimeoutSeconds: 1 })).toHaveLength(1);
      q.advance(1001);
    }
    // Rewrite the message's entry as older code wrote it: without the receive count.
    const [row] = await q.keyspace.range(visibilityKey(0, 0), visibilityKey(q.nowMs + 1, 0), 10);
    expect(row).toBeDefined();
    q.keyspace.put(row!.key, encodeVisibilityEntry({ id: sent, retainFromMs: q.nowMs - 2002 }));
    const { reader, gets } = counting(q);
    expect(await findOverReceived(reader, q.partition.summary, q.nowMs, 100)).toEqual([sent]);
    expect(gets()).toBe(1);
  });
});

import { describe, expect, it } from "vitest";
import { oldestStoredMs, scanLimitDefault } from "../../src/index.js";
import { Harness } from "./harness.js";

/**
 * The age of a queue's oldest message is what operators alert on (SQS's ApproximateAgeOfOldestMessage):
 * consumers that stopped or fell behind show as a growing age long before the count alarms.
 */
describe("the oldest message a partition holds", () => {
  const oldest = (q: Harness) => oldestStoredMs(q.keyspace, q.partition.summary, q.nowMs);

  it("is the earliest sent of the visible, in-flight and delayed messages, and moves on when it is deleted", async () => {
    const q = new Harness();
    expect(await oldest(q)).toBeNull();
    const firstSentMs = q.nowMs;
    q.sendOne();
    q.advance(5_000);
    const secondSentMs = q.nowMs;
    q.sendOne();
    q.advance(1_000);
    q.sendOne({ delaySeconds: 60 });
    expect(await oldest(q)).toBe(firstSentMs);
    const [received] = await q.receive({ max: 1, visibilityTimeoutSeconds: 30 });
    expect(received?.attributes["SentTimestamp"]).toBe(String(firstSentMs));
    // In flight still counts: it is not done until deleted.
    expect(await oldest(q)).toBe(firstSentMs);
    expect(q.deleteHandle(received!.receiptHandle).ok).toBe(true);
    expect(await oldest(q)).toBe(secondSentMs);
  });

  it("skips messages purged or past retention before cleanup deletes them", async () => {
    const q = new Harness({ messageRetentionSeconds: 60 });
    q.sendOne();
    q.advance(61_000);
    expect(await oldest(q)).toBeNull();
    const keptSentMs = q.nowMs;
    q.sendOne();
    expect(await oldest(q)).toBe(keptSentMs);
    q.mustApply({ type: "purge" });
    expect(await oldest(q)).toBeNull();
  });

  it("says it does not know, rather than answer wrongly, past a bounded scan of purged messages", async () => {
    const q = new Harness();
    for (let i = 0; i < scanLimitDefault; i += 10) q.send(Array.from({ length: 10 }, () => ({})));
    q.mustApply({ type: "purge" });
    q.advance(1_000);
    const laterSentMs = q.nowMs;
    q.sendOne();
    expect(await oldest(q)).toBeUndefined();
    await q.maintain();
    expect(await oldest(q)).toBe(laterSentMs);
  });
});

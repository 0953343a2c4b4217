import { encode, limits } from "@millrace/common";
import { describe, expect, it } from "vitest";
import {
  QueuePartition,
  defaultQueueConfig,
  inflightMessagesMaxOf,
  partitionConfig,
  type ReceiveResult,
} from "../../src/index.js";
import { Harness, bodyText, expectFailure, text } from "./harness.js";

/**
 * SQS caps messages in flight (received, neither deleted nor visible again): about 120,000 on a standard
 * queue, which then answers OverLimit, and 20,000 on a FIFO queue, which then returns nothing. Here the
 * cap is set small through the partition's config.
 */
describe("the in-flight cap", () => {
  const receiveOnce = async (q: Harness, visibilityTimeoutSeconds?: number) =>
    q.apply({
      type: "receive",
      candidates: await q.candidates(),
      nonce: q.nonce(),
      ...(visibilityTimeoutSeconds === undefined ? {} : { visibilityTimeoutSeconds }),
    });

  it("defaults to SQS's caps, and a queue's partitions share it, rounding up", () => {
    expect(inflightMessagesMaxOf(defaultQueueConfig(false))).toBe(120_000);
    expect(inflightMessagesMaxOf(defaultQueueConfig(true))).toBe(20_000);
    expect(limits.queueInflightMessagesMax).toBe(120_000);
    expect(limits.fifoQueueInflightMessagesMax).toBe(20_000);
    expect(partitionConfig(defaultQueueConfig(false), 3).inflightMessagesMax).toBe(40_000);
    expect(partitionConfig(defaultQueueConfig(false), 7).inflightMessagesMax).toBe(17_143);
    expect(partitionConfig(defaultQueueConfig(true), 3).inflightMessagesMax).toBe(6_667);
    expect(partitionConfig(defaultQueueConfig(true), 1)).toEqual({
      ...defaultQueueConfig(true),
      inflightMessagesMax: 20_000,
    });
  });

  it("stops a standard queue's receive at the cap, then answers OVER_LIMIT", async () => {
    const q = new Harness({ inflightMessagesMax: 3 });
    for (let i = 0; i < 5; i++) q.sendOne({ body: text(`m${i}`) });
    expect(await q.receive({ max: 10 })).toHaveLength(3);
    expect(q.partition.inflight(q.nowMs)).toMatchObject({ count: 3, max: 3 });
    expectFailure(await receiveOnce(q), "OVER_LIMIT");
    expect(q.counters()).toEqual({ visible: 2, notVisible: 3, delayed: 0 });
  });

  it("does not limit receives with visibility timeout 0, which put nothing in flight", async () => {
    const q = new Harness({ inflightMessagesMax: 1 });
    q.sendOne();
    q.sendOne();
    expect(await q.receive({ max: 1 })).toHaveLength(1);
    expect(await q.receive({ max: 10, visibilityTimeoutSeconds: 0 })).toHaveLength(1);
  });

  it("makes room as messages in flight are deleted, and says so, so long polls wake", async () => {
    const q = new Harness({ inflightMessagesMax: 2 });
    for (let i = 0; i < 4; i++) q.sendOne({ body: text(`m${i}`) });
    const held = await q.receive();
    expect(held).toHaveLength(2);
    const deleted = q.mustApply({
      type: "delete",
      entries: [{ entryId: "d", receiptHandle: held[0]!.receiptHandle }],
    });
    expect(deleted.available).toBe(true);
    expect(await q.receive()).toHaveLength(1);
  });

  it("makes room as visibility timeouts end, and tells the leader when", async () => {
    const q = new Harness({ inflightMessagesMax: 2 });
    for (let i = 0; i < 4; i++) q.sendOne({ body: text(`m${i}`) });
    await q.receive({ visibilityTimeoutSeconds: 5 });
    expect(q.partition.inflight(q.nowMs)).toEqual({ count: 2, max: 2, dropAtMs: q.nowMs + 5_000 });
    q.advance(5_000);
    expect(q.partition.inflight(q.nowMs)).toEqual({ count: 0, max: 2 });
    expect(await q.receive({ max: 10 })).toHaveLength(2);
  });

  it("on a FIFO queue returns no messages at the cap, without an error", async () => {
    const q = new Harness({ fifo: true, contentBasedDeduplication: true, inflightMessagesMax: 2 });
    for (const group of ["a", "b", "c"]) q.sendOne({ groupId: group, body: text(group) });
    const held = await q.receive();
    expect(held.map(bodyText)).toEqual(["a", "b"]);
    const atCap = await receiveOnce(q);
    expect(atCap).toMatchObject({ ok: true });
    expect((atCap as { value: ReceiveResult }).value.messages).toEqual([]);
    q.deleteHandle(held[0]!.receiptHandle);
    expect((await q.receive()).map(bodyText)).toEqual(["c"]);
  });

  it("is remembered across a restart", async () => {
    const q = new Harness({ inflightMessagesMax: 1 });
    q.sendOne();
    q.sendOne();
    await q.receive({ max: 1 });
    const restarted = new QueuePartition();
    await restarted.restore(q.keyspace);
    Object.defineProperty(q, "partition", { value: restarted });
    expect(q.partition.inflight(q.nowMs)).toMatchObject({ count: 1, max: 1 });
    expectFailure(await receiveOnce(q), "OVER_LIMIT");
  });

  it("rejects a config whose cap is not a positive integer", () => {
    const q = new Harness();
    for (const inflightMessagesMax of [0, -1, 1.5, "10"]) {
      const config = { ...defaultQueueConfig(false), inflightMessagesMax };
      expect(
        q.applyBytes(encode({ type: "configure", nowMs: q.nowMs, queueName: "q", config })),
      ).toMatchObject({
        ok: false,
        code: "INVALID_ARGUMENT",
      });
    }
  });
});

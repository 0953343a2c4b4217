import { describe, expect, it } from "vitest";
import {
  QueuePartition,
  encodeQueueCommand,
  findReceivable,
  nextVisibleAtMs,
  parseQueueAttributes,
  pendingDeadLetters,
} from "../../src/index.js";
import { Harness, bodyText, expectFailure, text } from "./harness.js";

/** One test per queue bug that other SQS emulators shipped (reference/features.md §5.1–5.3). */
describe("bugs other emulators shipped", () => {
  describe("ElasticMQ", () => {
    it("#65/#80: a delayed message becomes receivable when its delay ends, and says when that is", async () => {
      const q = new Harness({ delaySeconds: 5 });
      const sent = q.send([{}]);
      expect(sent.available).toBe(false);
      expect(sent.nextVisibleAtMs).toBe(q.nowMs + 5_000);
      expect(await nextVisibleAtMs(q.keyspace, q.partition.summary, q.nowMs)).toBe(q.nowMs + 5_000);
      expect(await q.receive()).toHaveLength(0);
      q.advance(5_000);
      expect(await q.receive()).toHaveLength(1);
    });

    it("#81: a visibility change to 0 wakes long polls", async () => {
      const q = new Harness();
      q.sendOne();
      const [m] = await q.receive();
      const result = q.mustApply({
        type: "change-visibility",
        entries: [{ entryId: "a", receiptHandle: m!.receiptHandle, visibilityTimeoutSeconds: 0 }],
      });
      expect(result.available).toBe(true);
      expect(await q.receive()).toHaveLength(1);
    });

    it("#70/#761: WaitTimeSeconds 0 is accepted and more than 20 is refused", () => {
      expect(parseQueueAttributes({ ReceiveMessageWaitTimeSeconds: "0" }, { fifo: false }).ok).toBe(true);
      const tooLong = parseQueueAttributes({ ReceiveMessageWaitTimeSeconds: "21" }, { fifo: false });
      expect(tooLong).toMatchObject({ ok: false, field: "Attributes.ReceiveMessageWaitTimeSeconds" });
    });

    it("#43: attributes SQS accepts but the partition ignores are accepted, not refused", () => {
      const result = parseQueueAttributes(
        {
          Policy: "{}",
          KmsMasterKeyId: "alias/x",
          SqsManagedSseEnabled: "true",
          RedriveAllowPolicy: '{"redrivePermission":"allowAll"}',
        },
        { fifo: false },
      );
      expect(result.ok).toBe(true);
    });

    it("#516/#618: messages survive a restart, and deleted ones do not come back", async () => {
      const q = new Harness();
      q.sendOne({ body: text("keep") });
      q.sendOne({ body: text("drop") });
      const received = await q.receive();
      const drop = received.find((m) => bodyText(m) === "drop")!;
      q.deleteHandle(drop.receiptHandle);
      const restarted = new QueuePartition();
      await restarted.restore(q.keyspace);
      q.advance(31_000);
      const ids = await findReceivable(q.keyspace, restarted.summary, { nowMs: q.nowMs, max: 10 });
      expect(ids).toEqual([received.find((m) => bodyText(m) === "keep")!.messageId]);
    });
  });

  describe("LocalStack", () => {
    it("#6766: two receives planned at once do not both get the same FIFO group", async () => {
      const q = new Harness({ fifo: true, contentBasedDeduplication: true });
      q.send([
        { groupId: "g", body: text("1") },
        { groupId: "g", body: text("2") },
      ]);
      const first = await q.candidates(1);
      const second = await q.candidates(1);
      const a = q.mustApply({ type: "receive", candidates: first, nonce: q.nonce() });
      const b = q.mustApply({ type: "receive", candidates: second, nonce: q.nonce() });
      expect(a.messages.map(bodyText)).toEqual(["1"]);
      expect(b.messages).toHaveLength(0);
    });

    it("#6762: messages sent to a group while it is in flight come after it, in order", async () => {
      const q = new Harness({ fifo: true, contentBasedDeduplication: true });
      q.sendOne({ groupId: "g", body: text("1") });
      const [first] = await q.receive({ visibilityTimeoutSeconds: 10 });
      q.sendOne({ groupId: "g", body: text("2") });
      q.sendOne({ groupId: "g", body: text("3") });
      expect(await q.receive()).toHaveLength(0);
      q.advance(10_000);
      expect((await q.receive()).map(bodyText)).toEqual(["1", "2", "3"]);
      expect(first).toBeDefined();
    });

    it("#8724: sending to a group does not reset its in-flight message's visibility", async () => {
      const q = new Harness({ fifo: true, contentBasedDeduplication: true });
      q.sendOne({ groupId: "g", body: text("1") });
      await q.receive({ visibilityTimeoutSeconds: 10 });
      q.advance(5_000);
      q.sendOne({ groupId: "g", body: text("2") });
      expect(await q.receive()).toHaveLength(0);
      q.advance(5_000);
      expect((await q.receive()).map(bodyText)).toEqual(["1", "2"]);
    });

    it("#12457: extending one in-flight message does not release the rest of its group", async () => {
      const q = new Harness({ fifo: true, contentBasedDeduplication: true });
      q.send([1, 2, 3].map((n) => ({ groupId: "g", body: text(String(n)) })));
      const [m1, m2] = await q.receive({ max: 2, visibilityTimeoutSeconds: 10 });
      expect(q.changeVisibility(m1!.receiptHandle, 60)).toMatchObject({ ok: true });
      q.advance(10_000);
      // m2 is visible again but m1 is still in flight: the group stays locked, so neither m2 nor m3.
      expect(await q.receive()).toHaveLength(0);
      q.deleteHandle(m1!.receiptHandle);
      expect((await q.receive()).map(bodyText)).toEqual(["2", "3"]);
      expect(m2).toBeDefined();
    });

    it("#10274: with DeduplicationScope=messageGroup the same dedup id is distinct across groups", () => {
      const perGroup = new Harness({ fifo: true, deduplicationScope: "messageGroup" });
      const a = perGroup.sendOne({ groupId: "a", dedupId: "d" });
      const b = perGroup.sendOne({ groupId: "b", dedupId: "d" });
      const again = perGroup.sendOne({ groupId: "a", dedupId: "d" });
      expect([a.duplicate, b.duplicate, again.duplicate]).toEqual([false, false, true]);
      expect(again.messageId).toBe(a.messageId);
      const perQueue = new Harness({ fifo: true });
      perQueue.sendOne({ groupId: "a", dedupId: "d" });
      expect(perQueue.sendOne({ groupId: "b", dedupId: "d" }).duplicate).toBe(true);
    });

    it("#7397: VisibilityTimeout=0 never returns one message twice in a receive", () => {
      const q = new Harness();
      const sent = q.sendOne();
      const result = q.mustApply({
        type: "receive",
        candidates: [sent.messageId, sent.messageId, sent.messageId],
        nonce: q.nonce(),
        visibilityTimeoutSeconds: 0,
      });
      expect(result.messages).toHaveLength(1);
    });

    it("#13222: FIFO visibility extensions take effect, and expired handles are refused", async () => {
      const q = new Harness({ fifo: true, contentBasedDeduplication: true });
      q.sendOne({ groupId: "g" });
      const [m] = await q.receive({ visibilityTimeoutSeconds: 10 });
      expect(q.changeVisibility(m!.receiptHandle, 30)).toMatchObject({ ok: true });
      q.advance(20_000);
      expect(await q.receive()).toHaveLength(0);
      q.advance(10_000);
      expect(q.changeVisibility(m!.receiptHandle, 30)).toMatchObject({
        ok: false,
        code: "MESSAGE_NOT_INFLIGHT",
      });
    });

    it("#12278 and spring-cloud-aws#196: a FIFO delete after the visibility timeout is RECEIPT_HANDLE_INVALID", async () => {
      const q = new Harness({ fifo: true, contentBasedDeduplication: true });
      q.sendOne({ groupId: "g" });
      const [m] = await q.receive({ visibilityTimeoutSeconds: 10 });
      q.advance(10_000);
      expect(q.deleteHandle(m!.receiptHandle)).toMatchObject({ ok: false, code: "RECEIPT_HANDLE_INVALID" });
      expect(await q.receive()).toHaveLength(1);
    });

    it("#8234: a message that used up its receives moves to the outbox without another receive", async () => {
      const q = new Harness({ redrivePolicy: { deadLetterTarget: "dlq", maxReceiveCount: 1 } });
      q.sendOne();
      await q.receive({ visibilityTimeoutSeconds: 10 });
      q.advance(10_000);
      await q.maintain();
      const pending = await pendingDeadLetters(q.keyspace, q.partition.summary, q.nowMs, 10);
      expect(pending).toHaveLength(1);
      expect(pending[0]!.destination).toBe("dlq");
      expect(q.counters()).toEqual({ visible: 0, notVisible: 1, delayed: 0 });
    });

    it("#8903: a message moved into a dead-letter queue is visible there at once, whatever its delay", async () => {
      const dlq = new Harness({ delaySeconds: 60 }, "dlq");
      const sent = dlq.send([
        {
          body: text("x"),
          movedFrom: {
            kind: "dead-letter",
            sourceQueue: "q",
            originalMessageId: "orig",
            originalSentTimestamp: dlq.nowMs - 5_000,
          },
        },
      ]);
      expect(sent.available).toBe(true);
      const [m] = await dlq.receive();
      expect(m!.attributes["DeadLetterQueueSourceArn"]).toBe("q");
      expect(m!.attributes["SentTimestamp"]).toBe(String(dlq.nowMs - 5_000));
    });
  });

  describe("floci", () => {
    it("#2104: a delayed FIFO message does not block the visible messages of its group", async () => {
      const q = new Harness({ fifo: true, contentBasedDeduplication: true });
      q.sendOne({ groupId: "G", body: text("A") });
      q.mustApply({
        type: "configure",
        queueName: "q.fifo",
        config: { ...q.partition.summary.config!, delaySeconds: 30 },
      });
      q.sendOne({ groupId: "G", body: text("B") });
      expect(q.counters()).toEqual({ visible: 1, notVisible: 0, delayed: 1 });
      expect((await q.receive()).map(bodyText)).toEqual(["A"]);
    });
  });

  it("encodes commands the server can build without the harness", () => {
    const bytes = encodeQueueCommand({ type: "purge", nowMs: 1 });
    expect(bytes).toBeInstanceOf(Uint8Array);
    expectFailure(new QueuePartition().apply(1, bytes, new Harness().keyspace), "FAILED_PRECONDITION");
  });
});

import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import {
  findGarbage,
  nextVisibleAtMs,
  pendingDeadLetters,
  readForRedrive,
  type SendEntry,
} from "../../src/index.js";
import { Harness, bodyText, text } from "./harness.js";

const entry = (over: Partial<SendEntry> = {}): Partial<SendEntry> => over;

describe("send", () => {
  it("applies SQS's batch rules to the whole batch", () => {
    const q = new Harness();
    const send = (entries: Partial<SendEntry>[]) =>
      q.apply({
        type: "send",
        entries: entries.map((e, i) => ({
          entryId: `e${i}`,
          messageId: q.newMessageId(),
          body: text("x"),
          ...e,
        })),
      });
    expect(send([])).toMatchObject({ ok: false, code: "EMPTY_BATCH" });
    expect(send(Array.from({ length: 11 }, () => entry()))).toMatchObject({
      ok: false,
      code: "TOO_MANY_ENTRIES_IN_BATCH",
    });
    expect(send([entry({ entryId: "a" }), entry({ entryId: "a" })])).toMatchObject({
      ok: false,
      code: "BATCH_ENTRY_IDS_NOT_DISTINCT",
    });
    expect(send([entry({ entryId: "bad id!" })])).toMatchObject({
      ok: false,
      code: "BATCH_ENTRY_ID_INVALID",
    });
    expect(
      send([entry({ body: new Uint8Array(600_000) }), entry({ body: new Uint8Array(600_000) })]),
    ).toMatchObject({
      ok: false,
      code: "BATCH_TOO_LARGE",
    });
    expect(q.counters().visible).toBe(0);
  });

  it("rejects bad entries one by one, naming the field, and sends the rest", () => {
    const q = new Harness({ maximumMessageSize: 1024 });
    const bad: [Partial<SendEntry>, string][] = [
      [{ body: new Uint8Array(0) }, "MessageBody"],
      [{ body: new Uint8Array([0xff, 0xfe]) }, "MessageBody"],
      [{ body: new Uint8Array(1025).fill(0x61) }, "MessageBody"],
      // The attribute's name, type and value count toward the size, as SQS counts them.
      [
        {
          body: new Uint8Array(1000).fill(0x61),
          messageAttributes: { n: { dataType: "String", stringValue: "x".repeat(20) } },
        },
        "MessageBody",
      ],
      [
        { messageAttributes: { "AWS.x": { dataType: "String", stringValue: "v" } } },
        "MessageAttributes.AWS.x",
      ],
      [
        { messageAttributes: { "amazon.x": { dataType: "String", stringValue: "v" } } },
        "MessageAttributes.amazon.x",
      ],
      [{ messageAttributes: { "a..b": { dataType: "String", stringValue: "v" } } }, "MessageAttributes.a..b"],
      [{ messageAttributes: { ".a": { dataType: "String", stringValue: "v" } } }, "MessageAttributes..a"],
      [{ messageAttributes: { "a b": { dataType: "String", stringValue: "v" } } }, "MessageAttributes.a b"],
      [{ messageAttributes: { a: { dataType: "Text", stringValue: "v" } } }, "MessageAttributes.a"],
      [{ messageAttributes: { a: { dataType: "String", stringValue: "" } } }, "MessageAttributes.a"],
      [{ messageAttributes: { a: { dataType: "String", stringValue: "\u0001" } } }, "MessageAttributes.a"],
      [{ messageAttributes: { a: { dataType: "Binary", stringValue: "v" } } }, "MessageAttributes.a"],
      [{ messageAttributes: { a: { dataType: "Number", stringValue: "12abc" } } }, "MessageAttributes.a"],
      [{ messageAttributes: { a: { dataType: "Number", stringValue: "1e127" } } }, "MessageAttributes.a"],
      [
        { messageAttributes: { a: { dataType: "Number", stringValue: "1".repeat(39) } } },
        "MessageAttributes.a",
      ],
      [
        {
          messageAttributes: Object.fromEntries(
            Array.from({ length: 11 }, (_, i) => [`a${i}`, { dataType: "String", stringValue: "v" }]),
          ),
        },
        "MessageAttributes",
      ],
      [
        { messageSystemAttributes: { Other: { dataType: "String", stringValue: "v" } } },
        "MessageSystemAttributes.Other",
      ],
      [{ delaySeconds: 901 }, "DelaySeconds"],
      [{ dedupId: "d" }, "MessageDeduplicationId"],
    ];
    const result = q.send([...bad.map(([e]) => e).slice(0, 9), {}]);
    expect(result.entries.slice(0, 9).map((e) => (e.ok ? "ok" : e.field))).toEqual(
      bad.slice(0, 9).map(([, f]) => f),
    );
    expect(result.entries[9]!.ok).toBe(true);
    for (const chunk of [bad.slice(9, 19), bad.slice(19)]) {
      const rest = q.send(chunk.map(([e]) => e));
      expect(rest.entries.map((e) => (e.ok ? "ok" : e.field))).toEqual(chunk.map(([, f]) => f));
      expect(rest.entries.every((e) => !e.ok && e.code === "INVALID_ARGUMENT")).toBe(true);
    }
    expect(q.counters().visible).toBe(1);
  });

  it("accepts the attributes SQS accepts, with Number precision and range as AWS's", () => {
    const q = new Harness();
    const ok = q.sendOne({
      messageAttributes: {
        "my.attr-1_x": { dataType: "Number.float", stringValue: "-1.5e126" },
        tiny: { dataType: "Number", stringValue: "0.000" },
        small: { dataType: "Number", stringValue: "1e-128" },
        digits: { dataType: "Number", stringValue: "1".repeat(38) + "000" },
        bin: { dataType: "Binary.png", binaryValue: new Uint8Array([1, 2]) },
      },
    });
    expect(ok.md5OfMessageAttributes).toMatch(/^[0-9a-f]{32}$/);
  });

  it("requires FIFO's group and deduplication ids and refuses per-message delays there", () => {
    const q = new Harness({ fifo: true });
    const result = q.send([
      { dedupId: "d" },
      { groupId: "g" },
      { groupId: "g", dedupId: "d", delaySeconds: 1 },
      { groupId: "g g", dedupId: "d" },
    ]);
    expect(result.entries.map((e) => (e.ok ? "ok" : e.field))).toEqual([
      "MessageGroupId",
      "MessageDeduplicationId",
      "DelaySeconds",
      "MessageGroupId",
    ]);
  });

  it("deduplicates FIFO sends for five minutes, even after the message is deleted", async () => {
    const q = new Harness({ fifo: true });
    const first = q.sendOne({ groupId: "g", dedupId: "d" });
    const [m] = await q.receive();
    q.deleteHandle(m!.receiptHandle);
    q.advance(299_000);
    const dup = q.sendOne({ groupId: "g", dedupId: "d" });
    expect(dup).toMatchObject({
      duplicate: true,
      messageId: first.messageId,
      sequenceNumber: first.sequenceNumber,
    });
    expect(await q.receive()).toHaveLength(0);
    q.advance(1_000);
    expect(q.sendOne({ groupId: "g", dedupId: "d" }).duplicate).toBe(false);
    // The first record's expiry entry is cleaned up; the new record with the same key survives it.
    await q.maintain();
    expect(q.sendOne({ groupId: "g", dedupId: "d" }).duplicate).toBe(true);
  });

  it("deduplicates by the body's SHA-256 with ContentBasedDeduplication, and reports it as the dedup id", async () => {
    const q = new Harness({ fifo: true, contentBasedDeduplication: true });
    const a = q.sendOne({ groupId: "g", body: text("same") });
    const b = q.sendOne({
      groupId: "h",
      body: text("same"),
      messageAttributes: { x: { dataType: "String", stringValue: "y" } },
    });
    expect(b).toMatchObject({ duplicate: true, messageId: a.messageId });
    const [m] = await q.receive();
    expect(m!.attributes["MessageDeduplicationId"]).toBe(createHash("sha256").update("same").digest("hex"));
  });

  it("gives FIFO messages increasing sequence numbers", () => {
    const q = new Harness({ fifo: true, contentBasedDeduplication: true });
    const a = q.sendOne({ groupId: "g" });
    const b = q.sendOne({ groupId: "g" });
    expect(BigInt(b.sequenceNumber!)).toBeGreaterThan(BigInt(a.sequenceNumber!));
  });
});

describe("receive", () => {
  it("returns the message with its digests and SQS system attributes", async () => {
    const q = new Harness({ fifo: true });
    const attrs = { k: { dataType: "String", stringValue: "v" } };
    const sent = q.sendOne({
      groupId: "g",
      dedupId: "d",
      body: text("hello"),
      messageAttributes: attrs,
      messageSystemAttributes: { AWSTraceHeader: { dataType: "String", stringValue: "Root=1-abc" } },
    });
    const sentAt = q.nowMs;
    q.advance(1_000);
    const [m] = await q.receive();
    expect(bodyText(m!)).toBe("hello");
    expect(m!.md5OfBody).toBe(createHash("md5").update("hello").digest("hex"));
    expect(m!.md5OfBody).toBe(sent.md5OfMessageBody);
    expect(m!.md5OfMessageAttributes).toBe(sent.md5OfMessageAttributes);
    expect(sent.md5OfMessageSystemAttributes).toMatch(/^[0-9a-f]{32}$/);
    expect(m!.messageAttributes).toEqual(attrs);
    expect(m!.attributes).toEqual({
      SentTimestamp: String(sentAt),
      ApproximateReceiveCount: "1",
      ApproximateFirstReceiveTimestamp: String(q.nowMs),
      SequenceNumber: sent.sequenceNumber,
      MessageGroupId: "g",
      MessageDeduplicationId: "d",
      AWSTraceHeader: "Root=1-abc",
    });
  });

  it("keeps the first receive time and counts receives", async () => {
    const q = new Harness();
    q.sendOne();
    const first = q.nowMs;
    await q.receive({ visibilityTimeoutSeconds: 1 });
    q.advance(1_000);
    const [m] = await q.receive();
    expect(m!.attributes).toMatchObject({
      ApproximateReceiveCount: "2",
      ApproximateFirstReceiveTimestamp: String(first),
    });
  });

  it("FIFO: a retried receive with the same ReceiveRequestAttemptId returns the same messages and handles", async () => {
    const q = new Harness({ fifo: true, contentBasedDeduplication: true });
    q.send([
      { groupId: "g", body: text("1") },
      { groupId: "g", body: text("2") },
    ]);
    const first = await q.receive({ receiveAttemptId: "attempt" });
    q.advance(1_000);
    const retry = q.mustApply({
      type: "receive",
      candidates: [],
      nonce: q.nonce(),
      receiveAttemptId: "attempt",
    });
    expect(retry.messages.map((m) => m.receiptHandle)).toEqual(first.map((m) => m.receiptHandle));
    q.deleteHandle(first[0]!.receiptHandle);
    expect(q.deleteHandle(retry.messages[1]!.receiptHandle)).toEqual({ entryId: "d", ok: true });
  });

  it("drops stale candidates: a message received meanwhile is not received twice", async () => {
    const q = new Harness();
    q.sendOne();
    const stale = await q.candidates();
    await q.receive();
    const result = q.mustApply({ type: "receive", candidates: stale, nonce: q.nonce() });
    expect(result.messages).toHaveLength(0);
  });

  it("says when the next invisible message becomes visible, for long-poll timers", async () => {
    const q = new Harness();
    q.sendOne();
    await q.receive({ visibilityTimeoutSeconds: 7 });
    expect(await nextVisibleAtMs(q.keyspace, q.partition.summary, q.nowMs)).toBe(q.nowMs + 7_000);
    expect(q.send([{}]).available).toBe(true);
  });
});

describe("receipt handles", () => {
  it("refuses malformed handles and handles of another queue", async () => {
    const q = new Harness();
    const other = new Harness({}, "other");
    other.sendOne();
    const [foreign] = await other.receive();
    q.sendOne();
    const [mine] = await q.receive();
    const tampered = mine!.receiptHandle.slice(0, -2) + (mine!.receiptHandle.endsWith("00") ? "11" : "00");
    for (const handle of [
      "",
      "garbage",
      "zz",
      foreign!.receiptHandle,
      tampered,
      mine!.receiptHandle.slice(0, 20),
    ]) {
      expect(q.deleteHandle(handle)).toMatchObject({ ok: false, code: "RECEIPT_HANDLE_INVALID" });
      expect(q.changeVisibility(handle, 5)).toMatchObject({ ok: false, code: "RECEIPT_HANDLE_INVALID" });
    }
  });

  it("standard: a handle from an earlier receive still deletes the message, and deleting twice succeeds", async () => {
    const q = new Harness();
    q.sendOne();
    const [old] = await q.receive({ visibilityTimeoutSeconds: 1 });
    q.advance(1_000);
    const [current] = await q.receive();
    expect(q.changeVisibility(old!.receiptHandle, 5)).toMatchObject({
      ok: false,
      code: "RECEIPT_HANDLE_INVALID",
    });
    expect(q.deleteHandle(old!.receiptHandle)).toMatchObject({ ok: true });
    expect(q.deleteHandle(current!.receiptHandle)).toMatchObject({ ok: true });
    expect(q.counters()).toEqual({ visible: 0, notVisible: 0, delayed: 0 });
  });

  it("FIFO: only the latest receive's handle deletes", async () => {
    const q = new Harness({ fifo: true, contentBasedDeduplication: true });
    q.sendOne({ groupId: "g" });
    const [old] = await q.receive({ visibilityTimeoutSeconds: 1 });
    q.advance(1_000);
    const [current] = await q.receive();
    expect(q.deleteHandle(old!.receiptHandle)).toMatchObject({ ok: false, code: "RECEIPT_HANDLE_INVALID" });
    expect(q.deleteHandle(current!.receiptHandle)).toMatchObject({ ok: true });
  });

  it("caps a visibility extension at twelve hours from the receive", async () => {
    const q = new Harness();
    q.sendOne();
    const [m] = await q.receive({ visibilityTimeoutSeconds: 43_200 });
    q.advance(1_000);
    expect(q.changeVisibility(m!.receiptHandle, 43_200)).toMatchObject({
      ok: false,
      code: "INVALID_ARGUMENT",
    });
    expect(q.changeVisibility(m!.receiptHandle, 43_199)).toMatchObject({ ok: true });
    expect(q.changeVisibility(m!.receiptHandle, 43_201)).toMatchObject({
      ok: false,
      field: "VisibilityTimeout",
    });
  });
});

describe("purge, retention and cleanup", () => {
  it("purges at once without a scan, once a minute, and cleanup then deletes every key", async () => {
    const q = new Harness();
    q.send(Array.from({ length: 10 }, () => ({})));
    await q.receive({ max: 3 });
    expect(q.mustApply({ type: "purge" })).toEqual({ type: "purge", purgedThroughSeq: 10 });
    expect(q.counters()).toEqual({ visible: 0, notVisible: 0, delayed: 0 });
    expect(await q.candidates()).toEqual([]);
    q.advance(59_000);
    expect(q.apply({ type: "purge" })).toMatchObject({ ok: false, code: "PURGE_IN_PROGRESS" });
    const kept = q.sendOne();
    await q.maintain();
    // Left: the summary, and the one message sent after the purge (meta, body, two index entries).
    expect(q.keyspace.rows.size).toBe(5);
    expect(await q.candidates()).toEqual([kept.messageId]);
  });

  it("never returns a message past retention, even before cleanup deletes it", async () => {
    const q = new Harness({ messageRetentionSeconds: 60 });
    q.sendOne();
    q.advance(60_000);
    expect(await q.candidates()).toEqual([]);
    const forced = q.mustApply({ type: "receive", candidates: ["m-1"], nonce: q.nonce() });
    expect(forced.messages).toHaveLength(0);
    const garbage = await findGarbage(q.keyspace, q.partition.summary, q.nowMs, 10);
    expect(garbage.messageIds).toEqual(["m-1"]);
    // Cleanup re-checks: an id that is not garbage is left alone.
    const fresh = q.sendOne();
    q.mustApply({ type: "cleanup", messageIds: [...garbage.messageIds, fresh.messageId], recordKeys: [] });
    expect(await q.candidates()).toEqual([fresh.messageId]);
    expect(q.counters().visible).toBe(1);
  });

  it("keeps only O(1) state in memory however many messages it stores", () => {
    const q = new Harness();
    for (let i = 0; i < 100; i++) q.send(Array.from({ length: 10 }, () => ({ delaySeconds: i % 5 })));
    expect(Object.keys(q.partition.summary).length).toBe(10);
    expect(q.counters()).toEqual({ visible: 200, notVisible: 0, delayed: 800 });
    expect(q.keyspace.rows.size).toBeGreaterThan(4_000);
  });
});

describe("dead letters and redrive", () => {
  it("moves a message past maxReceiveCount to the outbox on receive, then forwards it once", async () => {
    const source = new Harness({ redrivePolicy: { deadLetterTarget: "dlq", maxReceiveCount: 2 } });
    source.sendOne({ body: text("poison") });
    for (let i = 0; i < 2; i++) {
      expect(await source.receive({ visibilityTimeoutSeconds: 0 })).toHaveLength(1);
    }
    const third = source.mustApply({
      type: "receive",
      candidates: await source.candidates(),
      nonce: source.nonce(),
    });
    expect(third.messages).toHaveLength(0);
    expect(third.deadLettered).toEqual(["m-1"]);
    const [item] = await pendingDeadLetters(source.keyspace, source.partition.summary, source.nowMs, 10);
    const dlq = new Harness({}, "dlq");
    const move = { ...item!.entry, entryId: "e", messageId: dlq.newMessageId() };
    expect(dlq.mustApply({ type: "send", entries: [move] }).entries[0]).toMatchObject({ duplicate: false });
    // The server retrying the move after a failover does not store it twice.
    expect(
      dlq.mustApply({ type: "send", entries: [{ ...move, messageId: dlq.newMessageId() }] }).entries[0],
    ).toMatchObject({
      duplicate: true,
    });
    expect(source.mustApply({ type: "dead-letter-done", messageIds: ["m-1"] })).toEqual({
      type: "dead-letter-done",
      removed: 1,
    });
    expect(source.mustApply({ type: "dead-letter-done", messageIds: ["m-1"] })).toEqual({
      type: "dead-letter-done",
      removed: 0,
    });
    expect(source.counters()).toEqual({ visible: 0, notVisible: 0, delayed: 0 });

    // Redrive back to the source: the DLQ hands out its visible messages with their origin.
    const [back] = await readForRedrive(dlq.keyspace, dlq.partition.summary, dlq.nowMs, 10);
    expect(back!.destination).toBe("q");
    source.mustApply({
      type: "send",
      entries: [{ ...back!.entry, entryId: "r", messageId: source.newMessageId() }],
    });
    dlq.mustApply({ type: "redrive-done", messageIds: [back!.messageId] });
    const [again] = await source.receive();
    expect(bodyText(again!)).toBe("poison");
    expect(again!.attributes["DeadLetterQueueSourceArn"]).toBeUndefined();
    expect(dlq.counters()).toEqual({ visible: 0, notVisible: 0, delayed: 0 });
  });
});

import {
  ErrorCode,
  decode,
  encode,
  isMillraceError,
  limits,
  wrapReceiptHandle,
  type MillraceError,
} from "@millrace/common";
import { QueuePartition, defaultQueueConfig, readForRedrive, type MessageAttributes } from "@millrace/broker";
import { afterEach, describe, expect, it } from "vitest";
import { readerOf } from "../../src/host/group-replica.js";
import { type MetaOp } from "../../src/node/controller.js";
import { metaGroupId } from "../../src/node/group-ids.js";
import { PartitionLeader } from "../../src/queues/queue-executor.js";
import { queueArn } from "../../src/queues/queue-names.js";
import { checkQueueOp } from "../../src/queues/queue-op-check.js";
import { waitMsMax, type QueueOp, type SendInput } from "../../src/queues/queue-ops.js";
import { backendForwardingEverything, callContext } from "./forwarding-backend.js";
import { StartedGroups } from "../single-node-group.js";

const bytes = (s: string) => new TextEncoder().encode(s);
/** What the leader receives from a peer: the op after a msgpack round trip. */
const overTheWire = (op: unknown): unknown => decode(encode(op));

function refusal(check: (op: unknown) => unknown, op: unknown): MillraceError {
  try {
    check(op);
  } catch (error) {
    if (isMillraceError(error)) return error;
    throw error;
  }
  throw new Error(
    `accepted ${JSON.stringify(op, (_k, v: unknown) => (typeof v === "bigint" ? `${v}n` : v))}`,
  );
}

function expectRefused(check: (op: unknown) => unknown, op: unknown, field: string): void {
  const error = refusal(check, overTheWire(op));
  expect(error.code, error.message).toBe(ErrorCode.INVALID_ARGUMENT);
  expect(error.details.field, error.message).toBe(field);
  expect(error.message.startsWith(field), error.message).toBe(true);
}

const sendOf = (entry: Record<string, unknown>) => ({
  type: "send",
  queueName: "q",
  entries: [{ entryId: "e0", body: bytes("m"), ...entry }],
});
const movedFrom = {
  kind: "dead-letter",
  sourceQueue: "orders",
  originalMessageId: "0b6f1c7e-2f55-4d3c-9d8e-0c6d1f0e9a11",
  originalSentTimestamp: 1_700_000_000_000,
};
const handle = (receiptHandle: unknown) => ({ type: "delete", entries: [{ entryId: "e0", receiptHandle }] });
const visibility = (visibilityTimeoutSeconds: unknown) => ({
  type: "change-visibility",
  entries: [{ entryId: "e0", receiptHandle: "h", visibilityTimeoutSeconds }],
});

// A forwarded call's op is whatever a peer's msgpack decodes to: the leader checks it as the gateway
// checks a client's request, and answers INVALID_ARGUMENT naming the field.
describe("checkQueueOp refuses a malformed op, naming the field", () => {
  const cases: [string, unknown, string][] = [
    ["no op", null, "op"],
    ["a list for an op", [{ type: "stats" }], "op"],
    ["bytes for an op", bytes("stats"), "op"],
    ["an unknown type", { type: "bogus" }, "type"],
    ["no type", {}, "type"],
    ["a 64-bit integer for a type", { type: 2n ** 64n - 1n }, "type"],
    ["a configure without a queue name", { type: "configure", config: {} }, "queueName"],
    [
      "a configure of an invalid queue name",
      { type: "configure", queueName: "a/b", config: {} },
      "queueName",
    ],
    ["a config that is no object", { type: "configure", queueName: "q", config: "fifo" }, "config"],
    ["a config that is a list", { type: "configure", queueName: "q", config: [] }, "config"],
    ["a send without a queue name", { ...sendOf({}), queueName: 7 }, "queueName"],
    ["send entries that are no list", { type: "send", queueName: "q", entries: { 0: {} } }, "entries"],
    ["a send of no entries", { type: "send", queueName: "q", entries: [] }, "entries"],
    [
      "a send of more entries than a batch holds",
      {
        type: "send",
        queueName: "q",
        entries: Array.from({ length: limits.batchEntriesMax + 1 }, (_, i) => ({
          entryId: `e${i}`,
          body: bytes("m"),
        })),
      },
      "entries",
    ],
    ["an entry that is no object", { type: "send", queueName: "q", entries: ["m"] }, "entries[0]"],
    ["a body that is a string", sendOf({ body: "m" }), "entries[0].body"],
    ["a body that only looks like bytes", sendOf({ body: { byteLength: 3 } }), "entries[0].body"],
    ["no body", sendOf({ body: undefined }), "entries[0].body"],
    ["an entry id that is no string", sendOf({ entryId: 0 }), "entries[0].entryId"],
    ["an entry id past the batch rules", sendOf({ entryId: "e".repeat(81) }), "entries[0].entryId"],
    ["attributes that are a list", sendOf({ messageAttributes: [] }), "entries[0].messageAttributes"],
    [
      "an attribute that is a string",
      sendOf({ messageAttributes: { a: "x" } }),
      "entries[0].messageAttributes",
    ],
    [
      "an attribute without a data type",
      sendOf({ messageAttributes: { a: { stringValue: "x" } } }),
      "entries[0].messageAttributes",
    ],
    [
      "a string attribute whose value is no string",
      sendOf({ messageAttributes: { a: { dataType: "String", stringValue: 5 } } }),
      "entries[0].messageAttributes",
    ],
    [
      "a binary attribute whose value is no bytes",
      sendOf({ messageAttributes: { a: { dataType: "Binary", binaryValue: [1, 2] } } }),
      "entries[0].messageAttributes",
    ],
    [
      "a system attribute that is no object",
      sendOf({ messageSystemAttributes: { AWSTraceHeader: "Root=1" } }),
      "entries[0].messageSystemAttributes",
    ],
    ["a negative delay", sendOf({ delaySeconds: -5 }), "entries[0].delaySeconds"],
    [
      "a delay past SQS's cap",
      sendOf({ delaySeconds: limits.delaySecondsMax + 1 }),
      "entries[0].delaySeconds",
    ],
    ["a fractional delay", sendOf({ delaySeconds: 1.5 }), "entries[0].delaySeconds"],
    ["an empty group id", sendOf({ groupId: "" }), "entries[0].groupId"],
    [
      "a group id past its cap",
      sendOf({ groupId: "g".repeat(limits.messageGroupIdLengthMax + 1) }),
      "entries[0].groupId",
    ],
    ["a dedup id that is no string", sendOf({ dedupId: 5 }), "entries[0].dedupId"],
    [
      "a dedup id past its cap",
      sendOf({ dedupId: "d".repeat(limits.dedupIdLengthMax + 1) }),
      "entries[0].dedupId",
    ],
    ["a movedFrom that is no object", sendOf({ movedFrom: "orders" }), "entries[0].movedFrom"],
    [
      "a move of an unknown kind",
      sendOf({ movedFrom: { ...movedFrom, kind: "copy" } }),
      "entries[0].movedFrom.kind",
    ],
    [
      "a move from an invalid queue name",
      sendOf({ movedFrom: { ...movedFrom, sourceQueue: "" } }),
      "entries[0].movedFrom.sourceQueue",
    ],
    [
      "a move without the original message id",
      sendOf({ movedFrom: { ...movedFrom, originalMessageId: "" } }),
      "entries[0].movedFrom.originalMessageId",
    ],
    [
      "a move sent at a negative time",
      sendOf({ movedFrom: { ...movedFrom, originalSentTimestamp: -1 } }),
      "entries[0].movedFrom.originalSentTimestamp",
    ],
    ["a receive of a billion messages", { type: "receive", max: 1e9 }, "max"],
    ["a receive of no messages", { type: "receive", max: 0 }, "max"],
    ["a receive without a count", { type: "receive" }, "max"],
    ["a receive of a text count", { type: "receive", max: "10" }, "max"],
    ["a replay-only receive without an attempt", { type: "receive", max: 1, replayOnly: true }, "replayOnly"],
    [
      "a replay-only flag that is not true",
      { type: "receive", max: 1, attemptId: "a", replayOnly: "yes" },
      "replayOnly",
    ],
    [
      "a negative visibility timeout",
      { type: "receive", max: 1, visibilityTimeoutSeconds: -5 },
      "visibilityTimeoutSeconds",
    ],
    [
      "a visibility timeout of NaN",
      { type: "receive", max: 1, visibilityTimeoutSeconds: Number.NaN },
      "visibilityTimeoutSeconds",
    ],
    [
      "a visibility timeout past twelve hours",
      { type: "receive", max: 1, visibilityTimeoutSeconds: limits.visibilityTimeoutSecondsMax + 1 },
      "visibilityTimeoutSeconds",
    ],
    [
      "a null visibility timeout",
      { type: "receive", max: 1, visibilityTimeoutSeconds: null },
      "visibilityTimeoutSeconds",
    ],
    ["an attempt id that is no string", { type: "receive", max: 1, attemptId: 7 }, "attemptId"],
    ["an empty attempt id", { type: "receive", max: 1, attemptId: "" }, "attemptId"],
    [
      "an attempt id past its cap",
      { type: "receive", max: 1, attemptId: "a".repeat(limits.dedupIdLengthMax + 1) },
      "attemptId",
    ],
    ["an endless wait", { type: "wait", waitMs: Number.POSITIVE_INFINITY }, "waitMs"],
    ["a negative wait", { type: "wait", waitMs: -1 }, "waitMs"],
    ["a wait past the long-poll cap", { type: "wait", waitMs: waitMsMax + 1 }, "waitMs"],
    ["a wait of a 64-bit integer", { type: "wait", waitMs: 2n ** 63n }, "waitMs"],
    ["a wait without a time", { type: "wait" }, "waitMs"],
    ["delete entries that are no list", { type: "delete", entries: "h" }, "entries"],
    ["a delete of no entries", { type: "delete", entries: [] }, "entries"],
    ["a receipt handle that is no string", handle(5), "entries[0].receiptHandle"],
    ["an empty receipt handle", handle(""), "entries[0].receiptHandle"],
    [
      "a receipt handle past its cap",
      handle("h".repeat(limits.receiptHandleLengthMax + 1)),
      "entries[0].receiptHandle",
    ],
    [
      "a delete entry without an id",
      { type: "delete", entries: [{ receiptHandle: "h" }] },
      "entries[0].entryId",
    ],
    ["a visibility change without a timeout", visibility(undefined), "entries[0].visibilityTimeoutSeconds"],
    ["a negative visibility change", visibility(-5), "entries[0].visibilityTimeoutSeconds"],
    ["a visibility change of NaN", visibility(Number.NaN), "entries[0].visibilityTimeoutSeconds"],
    [
      "a visibility change past twelve hours",
      visibility(limits.visibilityTimeoutSecondsMax + 1),
      "entries[0].visibilityTimeoutSeconds",
    ],
    ["a visibility change of a text handle list", { type: "change-visibility", entries: "h" }, "entries"],
  ];
  it.each(cases)("%s", (_what, op, field) => expectRefused(checkQueueOp, op, field));

  it("names the entry at fault by its position", () => {
    const op = {
      type: "send",
      queueName: "q",
      entries: [{ entryId: "a", body: bytes("1") }, { entryId: "b" }],
    };
    expectRefused(checkQueueOp, op, "entries[1].body");
  });

  it("quotes an attribute's name in the message, never in the field, which goes into gRPC metadata", () => {
    const name = "é\n".repeat(100);
    const error = refusal(checkQueueOp, overTheWire(sendOf({ messageAttributes: { [name]: 5 } })));
    expect(error.details.field).toBe("entries[0].messageAttributes");
    expect(error.message).toContain("é");
  });
});

describe("checkQueueOp keeps what a QueueOp has", () => {
  it("drops fields no QueueOp has, and the message id and checksum that are the leader's to choose", () => {
    const op = {
      type: "send",
      queueName: "q",
      extra: 1,
      entries: [{ entryId: "e0", body: bytes("m"), messageId: "mine", md5OfBody: "0".repeat(32), x: {} }],
    };
    expect(checkQueueOp(overTheWire(op))).toEqual({
      type: "send",
      queueName: "q",
      entries: [{ entryId: "e0", body: bytes("m") }],
    });
    expect(checkQueueOp({ type: "stats", extra: [1, 2] })).toEqual({ type: "stats" });
    expect(checkQueueOp({ type: "receive", max: 10, visibilityTimeoutSeconds: undefined })).toEqual({
      type: "receive",
      max: 10,
    });
  });
});

describe("checkQueueOp passes every op the node builds", () => {
  const groups = new StartedGroups();
  afterEach(() => groups.stopAll());

  it("passes, unchanged after a peer's msgpack round trip, each op the queue backend sends a partition", async () => {
    const { backend, forwarded, groupsOf } = backendForwardingEverything();
    const ctx = callContext();
    await backend.CreateQueue(
      { queueName: "orders", attributes: { Partitions: "2", VisibilityTimeout: "60" }, tags: { team: "a" } },
      ctx,
    );
    await backend.CreateQueue(
      {
        queueName: "jobs.fifo",
        attributes: { FifoQueue: "true", ContentBasedDeduplication: "true" },
        tags: {},
      },
      ctx,
    );
    await backend.SetQueueAttributes({ queueName: "orders", attributes: { DelaySeconds: "5" } }, ctx);
    await backend.SendMessageBatch(
      {
        queueName: "orders",
        entries: [
          {
            id: "first",
            messageBody: "hello",
            delaySeconds: 3,
            messageAttributes: {
              colour: { dataType: "String", stringValue: "red", binaryValue: Buffer.alloc(0) },
              size: { dataType: "Number.int", stringValue: "12", binaryValue: Buffer.alloc(0) },
              blob: { dataType: "Binary", stringValue: "", binaryValue: Buffer.from([0, 1, 255]) },
            },
            messageSystemAttributes: {
              AWSTraceHeader: {
                dataType: "String",
                stringValue: "Root=1-5e1b4151-5ac6c58f5b5daa6532a1f1c4",
                binaryValue: Buffer.alloc(0),
              },
            },
            messageDeduplicationId: "",
            messageGroupId: "",
          },
          {
            id: "second",
            messageBody: "é ✓",
            messageAttributes: {},
            messageSystemAttributes: {},
            messageDeduplicationId: "",
            messageGroupId: "",
          },
        ],
      },
      ctx,
    );
    await backend.SendMessage(
      {
        queueName: "jobs.fifo",
        messageBody: "job",
        messageAttributes: {},
        messageSystemAttributes: {},
        messageDeduplicationId: "d".repeat(limits.dedupIdLengthMax),
        messageGroupId: "g".repeat(limits.messageGroupIdLengthMax),
      },
      ctx,
    );
    const receive = {
      messageSystemAttributeNames: ["All"],
      messageAttributeNames: ["All"],
      receiveRequestAttemptId: "",
    };
    // Nothing at first, so it long-polls (a wait per partition), then receives again.
    await backend.ReceiveMessage(
      {
        ...receive,
        queueName: "orders",
        maxNumberOfMessages: 10,
        visibilityTimeoutSeconds: 30,
        waitTimeSeconds: 2,
      },
      ctx,
    );
    await backend.ReceiveMessage(
      {
        ...receive,
        queueName: "jobs.fifo",
        maxNumberOfMessages: 0,
        receiveRequestAttemptId: "a".repeat(limits.dedupIdLengthMax),
      },
      ctx,
    );
    const [first, second] = groupsOf("orders").map((groupId) =>
      wrapReceiptHandle(groupId, "h".repeat(limits.receiptHandleLengthMax - 8)),
    ) as [string, string];
    await backend.DeleteMessage({ queueName: "orders", receiptHandle: first }, ctx);
    await backend.DeleteMessageBatch(
      {
        queueName: "orders",
        entries: [
          { id: "a", receiptHandle: first },
          { id: "b", receiptHandle: second },
        ],
      },
      ctx,
    );
    await backend.ChangeMessageVisibility(
      {
        queueName: "orders",
        receiptHandle: first,
        visibilityTimeoutSeconds: limits.visibilityTimeoutSecondsMax,
      },
      ctx,
    );
    await backend.ChangeMessageVisibilityBatch(
      {
        queueName: "orders",
        entries: [
          { id: "a", receiptHandle: first, visibilityTimeoutSeconds: 0 },
          { id: "b", receiptHandle: second, visibilityTimeoutSeconds: 10 },
        ],
      },
      ctx,
    );
    await backend.PurgeQueue({ queueName: "orders" }, ctx);
    await backend.GetQueueAttributes({ queueName: "orders", attributeNames: [] }, ctx);
    await backend.ListMessageMoveTasks({ sourceArn: queueArn("orders"), maxResults: 0 }, ctx);
    await expect(backend.GetQueueUrl({ queueName: "missing" }, ctx)).rejects.toMatchObject({
      code: ErrorCode.NOT_FOUND,
    });

    const queueOps = forwarded.filter((f) => f.groupId !== metaGroupId);
    const types = new Set(queueOps.map((f) => (f.op as QueueOp).type));
    expect([...types].sort()).toEqual(
      ["change-visibility", "configure", "delete", "purge", "receive", "send", "stats", "wait"].sort(),
    );
    const metaTypes = new Set(
      forwarded.filter((f) => f.groupId === metaGroupId).map((f) => (f.op as MetaOp).type),
    );
    expect([...metaTypes].sort()).toEqual(["move-tasks", "propose", "resource"]);
    for (const { op, checked } of forwarded) expect(checked).toEqual(op);
  }, 30_000);

  it("passes the sends that move messages, built from a partition's records as redrive and dead-lettering build them", async () => {
    const partition = new QueuePartition();
    const { host, replica } = await groups.start(30, partition);
    const leader = new PartitionLeader(30, partition, host);
    const run = (op: QueueOp) => leader.run(replica, op);
    try {
      await run({ type: "configure", queueName: "source.fifo", config: defaultQueueConfig(true) });
      const attributes: MessageAttributes = {
        colour: { dataType: "String", stringValue: "red" },
        blob: { dataType: "Binary", binaryValue: bytes("b") },
      };
      const entries: SendInput[] = ["one", "two"].map((body, i) => ({
        entryId: `e${i}`,
        body: bytes(body),
        messageAttributes: attributes,
        messageSystemAttributes: { AWSTraceHeader: { dataType: "String", stringValue: "Root=1-abc" } },
        groupId: "g",
        dedupId: body,
      }));
      await run({ type: "send", queueName: "source.fifo", entries });
      const items = await readForRedrive(
        readerOf(replica.storage.keyspace),
        partition.summary,
        Date.now(),
        10,
      );
      expect(items).toHaveLength(2);
      // As the move task runner and the dead-letter mover build them.
      const op: QueueOp = {
        type: "send",
        queueName: "target.fifo",
        entries: items.map((m, i): SendInput => ({ ...m.entry, entryId: String(i) })),
      };
      expect(op.entries[0]).toMatchObject({
        groupId: "g",
        dedupId: "one",
        messageSystemAttributes: { AWSTraceHeader: { stringValue: "Root=1-abc" } },
        movedFrom: { kind: "redrive", sourceQueue: "source.fifo" },
      });
      const received = overTheWire(op);
      expect(checkQueueOp(received)).toEqual(received);
    } finally {
      leader.stepDown();
    }
  }, 30_000);
});

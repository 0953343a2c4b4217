import { checkQueueName, isValidBatchEntryId, limits, shown } from "@millrace/common";
import {
  messageIdLengthMax,
  type MessageAttributes,
  type MovedFrom,
  type QueueConfig,
} from "@millrace/broker";
import { invalid } from "@millrace/gateway";
import { fieldsOf, isFields, type Fields } from "../node/op-fields.js";
import { waitMsMax, type QueueOp, type SendInput } from "./queue-ops.js";

type Mutable<T> = { -readonly [K in keyof T]: T[K] };
type HandleEntry = Extract<QueueOp, { type: "delete" }>["entries"][number];
type VisibilityEntry = Extract<QueueOp, { type: "change-visibility" }>["entries"][number];

/**
 * The op as a QueueOp of known fields only, or INVALID_ARGUMENT naming the field that is wrong. A
 * forwarded call's op is whatever a peer's msgpack decodes to, so it is checked here as the gateway checks
 * a client's request: every field's type, and the bounds the gateway enforces (batch sizes, receive
 * counts, timeouts, id lengths), so the leader can neither throw on it nor take unbounded work. What the
 * broker checks when a command applies (attribute rules, a body against the queue's size limit, a queue
 * config's fields, FIFO rules) is left to it, to be answered per entry as it is for a client.
 */
export function checkQueueOp(op: unknown): QueueOp {
  const fields = fieldsOf(op, "op");
  const type = fields["type"];
  switch (type) {
    case "configure":
      return {
        type,
        queueName: queueName(fields["queueName"]),
        // The broker's queue-config parser checks every field when the configure command applies.
        config: fieldsOf(fields["config"], "config") as unknown as QueueConfig,
      };
    case "send":
      return { type, queueName: queueName(fields["queueName"]), entries: entries(fields, sendInput) };
    case "receive":
      return receive(fields);
    case "wait":
      return { type, waitMs: integer(fields["waitMs"], "waitMs", 0, waitMsMax) };
    case "delete":
      return { type, entries: entries(fields, handleEntry) };
    case "change-visibility":
      return { type, entries: entries(fields, visibilityEntry) };
    case "purge":
    case "stats":
      return { type };
    default:
      throw invalid("type", `must name a queue operation, got ${shown(type)}`);
  }
}

function receive(fields: Fields): QueueOp {
  const op: Mutable<Extract<QueueOp, { type: "receive" }>> = {
    type: "receive",
    max: integer(fields["max"], "max", 1, limits.receiveMessagesMax),
  };
  const { visibilityTimeoutSeconds, attemptId } = fields;
  if (visibilityTimeoutSeconds !== undefined) {
    op.visibilityTimeoutSeconds = visibilityTimeout(visibilityTimeoutSeconds, "visibilityTimeoutSeconds");
  }
  if (attemptId !== undefined) op.attemptId = text(attemptId, "attemptId", limits.dedupIdLengthMax);
  const replayOnly = fields["replayOnly"];
  if (replayOnly !== undefined) {
    if (replayOnly !== true)
      throw invalid("replayOnly", `must be true when present, got ${shown(replayOnly)}`);
    if (op.attemptId === undefined) throw invalid("replayOnly", "needs an attemptId to replay");
    op.replayOnly = true;
  }
  return op;
}

/** A batch's entries: as many as a client's batch may hold, each checked by `entry` at its own path. */
function entries<T>(fields: Fields, entry: (e: Fields, at: string) => T): T[] {
  const list = fields["entries"];
  if (!Array.isArray(list)) throw invalid("entries", `must be a list, got ${shown(list)}`);
  if (list.length < 1 || list.length > limits.batchEntriesMax) {
    throw invalid("entries", `must hold 1 to ${limits.batchEntriesMax} entries, got ${list.length}`);
  }
  return list.map((value: unknown, i) => {
    const at = `entries[${i}]`;
    return entry(fieldsOf(value, at), at);
  });
}

/** A message to send. Its id and body checksum are the leader's to choose, so none is taken from here. */
function sendInput(e: Fields, at: string): SendInput {
  const body = e["body"];
  if (!(body instanceof Uint8Array)) throw invalid(`${at}.body`, `must be bytes, got ${shown(body)}`);
  const input: Mutable<SendInput> = { entryId: entryId(e, at), body };
  const { messageAttributes, messageSystemAttributes, delaySeconds, groupId, dedupId, movedFrom } = e;
  if (messageAttributes !== undefined) {
    input.messageAttributes = attributes(messageAttributes, `${at}.messageAttributes`);
  }
  if (messageSystemAttributes !== undefined) {
    input.messageSystemAttributes = attributes(messageSystemAttributes, `${at}.messageSystemAttributes`);
  }
  if (delaySeconds !== undefined) {
    input.delaySeconds = integer(delaySeconds, `${at}.delaySeconds`, 0, limits.delaySecondsMax);
  }
  if (groupId !== undefined) input.groupId = text(groupId, `${at}.groupId`, limits.messageGroupIdLengthMax);
  if (dedupId !== undefined) input.dedupId = text(dedupId, `${at}.dedupId`, limits.dedupIdLengthMax);
  if (movedFrom !== undefined) input.movedFrom = moved(movedFrom, `${at}.movedFrom`);
  return input;
}

function handleEntry(e: Fields, at: string): HandleEntry {
  return {
    entryId: entryId(e, at),
    receiptHandle: text(e["receiptHandle"], `${at}.receiptHandle`, limits.receiptHandleLengthMax),
  };
}

function visibilityEntry(e: Fields, at: string): VisibilityEntry {
  const field = `${at}.visibilityTimeoutSeconds`;
  return {
    ...handleEntry(e, at),
    visibilityTimeoutSeconds: visibilityTimeout(e["visibilityTimeoutSeconds"], field),
  };
}

/**
 * Message attributes by name, each a data type with a string or binary value. Their names, types,
 * values and number are the broker's to judge against SQS's rules, per entry. A name is quoted in the
 * message, never put in the field: the field goes into gRPC metadata, which refuses most characters.
 */
function attributes(value: unknown, field: string): MessageAttributes {
  const map = fieldsOf(value, field);
  for (const [name, attribute] of Object.entries(map)) {
    const fault = attributeFault(attribute);
    if (fault !== undefined) throw invalid(field, `attribute ${shown(name)} ${fault}`);
  }
  return map as MessageAttributes;
}

function attributeFault(attribute: unknown): string | undefined {
  if (!isFields(attribute)) return `must be an object, got ${shown(attribute)}`;
  const { dataType, stringValue, binaryValue } = attribute;
  if (typeof dataType !== "string") return `dataType must be a string, got ${shown(dataType)}`;
  if (stringValue !== undefined && typeof stringValue !== "string") {
    return `stringValue must be a string, got ${shown(stringValue)}`;
  }
  if (binaryValue !== undefined && !(binaryValue instanceof Uint8Array)) {
    return `binaryValue must be bytes, got ${shown(binaryValue)}`;
  }
  return undefined;
}

/** Where the server moved a message from (dead-lettering or redrive), as the moving node records it. */
function moved(value: unknown, field: string): MovedFrom {
  const m = fieldsOf(value, field);
  const { kind, sourceQueue, originalMessageId, originalSentTimestamp } = m;
  if (kind !== "dead-letter" && kind !== "redrive") {
    throw invalid(`${field}.kind`, `must be dead-letter or redrive, got ${shown(kind)}`);
  }
  return {
    kind,
    sourceQueue: queueName(sourceQueue, `${field}.sourceQueue`),
    originalMessageId: text(originalMessageId, `${field}.originalMessageId`, messageIdLengthMax),
    originalSentTimestamp: integer(
      originalSentTimestamp,
      `${field}.originalSentTimestamp`,
      0,
      Number.MAX_SAFE_INTEGER,
    ),
  };
}

function entryId(e: Fields, at: string): string {
  const id = e["entryId"];
  if (typeof id !== "string" || !isValidBatchEntryId(id)) {
    throw invalid(
      `${at}.entryId`,
      `must be 1 to ${limits.batchEntryIdLengthMax} characters of A-Z, a-z, 0-9, '-' and '_', got ${shown(id)}`,
    );
  }
  return id;
}

function queueName(value: unknown, field = "queueName"): string {
  if (typeof value !== "string") throw invalid(field, `must be a string, got ${shown(value)}`);
  checkQueueName(value, field);
  return value;
}

function visibilityTimeout(value: unknown, field: string): number {
  return integer(value, field, 0, limits.visibilityTimeoutSecondsMax);
}

function integer(value: unknown, field: string, min: number, max: number): number {
  if (typeof value !== "number" || !Number.isSafeInteger(value) || value < min || value > max) {
    throw invalid(field, `must be an integer from ${min} to ${max}, got ${shown(value)}`);
  }
  return value;
}

/** A non-empty string of at most `lengthMax` characters. */
function text(value: unknown, field: string, lengthMax: number): string {
  if (typeof value !== "string" || value.length === 0 || value.length > lengthMax) {
    throw invalid(field, `must be a string of 1 to ${lengthMax} characters, got ${shown(value)}`);
  }
  return value;
}

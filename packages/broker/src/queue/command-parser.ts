import { ErrorCode, decodeView, limits, shown, type ApplyResult } from "@millrace/common";
import { type MessageAttributeValue, type MessageAttributes } from "./message-attributes.js";
import { isQueueConfig, type QueueConfig } from "./queue-config.js";
import {
  type BatchCommand,
  type BatchedCommand,
  type ChangeVisibilityCommand,
  type DeleteCommand,
  type MovedFrom,
  type QueueCommand,
  type ReceiveCommand,
  type SendEntry,
} from "./commands.js";

/** Proposer-chosen ids are UUIDs; this leaves room for other schemes without letting keys grow unbounded. */
export const messageIdLengthMax = 128;
/** Ids and keys one maintenance command (cleanup, dead-letter, redrive) may carry. */
export const maintenanceBatchMax = 256;
/** The receipt-handle nonce: at least 8 random bytes, at most 32. */
export const nonceBytesMin = 8;
export const nonceBytesMax = 32;

/**
 * Batch rules (empty, too many entries) are apply's, reported with their own codes; the parser only bounds
 * the work a command can cause.
 */
const batchEntriesParsedMax = limits.batchEntriesMax * 10;

/**
 * The most a receive command can encode to, so a leader can budget for one in a batch before it has
 * picked the candidates: each string at three bytes a character (UTF-8's worst for a JavaScript string)
 * plus msgpack's five-byte headers, and 128 bytes for the field names and numbers (about 90 in fact).
 */
export const receiveCommandBytesMax =
  limits.receiveMessagesMax * (messageIdLengthMax * 3 + 5) +
  (limits.dedupIdLengthMax * 3 + 5) +
  (nonceBytesMax + 5) +
  128;

type BatchedCommandType = BatchedCommand["type"];
const batchedTypes: ReadonlySet<unknown> = new Set<BatchedCommandType>([
  "send",
  "receive",
  "delete",
  "change-visibility",
]);

/** A batched command after parsing: stamped with its batch's time, ready to apply. */
export type ParsedBatchedCommand = Extract<QueueCommand, { type: BatchedCommandType }>;

/**
 * Thrown only inside this module and turned into a rejection by `parseQueueCommand`, so the shape checks
 * read as straight-line code while apply never sees an exception.
 */
class Malformed extends Error {}

/**
 * Decodes and shape-checks a command from the log. Only the shape is checked here; rules that depend on
 * the queue (sizes, FIFO fields, batch rules) are apply's, so they can be reported per entry.
 */
export function parseQueueCommand(bytes: Uint8Array): ApplyResult<QueueCommand> {
  try {
    let value: unknown;
    try {
      // Views, not copies, of binary fields (a batch's commands, message bodies): a log entry's data is
      // never written again, and apply copies what it keeps into its records.
      value = decodeView(bytes);
    } catch {
      throw new Malformed("queue command is not valid msgpack");
    }
    const cmd = object(value, "command");
    return { ok: true, value: parseCommand(cmd, nonNegativeInteger(cmd["nowMs"], "nowMs")) };
  } catch (err) {
    return rejection(err);
  }
}

/**
 * Decodes and shape-checks one command of a batch, giving it the batch's time. A batch holds only sends,
 * receives, deletes and visibility changes; a `nowMs` of the command's own is ignored.
 */
export function parseBatchedCommand(bytes: Uint8Array, nowMs: number): ApplyResult<ParsedBatchedCommand> {
  try {
    let value: unknown;
    try {
      value = decodeView(bytes);
    } catch {
      throw new Malformed("batched command is not valid msgpack");
    }
    const cmd = object(value, "command");
    if (!batchedTypes.has(cmd["type"])) {
      throw new Malformed("a batch holds only send, receive, delete and change-visibility commands");
    }
    return { ok: true, value: parseCommand(cmd, nowMs) as ParsedBatchedCommand };
  } catch (err) {
    return rejection(err);
  }
}

function rejection(err: unknown): ApplyResult<never> {
  if (!(err instanceof Malformed)) throw err;
  return { ok: false, code: ErrorCode.INVALID_ARGUMENT, message: err.message };
}

function parseCommand(cmd: Record<string, unknown>, nowMs: number): QueueCommand {
  const type = cmd["type"];
  switch (type) {
    case "configure":
      return {
        type,
        nowMs,
        queueName: string(cmd["queueName"], "queueName", 1, 80),
        config: config(cmd["config"]),
      };
    case "send":
      return { type, nowMs, entries: list(cmd["entries"], "entries", batchEntriesParsedMax, sendEntry) };
    case "receive":
      return receive(cmd, nowMs);
    case "delete":
      return { type, nowMs, entries: list(cmd["entries"], "entries", batchEntriesParsedMax, handleEntry) };
    case "change-visibility":
      return {
        type,
        nowMs,
        entries: list(cmd["entries"], "entries", batchEntriesParsedMax, visibilityEntry),
      };
    case "purge":
      return { type, nowMs };
    case "cleanup":
      return {
        type,
        nowMs,
        messageIds: list(cmd["messageIds"], "messageIds", maintenanceBatchMax, messageId),
        recordKeys: list(cmd["recordKeys"], "recordKeys", maintenanceBatchMax, (v) =>
          bytes(v, "recordKeys", 1, 1_024),
        ),
      };
    case "dead-letter":
    case "dead-letter-done":
    case "redrive-done":
      return {
        type,
        nowMs,
        messageIds: list(cmd["messageIds"], "messageIds", maintenanceBatchMax, messageId),
      };
    case "batch":
      return batch(cmd, nowMs);
    default:
      throw new Malformed(`unknown queue command type ${shown(type)}`);
  }
}

/**
 * A batch's shape and bounds: 1 to queueBatchCommandsMax commands of queueBatchBytesMax bytes together.
 * Its commands stay encoded; apply parses each with `parseBatchedCommand` and rejects a bad one alone.
 */
function batch(cmd: Record<string, unknown>, nowMs: number): BatchCommand {
  const { queueBatchCommandsMax, queueBatchBytesMax } = limits;
  const commands = list(cmd["commands"], "commands", queueBatchCommandsMax, (v) =>
    bytes(v, "commands[]", 1, queueBatchBytesMax),
  );
  if (commands.length === 0) throw new Malformed("a batch must hold at least one command");
  const total = commands.reduce((sum, c) => sum + c.length, 0);
  if (total > queueBatchBytesMax) {
    throw new Malformed(
      `a batch's commands total ${total} bytes, above the ${queueBatchBytesMax}-byte limit`,
    );
  }
  return { type: "batch", nowMs, commands };
}

function receive(cmd: Record<string, unknown>, nowMs: number): ReceiveCommand {
  const out: { -readonly [K in keyof ReceiveCommand]: ReceiveCommand[K] } = {
    type: "receive",
    nowMs,
    candidates: list(cmd["candidates"], "candidates", limits.receiveMessagesMax, messageId),
    // A copy: the nonce goes into metas the partition caches, where a view would pin the whole entry.
    nonce: bytes(cmd["nonce"], "nonce", nonceBytesMin, nonceBytesMax).slice(),
  };
  const timeout = cmd["visibilityTimeoutSeconds"];
  if (timeout !== undefined) {
    out.visibilityTimeoutSeconds = boundedInteger(
      timeout,
      "visibilityTimeoutSeconds",
      0,
      limits.visibilityTimeoutSecondsMax,
    );
  }
  const attemptId = cmd["receiveAttemptId"];
  if (attemptId !== undefined)
    out.receiveAttemptId = string(attemptId, "receiveAttemptId", 1, limits.dedupIdLengthMax);
  return out;
}

function sendEntry(value: unknown): SendEntry {
  const e = object(value, "entry");
  const out: { -readonly [K in keyof SendEntry]: SendEntry[K] } = {
    entryId: string(e["entryId"], "entryId", 0, 1_000),
    messageId: messageId(e["messageId"]),
    body: bytes(e["body"], "body", 0, limits.batchBytesMax),
  };
  if (e["md5OfBody"] !== undefined) {
    const digest = e["md5OfBody"];
    if (typeof digest !== "string" || !/^[0-9a-f]{32}$/.test(digest))
      throw new Malformed("md5OfBody must be 32 lowercase hex digits");
    out.md5OfBody = digest;
  }
  if (e["messageAttributes"] !== undefined)
    out.messageAttributes = attributes(e["messageAttributes"], "messageAttributes");
  if (e["messageSystemAttributes"] !== undefined) {
    out.messageSystemAttributes = attributes(e["messageSystemAttributes"], "messageSystemAttributes");
  }
  if (e["delaySeconds"] !== undefined)
    out.delaySeconds = nonNegativeInteger(e["delaySeconds"], "delaySeconds");
  if (e["groupId"] !== undefined) out.groupId = string(e["groupId"], "groupId", 0, 1_000);
  if (e["dedupId"] !== undefined) out.dedupId = string(e["dedupId"], "dedupId", 0, 1_000);
  if (e["movedFrom"] !== undefined) out.movedFrom = movedFrom(e["movedFrom"]);
  return out;
}

function movedFrom(value: unknown): MovedFrom {
  const m = object(value, "movedFrom");
  const kind = m["kind"];
  if (kind !== "dead-letter" && kind !== "redrive")
    throw new Malformed("movedFrom.kind must be dead-letter or redrive");
  return {
    kind,
    sourceQueue: string(m["sourceQueue"], "movedFrom.sourceQueue", 1, 80),
    originalMessageId: messageId(m["originalMessageId"]),
    originalSentTimestamp: nonNegativeInteger(m["originalSentTimestamp"], "movedFrom.originalSentTimestamp"),
  };
}

/** Attribute maps are bounded here only loosely (the precise SQS rules run in apply, per entry). */
function attributes(value: unknown, field: string): MessageAttributes {
  const map = object(value, field);
  const names = Object.keys(map);
  if (names.length > 100) throw new Malformed(`${field} has too many entries`);
  const out: Record<string, MessageAttributeValue> = {};
  for (const name of names) {
    const a = object(map[name], field);
    const attr: { -readonly [K in keyof MessageAttributeValue]: MessageAttributeValue[K] } = {
      dataType: string(a["dataType"], `${field}.dataType`, 0, 1_000),
    };
    if (a["stringValue"] !== undefined)
      attr.stringValue = string(a["stringValue"], `${field}.stringValue`, 0, limits.batchBytesMax);
    if (a["binaryValue"] !== undefined)
      attr.binaryValue = bytes(a["binaryValue"], `${field}.binaryValue`, 0, limits.batchBytesMax);
    out[name] = attr;
  }
  return out;
}

function handleEntry(value: unknown): DeleteCommand["entries"][number] {
  const e = object(value, "entry");
  return {
    entryId: string(e["entryId"], "entryId", 0, 1_000),
    receiptHandle: string(e["receiptHandle"], "receiptHandle", 0, limits.receiptHandleLengthMax),
  };
}

function visibilityEntry(value: unknown): ChangeVisibilityCommand["entries"][number] {
  const e = object(value, "entry");
  return {
    ...handleEntry(value),
    visibilityTimeoutSeconds: nonNegativeInteger(e["visibilityTimeoutSeconds"], "visibilityTimeoutSeconds"),
  };
}

function config(value: unknown): QueueConfig {
  if (!isQueueConfig(value)) throw new Malformed("config is not a valid queue config");
  const out: QueueConfig = {
    fifo: value.fifo,
    visibilityTimeoutSeconds: value.visibilityTimeoutSeconds,
    messageRetentionSeconds: value.messageRetentionSeconds,
    delaySeconds: value.delaySeconds,
    maximumMessageSize: value.maximumMessageSize,
    receiveWaitSeconds: value.receiveWaitSeconds,
    contentBasedDeduplication: value.contentBasedDeduplication,
    deduplicationScope: value.deduplicationScope,
    fifoThroughputLimit: value.fifoThroughputLimit,
    ...(value.inflightMessagesMax === undefined ? {} : { inflightMessagesMax: value.inflightMessagesMax }),
  };
  // Copied field by field so unknown fields in the command never reach stored state.
  if (value.redrivePolicy === undefined) return out;
  const { deadLetterTarget, maxReceiveCount } = value.redrivePolicy;
  return { ...out, redrivePolicy: { deadLetterTarget, maxReceiveCount } };
}

function messageId(value: unknown): string {
  return string(value, "messageId", 1, messageIdLengthMax);
}

function object(value: unknown, field: string): Record<string, unknown> {
  if (typeof value !== "object" || value === null || Array.isArray(value) || value instanceof Uint8Array) {
    throw new Malformed(`${field} must be an object`);
  }
  return value as Record<string, unknown>;
}

function list<T>(value: unknown, field: string, max: number, item: (v: unknown) => T): T[] {
  if (!Array.isArray(value)) throw new Malformed(`${field} must be an array`);
  if (value.length > max) throw new Malformed(`${field} has more than ${max} entries`);
  return value.map(item);
}

function string(value: unknown, field: string, min: number, max: number): string {
  if (typeof value !== "string" || value.length < min || value.length > max) {
    throw new Malformed(`${field} must be a string of ${min} to ${max} characters`);
  }
  return value;
}

function bytes(value: unknown, field: string, min: number, max: number): Uint8Array {
  if (!(value instanceof Uint8Array) || value.length < min || value.length > max) {
    throw new Malformed(`${field} must be ${min} to ${max} bytes`);
  }
  return value;
}

function nonNegativeInteger(value: unknown, field: string): number {
  if (typeof value !== "number" || !Number.isSafeInteger(value) || value < 0) {
    throw new Malformed(`${field} must be a non-negative integer`);
  }
  return value;
}

function boundedInteger(value: unknown, field: string, min: number, max: number): number {
  const n = nonNegativeInteger(value, field);
  if (n < min || n > max) throw new Malformed(`${field} must be from ${min} to ${max}`);
  return n;
}

import { ErrorCode, isValidBatchEntryId, limits, type ApplyResult, type StateWriter } from "@millrace/common";
import { fromUtf8, toHex } from "./bytes.js";
import {
  type SendCommand,
  type SendEntry,
  type SendEntrySuccess,
  type SendResult,
  type EntryFailure,
} from "./commands.js";
import { dedupKey, expiryKey, movedKey } from "./keys.js";
import {
  checkMessageAttributes,
  md5OfBody,
  md5OfMessageAttributes,
  messageAttributesBytes,
  type MessageAttributes,
} from "./message-attributes.js";
import { formatSequenceNumber, type PartitionCore } from "./partition-core.js";
import {
  MessageState,
  decodeRecord,
  encodeRecord,
  type DedupRecord,
  type MessageBody,
  type MovedRecord,
} from "./records.js";
import { sha256 } from "./sha256.js";

/** MessageGroupId and MessageDeduplicationId: SQS allows alphanumerics and punctuation. */
const fifoIdPattern = /^[\x21-\x7e]+$/;
const traceHeaderName = "AWSTraceHeader";

export function applySend(
  core: PartitionCore,
  writer: StateWriter,
  cmd: SendCommand,
): ApplyResult<SendResult> {
  const rejected = checkBatch(cmd.entries.map((e) => e.entryId));
  if (rejected !== undefined) return rejected;
  const batchBytes = cmd.entries.reduce(
    (sum, e) => sum + e.body.length + messageAttributesBytes(e.messageAttributes ?? {}),
    0,
  );
  if (batchBytes > limits.batchBytesMax) {
    return {
      ok: false,
      code: ErrorCode.BATCH_TOO_LARGE,
      message: `the batch exceeds ${limits.batchBytesMax} bytes`,
    };
  }
  const nowMs = core.summary.clockMs;
  let available = false;
  let nextVisibleAtMs: number | undefined;
  const entries = cmd.entries.map((entry) => {
    const problem = checkEntry(core, entry);
    if (problem !== undefined) return { entryId: entry.entryId, ok: false as const, ...problem };
    const sent = sendOne(core, writer, entry, nowMs);
    if (sent.visibleAtMs !== undefined) {
      if (sent.visibleAtMs <= nowMs) available = true;
      else nextVisibleAtMs = Math.min(nextVisibleAtMs ?? sent.visibleAtMs, sent.visibleAtMs);
    }
    return sent.result;
  });
  const value: SendResult =
    nextVisibleAtMs === undefined
      ? { type: "send", entries, available }
      : { type: "send", entries, available, nextVisibleAtMs };
  return { ok: true, value };
}

/** The batch rules SQS applies to SendMessageBatch, DeleteMessageBatch and ChangeMessageVisibilityBatch. */
export function checkBatch(
  entryIds: readonly string[],
): { ok: false; code: ErrorCode; message: string } | undefined {
  if (entryIds.length === 0)
    return { ok: false, code: ErrorCode.EMPTY_BATCH, message: "the batch has no entries" };
  if (entryIds.length > limits.batchEntriesMax) {
    return {
      ok: false,
      code: ErrorCode.TOO_MANY_ENTRIES_IN_BATCH,
      message: `a batch may have at most ${limits.batchEntriesMax} entries`,
    };
  }
  if (!entryIds.every(isValidBatchEntryId)) {
    return {
      ok: false,
      code: ErrorCode.BATCH_ENTRY_ID_INVALID,
      message: `batch entry ids must be 1 to ${limits.batchEntryIdLengthMax} characters of A-Z, a-z, 0-9, '-' and '_'`,
    };
  }
  if (new Set(entryIds).size !== entryIds.length) {
    return {
      ok: false,
      code: ErrorCode.BATCH_ENTRY_IDS_NOT_DISTINCT,
      message: "two batch entries have the same id",
    };
  }
  return undefined;
}

type Problem = Omit<EntryFailure, "entryId" | "ok">;

function invalid(field: string, message: string): Problem {
  return { code: ErrorCode.INVALID_ARGUMENT, message, field };
}

/** SQS's rules for one message, so a bad entry fails alone and the rest of its batch is sent. */
function checkEntry(core: PartitionCore, entry: SendEntry): Problem | undefined {
  const { fifo, maximumMessageSize, contentBasedDeduplication } = core.config;
  if (entry.body.length === 0) return invalid("MessageBody", "the message body must not be empty");
  // Decoding is the check. A JavaScript validator that made no string took 750 ns for a KiB against the
  // decoder's 200 (native, with an ASCII fast path), and raised a send's main-thread CPU in
  // `npm run bench:partition` from 39 to 52 µs per message. The string dies young: a scavenge skips it.
  if (fromUtf8(entry.body) === undefined) return invalid("MessageBody", "the message body must be UTF-8");
  const attributes = entry.messageAttributes ?? {};
  const attributeProblem = checkMessageAttributes(attributes, "MessageAttributes");
  if (attributeProblem !== undefined) return invalid(attributeProblem.field, attributeProblem.message);
  const systemProblem = checkSystemAttributes(entry.messageSystemAttributes ?? {});
  if (systemProblem !== undefined) return systemProblem;
  if (entry.body.length + messageAttributesBytes(attributes) > maximumMessageSize) {
    return invalid(
      "MessageBody",
      `the message and its attributes must be at most ${maximumMessageSize} bytes`,
    );
  }
  if (entry.delaySeconds !== undefined) {
    if (fifo)
      return invalid("DelaySeconds", "FIFO queues take no per-message DelaySeconds, only the queue's");
    if (entry.delaySeconds > limits.delaySecondsMax) {
      return invalid("DelaySeconds", `DelaySeconds must be from 0 to ${limits.delaySecondsMax}`);
    }
  }
  if (entry.groupId !== undefined && !isFifoId(entry.groupId, limits.messageGroupIdLengthMax)) {
    return invalid(
      "MessageGroupId",
      `MessageGroupId must be 1 to ${limits.messageGroupIdLengthMax} letters, digits or punctuation`,
    );
  }
  if (entry.dedupId !== undefined && !isFifoId(entry.dedupId, limits.dedupIdLengthMax)) {
    return invalid(
      "MessageDeduplicationId",
      `MessageDeduplicationId must be 1 to ${limits.dedupIdLengthMax} letters, digits or punctuation`,
    );
  }
  if (!fifo) {
    return entry.dedupId === undefined
      ? undefined
      : invalid("MessageDeduplicationId", "MessageDeduplicationId applies only to FIFO queues");
  }
  if (entry.groupId === undefined) return invalid("MessageGroupId", "FIFO queues require a MessageGroupId");
  if (entry.dedupId === undefined && !contentBasedDeduplication && entry.movedFrom === undefined) {
    return invalid(
      "MessageDeduplicationId",
      "FIFO queues without ContentBasedDeduplication require a MessageDeduplicationId",
    );
  }
  return undefined;
}

function checkSystemAttributes(attributes: MessageAttributes): Problem | undefined {
  for (const [name, value] of Object.entries(attributes)) {
    if (name !== traceHeaderName) {
      return invalid(
        `MessageSystemAttributes.${name}`,
        `the only message system attribute is ${traceHeaderName}`,
      );
    }
    if (value.dataType !== "String" || value.stringValue === undefined || value.stringValue.length === 0) {
      return invalid(`MessageSystemAttributes.${name}`, `${traceHeaderName} must be a non-empty String`);
    }
  }
  return undefined;
}

function isFifoId(id: string, lengthMax: number): boolean {
  return id.length <= lengthMax && fifoIdPattern.test(id);
}

interface Sent {
  readonly result: SendEntrySuccess;
  /** Set when a new message was stored. */
  readonly visibleAtMs?: number;
}

function sendOne(core: PartitionCore, writer: StateWriter, entry: SendEntry, nowMs: number): Sent {
  const { fifo, contentBasedDeduplication, deduplicationScope, delaySeconds } = core.config;
  const attributes = entry.messageAttributes ?? {};
  const systemAttributes = entry.messageSystemAttributes ?? {};
  const digests = {
    entryId: entry.entryId,
    ok: true as const,
    md5OfMessageBody: entry.md5OfBody ?? md5OfBody(entry.body),
    ...optional("md5OfMessageAttributes", md5OfMessageAttributes(attributes)),
    ...optional("md5OfMessageSystemAttributes", md5OfMessageAttributes(systemAttributes)),
  };
  const duplicateOf = (messageId: string, seq: number): Sent => ({
    result: { ...digests, messageId, duplicate: true, ...sequenceNumberOf(fifo, seq) },
  });

  let dedupId = entry.dedupId;
  let dedupRecordKey: Uint8Array | undefined;
  if (entry.movedFrom !== undefined) {
    const moved = unexpired<MovedRecord>(writer, movedKey(entry.movedFrom.originalMessageId), nowMs);
    if (moved !== undefined) return duplicateOf(moved.messageId, moved.seq);
  } else if (fifo) {
    dedupId ??= contentBasedDeduplication ? toHex(sha256(entry.body)) : undefined;
    const scope = deduplicationScope === "messageGroup" ? (entry.groupId ?? "") : "";
    dedupRecordKey = dedupKey(scope, dedupId ?? "");
    const original = unexpired<DedupRecord>(writer, dedupRecordKey, nowMs);
    if (original !== undefined) return duplicateOf(original.messageId, original.seq);
  }

  const seq = core.summary.nextSeq++;
  const moved = entry.movedFrom;
  const sentMs = moved === undefined ? nowMs : Math.min(moved.originalSentTimestamp, nowMs);
  // Retention keeps counting from the first send on standard queues (as SQS does); FIFO restarts it.
  const retainFromMs = moved !== undefined && !fifo ? sentMs : nowMs;
  // A moved message is visible at once in its new queue, whatever that queue's delay.
  const delayMs = moved === undefined ? (entry.delaySeconds ?? delaySeconds) * 1000 : 0;
  const visibleAtMs = nowMs + delayMs;
  core.insert(
    writer,
    entry.messageId,
    {
      seq,
      sentMs,
      retainFromMs,
      visibleAtMs,
      receiveCount: 0,
      firstReceiveMs: 0,
      lastReceiveMs: 0,
      countedSecond: 0,
      state: MessageState.live,
      ...optional("groupId", entry.groupId),
      ...optional("dedupId", dedupId),
    },
    bodyRecord(entry, digests.md5OfMessageBody, digests.md5OfMessageAttributes),
  );
  const expiresAtMs = nowMs + limits.dedupWindowMs;
  if (dedupRecordKey !== undefined) {
    writeExpiring(writer, dedupRecordKey, { messageId: entry.messageId, seq, expiresAtMs });
  }
  if (moved !== undefined) {
    writeExpiring(writer, movedKey(moved.originalMessageId), {
      messageId: entry.messageId,
      seq,
      expiresAtMs,
    });
  }
  return {
    result: { ...digests, messageId: entry.messageId, duplicate: false, ...sequenceNumberOf(fifo, seq) },
    visibleAtMs,
  };
}

function bodyRecord(entry: SendEntry, md5: string, md5OfAttributes: string | undefined): MessageBody {
  const attributes = entry.messageAttributes ?? {};
  const moved = entry.movedFrom;
  return {
    body: entry.body,
    md5OfBody: md5,
    ...(Object.keys(attributes).length > 0 ? { attributes } : {}),
    ...optional("md5OfMessageAttributes", md5OfAttributes),
    ...optional("traceHeader", entry.messageSystemAttributes?.[traceHeaderName]?.stringValue),
    ...optional("deadLetterSource", moved?.kind === "dead-letter" ? moved.sourceQueue : undefined),
    ...optional("originalMessageId", moved?.originalMessageId),
  };
}

function unexpired<T extends { expiresAtMs: number }>(
  writer: StateWriter,
  key: Uint8Array,
  nowMs: number,
): T | undefined {
  const bytes = writer.getSync(key);
  if (bytes === undefined) return undefined;
  const record = decodeRecord<T>(bytes, "expiring");
  return record.expiresAtMs > nowMs ? record : undefined;
}

/** Writes a record that cleanup deletes after `expiresAtMs`, through the `x` index. */
export function writeExpiring<T extends { expiresAtMs: number }>(
  writer: StateWriter,
  key: Uint8Array,
  record: T,
): void {
  writer.put(key, encodeRecord(record));
  writer.put(expiryKey(record.expiresAtMs, key), new Uint8Array(0));
}

function sequenceNumberOf(fifo: boolean, seq: number): { sequenceNumber?: string } {
  return fifo ? { sequenceNumber: formatSequenceNumber(seq) } : {};
}

/** `{ [key]: value }` when value is defined, `{}` otherwise: optional fields are omitted, never undefined. */
export function optional<K extends string, V>(key: K, value: V | undefined): { [P in K]?: V } {
  return (value === undefined ? {} : { [key]: value }) as { [P in K]?: V };
}

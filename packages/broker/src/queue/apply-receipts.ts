import { ErrorCode, limits, type ApplyResult, type StateWriter } from "@millrace/common";
import { bytesEqual } from "./bytes.js";
import {
  type ChangeVisibilityCommand,
  type ChangeVisibilityResult,
  type DeleteCommand,
  type DeleteResult,
  type EntryFailure,
  type EntryOutcome,
} from "./commands.js";
import { checkBatch } from "./apply-send.js";
import { type PartitionCore } from "./partition-core.js";
import { decodeReceiptHandle, queueTagOf, type ReceiptHandle } from "./receipt-handle.js";
import { MessageState, type MessageMeta } from "./records.js";

function failure(entryId: string, code: ErrorCode, message: string): EntryFailure {
  return { entryId, ok: false, code, message, field: "ReceiptHandle" };
}

/** A handle this queue issued, or undefined for one that is malformed or from another queue. */
function parseHandle(core: PartitionCore, text: string): ReceiptHandle | undefined {
  const handle = decodeReceiptHandle(text);
  if (handle === undefined || !bytesEqual(handle.queueTag, queueTagOf(core.summary.queueName)))
    return undefined;
  return handle;
}

/** Whether `handle` is the one the message's latest receive issued. */
function isCurrent(handle: ReceiptHandle, meta: MessageMeta): boolean {
  return (
    handle.receiveCount === meta.receiveCount &&
    meta.nonce !== undefined &&
    bytesEqual(handle.nonce, meta.nonce)
  );
}

/**
 * DeleteMessage(Batch), as SQS judges handles: a handle that is not this queue's is invalid; deleting a
 * message that is already gone succeeds (so retries are idempotent). On standard queues any handle from a
 * past receive still deletes the message, as SQS's does; on FIFO queues only the latest receive's handle,
 * and only while that receive's visibility timeout runs ("the receipt handle has expired").
 */
export function applyDelete(
  core: PartitionCore,
  writer: StateWriter,
  cmd: DeleteCommand,
): ApplyResult<DeleteResult> {
  const rejected = checkBatch(cmd.entries.map((e) => e.entryId));
  if (rejected !== undefined) return rejected;
  const nowMs = core.summary.clockMs;
  const atCap = core.inflightRoom <= 0;
  let removed = false;
  let madeRoom = false;
  const entries = cmd.entries.map(({ entryId, receiptHandle }): EntryOutcome => {
    const handle = parseHandle(core, receiptHandle);
    if (handle === undefined)
      return failure(entryId, ErrorCode.RECEIPT_HANDLE_INVALID, "the receipt handle is not valid");
    const meta = core.getMeta(writer, handle.messageId);
    if (meta === undefined || !core.isStored(meta, nowMs)) return { entryId, ok: true };
    if (
      handle.receiveCount > meta.receiveCount ||
      (handle.receiveCount === meta.receiveCount && !isCurrent(handle, meta))
    ) {
      return failure(entryId, ErrorCode.RECEIPT_HANDLE_INVALID, "the receipt handle is not valid");
    }
    // A message already handed to the dead-letter outbox stays there: its move may be under way.
    if (meta.state === MessageState.deadLettering) return { entryId, ok: true };
    if (core.config.fifo && (!isCurrent(handle, meta) || !core.isInFlight(meta, nowMs))) {
      return failure(entryId, ErrorCode.RECEIPT_HANDLE_INVALID, "the receipt handle has expired");
    }
    if (atCap && core.isInFlight(meta, nowMs)) madeRoom = true;
    core.remove(writer, handle.messageId, meta);
    removed = true;
    return { entryId, ok: true };
  });
  const available = (core.config.fifo && removed) || madeRoom;
  return { ok: true, value: { type: "delete", entries, available } };
}

/**
 * ChangeMessageVisibility(Batch): only the latest receive's handle, only while the message is in flight
 * (MESSAGE_NOT_INFLIGHT otherwise, as SQS), and never past twelve hours from that receive. The new timeout
 * counts from now; 0 makes the message visible at once.
 */
export function applyChangeVisibility(
  core: PartitionCore,
  writer: StateWriter,
  cmd: ChangeVisibilityCommand,
): ApplyResult<ChangeVisibilityResult> {
  const rejected = checkBatch(cmd.entries.map((e) => e.entryId));
  if (rejected !== undefined) return rejected;
  const nowMs = core.summary.clockMs;
  let available = false;
  const entries = cmd.entries.map(({ entryId, receiptHandle, visibilityTimeoutSeconds }): EntryOutcome => {
    if (visibilityTimeoutSeconds > limits.visibilityTimeoutSecondsMax) {
      return {
        entryId,
        ok: false,
        code: ErrorCode.INVALID_ARGUMENT,
        message: `VisibilityTimeout must be from 0 to ${limits.visibilityTimeoutSecondsMax}`,
        field: "VisibilityTimeout",
      };
    }
    const handle = parseHandle(core, receiptHandle);
    if (handle === undefined)
      return failure(entryId, ErrorCode.RECEIPT_HANDLE_INVALID, "the receipt handle is not valid");
    const meta = core.getMeta(writer, handle.messageId);
    if (meta === undefined || !core.isStored(meta, nowMs) || handle.receiveCount > meta.receiveCount) {
      return failure(entryId, ErrorCode.RECEIPT_HANDLE_INVALID, "the message does not exist");
    }
    if (meta.state !== MessageState.live || !core.isInFlight(meta, nowMs)) {
      return failure(entryId, ErrorCode.MESSAGE_NOT_INFLIGHT, "the message is not in flight");
    }
    if (!isCurrent(handle, meta)) {
      return failure(
        entryId,
        ErrorCode.RECEIPT_HANDLE_INVALID,
        "the receipt handle is from an earlier receive",
      );
    }
    const visibleAtMs = nowMs + visibilityTimeoutSeconds * 1000;
    if (visibleAtMs > meta.lastReceiveMs + limits.visibilityTimeoutSecondsMax * 1000) {
      return {
        entryId,
        ok: false,
        code: ErrorCode.INVALID_ARGUMENT,
        message: "the visibility timeout may not extend past 12 hours from the receive",
        field: "VisibilityTimeout",
      };
    }
    core.update(writer, handle.messageId, meta, { ...meta, visibleAtMs });
    if (visibilityTimeoutSeconds === 0) available = true;
    return { entryId, ok: true };
  });
  return { ok: true, value: { type: "change-visibility", entries, available } };
}

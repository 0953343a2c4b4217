import { ErrorCode, limits, type ApplyResult, type StateWriter } from "@millrace/common";
import { bytesEqual } from "./bytes.js";
import { type ReceiveCommand, type ReceiveResult, type ReceivedMessage } from "./commands.js";
import { attemptKey } from "./keys.js";
import { formatSequenceNumber, type PartitionCore } from "./partition-core.js";
import { encodeReceiptHandle, queueTagOf } from "./receipt-handle.js";
import { writeExpiring, optional } from "./apply-send.js";
import { decodeRecord, type AttemptRecord, type MessageMeta } from "./records.js";

/** How long a FIFO ReceiveRequestAttemptId is remembered: SQS's deduplication interval. */
const attemptWindowMs = limits.dedupWindowMs;

interface GroupPick {
  /** Receive at most in seq order: a candidate at or below this seq is out of order. */
  lastSeq: number;
  rejected: boolean;
  received: string[];
}

/**
 * Receives the leader's candidates that are still receivable at the command's `nowMs` — the time the
 * leader picked them at, so a message the leader skipped as delayed cannot have become visible by a
 * later clock and be jumped over. On FIFO queues a group is taken only if none of its messages is in
 * flight, and its candidates only in ascending order; once one of a group's candidates fails, the rest of
 * that group's are dropped too, so order holds even when the leader's view was stale.
 *
 * At most the partition's in-flight room is received (a receive with visibility timeout 0 puts nothing in
 * flight and is not limited). With no room left a standard queue answers OVER_LIMIT, as SQS does on a
 * short poll, and a FIFO queue returns no messages, as SQS's does.
 *
 * The messages (bodies read back, receipt handles made) are built only when `respond`: a replica that did
 * not propose the receive writes the same state and answers no one.
 */
export function applyReceive(
  core: PartitionCore,
  writer: StateWriter,
  cmd: ReceiveCommand,
  respond = true,
): ApplyResult<ReceiveResult> {
  const { fifo, redrivePolicy } = core.config;
  const atMs = cmd.nowMs;
  const visibilityMs = (cmd.visibilityTimeoutSeconds ?? core.config.visibilityTimeoutSeconds) * 1000;
  if (fifo && cmd.receiveAttemptId !== undefined) {
    const replayed = replayAttempt(core, writer, cmd.receiveAttemptId, atMs, visibilityMs);
    if (replayed.length > 0) {
      const messages = respond ? replayed.map((r) => receivedMessage(core, writer, r.id, r.meta)) : [];
      return { ok: true, value: { type: "receive", messages, deadLettered: [] } };
    }
  }
  const room = visibilityMs === 0 ? Number.POSITIVE_INFINITY : core.inflightRoom;
  if (room <= 0 && cmd.candidates.length > 0) {
    if (fifo) return { ok: true, value: { type: "receive", messages: [], deadLettered: [] } };
    return {
      ok: false,
      code: ErrorCode.OVER_LIMIT,
      message: "the queue has as many messages in flight as it allows",
    };
  }
  const received: Received[] = [];
  const deadLettered: string[] = [];
  const groups = new Map<string, GroupPick>();
  const seen = new Set<string>();
  for (const id of cmd.candidates) {
    if (received.length >= room) break;
    if (seen.has(id)) continue;
    seen.add(id);
    const meta = core.getMeta(writer, id);
    const receivable = core.isLive(meta, atMs) && meta.visibleAtMs <= atMs;
    let group: GroupPick | undefined;
    if (fifo && meta !== undefined && meta.groupId !== undefined) {
      group = pickGroup(core, writer, groups, meta.groupId, atMs);
      if (group.rejected || !receivable || meta.seq <= group.lastSeq) {
        group.rejected = true;
        continue;
      }
      group.lastSeq = meta.seq;
    }
    if (!receivable) continue;
    if (redrivePolicy !== undefined && meta.receiveCount >= redrivePolicy.maxReceiveCount) {
      core.deadLetter(writer, id, meta);
      deadLettered.push(id);
      continue;
    }
    const updated = core.update(writer, id, meta, {
      ...meta,
      receiveCount: meta.receiveCount + 1,
      firstReceiveMs: meta.firstReceiveMs === 0 ? atMs : meta.firstReceiveMs,
      lastReceiveMs: atMs,
      visibleAtMs: atMs + visibilityMs,
      nonce: cmd.nonce,
    });
    group?.received.push(id);
    received.push({ id, meta: updated });
  }
  for (const [groupId, group] of groups) {
    // The group was unlocked, so none of its earlier receives is still in flight: the new one replaces them.
    if (group.received.length > 0) core.putGroup(writer, groupId, group.received);
  }
  if (fifo && cmd.receiveAttemptId !== undefined && received.length > 0) {
    const record: AttemptRecord = {
      expiresAtMs: atMs + attemptWindowMs,
      nonce: cmd.nonce,
      items: received.map((r) => ({ id: r.id, receiveCount: r.meta.receiveCount })),
    };
    writeExpiring(writer, attemptKey(cmd.receiveAttemptId), record);
  }
  const messages = respond ? received.map((r) => receivedMessage(core, writer, r.id, r.meta)) : [];
  return { ok: true, value: { type: "receive", messages, deadLettered } };
}

function pickGroup(
  core: PartitionCore,
  writer: StateWriter,
  groups: Map<string, GroupPick>,
  groupId: string,
  atMs: number,
): GroupPick {
  let group = groups.get(groupId);
  if (group === undefined) {
    group = { lastSeq: 0, rejected: core.isGroupLocked(writer, groupId, atMs), received: [] };
    groups.set(groupId, group);
  }
  return group;
}

/**
 * A retried FIFO receive with the same ReceiveRequestAttemptId gets the same messages and receipt
 * handles, with their visibility timeout restarted, as long as nothing received them since.
 */
function replayAttempt(
  core: PartitionCore,
  writer: StateWriter,
  attemptId: string,
  atMs: number,
  visibilityMs: number,
): Received[] {
  const bytes = writer.getSync(attemptKey(attemptId));
  if (bytes === undefined) return [];
  const record = decodeRecord<AttemptRecord>(bytes, "receive attempt");
  if (record.expiresAtMs <= atMs) return [];
  const out: Received[] = [];
  for (const item of record.items) {
    const meta = core.getMeta(writer, item.id);
    if (!core.isLive(meta, atMs) || meta.receiveCount !== item.receiveCount) continue;
    if (meta.nonce === undefined || !bytesEqual(meta.nonce, record.nonce)) continue;
    const updated = core.update(writer, item.id, meta, { ...meta, visibleAtMs: atMs + visibilityMs });
    out.push({ id: item.id, meta: updated });
  }
  return out;
}

/** A message a receive took, with its meta as the receive left it. */
interface Received {
  readonly id: string;
  readonly meta: MessageMeta;
}

/** The message as ReceiveMessage returns it, with every system attribute; the server filters them. */
export function receivedMessage(
  core: PartitionCore,
  writer: StateWriter,
  id: string,
  meta: MessageMeta,
): ReceivedMessage {
  const body = core.getBody(writer, id);
  const attributes: Record<string, string> = {
    SentTimestamp: String(meta.sentMs),
    ApproximateReceiveCount: String(meta.receiveCount),
    ApproximateFirstReceiveTimestamp: String(meta.firstReceiveMs),
  };
  if (core.config.fifo) attributes["SequenceNumber"] = formatSequenceNumber(meta.seq);
  if (meta.groupId !== undefined) attributes["MessageGroupId"] = meta.groupId;
  if (meta.dedupId !== undefined) attributes["MessageDeduplicationId"] = meta.dedupId;
  if (body.traceHeader !== undefined) attributes["AWSTraceHeader"] = body.traceHeader;
  if (body.deadLetterSource !== undefined) attributes["DeadLetterQueueSourceArn"] = body.deadLetterSource;
  return {
    messageId: id,
    receiptHandle: encodeReceiptHandle({
      queueTag: queueTagOf(core.summary.queueName),
      messageId: id,
      receiveCount: meta.receiveCount,
      nonce: meta.nonce ?? new Uint8Array(0),
    }),
    body: body.body,
    md5OfBody: body.md5OfBody,
    ...optional("md5OfMessageAttributes", body.md5OfMessageAttributes),
    messageAttributes: body.attributes ?? {},
    attributes,
  };
}

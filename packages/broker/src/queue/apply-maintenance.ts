import { ErrorCode, limits, type ApplyResult, type StateWriter } from "@millrace/common";
import {
  type CleanupCommand,
  type ConfigureCommand,
  type DeadLetterCommand,
  type PurgeCommand,
  type QueueResult,
} from "./commands.js";
import { readU64 } from "./bytes.js";
import { Prefix, keyOfExpiryKey } from "./keys.js";
import { type PartitionCore } from "./partition-core.js";
import { MessageState, expiresAtOf } from "./records.js";

/**
 * Sets the queue's config. The queue type is fixed at creation, as in SQS. A new retention applies to
 * messages already stored, as SQS's does, since expiry is judged against the current config.
 */
export function applyConfigure(
  core: PartitionCore,
  cmd: ConfigureCommand,
): ApplyResult<{ readonly type: "configure" }> {
  const current = core.summary.config;
  if (current !== undefined && current.fifo !== cmd.config.fifo) {
    return { ok: false, code: ErrorCode.INVALID_ARGUMENT, message: "a queue's type cannot change" };
  }
  if (current !== undefined && core.summary.queueName !== cmd.queueName) {
    // Receipt handles carry a tag of the name, so renaming would invalidate every handle out there.
    return { ok: false, code: ErrorCode.INVALID_ARGUMENT, message: "a queue partition's name cannot change" };
  }
  if (current === undefined) core.summary.createdMs = core.summary.clockMs;
  core.summary.config = cmd.config;
  core.summary.queueName = cmd.queueName;
  core.summary.lastModifiedMs = core.summary.clockMs;
  return { ok: true, value: { type: "configure" } };
}

/**
 * PurgeQueue without a scan: every message up to the current sequence is gone from now on (reads check
 * the watermark), the counters restart from zero, and `cleanup` deletes the keys in bounded steps.
 * One purge a minute, as SQS allows.
 */
export function applyPurge(
  core: PartitionCore,
  writer: StateWriter,
  _cmd: PurgeCommand,
): ApplyResult<QueueResult> {
  const { summary } = core;
  if (summary.lastPurgeMs >= 0 && summary.clockMs - summary.lastPurgeMs < limits.purgeIntervalMs) {
    return {
      ok: false,
      code: ErrorCode.PURGE_IN_PROGRESS,
      message: `only one purge per ${limits.purgeIntervalMs / 1000} seconds is allowed`,
    };
  }
  summary.purgedThroughSeq = summary.nextSeq - 1;
  summary.lastPurgeMs = summary.clockMs;
  summary.stored = 0;
  summary.deadLettering = 0;
  core.buckets.clear(writer);
  return { ok: true, value: { type: "purge", purgedThroughSeq: summary.purgedThroughSeq } };
}

/**
 * Deletes what `findGarbage` found, re-checking each: a message must be purged or past retention; a
 * record key must be an expiry entry that is due, and its record goes too if the entry is still its own.
 */
export function applyCleanup(
  core: PartitionCore,
  writer: StateWriter,
  cmd: CleanupCommand,
): ApplyResult<QueueResult> {
  const nowMs = core.summary.clockMs;
  let removedMessages = 0;
  for (const id of new Set(cmd.messageIds)) {
    const meta = core.getMeta(writer, id);
    if (meta === undefined || core.isStored(meta, nowMs)) continue;
    core.remove(writer, id, meta);
    removedMessages++;
  }
  let removedRecords = 0;
  for (const key of cmd.recordKeys) {
    // Only expiry entries may be named, so a command cannot delete live state through this list.
    if (key[0] !== Prefix.expiry || key.length < 10) continue;
    const expiresAtMs = readU64(key, 1);
    if (expiresAtMs > nowMs || writer.getSync(key) === undefined) continue;
    const target = keyOfExpiryKey(key);
    const bytes = writer.getSync(target);
    // A record written again since (a dedup id reused after its window) has a later expiry and stays.
    if (bytes !== undefined && expiresAtOf(bytes) === expiresAtMs) {
      writer.del(target);
      removedRecords++;
    }
    writer.del(key);
  }
  return { ok: true, value: { type: "cleanup", removedMessages, removedRecords } };
}

/**
 * Sends visible messages that have used up their receives to the outbox without waiting for a receive
 * (a LocalStack bug left them in the source until the next ReceiveMessage).
 */
export function applyDeadLetter(
  core: PartitionCore,
  writer: StateWriter,
  cmd: DeadLetterCommand,
): ApplyResult<QueueResult> {
  const nowMs = core.summary.clockMs;
  const policy = core.config.redrivePolicy;
  const deadLettered: string[] = [];
  if (policy === undefined) return { ok: true, value: { type: "dead-letter", deadLettered } };
  for (const id of new Set(cmd.messageIds)) {
    const meta = core.getMeta(writer, id);
    if (!core.isLive(meta, nowMs) || meta.visibleAtMs > nowMs || meta.receiveCount < policy.maxReceiveCount)
      continue;
    core.deadLetter(writer, id, meta);
    deadLettered.push(id);
  }
  return { ok: true, value: { type: "dead-letter", deadLettered } };
}

/**
 * Deletes messages moved elsewhere: from the outbox after a dead-letter move (`deadLetterOnly`), or any
 * stored message after a redrive copied it. Ids already gone are skipped, so repeats are harmless.
 */
export function applyMovedOut(
  core: PartitionCore,
  writer: StateWriter,
  messageIds: readonly string[],
  deadLetterOnly: boolean,
): number {
  let removed = 0;
  for (const id of new Set(messageIds)) {
    const meta = core.getMeta(writer, id);
    if (meta === undefined) continue;
    if (deadLetterOnly && meta.state !== MessageState.deadLettering) continue;
    core.remove(writer, id, meta);
    removed++;
  }
  return removed;
}

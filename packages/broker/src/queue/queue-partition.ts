import {
  ErrorCode,
  type ApplyOptions,
  type ApplyResult,
  type StateMachine,
  type StateReader,
  type StateWriter,
} from "@millrace/common";
import { applyReceive } from "./apply-receive.js";
import { applyChangeVisibility, applyDelete } from "./apply-receipts.js";
import { applySend } from "./apply-send.js";
import {
  applyCleanup,
  applyConfigure,
  applyDeadLetter,
  applyMovedOut,
  applyPurge,
} from "./apply-maintenance.js";
import { parseBatchedCommand, parseQueueCommand, type ParsedBatchedCommand } from "./command-parser.js";
import {
  type BatchCommand,
  type BatchResult,
  type BatchedResult,
  type QueueCommand,
  type QueueResult,
} from "./commands.js";
import { summaryKey } from "./keys.js";
import { PartitionCore, lowerPosition, type VisibilityPosition } from "./partition-core.js";
import { inflightMessagesMaxOf, type QueueConfig } from "./queue-config.js";
import { decodeRecord, encodeRecord, initialSummary, type Summary } from "./records.js";

/** GetQueueAttributes for one partition: the server sums the counters over a queue's partitions. */
export interface PartitionAttributes {
  readonly approximateNumberOfMessages: number;
  readonly approximateNumberOfMessagesNotVisible: number;
  readonly approximateNumberOfMessagesDelayed: number;
  readonly createdTimestampMs: number;
  readonly lastModifiedTimestampMs: number;
  readonly config: QueueConfig | undefined;
}

const indexStart: VisibilityPosition = { visibleAtMs: 0, seq: 0 };

export interface InflightState {
  readonly count: number;
  /** The partition's share of the queue's cap on messages in flight. */
  readonly max: number;
  /** When `count` next drops as a visibility timeout ends, if anything is in flight. */
  readonly dropAtMs?: number;
}

export interface QueuePartitionOptions {
  /** See limits.queueMetaCacheEntriesMax; tests make it small to exercise the reads it saves. */
  readonly metaCacheEntriesMax?: number;
}

/**
 * One partition of one SQS queue: the state machine its Raft group replicates. Messages, indexes and
 * records live in the group's keyspace; memory holds only the summary (config, counters, sequence and
 * purge watermark), the bounded visibility buckets and a bounded cache of the metas written last. Apply does point reads only; the scans that pick
 * receive candidates and find garbage run on the leader (leader-reads.ts) and come back as commands.
 *
 * Time never goes backwards inside the partition: the clock is the latest `nowMs` any command carried,
 * so a new leader stamping a slightly earlier time cannot make an in-flight message visible early.
 */
export class QueuePartition implements StateMachine<QueueResult> {
  private readonly core: PartitionCore;
  private scanFloor: VisibilityPosition = indexStart;
  private scanFloorToken = 0;

  constructor(options: QueuePartitionOptions = {}) {
    this.core = new PartitionCore(options.metaCacheEntriesMax);
  }

  get summary(): Summary {
    return this.core.summary;
  }

  apply(
    _index: number,
    command: Uint8Array,
    writer: StateWriter,
    options: ApplyOptions = { respond: true },
  ): ApplyResult<QueueResult> {
    const parsed = parseQueueCommand(command);
    if (!parsed.ok) return parsed;
    const cmd = parsed.value;
    if (cmd.type !== "configure" && this.core.summary.config === undefined) {
      return {
        ok: false,
        code: ErrorCode.FAILED_PRECONDITION,
        message: "the queue partition is not configured",
      };
    }
    if (cmd.nowMs > this.core.summary.clockMs) {
      this.core.summary.clockMs = cmd.nowMs;
      this.core.buckets.prune(writer, cmd.nowMs);
    }
    const result = this.dispatch(cmd, writer, options.respond);
    this.core.buckets.flush(writer);
    writer.put(summaryKey, encodeRecord(this.core.summary));
    return result;
  }

  private dispatch(cmd: QueueCommand, writer: StateWriter, respond: boolean): ApplyResult<QueueResult> {
    const core = this.core;
    switch (cmd.type) {
      case "configure":
        return applyConfigure(core, cmd);
      case "send":
      case "receive":
      case "delete":
      case "change-visibility":
        return this.dispatchBatchable(cmd, writer, respond);
      case "batch":
        return { ok: true, value: this.applyBatch(cmd, writer, respond) };
      case "purge":
        return applyPurge(core, writer, cmd);
      case "cleanup":
        return applyCleanup(core, writer, cmd);
      case "dead-letter":
        return applyDeadLetter(core, writer, cmd);
      case "dead-letter-done":
        return {
          ok: true,
          value: { type: cmd.type, removed: applyMovedOut(core, writer, cmd.messageIds, true) },
        };
      case "redrive-done":
        return {
          ok: true,
          value: { type: cmd.type, removed: applyMovedOut(core, writer, cmd.messageIds, false) },
        };
    }
  }

  private dispatchBatchable(
    cmd: ParsedBatchedCommand,
    writer: StateWriter,
    respond: boolean,
  ): ApplyResult<BatchedResult> {
    switch (cmd.type) {
      case "send":
        return applySend(this.core, writer, cmd);
      case "receive":
        return applyReceive(this.core, writer, cmd, respond);
      case "delete":
        return applyDelete(this.core, writer, cmd);
      case "change-visibility":
        return applyChangeVisibility(this.core, writer, cmd);
    }
  }

  /**
   * Applies a batch's commands in order, each as it would apply alone at the batch's time. A rejection
   * is returned before the rejected command writes anything (every apply function checks first), so it
   * leaves no trace and the commands after it go ahead.
   */
  private applyBatch(cmd: BatchCommand, writer: StateWriter, respond: boolean): BatchResult {
    const results = cmd.commands.map((bytes, i): ApplyResult<BatchedResult> => {
      const parsed = parseBatchedCommand(bytes, cmd.nowMs);
      if (!parsed.ok) return { ...parsed, message: `batch command ${i}: ${parsed.message}` };
      return this.dispatchBatchable(parsed.value, writer, respond);
    });
    return { type: "batch", results };
  }

  /**
   * Where the leader's next scan of the visibility index may start, with a token for `raiseScanFloor`.
   * Receiving and deleting leave deleted keys at the head of the index, and LevelDB steps over deletions
   * one by one until compaction drops them: a scan from the start slows down with every message the queue
   * has delivered. No key below the floor exists, except those written since it was last taken, which
   * apply tracks (so the floor drops back to them).
   */
  takeScanFloor(): { from: VisibilityPosition; token: number } {
    this.scanFloor = lowerPosition(this.scanFloor, this.core.lowestVisibilityWritten) ?? this.scanFloor;
    this.core.lowestVisibilityWritten = undefined;
    return { from: this.scanFloor, token: ++this.scanFloorToken };
  }

  /**
   * Where the search for the next message to become visible after `nowMs` may start (nextVisibleAtMs).
   * Messages received and deleted before their visibility ran out leave deleted keys all through the
   * coming minutes of the index; the buckets, which count every message still to become visible, say
   * which second holds the first. A message written already visible at the partition's clock is not
   * counted, so while that clock is ahead of `nowMs` the search starts right after `nowMs`. Undefined:
   * nothing is to become visible.
   */
  nextVisibleScanStartMs(nowMs: number): number | undefined {
    if (this.core.summary.clockMs > nowMs) return nowMs + 1;
    const second = this.core.buckets.nextSecond(nowMs);
    return second === undefined ? undefined : Math.max(nowMs + 1, (second - 1) * 1000 + 1);
  }

  /** Where a scan may start, for a scan that will not raise the floor (it leaves the floor as it is). */
  peekScanFloor(): VisibilityPosition {
    return lowerPosition(this.scanFloor, this.core.lowestVisibilityWritten) ?? this.scanFloor;
  }

  /**
   * After a scan that began with `takeScanFloor`: its first read found nothing below `lowestMs`. Writes
   * since are tracked apart, so the floor may rise, unless another scan took the floor meanwhile (its
   * tracking was reset then, and a write below `lowestMs` could be known to that scan alone).
   */
  raiseScanFloor(token: number, lowest: VisibilityPosition): void {
    if (token === this.scanFloorToken && lowerPosition(this.scanFloor, lowest) === this.scanFloor)
      this.scanFloor = lowest;
  }

  async restore(reader: StateReader): Promise<void> {
    const bytes = await reader.get(summaryKey);
    this.core.summary =
      bytes === undefined ? initialSummary() : { ...decodeRecord<Summary>(bytes, "summary") };
    await this.core.buckets.restore(reader);
    this.core.forgetMetas();
    // The keyspace was replaced (a snapshot, or start-up): scan from the start again, and let no scan
    // that read the old keyspace raise the floor.
    this.scanFloor = indexStart;
    this.scanFloorToken += 1;
  }

  /**
   * Messages in flight at `nowMs` (clamped to the partition's clock) against the partition's cap, from
   * memory: the leader consults it before picking receive candidates and while long polls wait; apply
   * enforces the cap. Undefined before the partition is configured.
   */
  inflight(nowMs: number): InflightState | undefined {
    const { summary, buckets } = this.core;
    if (summary.config === undefined) return undefined;
    const atMs = Math.max(nowMs, summary.clockMs);
    const dropAtMs = buckets.nextInflightDropMs(atMs);
    return {
      count: buckets.countAt(atMs).inflight,
      max: inflightMessagesMaxOf(summary.config),
      ...(dropAtMs === undefined ? {} : { dropAtMs }),
    };
  }

  /** The partition's counters at `nowMs` (clamped to its clock), from memory. */
  attributes(nowMs: number): PartitionAttributes {
    const { summary } = this.core;
    const atMs = Math.max(nowMs, summary.clockMs);
    const { delayed, inflight } = this.core.buckets.countAt(atMs);
    const notVisible = inflight + summary.deadLettering;
    return {
      approximateNumberOfMessages: Math.max(0, summary.stored - notVisible - delayed),
      approximateNumberOfMessagesNotVisible: notVisible,
      approximateNumberOfMessagesDelayed: delayed,
      createdTimestampMs: summary.createdMs,
      lastModifiedTimestampMs: summary.lastModifiedMs,
      config: summary.config,
    };
  }
}

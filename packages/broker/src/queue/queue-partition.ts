import {
  ErrorCode,
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
import { parseQueueCommand } from "./command-parser.js";
import { type QueueCommand, type QueueResult } from "./commands.js";
import { summaryKey } from "./keys.js";
import { PartitionCore } from "./partition-core.js";
import { type QueueConfig } from "./queue-config.js";
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

/**
 * One partition of one SQS queue: the state machine its Raft group replicates. Messages, indexes and
 * records live in the group's keyspace; memory holds only the summary (config, counters, sequence and
 * purge watermark) and the bounded visibility buckets. Apply does point reads only; the scans that pick
 * receive candidates and find garbage run on the leader (leader-reads.ts) and come back as commands.
 *
 * Time never goes backwards inside the partition: the clock is the latest `nowMs` any command carried,
 * so a new leader stamping a slightly earlier time cannot make an in-flight message visible early.
 */
export class QueuePartition implements StateMachine<QueueResult> {
  private readonly core = new PartitionCore();

  get summary(): Summary {
    return this.core.summary;
  }

  apply(_index: number, command: Uint8Array, writer: StateWriter): ApplyResult<QueueResult> {
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
    const result = this.dispatch(cmd, writer);
    writer.put(summaryKey, encodeRecord(this.core.summary));
    return result;
  }

  private dispatch(cmd: QueueCommand, writer: StateWriter): ApplyResult<QueueResult> {
    const core = this.core;
    switch (cmd.type) {
      case "configure":
        return applyConfigure(core, cmd);
      case "send":
        return applySend(core, writer, cmd);
      case "receive":
        return applyReceive(core, writer, cmd);
      case "delete":
        return applyDelete(core, writer, cmd);
      case "change-visibility":
        return applyChangeVisibility(core, writer, cmd);
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

  async restore(reader: StateReader): Promise<void> {
    const bytes = await reader.get(summaryKey);
    this.core.summary =
      bytes === undefined ? initialSummary() : { ...decodeRecord<Summary>(bytes, "summary") };
    await this.core.buckets.restore(reader);
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

import { randomBytes, randomUUID } from "node:crypto";
import { ErrorCode, MillraceError } from "@millrace/common";
import {
  encodeQueueCommand,
  findGarbage,
  findOverReceived,
  findReceivable,
  maintenanceBatchMax,
  nextVisibleAtMs,
  pendingDeadLetters,
  type ChangeVisibilityResult,
  type DeleteResult,
  type QueueCommand,
  type QueuePartition,
  type QueueResult,
  type ReceiveResult,
  type SendEntry,
  type SendResult,
} from "@millrace/broker";
import { type GroupReplica, readerOf } from "../host/group-replica.js";
import { type RaftHost } from "../host/raft-host.js";
import { type GroupExecutor } from "../node/partition-router.js";
import {
  type EntryOutcome,
  type PartitionStats,
  type QueueOp,
  type ReceivedMessage,
  type SendOutcome,
} from "./queue-ops.js";

/** Sends moved messages (dead-lettering) into another queue; idempotent on the original message id. */
export type MoveSender = (
  queueName: string,
  entries: readonly Omit<SendEntry, "messageId">[],
) => Promise<void>;

/**
 * The leader's side of one queue partition: turns QueueOps into Raft commands and keeps what only the
 * leader needs in memory: receive candidates already proposed (so concurrent receives pick different
 * messages), and the long polls waiting for a message (woken by sends, visibility changes to 0, and a
 * timer for the next delayed or in-flight message to become visible; never by polling the store).
 */
export class PartitionLeader {
  private readonly reserved = new Set<string>();
  private readonly waiters = new Set<() => void>();
  private wakeTimer: NodeJS.Timeout | undefined = undefined;
  private wakeAtMs = Number.POSITIVE_INFINITY;
  private maintaining = false;

  constructor(
    readonly groupId: number,
    readonly partition: QueuePartition,
    private readonly host: RaftHost,
  ) {}

  async run(replica: GroupReplica, op: QueueOp): Promise<unknown> {
    switch (op.type) {
      case "configure":
        return this.propose({
          type: "configure",
          nowMs: Date.now(),
          queueName: op.queueName,
          config: op.config,
        });
      case "send": {
        const result = (await this.propose({
          type: "send",
          nowMs: Date.now(),
          entries: op.entries.map((e) => ({ ...e, messageId: randomUUID() })),
        })) as SendResult;
        if (result.available) this.wake();
        if (result.nextVisibleAtMs !== undefined) this.wakeAt(result.nextVisibleAtMs);
        return result.entries satisfies readonly SendOutcome[];
      }
      case "receive":
        return this.receive(replica, op.max, op.visibilityTimeoutSeconds, op.attemptId);
      case "wait":
        return this.waitForMessage(replica, op.waitMs);
      case "delete":
        return (
          (await this.propose({ type: "delete", nowMs: Date.now(), entries: op.entries })) as DeleteResult
        ).entries satisfies readonly EntryOutcome[];
      case "change-visibility": {
        const result = (await this.propose({
          type: "change-visibility",
          nowMs: Date.now(),
          entries: op.entries,
        })) as ChangeVisibilityResult;
        if (result.available) this.wake();
        return result.entries;
      }
      case "purge":
        await this.propose({ type: "purge", nowMs: Date.now() });
        return null;
      case "stats": {
        const a = this.partition.attributes(Date.now());
        return {
          visible: a.approximateNumberOfMessages,
          notVisible: a.approximateNumberOfMessagesNotVisible,
          delayed: a.approximateNumberOfMessagesDelayed,
        } satisfies PartitionStats;
      }
    }
  }

  private async receive(
    replica: GroupReplica,
    max: number,
    visibilityTimeoutSeconds: number | undefined,
    attemptId: string | undefined,
  ): Promise<ReceivedMessage[]> {
    const nowMs = Date.now();
    const want = max + this.reserved.size;
    const found = await findReceivable(readerOf(replica.storage.keyspace), this.partition.summary, {
      nowMs,
      max: want,
      // Standard queues take the earliest visible messages: reading a few times what is wanted is enough
      // (entries of purged or expired messages are skipped). FIFO scans further, past locked groups.
      ...(this.partition.summary.config?.fifo === true ? {} : { scanLimit: Math.max(64, want * 4) }),
    });
    const candidates = found.filter((id) => !this.reserved.has(id)).slice(0, max);
    if (candidates.length === 0 && attemptId === undefined) return [];
    for (const id of candidates) this.reserved.add(id);
    try {
      const result = (await this.propose({
        type: "receive",
        nowMs,
        candidates,
        nonce: randomBytes(16),
        ...(visibilityTimeoutSeconds === undefined ? {} : { visibilityTimeoutSeconds }),
        ...(attemptId === undefined ? {} : { receiveAttemptId: attemptId }),
      })) as ReceiveResult;
      // Received messages come back when their visibility runs out: wake long polls then.
      if (result.messages.length > 0) this.scheduleNextVisible(replica).catch(() => undefined);
      return [...result.messages];
    } finally {
      for (const id of candidates) this.reserved.delete(id);
    }
  }

  /** Resolves true as soon as a message may be receivable, false after `waitMs`. */
  private async waitForMessage(replica: GroupReplica, waitMs: number): Promise<boolean> {
    const nowMs = Date.now();
    const found = await findReceivable(readerOf(replica.storage.keyspace), this.partition.summary, {
      nowMs,
      max: this.reserved.size + 1,
    });
    if (found.some((id) => !this.reserved.has(id))) return true;
    await this.scheduleNextVisible(replica);
    return new Promise<boolean>((resolve) => {
      const done = (ready: boolean) => {
        clearTimeout(timer);
        this.waiters.delete(onWake);
        resolve(ready);
      };
      const onWake = () => done(true);
      const timer = setTimeout(() => done(false), Math.max(0, waitMs));
      this.waiters.add(onWake);
    });
  }

  /** Wakes every long poll (they re-check and receive, or wait again). */
  wake(): void {
    const waiters = [...this.waiters];
    this.waiters.clear();
    for (const w of waiters) w();
  }

  /** Leadership moved: waiters here would never hear of new sends, so they go and find the new leader. */
  stepDown(): void {
    this.wake();
    if (this.wakeTimer !== undefined) clearTimeout(this.wakeTimer);
    this.wakeTimer = undefined;
    this.wakeAtMs = Number.POSITIVE_INFINITY;
  }

  private async scheduleNextVisible(replica: GroupReplica): Promise<void> {
    const at = await nextVisibleAtMs(readerOf(replica.storage.keyspace), this.partition.summary, Date.now());
    if (at !== undefined) this.wakeAt(at);
  }

  private wakeAt(atMs: number): void {
    if (atMs >= this.wakeAtMs) return;
    if (this.wakeTimer !== undefined) clearTimeout(this.wakeTimer);
    this.wakeAtMs = atMs;
    this.wakeTimer = setTimeout(
      () => {
        this.wakeTimer = undefined;
        this.wakeAtMs = Number.POSITIVE_INFINITY;
        this.wake();
      },
      Math.max(0, atMs - Date.now()) + 1,
    );
  }

  /**
   * Background duties of the partition's leader, run about once a second: delete purged and expired
   * messages, move messages that used up their receives to the dead-letter outbox, and deliver the outbox
   * to the dead-letter queue (then delete it here). Each step is bounded and idempotent.
   */
  async maintain(replica: GroupReplica, sendMoved: MoveSender): Promise<void> {
    if (this.maintaining || this.partition.summary.config === undefined) return;
    this.maintaining = true;
    try {
      const reader = readerOf(replica.storage.keyspace);
      const summary = this.partition.summary;
      const nowMs = Date.now();
      const garbage = await findGarbage(reader, summary, nowMs, maintenanceBatchMax);
      if (garbage.messageIds.length > 0 || garbage.recordKeys.length > 0) {
        await this.propose({ type: "cleanup", nowMs, ...garbage });
      }
      const over = await findOverReceived(reader, summary, nowMs, maintenanceBatchMax);
      if (over.length > 0) await this.propose({ type: "dead-letter", nowMs, messageIds: over });
      const moves = await pendingDeadLetters(reader, summary, Date.now(), 10);
      const byDestination = new Map<string, typeof moves>();
      for (const m of moves) {
        if (m.destination === undefined) continue;
        byDestination.set(m.destination, [...(byDestination.get(m.destination) ?? []), m]);
      }
      for (const [destination, items] of byDestination) {
        await sendMoved(
          destination,
          items.map((m, i) => ({ ...m.entry, entryId: String(i) })),
        );
        await this.propose({
          type: "dead-letter-done",
          nowMs: Date.now(),
          messageIds: items.map((m) => m.messageId),
        });
      }
    } finally {
      this.maintaining = false;
    }
  }

  private async propose(command: QueueCommand): Promise<QueueResult> {
    const result = await this.host.propose(this.groupId, encodeQueueCommand(command));
    if (!result.ok) throw new MillraceError(result.code, result.message);
    return result.value as QueueResult;
  }
}

/** The partition router's executor for queue partitions: finds the partition's leader-side state. */
export function queueExecutor(leaderOf: (groupId: number) => PartitionLeader | undefined): GroupExecutor {
  return async (replica, op) => {
    const leader = leaderOf(replica.groupId);
    if (leader === undefined) {
      throw new MillraceError(ErrorCode.UNAVAILABLE, `queue partition ${replica.groupId} is not open here`);
    }
    return leader.run(replica, op as QueueOp);
  };
}

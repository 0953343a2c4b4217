import { randomUUID } from "node:crypto";
import {
  ErrorCode,
  MillraceError,
  errorCodeInfo,
  isFifoName,
  limits,
  partitionOfKey,
} from "@millrace/common";
import {
  encodeQueueCommand,
  messageAttributesBytes,
  readForRedrive,
  type MoveItem,
  type QueueResult,
} from "@millrace/broker";
import {
  isActiveMoveTask,
  type GroupRecord,
  type MetaCommand,
  type MetaStateMachine,
  type MoveTaskRecord,
} from "@millrace/router";
import { type Logger } from "pino";
import { type GroupReplica, readerOf } from "../host/group-replica.js";
import { type RaftHost } from "../host/raft-host.js";
import { type MetaOp } from "../node/controller.js";
import { metaGroupId } from "../node/group-ids.js";
import { type PartitionRouter } from "../node/partition-router.js";
import { type PartitionLeader } from "./queue-executor.js";
import { type SendInput, type SendOutcome } from "./queue-ops.js";

/**
 * Messages one step reads, copies and deletes: it must fit one `redrive-done` command (the broker takes
 * 256 ids) and keeps a step short, so a cancel or a leadership change is noticed within a step.
 */
export const stepMessagesMax = 100;
/** Steps one mover may run back to back per round, so an unthrottled task is still bounded per round. */
const stepsPerRoundMax = 5;
/** Each remote call of a step (a send, a meta proposal) gives up after this; the next round retries. */
const callTimeoutMs = 10_000;

export interface MoveTaskRunnerDeps {
  readonly meta: MetaStateMachine;
  readonly host: RaftHost;
  /** The leader-side state of a queue partition hosted here. */
  leaderOf(groupId: number): PartitionLeader | undefined;
  partitions(): PartitionRouter;
  readonly logger: Logger;
}

/** One partition's mover for one task, as long as this node leads that partition. */
interface Mover {
  busy: boolean;
  /** The rate limit's allowance in messages (a token bucket holding at most one second's worth). */
  tokens: number;
  refilledAtMs: number;
  /** A progress report whose proposal failed: it goes again (same step id) before the next step. */
  unreported: Progress | undefined;
}

interface Progress {
  readonly stepId: string;
  readonly moved: number;
  readonly done: boolean;
}

/** What a step found it must stop for: the task fails with this reason. */
class TaskFailure extends Error {}

/**
 * Runs message move tasks (DLQ redrive). The task records live in the meta group; each partition of a
 * task's source queue is drained by that partition's leader, wherever it is, so a task survives the death
 * of any node: the next leader of each partition picks up where the last one stopped.
 *
 * One step, at most `stepMessagesMax` messages and within the task's rate limit:
 * 1. ReadIndex on the partition (a new leader may not have applied everything yet), then `readForRedrive`
 *    as of the task's start: visible messages that were visible then, earliest first. Messages that arrive
 *    later (or were in flight at the start) stay.
 * 2. Send each to its destination: the task's, or the queue it was dead-lettered from. A send carries
 *    `movedFrom.originalMessageId`, and the destination partition (chosen from that id, or from the FIFO
 *    group) refuses a repeat for the deduplication window, so a step repeated after a crash between the
 *    send and step 3 stores nothing twice.
 * 3. Propose `redrive-done` here: the copied messages leave the source (idempotent).
 * 4. Report the step to the meta group (`move-task-progress`, idempotent on its step id). A partition
 *    whose read finds nothing reports `done`; the task completes once every partition has.
 *
 * A destination that is gone, of the other type, or refuses a message for good fails the task; refusals
 * that may pass (no leader, overload) end the step and the next round tries again.
 */
export class MoveTaskRunner {
  private readonly movers = new Map<string, Mover>();

  constructor(private readonly d: MoveTaskRunnerDeps) {}

  /** Starts the steps that are due; call it every controller tick. Never waits for them. */
  round(nowMs: number): void {
    const seen = new Set<string>();
    for (const task of this.d.meta.moveTasks.values()) {
      if (!isActiveMoveTask(task)) continue;
      for (const partition of task.partitions) {
        if (partition.done) continue;
        const replica = this.d.host.groups.get(partition.groupId);
        const leader = this.d.leaderOf(partition.groupId);
        if (replica?.isLeader !== true || leader === undefined) continue;
        const key = `${task.taskHandle}/${partition.groupId}`;
        seen.add(key);
        let mover = this.movers.get(key);
        if (mover === undefined) {
          mover = { busy: false, tokens: bucketSize(task), refilledAtMs: nowMs, unreported: undefined };
          this.movers.set(key, mover);
        }
        if (mover.busy) continue;
        refill(mover, task, nowMs);
        mover.busy = true;
        const running = mover;
        this.drive(task.taskHandle, partition.groupId, replica, leader, running)
          .catch((error: unknown) =>
            this.d.logger.debug(
              { err: error, task: task.taskHandle, group: partition.groupId },
              "message move step did not finish; the next round retries",
            ),
          )
          .finally(() => {
            running.busy = false;
          });
      }
    }
    // Movers of finished tasks, and of partitions no longer led here, are forgotten (unless mid-step).
    for (const [key, mover] of this.movers) if (!seen.has(key) && !mover.busy) this.movers.delete(key);
  }

  /** Up to `stepsPerRoundMax` steps while the rate allows and each step found a full batch. */
  private async drive(
    handle: string,
    groupId: number,
    replica: GroupReplica,
    leader: PartitionLeader,
    mover: Mover,
  ): Promise<void> {
    if (mover.unreported !== undefined) {
      await this.report(handle, groupId, mover.unreported);
      mover.unreported = undefined;
    }
    for (let i = 0; i < stepsPerRoundMax; i++) {
      const task = this.d.meta.moveTasks.get(handle);
      if (task === undefined || !isActiveMoveTask(task) || !replica.isLeader) return;
      const limited = task.messagesPerSecondMax > 0;
      const batch = limited ? Math.min(stepMessagesMax, Math.floor(mover.tokens)) : stepMessagesMax;
      if (batch < 1) return;
      const taken = await this.step(task, groupId, replica, leader, batch, mover);
      if (limited) mover.tokens -= taken;
      if (taken < batch) return;
    }
  }

  /** One step; returns how many messages it read (what the rate limit counts). */
  private async step(
    task: MoveTaskRecord,
    groupId: number,
    replica: GroupReplica,
    leader: PartitionLeader,
    batch: number,
    mover: Mover,
  ): Promise<number> {
    if (task.status === "cancelling") {
      await this.reportStep(task.taskHandle, groupId, mover, { stepId: randomUUID(), moved: 0, done: true });
      return 0;
    }
    const summary = leader.partition.summary;
    if (summary.config === undefined) return 0;
    await this.d.host.readBarrier(groupId);
    const items = await readForRedrive(readerOf(replica.storage.keyspace), summary, task.startedAtMs, batch);
    if (items.length === 0) {
      await this.reportStep(task.taskHandle, groupId, mover, { stepId: randomUUID(), moved: 0, done: true });
      this.d.logger.info({ task: task.taskHandle, group: groupId }, "message move task: partition drained");
      return 0;
    }
    const { copied, failure } = await this.copy(task, items);
    if (copied.length > 0) {
      const result = await this.d.host.propose(
        groupId,
        encodeQueueCommand({ type: "redrive-done", nowMs: Date.now(), messageIds: copied }),
      );
      if (!result.ok) throw new MillraceError(result.code, result.message);
      const removed = (result.value as Extract<QueueResult, { type: "redrive-done" }>).removed;
      await this.reportStep(task.taskHandle, groupId, mover, {
        stepId: randomUUID(),
        moved: removed,
        done: false,
      });
    }
    if (failure !== undefined) {
      this.d.logger.warn({ task: task.taskHandle, reason: failure }, "message move task failed");
      await this.proposeMeta({ type: "move-task-fail", taskHandle: task.taskHandle, reason: failure });
      return 0;
    }
    return items.length;
  }

  /**
   * Sends the items to their destinations, in order, and returns the ids of those now stored there. It
   * stops at the first refusal: one that may pass later just ends the step; a lasting one is `failure`.
   */
  private async copy(
    task: MoveTaskRecord,
    items: readonly MoveItem[],
  ): Promise<{ copied: string[]; failure: string | undefined }> {
    const copied: string[] = [];
    let sendingTo = "the destination";
    try {
      for (const chunk of this.chunks(task, items)) {
        sendingTo = `the queue ${chunk.queue}`;
        const outcomes = (await this.d.partitions().call(
          chunk.groupId,
          {
            type: "send",
            queueName: chunk.queue,
            entries: chunk.items.map((m, i): SendInput => ({ ...m.entry, entryId: String(i) })),
          },
          { deadlineMs: Date.now() + callTimeoutMs },
          // The destination refuses a second copy of a moved message, so a retry cannot duplicate it.
          { idempotent: true },
        )) as SendOutcome[];
        for (const [i, item] of chunk.items.entries()) {
          const outcome = outcomes.find((o) => o.entryId === String(i));
          if (outcome?.ok === true) {
            copied.push(item.messageId);
            continue;
          }
          const code = outcome?.code ?? ErrorCode.INTERNAL;
          const reason = `the queue ${chunk.queue} refused message ${item.messageId}: ${outcome?.message ?? "no answer"}`;
          if (errorCodeInfo[code].retryable) throw new MillraceError(code, reason);
          throw new TaskFailure(reason);
        }
      }
      return { copied, failure: undefined };
    } catch (error) {
      if (error instanceof TaskFailure) return { copied, failure: error.message.slice(0, 1000) };
      if (error instanceof MillraceError && !error.retryable)
        return { copied, failure: `sending to ${sendingTo} failed: ${error.message}`.slice(0, 1000) };
      if (copied.length === 0) throw error;
      // What reached the destination still leaves the source now; the rest is retried next round.
      this.d.logger.debug({ err: error, task: task.taskHandle }, "message move step stopped early");
      return { copied, failure: undefined };
    }
  }

  /**
   * The sends of a step: per destination partition, at most `limits.batchEntriesMax` messages and
   * `limits.batchBytesMax` bytes each. A destination that cannot take the messages fails the task.
   */
  private chunks(
    task: MoveTaskRecord,
    items: readonly MoveItem[],
  ): { queue: string; groupId: number; items: MoveItem[] }[] {
    const chunks: { queue: string; groupId: number; items: MoveItem[]; bytes: number }[] = [];
    const open = new Map<string, (typeof chunks)[number]>();
    for (const item of items) {
      const queue = this.destinationOf(task, item);
      const groups = this.destinationGroups(task, queue);
      const size = item.entry.body.length + messageAttributesBytes(item.entry.messageAttributes ?? {});
      // A FIFO message stays with its group; a standard one goes where its id hashes, so a repeat of the
      // move meets the record of the first at the same partition.
      const key = item.entry.groupId ?? item.messageId;
      const groupId = (groups[partitionOfKey(key, groups.length)] as GroupRecord).groupId;
      const chunk = open.get(`${queue}/${groupId}`);
      if (
        chunk !== undefined &&
        chunk.items.length < limits.batchEntriesMax &&
        chunk.bytes + size <= limits.batchBytesMax
      ) {
        chunk.items.push(item);
        chunk.bytes += size;
      } else {
        const fresh = { queue, groupId, items: [item], bytes: size };
        chunks.push(fresh);
        open.set(`${queue}/${groupId}`, fresh);
      }
    }
    return chunks;
  }

  private destinationOf(task: MoveTaskRecord, item: MoveItem): string {
    if (task.destinationQueue !== "") return task.destinationQueue;
    if (item.destination === undefined)
      throw new TaskFailure(
        `message ${item.messageId} was not dead-lettered from another queue, so it has no source queue to return to; start the task with a destination`,
      );
    return item.destination;
  }

  private destinationGroups(task: MoveTaskRecord, queue: string): GroupRecord[] {
    const groups = this.d.meta.groupsOfResource("queue", queue);
    if (groups.length === 0) throw new TaskFailure(`the destination queue ${queue} does not exist`);
    if (isFifoName(queue) !== isFifoName(task.sourceQueue))
      throw new TaskFailure(`the destination queue ${queue} is not of the same type as ${task.sourceQueue}`);
    return groups;
  }

  private async reportStep(handle: string, groupId: number, mover: Mover, progress: Progress): Promise<void> {
    try {
      await this.report(handle, groupId, progress);
    } catch (error) {
      mover.unreported = progress;
      throw error;
    }
  }

  private async report(handle: string, groupId: number, progress: Progress): Promise<void> {
    try {
      await this.proposeMeta({ type: "move-task-progress", taskHandle: handle, groupId, ...progress });
    } catch (error) {
      // The task is gone (its queue was deleted): nothing is left to report to.
      if (error instanceof MillraceError && error.code === ErrorCode.NOT_FOUND) return;
      throw error;
    }
  }

  private async proposeMeta(command: MetaCommand): Promise<void> {
    await this.d
      .partitions()
      .call(
        metaGroupId,
        { type: "propose", command } satisfies MetaOp,
        { deadlineMs: Date.now() + callTimeoutMs },
        { idempotent: true },
      );
  }
}

/** A task's rate shared evenly by its source's partitions; Infinity when it has no limit. */
function ratePerPartition(task: MoveTaskRecord): number {
  return task.messagesPerSecondMax === 0
    ? Number.POSITIVE_INFINITY
    : task.messagesPerSecondMax / task.partitions.length;
}

/** One second's worth, and at least one message, so a partition's share below 1/s still moves. */
function bucketSize(task: MoveTaskRecord): number {
  return Math.max(1, ratePerPartition(task));
}

function refill(mover: Mover, task: MoveTaskRecord, nowMs: number): void {
  const rate = ratePerPartition(task);
  if (rate === Number.POSITIVE_INFINITY) return;
  const elapsedMs = Math.max(0, nowMs - mover.refilledAtMs);
  mover.tokens = Math.min(bucketSize(task), mover.tokens + (rate * elapsedMs) / 1000);
  mover.refilledAtMs = nowMs;
}

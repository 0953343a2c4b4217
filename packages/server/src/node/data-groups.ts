import { partitionOfKey, type StateMachine } from "@millrace/common";
import { QueuePartition } from "@millrace/broker";
import { type GroupRecord, type MetaStateMachine } from "@millrace/router";
import { type Logger } from "pino";
import { type RaftHost } from "../host/raft-host.js";
import { MoveTaskRunner } from "../queues/move-task-runner.js";
import { PartitionLeader, queueExecutor, type MoveSender } from "../queues/queue-executor.js";
import { type SendOutcome } from "../queues/queue-ops.js";
import { type QueueMessageCounts } from "../metrics.js";
import { type GroupExecutor, type PartitionRouter } from "./partition-router.js";

const maintenanceIntervalMs = 1000;

/**
 * The data groups this node hosts, by kind: their state machines, the executors that run client
 * operations on their leaders, and the leaders' background duties. Queue partitions today; topics and
 * streams join here.
 */
export class DataGroups {
  private readonly queues = new Map<number, PartitionLeader>();
  private readonly queueOps: GroupExecutor;
  private readonly moveTasks: MoveTaskRunner;
  private lastMaintenanceMs = 0;

  constructor(
    private readonly host: RaftHost,
    private readonly meta: MetaStateMachine,
    private readonly partitions: () => PartitionRouter,
    private readonly logger: Logger,
  ) {
    this.queueOps = queueExecutor((groupId) => this.queues.get(groupId));
    this.moveTasks = new MoveTaskRunner({
      meta,
      host,
      leaderOf: (groupId) => this.queues.get(groupId),
      partitions,
      logger: logger.child({ component: "move-tasks" }),
    });
  }

  stateMachineOf(group: GroupRecord): StateMachine | undefined {
    if (group.kind !== "queue-partition") return undefined;
    const partition = new QueuePartition();
    this.queues.set(group.groupId, new PartitionLeader(group.groupId, partition, this.host));
    return partition;
  }

  executorOf(group: GroupRecord): GroupExecutor | undefined {
    return group.kind === "queue-partition" ? this.queueOps : undefined;
  }

  /** A group stopped being hosted here. */
  forget(groupId: number): void {
    this.queues.get(groupId)?.stepDown();
    this.queues.delete(groupId);
  }

  /** A group's leadership moved: long polls waiting on this node go and find the new leader. */
  leadershipChanged(groupId: number, leader: number, nodeId: number): void {
    if (leader !== nodeId) this.queues.get(groupId)?.stepDown();
  }

  /** Long polls waiting on a queue partition's leader here; undefined for a group that is not a queue's. */
  longPollsWaiting(groupId: number): number | undefined {
    return this.queues.get(groupId)?.longPollsWaiting;
  }

  /**
   * A queue partition's messages by state, from memory, where this node leads it (a follower's copy may
   * lag, and reporting it too would count the partition twice); undefined elsewhere.
   */
  queueMessages(groupId: number, nowMs: number): QueueMessageCounts | undefined {
    const leader = this.queues.get(groupId);
    if (leader === undefined || this.host.groups.get(groupId)?.isLeader !== true) return undefined;
    const { summary } = leader.partition;
    if (summary.config === undefined) return undefined;
    const a = leader.partition.attributes(nowMs);
    return {
      queue: summary.queueName,
      visible: a.approximateNumberOfMessages,
      inFlight: a.approximateNumberOfMessagesNotVisible,
      delayed: a.approximateNumberOfMessagesDelayed,
      oldestAgeSeconds: leader.oldestMessageAgeSeconds(nowMs),
    };
  }

  /**
   * Called every controller tick; runs the leaders' background duties about once a second, and the
   * message move tasks' steps (rate-limited per task) every tick.
   */
  round(nowMs: number): void {
    this.moveTasks.round(nowMs);
    if (nowMs - this.lastMaintenanceMs < maintenanceIntervalMs) return;
    this.lastMaintenanceMs = nowMs;
    for (const [groupId, leader] of this.queues) {
      const replica = this.host.groups.get(groupId);
      if (replica?.isLeader !== true) continue;
      leader
        .maintain(replica, this.sendMoved)
        .catch((error: unknown) =>
          this.logger.debug({ err: error, group: groupId }, "queue maintenance did not finish this round"),
        );
    }
  }

  /** Dead-lettered messages go to a partition of the target queue (by group id on FIFO queues). */
  private readonly sendMoved: MoveSender = async (queueName, entries) => {
    const groups = this.meta.groupsOfResource("queue", queueName);
    if (groups.length === 0) {
      this.logger.warn({ queue: queueName }, "dead-letter target queue does not exist; messages wait");
      throw new Error(`dead-letter queue ${queueName} does not exist`);
    }
    const byGroup = new Map<number, typeof entries>();
    for (const e of entries) {
      const g = groups[e.groupId === undefined ? 0 : partitionOfKey(e.groupId, groups.length)] as GroupRecord;
      byGroup.set(g.groupId, [...(byGroup.get(g.groupId) ?? []), e]);
    }
    for (const [groupId, list] of byGroup) {
      const outcomes = (await this.partitions().call(
        groupId,
        { type: "send", queueName, entries: list },
        { deadlineMs: Date.now() + 10_000 },
        { idempotent: true },
      )) as SendOutcome[];
      const failed = outcomes.find((o) => !o.ok);
      // The outbox keeps the message until the dead-letter queue has it: a refusal is retried next round.
      if (failed !== undefined && !failed.ok)
        throw new Error(`dead-letter queue refused a message: ${failed.message}`);
    }
  };
}

/**
 * The records the meta group replicates: the cluster, its nodes, its resources (queues, topics, streams)
 * and the Raft groups that hold them. Each is stored msgpack-encoded under its own key (see
 * meta-state-machine.ts for the layout) and also kept in memory, since the catalog is small.
 */

export type ResourceKind = "queue" | "topic" | "stream";

export type GroupKind = "meta" | "log" | "queue-partition" | "topic-partition" | "stream-shard";

/** The group kind that holds each partition of a resource kind. */
export const groupKindOf = {
  queue: "queue-partition",
  topic: "topic-partition",
  stream: "stream-shard",
} as const satisfies Record<ResourceKind, GroupKind>;

export interface NodeRecord {
  readonly nodeId: number;
  readonly peerAddress: string;
  readonly clientAddress: string;
  readonly httpAddress: string;
  /** Removed ids are kept forever: a node id is never used by a second incarnation. */
  readonly state: "active" | "removed";
  readonly joinedAtMs: number;
  /**
   * The failure domain (rack, availability zone) the node reports. Placement spreads a group's replicas
   * across zones; a node without one is its own failure domain.
   */
  readonly zone?: string;
  /** When the node was last heard from: its last `node-heartbeat`, or its join until it sends one. */
  readonly lastHeartbeatMs: number;
}

export interface ResourceRef {
  readonly kind: ResourceKind;
  readonly name: string;
}

export interface GroupRecord {
  readonly groupId: number;
  readonly kind: GroupKind;
  /** The queue, topic or stream the group belongs to; absent for the meta group and the default log. */
  readonly resource?: ResourceRef;
  /** The partition (or shard) index within the resource, 0-based; 0 for the meta group and the log. */
  readonly partition: number;
  /** The voters the controller wants this group to have, in node id order. */
  readonly voters: readonly number[];
  /**
   * The voters the group was created with, never changed: founders start the group's Raft log from the
   * same initial configuration, while a replica added later starts empty and is caught up by the leader.
   */
  readonly initialVoters: readonly number[];
  /** The voter the controller wants to lead the group, or 0 for no preference. Always one of `voters`. */
  readonly preferredLeader: number;
  /**
   * A deleting group no longer routes and its replicas should be destroyed; it is forgotten by
   * `drop-group`. Group ids are never reused, so an unknown id below `nextGroupId` was dropped.
   */
  readonly state: "active" | "deleting";
  /** When the group's resource was deleted; set only while deleting. */
  readonly deletedAtMs?: number;
  /** The leader as last reported by a `node-heartbeat`, and its term; 0 and 0 until the first report. */
  readonly leader: number;
  readonly leaderTerm: number;
  /** The group's Raft configuration as its leader last reported it; empty until the first report. */
  readonly actualVoters: readonly number[];
  readonly actualLearners: readonly number[];
}

export interface ResourceRecord {
  readonly kind: ResourceKind;
  readonly name: string;
  /**
   * Opaque to the controller: the gateway validates them (ranges, JSON policies) before proposing, and the
   * controller compares them for CreateQueue's idempotency.
   */
  readonly attributes: Readonly<Record<string, string>>;
  readonly tags: Readonly<Record<string, string>>;
  readonly createdAtMs: number;
  /** When attributes were last set by a `set-resource-attributes` that carried `nowMs`. */
  readonly modifiedAtMs?: number;
  readonly partitions: number;
  readonly replicationFactor: number;
  /** One group per partition, in partition order. */
  readonly groupIds: readonly number[];
}

export interface ClusterRecord {
  readonly clusterId: string;
  readonly nextNodeId: number;
  readonly createdAtMs: number;
  /** The next data group id to allocate; ids are never reused, so a stale replica can tell it was dropped. */
  readonly nextGroupId: number;
  /**
   * Increases whenever something a client routes by changes: a group's replicas or leader, a node's client
   * address, a resource created or deleted. Gateways watch it to know when to refresh their routes.
   */
  readonly routingVersion: number;
}

/** A deleted queue's name, quarantined until `limits.queueNameReuseDelayMs` has passed. */
export interface TombstoneRecord {
  readonly kind: ResourceKind;
  readonly name: string;
  readonly deletedAtMs: number;
}

/** The map key of a resource (and of its tombstone): kind and name cannot collide, names have no '/'. */
export function resourceKey(kind: ResourceKind, name: string): string {
  return `${kind}/${name}`;
}

/**
 * Where a message move task (StartMessageMoveTask) is in its life. `running` and `cancelling` are active:
 * a source queue has at most one active task.
 */
export type MoveTaskStatus = "running" | "completed" | "cancelling" | "cancelled" | "failed";

/** A move task's progress in one partition of its source queue, as that partition's leader reports it. */
export interface MoveTaskPartition {
  readonly groupId: number;
  /** Messages this partition's movers deleted from the source after copying them. */
  readonly moved: number;
  /** Nothing that was visible when the task started is left here (or the task stopped moving here). */
  readonly done: boolean;
  /** The last progress step counted, so a re-proposed step is not counted twice. */
  readonly lastStepId: string;
}

/**
 * A message move task: the redrive of a dead-letter queue into its messages' source queues, or into one
 * destination. The catalog keeps each source queue's `catalogLimits.moveTasksPerQueueMax` most recent.
 */
export interface MoveTaskRecord {
  readonly taskHandle: string;
  readonly sourceQueue: string;
  /** "" sends each message back to the queue it was dead-lettered from. */
  readonly destinationQueue: string;
  /** 0 for as fast as the movers go. */
  readonly messagesPerSecondMax: number;
  readonly status: MoveTaskStatus;
  /**
   * The meta leader's time when the task started. Movers take only messages visible at this time, so
   * messages that reach the queue later stay.
   */
  readonly startedAtMs: number;
  /** The source's visible depth when the task started (ApproximateNumberOfMessagesToMove). */
  readonly toMove: number;
  /** Set when the task failed; "" otherwise. */
  readonly failureReason: string;
  /** One per partition of the source queue, in partition order. */
  readonly partitions: readonly MoveTaskPartition[];
  /** 1 for a queue's first task and one more for each later one: the newest has the highest. */
  readonly ordinal: number;
}

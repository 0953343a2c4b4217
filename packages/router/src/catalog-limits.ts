/**
 * Bounds on what the catalog stores. The whole catalog lives in memory on every node and is restored at
 * start-up, so every record has a size bound, and every list a command carries has a length bound, which
 * also keeps each meta command well inside one Raft entry. (They belong in common's limits table; they
 * live here until that table grows a cluster section, since only the controller reads them.)
 */
export const catalogLimits = {
  /** SNS's topic name rule: 1 to 256 characters of `[A-Za-z0-9_-]`, `.fifo` counting toward the 256. */
  topicNameLengthMax: 256,
  /** Kinesis's stream name rule: 1 to 128 characters of `[A-Za-z0-9_.-]`. */
  streamNameLengthMax: 128,
  /** Attributes per resource: SQS defines about 20; the margin is for SNS and stream settings. */
  attributesMax: 64,
  attributeKeyLengthMax: 256,
  /** A policy document (SQS's Policy attribute) is the largest value AWS allows, at 20 KiB. */
  attributeValueLengthMax: 32 * 1_024,
  /** Tags per resource: AWS's cap, with AWS's key and value lengths. */
  tagsMax: 50,
  tagKeyLengthMax: 128,
  tagValueLengthMax: 256,
  /**
   * Partitions (or initial shards) per resource. Each is a Raft group with a replica on several nodes; the
   * bound keeps one create from flooding the cluster with groups. Streams grow further by splitting.
   */
  partitionsMax: 256,
  /** Five replicas survive two failures; more buys little and slows every commit. */
  replicationFactorMax: 5,
  /** Groups in the cluster, every resource's partitions together: the catalog is held in memory. */
  groupsMax: 100_000,
  /** Members of one group as a leader may report them: voters during a move plus learners. */
  groupMembersMax: 16,
  /** Groups one heartbeat may report; a node leading more splits its report over several commands. */
  heartbeatGroupsMax: 10_000,
  /** Zone labels are metric labels and log fields, so they stay short. */
  zoneLengthMax: 64,
  /** Message move tasks kept per source queue, newest first: what ListMessageMoveTasks can show (AWS's 10). */
  moveTasksPerQueueMax: 10,
  /** StartMessageMoveTask's MaxNumberOfMessagesPerSecond ceiling, as in SQS. */
  moveTaskMessagesPerSecondMax: 500,
  /** Task handles are chosen by the proposer (a UUID); the bound keeps a hostile one small. */
  moveTaskHandleLengthMax: 128,
  /** A failed task's reason is shown to users; longer ones are cut by the proposer. */
  moveTaskFailureReasonLengthMax: 1_024,
  /** Messages one progress report may count: far above what one mover step takes. */
  moveTaskStepMessagesMax: 100_000,
} as const;

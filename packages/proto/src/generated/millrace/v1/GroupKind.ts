// Original file: proto/millrace/v1/admin.proto

/**
 * GroupKind is what a Raft group holds.
 */
export const GroupKind = {
  /**
   * Matches every kind in filters; never sent by a server.
   */
  GROUP_KIND_UNSPECIFIED: 'GROUP_KIND_UNSPECIFIED',
  /**
   * The meta group: the controller's catalog, nodes and placement.
   */
  GROUP_KIND_META: 'GROUP_KIND_META',
  /**
   * One partition of a queue.
   */
  GROUP_KIND_QUEUE_PARTITION: 'GROUP_KIND_QUEUE_PARTITION',
  /**
   * One partition of a topic.
   */
  GROUP_KIND_TOPIC_PARTITION: 'GROUP_KIND_TOPIC_PARTITION',
  /**
   * One shard of a stream.
   */
  GROUP_KIND_STREAM_SHARD: 'GROUP_KIND_STREAM_SHARD',
  /**
   * A replicated append-only log (LogService); streams grow from it.
   */
  GROUP_KIND_LOG: 'GROUP_KIND_LOG',
} as const;

/**
 * GroupKind is what a Raft group holds.
 */
export type GroupKind =
  /**
   * Matches every kind in filters; never sent by a server.
   */
  | 'GROUP_KIND_UNSPECIFIED'
  | 0
  /**
   * The meta group: the controller's catalog, nodes and placement.
   */
  | 'GROUP_KIND_META'
  | 1
  /**
   * One partition of a queue.
   */
  | 'GROUP_KIND_QUEUE_PARTITION'
  | 2
  /**
   * One partition of a topic.
   */
  | 'GROUP_KIND_TOPIC_PARTITION'
  | 3
  /**
   * One shard of a stream.
   */
  | 'GROUP_KIND_STREAM_SHARD'
  | 4
  /**
   * A replicated append-only log (LogService); streams grow from it.
   */
  | 'GROUP_KIND_LOG'
  | 5

/**
 * GroupKind is what a Raft group holds.
 */
export type GroupKind__Output = typeof GroupKind[keyof typeof GroupKind]

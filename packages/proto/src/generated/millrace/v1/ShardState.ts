// Original file: proto/millrace/v1/stream.proto

/**
 * ShardState is where a shard is in its life.
 */
export const ShardState = {
  /**
   * Never sent by a server.
   */
  SHARD_STATE_UNSPECIFIED: 'SHARD_STATE_UNSPECIFIED',
  /**
   * Accepts new records.
   */
  SHARD_STATE_OPEN: 'SHARD_STATE_OPEN',
  /**
   * Closed by a split or merge: takes no new records but stays readable until its records expire.
   */
  SHARD_STATE_CLOSED: 'SHARD_STATE_CLOSED',
  /**
   * Closed and all of its records are past retention; listed only for lineage.
   */
  SHARD_STATE_EXPIRED: 'SHARD_STATE_EXPIRED',
} as const;

/**
 * ShardState is where a shard is in its life.
 */
export type ShardState =
  /**
   * Never sent by a server.
   */
  | 'SHARD_STATE_UNSPECIFIED'
  | 0
  /**
   * Accepts new records.
   */
  | 'SHARD_STATE_OPEN'
  | 1
  /**
   * Closed by a split or merge: takes no new records but stays readable until its records expire.
   */
  | 'SHARD_STATE_CLOSED'
  | 2
  /**
   * Closed and all of its records are past retention; listed only for lineage.
   */
  | 'SHARD_STATE_EXPIRED'
  | 3

/**
 * ShardState is where a shard is in its life.
 */
export type ShardState__Output = typeof ShardState[keyof typeof ShardState]

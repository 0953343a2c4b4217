// Original file: proto/millrace/v1/stream.proto

/**
 * ShardFilterType selects which shards ListShards returns.
 */
export const ShardFilterType = {
  /**
   * No filter: every shard that still has retained records, and open shards.
   */
  SHARD_FILTER_TYPE_UNSPECIFIED: 'SHARD_FILTER_TYPE_UNSPECIFIED',
  /**
   * Shards whose ids sort after ShardFilter.shard_id.
   */
  SHARD_FILTER_TYPE_AFTER_SHARD_ID: 'SHARD_FILTER_TYPE_AFTER_SHARD_ID',
  /**
   * Shards open at the trim horizon.
   */
  SHARD_FILTER_TYPE_AT_TRIM_HORIZON: 'SHARD_FILTER_TYPE_AT_TRIM_HORIZON',
  /**
   * Every shard with retained records, from the trim horizon on.
   */
  SHARD_FILTER_TYPE_FROM_TRIM_HORIZON: 'SHARD_FILTER_TYPE_FROM_TRIM_HORIZON',
  /**
   * Only open shards.
   */
  SHARD_FILTER_TYPE_AT_LATEST: 'SHARD_FILTER_TYPE_AT_LATEST',
  /**
   * Shards open at ShardFilter.timestamp_ms.
   */
  SHARD_FILTER_TYPE_AT_TIMESTAMP: 'SHARD_FILTER_TYPE_AT_TIMESTAMP',
  /**
   * Shards open at or after ShardFilter.timestamp_ms.
   */
  SHARD_FILTER_TYPE_FROM_TIMESTAMP: 'SHARD_FILTER_TYPE_FROM_TIMESTAMP',
} as const;

/**
 * ShardFilterType selects which shards ListShards returns.
 */
export type ShardFilterType =
  /**
   * No filter: every shard that still has retained records, and open shards.
   */
  | 'SHARD_FILTER_TYPE_UNSPECIFIED'
  | 0
  /**
   * Shards whose ids sort after ShardFilter.shard_id.
   */
  | 'SHARD_FILTER_TYPE_AFTER_SHARD_ID'
  | 1
  /**
   * Shards open at the trim horizon.
   */
  | 'SHARD_FILTER_TYPE_AT_TRIM_HORIZON'
  | 2
  /**
   * Every shard with retained records, from the trim horizon on.
   */
  | 'SHARD_FILTER_TYPE_FROM_TRIM_HORIZON'
  | 3
  /**
   * Only open shards.
   */
  | 'SHARD_FILTER_TYPE_AT_LATEST'
  | 4
  /**
   * Shards open at ShardFilter.timestamp_ms.
   */
  | 'SHARD_FILTER_TYPE_AT_TIMESTAMP'
  | 5
  /**
   * Shards open at or after ShardFilter.timestamp_ms.
   */
  | 'SHARD_FILTER_TYPE_FROM_TIMESTAMP'
  | 6

/**
 * ShardFilterType selects which shards ListShards returns.
 */
export type ShardFilterType__Output = typeof ShardFilterType[keyof typeof ShardFilterType]

// Original file: proto/millrace/v1/stream.proto

/**
 * ShardIteratorType is where in a shard reading starts.
 */
export const ShardIteratorType = {
  /**
   * Rejected with INVALID_ARGUMENT.
   */
  SHARD_ITERATOR_TYPE_UNSPECIFIED: 'SHARD_ITERATOR_TYPE_UNSPECIFIED',
  /**
   * At the oldest record still retained.
   */
  SHARD_ITERATOR_TYPE_TRIM_HORIZON: 'SHARD_ITERATOR_TYPE_TRIM_HORIZON',
  /**
   * Just after the newest record: only records written from now on.
   */
  SHARD_ITERATOR_TYPE_LATEST: 'SHARD_ITERATOR_TYPE_LATEST',
  /**
   * At the record with the given sequence number.
   */
  SHARD_ITERATOR_TYPE_AT_SEQUENCE_NUMBER: 'SHARD_ITERATOR_TYPE_AT_SEQUENCE_NUMBER',
  /**
   * Just after the record with the given sequence number.
   */
  SHARD_ITERATOR_TYPE_AFTER_SEQUENCE_NUMBER: 'SHARD_ITERATOR_TYPE_AFTER_SEQUENCE_NUMBER',
  /**
   * At the first record that arrived at or after the given time.
   */
  SHARD_ITERATOR_TYPE_AT_TIMESTAMP: 'SHARD_ITERATOR_TYPE_AT_TIMESTAMP',
} as const;

/**
 * ShardIteratorType is where in a shard reading starts.
 */
export type ShardIteratorType =
  /**
   * Rejected with INVALID_ARGUMENT.
   */
  | 'SHARD_ITERATOR_TYPE_UNSPECIFIED'
  | 0
  /**
   * At the oldest record still retained.
   */
  | 'SHARD_ITERATOR_TYPE_TRIM_HORIZON'
  | 1
  /**
   * Just after the newest record: only records written from now on.
   */
  | 'SHARD_ITERATOR_TYPE_LATEST'
  | 2
  /**
   * At the record with the given sequence number.
   */
  | 'SHARD_ITERATOR_TYPE_AT_SEQUENCE_NUMBER'
  | 3
  /**
   * Just after the record with the given sequence number.
   */
  | 'SHARD_ITERATOR_TYPE_AFTER_SEQUENCE_NUMBER'
  | 4
  /**
   * At the first record that arrived at or after the given time.
   */
  | 'SHARD_ITERATOR_TYPE_AT_TIMESTAMP'
  | 5

/**
 * ShardIteratorType is where in a shard reading starts.
 */
export type ShardIteratorType__Output = typeof ShardIteratorType[keyof typeof ShardIteratorType]

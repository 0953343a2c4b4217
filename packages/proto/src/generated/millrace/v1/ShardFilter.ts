// Original file: proto/millrace/v1/stream.proto

import type { ShardFilterType as _millrace_v1_ShardFilterType, ShardFilterType__Output as _millrace_v1_ShardFilterType__Output } from '../../millrace/v1/ShardFilterType.js';
import type { Long } from '@grpc/proto-loader';

/**
 * ShardFilter narrows a ListShards call.
 */
export interface ShardFilter {
  /**
   * Which shards to return.
   */
  'type'?: (_millrace_v1_ShardFilterType);
  /**
   * For AFTER_SHARD_ID: the shard id to start after.
   */
  'shardId'?: (string);
  /**
   * For AT_TIMESTAMP and FROM_TIMESTAMP: the time, in milliseconds since the Unix epoch.
   */
  'timestampMs'?: (number | string | Long);
}

/**
 * ShardFilter narrows a ListShards call.
 */
export interface ShardFilter__Output {
  /**
   * Which shards to return.
   */
  'type': (_millrace_v1_ShardFilterType__Output);
  /**
   * For AFTER_SHARD_ID: the shard id to start after.
   */
  'shardId': (string);
  /**
   * For AT_TIMESTAMP and FROM_TIMESTAMP: the time, in milliseconds since the Unix epoch.
   */
  'timestampMs': (string);
}

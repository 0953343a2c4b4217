// Original file: proto/millrace/v1/stream.proto

import type { SubscribeToShardEvent as _millrace_v1_SubscribeToShardEvent, SubscribeToShardEvent__Output as _millrace_v1_SubscribeToShardEvent__Output } from '../../millrace/v1/SubscribeToShardEvent.js';

/**
 * SubscribeToShardResponse is one event on a shard subscription stream.
 */
export interface SubscribeToShardResponse {
  /**
   * New records, or an empty batch sent at least every 5 seconds while the shard is idle.
   */
  'records'?: (_millrace_v1_SubscribeToShardEvent | null);
  /**
   * What happened.
   */
  'event'?: "records";
}

/**
 * SubscribeToShardResponse is one event on a shard subscription stream.
 */
export interface SubscribeToShardResponse__Output {
  /**
   * New records, or an empty batch sent at least every 5 seconds while the shard is idle.
   */
  'records'?: (_millrace_v1_SubscribeToShardEvent__Output | null);
  /**
   * What happened.
   */
  'event'?: "records";
}

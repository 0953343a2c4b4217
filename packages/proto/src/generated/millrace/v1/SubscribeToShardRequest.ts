// Original file: proto/millrace/v1/stream.proto

import type { StartingPosition as _millrace_v1_StartingPosition, StartingPosition__Output as _millrace_v1_StartingPosition__Output } from '../../millrace/v1/StartingPosition.js';

/**
 * SubscribeToShardRequest is the input of SubscribeToShard.
 */
export interface SubscribeToShardRequest {
  /**
   * The stream.
   */
  'streamName'?: (string);
  /**
   * The shard to follow.
   */
  'shardId'?: (string);
  /**
   * Where to start.
   */
  'startingPosition'?: (_millrace_v1_StartingPosition | null);
  /**
   * Optional: a label for this reader, shown in metrics.
   */
  'consumerName'?: (string);
}

/**
 * SubscribeToShardRequest is the input of SubscribeToShard.
 */
export interface SubscribeToShardRequest__Output {
  /**
   * The stream.
   */
  'streamName': (string);
  /**
   * The shard to follow.
   */
  'shardId': (string);
  /**
   * Where to start.
   */
  'startingPosition': (_millrace_v1_StartingPosition__Output | null);
  /**
   * Optional: a label for this reader, shown in metrics.
   */
  'consumerName': (string);
}

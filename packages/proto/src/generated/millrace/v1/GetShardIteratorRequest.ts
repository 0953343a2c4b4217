// Original file: proto/millrace/v1/stream.proto

import type { StartingPosition as _millrace_v1_StartingPosition, StartingPosition__Output as _millrace_v1_StartingPosition__Output } from '../../millrace/v1/StartingPosition.js';

/**
 * GetShardIteratorRequest is the input of GetShardIterator.
 */
export interface GetShardIteratorRequest {
  /**
   * The stream to read.
   */
  'streamName'?: (string);
  /**
   * The shard to read.
   */
  'shardId'?: (string);
  /**
   * Where to start.
   */
  'startingPosition'?: (_millrace_v1_StartingPosition | null);
}

/**
 * GetShardIteratorRequest is the input of GetShardIterator.
 */
export interface GetShardIteratorRequest__Output {
  /**
   * The stream to read.
   */
  'streamName': (string);
  /**
   * The shard to read.
   */
  'shardId': (string);
  /**
   * Where to start.
   */
  'startingPosition': (_millrace_v1_StartingPosition__Output | null);
}

// Original file: proto/millrace/v1/stream.proto

import type { StartingPosition as _millrace_v1_StartingPosition, StartingPosition__Output as _millrace_v1_StartingPosition__Output } from '../../millrace/v1/StartingPosition.js';

/**
 * ShardLease is a worker's exclusive right to process one shard for a while.
 */
export interface ShardLease {
  /**
   * The leased shard.
   */
  'shardId'?: (string);
  /**
   * Proves the lease in Checkpoint calls; changes every time the shard changes hands, so a worker that
   * lost its lease cannot checkpoint over its successor.
   */
  'leaseToken'?: (string);
  /**
   * The position to resume from: the last checkpoint, or the group's initial position if there is none.
   */
  'resumePosition'?: (_millrace_v1_StartingPosition | null);
}

/**
 * ShardLease is a worker's exclusive right to process one shard for a while.
 */
export interface ShardLease__Output {
  /**
   * The leased shard.
   */
  'shardId': (string);
  /**
   * Proves the lease in Checkpoint calls; changes every time the shard changes hands, so a worker that
   * lost its lease cannot checkpoint over its successor.
   */
  'leaseToken': (string);
  /**
   * The position to resume from: the last checkpoint, or the group's initial position if there is none.
   */
  'resumePosition': (_millrace_v1_StartingPosition__Output | null);
}

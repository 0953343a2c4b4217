// Original file: proto/millrace/v1/stream.proto

import type { ShardCheckpoint as _millrace_v1_ShardCheckpoint, ShardCheckpoint__Output as _millrace_v1_ShardCheckpoint__Output } from '../../millrace/v1/ShardCheckpoint.js';

/**
 * GetCheckpointsResponse is the output of GetCheckpoints.
 */
export interface GetCheckpointsResponse {
  /**
   * One entry per shard the group has seen, in shard id order.
   */
  'checkpoints'?: (_millrace_v1_ShardCheckpoint)[];
}

/**
 * GetCheckpointsResponse is the output of GetCheckpoints.
 */
export interface GetCheckpointsResponse__Output {
  /**
   * One entry per shard the group has seen, in shard id order.
   */
  'checkpoints': (_millrace_v1_ShardCheckpoint__Output)[];
}

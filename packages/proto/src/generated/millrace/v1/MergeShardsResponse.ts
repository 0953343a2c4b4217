// Original file: proto/millrace/v1/stream.proto

import type { Shard as _millrace_v1_Shard, Shard__Output as _millrace_v1_Shard__Output } from '../../millrace/v1/Shard.js';

/**
 * MergeShardsResponse is the output of MergeShards.
 */
export interface MergeShardsResponse {
  /**
   * The child shard.
   */
  'childShard'?: (_millrace_v1_Shard | null);
}

/**
 * MergeShardsResponse is the output of MergeShards.
 */
export interface MergeShardsResponse__Output {
  /**
   * The child shard.
   */
  'childShard': (_millrace_v1_Shard__Output | null);
}

// Original file: proto/millrace/v1/stream.proto

import type { Shard as _millrace_v1_Shard, Shard__Output as _millrace_v1_Shard__Output } from '../../millrace/v1/Shard.js';

/**
 * SplitShardResponse is the output of SplitShard.
 */
export interface SplitShardResponse {
  /**
   * The two children, in hash key order.
   */
  'childShards'?: (_millrace_v1_Shard)[];
}

/**
 * SplitShardResponse is the output of SplitShard.
 */
export interface SplitShardResponse__Output {
  /**
   * The two children, in hash key order.
   */
  'childShards': (_millrace_v1_Shard__Output)[];
}

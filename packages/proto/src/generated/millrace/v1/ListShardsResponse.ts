// Original file: proto/millrace/v1/stream.proto

import type { Shard as _millrace_v1_Shard, Shard__Output as _millrace_v1_Shard__Output } from '../../millrace/v1/Shard.js';
import type { PageResponse as _millrace_v1_PageResponse, PageResponse__Output as _millrace_v1_PageResponse__Output } from '../../millrace/v1/PageResponse.js';

/**
 * ListShardsResponse is the output of ListShards.
 */
export interface ListShardsResponse {
  /**
   * The shards on this page, in shard id order.
   */
  'shards'?: (_millrace_v1_Shard)[];
  /**
   * How to get the next page.
   */
  'page'?: (_millrace_v1_PageResponse | null);
}

/**
 * ListShardsResponse is the output of ListShards.
 */
export interface ListShardsResponse__Output {
  /**
   * The shards on this page, in shard id order.
   */
  'shards': (_millrace_v1_Shard__Output)[];
  /**
   * How to get the next page.
   */
  'page': (_millrace_v1_PageResponse__Output | null);
}

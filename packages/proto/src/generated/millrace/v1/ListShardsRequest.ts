// Original file: proto/millrace/v1/stream.proto

import type { ShardFilter as _millrace_v1_ShardFilter, ShardFilter__Output as _millrace_v1_ShardFilter__Output } from '../../millrace/v1/ShardFilter.js';
import type { PageRequest as _millrace_v1_PageRequest, PageRequest__Output as _millrace_v1_PageRequest__Output } from '../../millrace/v1/PageRequest.js';

/**
 * ListShardsRequest is the input of ListShards.
 */
export interface ListShardsRequest {
  /**
   * The stream whose shards to list.
   */
  'streamName'?: (string);
  /**
   * Which shards to return; unset returns every shard with retained records.
   */
  'filter'?: (_millrace_v1_ShardFilter | null);
  /**
   * Which page to return; at most 10000 shards per page, 1000 by default.
   */
  'page'?: (_millrace_v1_PageRequest | null);
}

/**
 * ListShardsRequest is the input of ListShards.
 */
export interface ListShardsRequest__Output {
  /**
   * The stream whose shards to list.
   */
  'streamName': (string);
  /**
   * Which shards to return; unset returns every shard with retained records.
   */
  'filter': (_millrace_v1_ShardFilter__Output | null);
  /**
   * Which page to return; at most 10000 shards per page, 1000 by default.
   */
  'page': (_millrace_v1_PageRequest__Output | null);
}

// Original file: proto/millrace/v1/stream.proto

import type { HashKeyRange as _millrace_v1_HashKeyRange, HashKeyRange__Output as _millrace_v1_HashKeyRange__Output } from '../../millrace/v1/HashKeyRange.js';

/**
 * ChildShard names a shard that continues a closed one, for a reader that reached the closed shard's end.
 */
export interface ChildShard {
  /**
   * The child shard's id.
   */
  'shardId'?: (string);
  /**
   * The ids of all of the child's parents (one after a split, two after a merge).
   */
  'parentShards'?: (string)[];
  /**
   * The child's hash key range.
   */
  'hashKeyRange'?: (_millrace_v1_HashKeyRange | null);
}

/**
 * ChildShard names a shard that continues a closed one, for a reader that reached the closed shard's end.
 */
export interface ChildShard__Output {
  /**
   * The child shard's id.
   */
  'shardId': (string);
  /**
   * The ids of all of the child's parents (one after a split, two after a merge).
   */
  'parentShards': (string)[];
  /**
   * The child's hash key range.
   */
  'hashKeyRange': (_millrace_v1_HashKeyRange__Output | null);
}

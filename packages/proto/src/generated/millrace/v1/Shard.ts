// Original file: proto/millrace/v1/stream.proto

import type { HashKeyRange as _millrace_v1_HashKeyRange, HashKeyRange__Output as _millrace_v1_HashKeyRange__Output } from '../../millrace/v1/HashKeyRange.js';
import type { SequenceNumberRange as _millrace_v1_SequenceNumberRange, SequenceNumberRange__Output as _millrace_v1_SequenceNumberRange__Output } from '../../millrace/v1/SequenceNumberRange.js';
import type { ShardState as _millrace_v1_ShardState, ShardState__Output as _millrace_v1_ShardState__Output } from '../../millrace/v1/ShardState.js';

/**
 * Shard describes one shard and where it came from.
 */
export interface Shard {
  /**
   * The shard's id ("shardId-" and 12 digits), unique within its stream and never reused.
   */
  'shardId'?: (string);
  /**
   * The shard it was split from, or the first of the two it was merged from; empty for an original shard.
   */
  'parentShardId'?: (string);
  /**
   * The second shard it was merged from; empty unless it was created by a merge.
   */
  'adjacentParentShardId'?: (string);
  /**
   * The hash keys it owns (or owned, once closed).
   */
  'hashKeyRange'?: (_millrace_v1_HashKeyRange | null);
  /**
   * The sequence numbers it has assigned.
   */
  'sequenceNumberRange'?: (_millrace_v1_SequenceNumberRange | null);
  /**
   * Where the shard is in its life.
   */
  'state'?: (_millrace_v1_ShardState);
}

/**
 * Shard describes one shard and where it came from.
 */
export interface Shard__Output {
  /**
   * The shard's id ("shardId-" and 12 digits), unique within its stream and never reused.
   */
  'shardId': (string);
  /**
   * The shard it was split from, or the first of the two it was merged from; empty for an original shard.
   */
  'parentShardId': (string);
  /**
   * The second shard it was merged from; empty unless it was created by a merge.
   */
  'adjacentParentShardId': (string);
  /**
   * The hash keys it owns (or owned, once closed).
   */
  'hashKeyRange': (_millrace_v1_HashKeyRange__Output | null);
  /**
   * The sequence numbers it has assigned.
   */
  'sequenceNumberRange': (_millrace_v1_SequenceNumberRange__Output | null);
  /**
   * Where the shard is in its life.
   */
  'state': (_millrace_v1_ShardState__Output);
}

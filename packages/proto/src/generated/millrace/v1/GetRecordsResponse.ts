// Original file: proto/millrace/v1/stream.proto

import type { Record as _millrace_v1_Record, Record__Output as _millrace_v1_Record__Output } from '../../millrace/v1/Record.js';
import type { ChildShard as _millrace_v1_ChildShard, ChildShard__Output as _millrace_v1_ChildShard__Output } from '../../millrace/v1/ChildShard.js';
import type { Long } from '@grpc/proto-loader';

/**
 * GetRecordsResponse is the output of GetRecords.
 */
export interface GetRecordsResponse {
  /**
   * The records, in sequence number order; possibly empty even when more records follow.
   */
  'records'?: (_millrace_v1_Record)[];
  /**
   * The iterator to continue from; empty when the shard is closed and fully read.
   */
  'nextShardIterator'?: (string);
  /**
   * How far the returned records are behind the shard's newest record, in milliseconds; 0 means caught up.
   */
  'millisBehindLatest'?: (number | string | Long);
  /**
   * At a closed shard's end: the shards to continue with.
   */
  'childShards'?: (_millrace_v1_ChildShard)[];
}

/**
 * GetRecordsResponse is the output of GetRecords.
 */
export interface GetRecordsResponse__Output {
  /**
   * The records, in sequence number order; possibly empty even when more records follow.
   */
  'records': (_millrace_v1_Record__Output)[];
  /**
   * The iterator to continue from; empty when the shard is closed and fully read.
   */
  'nextShardIterator': (string);
  /**
   * How far the returned records are behind the shard's newest record, in milliseconds; 0 means caught up.
   */
  'millisBehindLatest': (string);
  /**
   * At a closed shard's end: the shards to continue with.
   */
  'childShards': (_millrace_v1_ChildShard__Output)[];
}

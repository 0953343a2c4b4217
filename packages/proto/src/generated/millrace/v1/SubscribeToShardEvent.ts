// Original file: proto/millrace/v1/stream.proto

import type { Record as _millrace_v1_Record, Record__Output as _millrace_v1_Record__Output } from '../../millrace/v1/Record.js';
import type { ChildShard as _millrace_v1_ChildShard, ChildShard__Output as _millrace_v1_ChildShard__Output } from '../../millrace/v1/ChildShard.js';
import type { Long } from '@grpc/proto-loader';

/**
 * SubscribeToShardEvent carries the records of a shard subscription.
 */
export interface SubscribeToShardEvent {
  /**
   * The records, in sequence number order; may be empty.
   */
  'records'?: (_millrace_v1_Record)[];
  /**
   * The sequence number to resume from (AFTER_SEQUENCE_NUMBER) if the stream breaks.
   */
  'continuationSequenceNumber'?: (string);
  /**
   * How far these records are behind the shard's newest record, in milliseconds.
   */
  'millisBehindLatest'?: (number | string | Long);
  /**
   * At a closed shard's end: the shards to continue with. The stream ends after this event.
   */
  'childShards'?: (_millrace_v1_ChildShard)[];
}

/**
 * SubscribeToShardEvent carries the records of a shard subscription.
 */
export interface SubscribeToShardEvent__Output {
  /**
   * The records, in sequence number order; may be empty.
   */
  'records': (_millrace_v1_Record__Output)[];
  /**
   * The sequence number to resume from (AFTER_SEQUENCE_NUMBER) if the stream breaks.
   */
  'continuationSequenceNumber': (string);
  /**
   * How far these records are behind the shard's newest record, in milliseconds.
   */
  'millisBehindLatest': (string);
  /**
   * At a closed shard's end: the shards to continue with. The stream ends after this event.
   */
  'childShards': (_millrace_v1_ChildShard__Output)[];
}

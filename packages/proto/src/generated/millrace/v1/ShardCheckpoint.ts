// Original file: proto/millrace/v1/stream.proto

import type { Long } from '@grpc/proto-loader';

/**
 * ShardCheckpoint is a consumer group's progress on one shard.
 */
export interface ShardCheckpoint {
  /**
   * The shard.
   */
  'shardId'?: (string);
  /**
   * The last checkpointed sequence number; empty when there is none.
   */
  'sequenceNumber'?: (string);
  /**
   * True when the shard has been processed to its end.
   */
  'shardEnd'?: (boolean);
  /**
   * The worker that holds the shard's lease; empty when nobody does.
   */
  'leaseOwner'?: (string);
  /**
   * When the lease expires without a heartbeat, in milliseconds since the Unix epoch; 0 when unleased.
   */
  'leaseExpiresTimestampMs'?: (number | string | Long);
}

/**
 * ShardCheckpoint is a consumer group's progress on one shard.
 */
export interface ShardCheckpoint__Output {
  /**
   * The shard.
   */
  'shardId': (string);
  /**
   * The last checkpointed sequence number; empty when there is none.
   */
  'sequenceNumber': (string);
  /**
   * True when the shard has been processed to its end.
   */
  'shardEnd': (boolean);
  /**
   * The worker that holds the shard's lease; empty when nobody does.
   */
  'leaseOwner': (string);
  /**
   * When the lease expires without a heartbeat, in milliseconds since the Unix epoch; 0 when unleased.
   */
  'leaseExpiresTimestampMs': (string);
}

// Original file: proto/millrace/v1/stream.proto


/**
 * CheckpointRequest is the input of Checkpoint.
 */
export interface CheckpointRequest {
  /**
   * The stream.
   */
  'streamName'?: (string);
  /**
   * The group.
   */
  'groupName'?: (string);
  /**
   * The leased shard.
   */
  'shardId'?: (string);
  /**
   * The lease token from HeartbeatConsumerGroup; a stale token fails with FAILED_PRECONDITION.
   */
  'leaseToken'?: (string);
  /**
   * The sequence number of the last record fully processed; later readers resume after it.
   */
  'sequenceNumber'?: (string);
  /**
   * True when the worker has processed a closed shard to its end, which releases its children to the
   * group.
   */
  'shardEnd'?: (boolean);
}

/**
 * CheckpointRequest is the input of Checkpoint.
 */
export interface CheckpointRequest__Output {
  /**
   * The stream.
   */
  'streamName': (string);
  /**
   * The group.
   */
  'groupName': (string);
  /**
   * The leased shard.
   */
  'shardId': (string);
  /**
   * The lease token from HeartbeatConsumerGroup; a stale token fails with FAILED_PRECONDITION.
   */
  'leaseToken': (string);
  /**
   * The sequence number of the last record fully processed; later readers resume after it.
   */
  'sequenceNumber': (string);
  /**
   * True when the worker has processed a closed shard to its end, which releases its children to the
   * group.
   */
  'shardEnd': (boolean);
}

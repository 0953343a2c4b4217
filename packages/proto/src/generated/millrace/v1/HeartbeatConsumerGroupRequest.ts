// Original file: proto/millrace/v1/stream.proto


/**
 * HeartbeatConsumerGroupRequest is the input of HeartbeatConsumerGroup.
 */
export interface HeartbeatConsumerGroupRequest {
  /**
   * The stream.
   */
  'streamName'?: (string);
  /**
   * The group.
   */
  'groupName'?: (string);
  /**
   * The worker's id, stable for its lifetime and unique within the group (1..256 characters).
   */
  'workerId'?: (string);
  /**
   * The most shards this worker will take; 0 means no limit.
   */
  'maxLeases'?: (number);
}

/**
 * HeartbeatConsumerGroupRequest is the input of HeartbeatConsumerGroup.
 */
export interface HeartbeatConsumerGroupRequest__Output {
  /**
   * The stream.
   */
  'streamName': (string);
  /**
   * The group.
   */
  'groupName': (string);
  /**
   * The worker's id, stable for its lifetime and unique within the group (1..256 characters).
   */
  'workerId': (string);
  /**
   * The most shards this worker will take; 0 means no limit.
   */
  'maxLeases': (number);
}

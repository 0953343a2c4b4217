// Original file: proto/millrace/v1/stream.proto


/**
 * LeaveConsumerGroupRequest is the input of LeaveConsumerGroup.
 */
export interface LeaveConsumerGroupRequest {
  /**
   * The stream.
   */
  'streamName'?: (string);
  /**
   * The group.
   */
  'groupName'?: (string);
  /**
   * The worker that is leaving.
   */
  'workerId'?: (string);
}

/**
 * LeaveConsumerGroupRequest is the input of LeaveConsumerGroup.
 */
export interface LeaveConsumerGroupRequest__Output {
  /**
   * The stream.
   */
  'streamName': (string);
  /**
   * The group.
   */
  'groupName': (string);
  /**
   * The worker that is leaving.
   */
  'workerId': (string);
}

// Original file: proto/millrace/v1/stream.proto


/**
 * DeleteConsumerGroupRequest is the input of DeleteConsumerGroup.
 */
export interface DeleteConsumerGroupRequest {
  /**
   * The stream.
   */
  'streamName'?: (string);
  /**
   * The group to delete.
   */
  'groupName'?: (string);
}

/**
 * DeleteConsumerGroupRequest is the input of DeleteConsumerGroup.
 */
export interface DeleteConsumerGroupRequest__Output {
  /**
   * The stream.
   */
  'streamName': (string);
  /**
   * The group to delete.
   */
  'groupName': (string);
}

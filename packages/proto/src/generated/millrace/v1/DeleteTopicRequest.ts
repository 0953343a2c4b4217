// Original file: proto/millrace/v1/topic.proto


/**
 * DeleteTopicRequest is the input of DeleteTopic.
 */
export interface DeleteTopicRequest {
  /**
   * The topic to delete.
   */
  'topicName'?: (string);
}

/**
 * DeleteTopicRequest is the input of DeleteTopic.
 */
export interface DeleteTopicRequest__Output {
  /**
   * The topic to delete.
   */
  'topicName': (string);
}

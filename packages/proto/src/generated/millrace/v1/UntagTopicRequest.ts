// Original file: proto/millrace/v1/topic.proto


/**
 * UntagTopicRequest is the input of UntagTopic.
 */
export interface UntagTopicRequest {
  /**
   * The topic to untag.
   */
  'topicName'?: (string);
  /**
   * The keys of the tags to remove.
   */
  'tagKeys'?: (string)[];
}

/**
 * UntagTopicRequest is the input of UntagTopic.
 */
export interface UntagTopicRequest__Output {
  /**
   * The topic to untag.
   */
  'topicName': (string);
  /**
   * The keys of the tags to remove.
   */
  'tagKeys': (string)[];
}

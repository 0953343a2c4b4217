// Original file: proto/millrace/v1/topic.proto


/**
 * TagTopicRequest is the input of TagTopic.
 */
export interface TagTopicRequest {
  /**
   * The topic to tag.
   */
  'topicName'?: (string);
  /**
   * The tags to add or overwrite.
   */
  'tags'?: ({[key: string]: string});
}

/**
 * TagTopicRequest is the input of TagTopic.
 */
export interface TagTopicRequest__Output {
  /**
   * The topic to tag.
   */
  'topicName': (string);
  /**
   * The tags to add or overwrite.
   */
  'tags': ({[key: string]: string});
}

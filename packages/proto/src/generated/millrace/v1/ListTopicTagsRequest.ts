// Original file: proto/millrace/v1/topic.proto


/**
 * ListTopicTagsRequest is the input of ListTopicTags.
 */
export interface ListTopicTagsRequest {
  /**
   * The topic whose tags to return.
   */
  'topicName'?: (string);
}

/**
 * ListTopicTagsRequest is the input of ListTopicTags.
 */
export interface ListTopicTagsRequest__Output {
  /**
   * The topic whose tags to return.
   */
  'topicName': (string);
}

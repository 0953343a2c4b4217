// Original file: proto/millrace/v1/topic.proto


/**
 * GetTopicAttributesRequest is the input of GetTopicAttributes.
 */
export interface GetTopicAttributesRequest {
  /**
   * The topic whose attributes to return.
   */
  'topicName'?: (string);
}

/**
 * GetTopicAttributesRequest is the input of GetTopicAttributes.
 */
export interface GetTopicAttributesRequest__Output {
  /**
   * The topic whose attributes to return.
   */
  'topicName': (string);
}

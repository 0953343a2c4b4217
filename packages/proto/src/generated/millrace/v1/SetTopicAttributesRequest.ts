// Original file: proto/millrace/v1/topic.proto


/**
 * SetTopicAttributesRequest is the input of SetTopicAttributes.
 */
export interface SetTopicAttributesRequest {
  /**
   * The topic to change.
   */
  'topicName'?: (string);
  /**
   * The attributes to change, by their SNS names; FifoTopic cannot be changed after creation.
   */
  'attributes'?: ({[key: string]: string});
}

/**
 * SetTopicAttributesRequest is the input of SetTopicAttributes.
 */
export interface SetTopicAttributesRequest__Output {
  /**
   * The topic to change.
   */
  'topicName': (string);
  /**
   * The attributes to change, by their SNS names; FifoTopic cannot be changed after creation.
   */
  'attributes': ({[key: string]: string});
}

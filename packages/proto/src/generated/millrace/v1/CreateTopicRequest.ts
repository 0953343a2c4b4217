// Original file: proto/millrace/v1/topic.proto


/**
 * CreateTopicRequest is the input of CreateTopic.
 */
export interface CreateTopicRequest {
  /**
   * The new topic's name; a name ending in ".fifo" requires the attribute FifoTopic=true and vice versa.
   */
  'topicName'?: (string);
  /**
   * Topic attributes by their SNS names; omitted attributes take their defaults. Settable: DisplayName,
   * FifoTopic, ContentBasedDeduplication, DeliveryPolicy, MaximumMessageSize (up to 1 MiB),
   * KmsMasterKeyId.
   */
  'attributes'?: ({[key: string]: string});
  /**
   * Tags to put on the new topic (see common.proto for the limits).
   */
  'tags'?: ({[key: string]: string});
}

/**
 * CreateTopicRequest is the input of CreateTopic.
 */
export interface CreateTopicRequest__Output {
  /**
   * The new topic's name; a name ending in ".fifo" requires the attribute FifoTopic=true and vice versa.
   */
  'topicName': (string);
  /**
   * Topic attributes by their SNS names; omitted attributes take their defaults. Settable: DisplayName,
   * FifoTopic, ContentBasedDeduplication, DeliveryPolicy, MaximumMessageSize (up to 1 MiB),
   * KmsMasterKeyId.
   */
  'attributes': ({[key: string]: string});
  /**
   * Tags to put on the new topic (see common.proto for the limits).
   */
  'tags': ({[key: string]: string});
}

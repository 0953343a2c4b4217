// Original file: proto/millrace/v1/queue.proto


/**
 * GetQueueAttributesRequest is the input of GetQueueAttributes.
 */
export interface GetQueueAttributesRequest {
  /**
   * The queue whose attributes to return.
   */
  'queueName'?: (string);
  /**
   * The SQS names of the attributes to return, or "All"; empty returns every attribute. Beyond the
   * settable ones: QueueArn, CreatedTimestamp, LastModifiedTimestamp, ApproximateNumberOfMessages,
   * ApproximateNumberOfMessagesNotVisible, ApproximateNumberOfMessagesDelayed.
   */
  'attributeNames'?: (string)[];
}

/**
 * GetQueueAttributesRequest is the input of GetQueueAttributes.
 */
export interface GetQueueAttributesRequest__Output {
  /**
   * The queue whose attributes to return.
   */
  'queueName': (string);
  /**
   * The SQS names of the attributes to return, or "All"; empty returns every attribute. Beyond the
   * settable ones: QueueArn, CreatedTimestamp, LastModifiedTimestamp, ApproximateNumberOfMessages,
   * ApproximateNumberOfMessagesNotVisible, ApproximateNumberOfMessagesDelayed.
   */
  'attributeNames': (string)[];
}

// Original file: proto/millrace/v1/queue.proto


/**
 * SetQueueAttributesRequest is the input of SetQueueAttributes.
 */
export interface SetQueueAttributesRequest {
  /**
   * The queue to change.
   */
  'queueName'?: (string);
  /**
   * The attributes to change, by their SQS names; FifoQueue cannot be changed after creation.
   */
  'attributes'?: ({[key: string]: string});
}

/**
 * SetQueueAttributesRequest is the input of SetQueueAttributes.
 */
export interface SetQueueAttributesRequest__Output {
  /**
   * The queue to change.
   */
  'queueName': (string);
  /**
   * The attributes to change, by their SQS names; FifoQueue cannot be changed after creation.
   */
  'attributes': ({[key: string]: string});
}

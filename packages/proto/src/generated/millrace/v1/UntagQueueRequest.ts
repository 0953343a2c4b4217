// Original file: proto/millrace/v1/queue.proto


/**
 * UntagQueueRequest is the input of UntagQueue.
 */
export interface UntagQueueRequest {
  /**
   * The queue to untag.
   */
  'queueName'?: (string);
  /**
   * The keys of the tags to remove.
   */
  'tagKeys'?: (string)[];
}

/**
 * UntagQueueRequest is the input of UntagQueue.
 */
export interface UntagQueueRequest__Output {
  /**
   * The queue to untag.
   */
  'queueName': (string);
  /**
   * The keys of the tags to remove.
   */
  'tagKeys': (string)[];
}

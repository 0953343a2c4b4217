// Original file: proto/millrace/v1/queue.proto


/**
 * PurgeQueueRequest is the input of PurgeQueue.
 */
export interface PurgeQueueRequest {
  /**
   * The queue to empty.
   */
  'queueName'?: (string);
}

/**
 * PurgeQueueRequest is the input of PurgeQueue.
 */
export interface PurgeQueueRequest__Output {
  /**
   * The queue to empty.
   */
  'queueName': (string);
}

// Original file: proto/millrace/v1/queue.proto


/**
 * GetQueueUrlRequest is the input of GetQueueUrl.
 */
export interface GetQueueUrlRequest {
  /**
   * The queue to look up.
   */
  'queueName'?: (string);
}

/**
 * GetQueueUrlRequest is the input of GetQueueUrl.
 */
export interface GetQueueUrlRequest__Output {
  /**
   * The queue to look up.
   */
  'queueName': (string);
}

// Original file: proto/millrace/v1/queue.proto


/**
 * DeleteQueueRequest is the input of DeleteQueue.
 */
export interface DeleteQueueRequest {
  /**
   * The queue to delete.
   */
  'queueName'?: (string);
}

/**
 * DeleteQueueRequest is the input of DeleteQueue.
 */
export interface DeleteQueueRequest__Output {
  /**
   * The queue to delete.
   */
  'queueName': (string);
}

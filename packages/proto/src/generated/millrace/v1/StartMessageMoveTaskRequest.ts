// Original file: proto/millrace/v1/queue.proto


/**
 * StartMessageMoveTaskRequest is the input of StartMessageMoveTask.
 */
export interface StartMessageMoveTaskRequest {
  /**
   * The ARN of the dead-letter queue to drain; it must be some queue's dead-letter queue and have no
   * other running task.
   */
  'sourceArn'?: (string);
  /**
   * The ARN of the queue to move messages to; empty returns each message to its source queue.
   */
  'destinationArn'?: (string);
  /**
   * A rate limit of 1..500 messages per second; 0 means as fast as the cluster allows.
   */
  'maxNumberOfMessagesPerSecond'?: (number);
}

/**
 * StartMessageMoveTaskRequest is the input of StartMessageMoveTask.
 */
export interface StartMessageMoveTaskRequest__Output {
  /**
   * The ARN of the dead-letter queue to drain; it must be some queue's dead-letter queue and have no
   * other running task.
   */
  'sourceArn': (string);
  /**
   * The ARN of the queue to move messages to; empty returns each message to its source queue.
   */
  'destinationArn': (string);
  /**
   * A rate limit of 1..500 messages per second; 0 means as fast as the cluster allows.
   */
  'maxNumberOfMessagesPerSecond': (number);
}

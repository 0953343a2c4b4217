// Original file: proto/millrace/v1/queue.proto


/**
 * Queue identifies one queue in list results.
 */
export interface Queue {
  /**
   * The queue's name: 1..80 characters of [A-Za-z0-9_-], ending in ".fifo" for a FIFO queue.
   */
  'name'?: (string);
  /**
   * The URL of the queue on the AWS-compatible HTTP API.
   */
  'url'?: (string);
  /**
   * The queue's ARN, as used in redrive policies and topic subscriptions.
   */
  'arn'?: (string);
}

/**
 * Queue identifies one queue in list results.
 */
export interface Queue__Output {
  /**
   * The queue's name: 1..80 characters of [A-Za-z0-9_-], ending in ".fifo" for a FIFO queue.
   */
  'name': (string);
  /**
   * The URL of the queue on the AWS-compatible HTTP API.
   */
  'url': (string);
  /**
   * The queue's ARN, as used in redrive policies and topic subscriptions.
   */
  'arn': (string);
}

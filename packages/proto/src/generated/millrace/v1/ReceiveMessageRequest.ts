// Original file: proto/millrace/v1/queue.proto


/**
 * ReceiveMessageRequest is the input of ReceiveMessage.
 */
export interface ReceiveMessageRequest {
  /**
   * The queue to receive from.
   */
  'queueName'?: (string);
  /**
   * How many messages to return at most: 1..10; 0 means 1.
   */
  'maxNumberOfMessages'?: (number);
  /**
   * Hides the received messages for 0..43200 seconds instead of the queue's VisibilityTimeout. Unset uses
   * the queue's setting.
   */
  'visibilityTimeoutSeconds'?: (number);
  /**
   * Long-polls for 0..20 seconds when no message is available at once. Unset uses the queue's
   * ReceiveMessageWaitTimeSeconds; 0 is a short poll.
   */
  'waitTimeSeconds'?: (number);
  /**
   * The system attributes to return (SentTimestamp, ApproximateReceiveCount, MessageGroupId, ..., or
   * "All"); empty returns none.
   */
  'messageSystemAttributeNames'?: (string)[];
  /**
   * The user attributes to return: names, prefixes ending in ".*", or "All"; empty returns none.
   */
  'messageAttributeNames'?: (string)[];
  /**
   * FIFO only: an id (1..128 characters) that makes a retried receive return the same messages, for
   * the queue's visibility timeout, as SQS does.
   */
  'receiveRequestAttemptId'?: (string);
  '_visibilityTimeoutSeconds'?: "visibilityTimeoutSeconds";
  '_waitTimeSeconds'?: "waitTimeSeconds";
}

/**
 * ReceiveMessageRequest is the input of ReceiveMessage.
 */
export interface ReceiveMessageRequest__Output {
  /**
   * The queue to receive from.
   */
  'queueName': (string);
  /**
   * How many messages to return at most: 1..10; 0 means 1.
   */
  'maxNumberOfMessages': (number);
  /**
   * Hides the received messages for 0..43200 seconds instead of the queue's VisibilityTimeout. Unset uses
   * the queue's setting.
   */
  'visibilityTimeoutSeconds'?: (number);
  /**
   * Long-polls for 0..20 seconds when no message is available at once. Unset uses the queue's
   * ReceiveMessageWaitTimeSeconds; 0 is a short poll.
   */
  'waitTimeSeconds'?: (number);
  /**
   * The system attributes to return (SentTimestamp, ApproximateReceiveCount, MessageGroupId, ..., or
   * "All"); empty returns none.
   */
  'messageSystemAttributeNames': (string)[];
  /**
   * The user attributes to return: names, prefixes ending in ".*", or "All"; empty returns none.
   */
  'messageAttributeNames': (string)[];
  /**
   * FIFO only: an id (1..128 characters) that makes a retried receive return the same messages, for
   * the queue's visibility timeout, as SQS does.
   */
  'receiveRequestAttemptId': (string);
  '_visibilityTimeoutSeconds'?: "visibilityTimeoutSeconds";
  '_waitTimeSeconds'?: "waitTimeSeconds";
}

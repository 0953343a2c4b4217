// Original file: proto/millrace/v1/queue.proto


/**
 * ChangeMessageVisibilityRequest is the input of ChangeMessageVisibility.
 */
export interface ChangeMessageVisibilityRequest {
  /**
   * The queue the message was received from.
   */
  'queueName'?: (string);
  /**
   * The receipt handle from the receive.
   */
  'receiptHandle'?: (string);
  /**
   * The new timeout, 0..43200 seconds from now; 0 makes the message visible at once.
   */
  'visibilityTimeoutSeconds'?: (number);
}

/**
 * ChangeMessageVisibilityRequest is the input of ChangeMessageVisibility.
 */
export interface ChangeMessageVisibilityRequest__Output {
  /**
   * The queue the message was received from.
   */
  'queueName': (string);
  /**
   * The receipt handle from the receive.
   */
  'receiptHandle': (string);
  /**
   * The new timeout, 0..43200 seconds from now; 0 makes the message visible at once.
   */
  'visibilityTimeoutSeconds': (number);
}

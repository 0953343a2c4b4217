// Original file: proto/millrace/v1/queue.proto


/**
 * DeleteMessageRequest is the input of DeleteMessage.
 */
export interface DeleteMessageRequest {
  /**
   * The queue the message was received from.
   */
  'queueName'?: (string);
  /**
   * The receipt handle from the receive.
   */
  'receiptHandle'?: (string);
}

/**
 * DeleteMessageRequest is the input of DeleteMessage.
 */
export interface DeleteMessageRequest__Output {
  /**
   * The queue the message was received from.
   */
  'queueName': (string);
  /**
   * The receipt handle from the receive.
   */
  'receiptHandle': (string);
}

// Original file: proto/millrace/v1/queue.proto


/**
 * SendMessageResponse is the output of SendMessage.
 */
export interface SendMessageResponse {
  /**
   * The id the queue gave the message (a UUID).
   */
  'messageId'?: (string);
  /**
   * The hex MD5 of the body's UTF-8 bytes, computed exactly as SQS does.
   */
  'md5OfMessageBody'?: (string);
  /**
   * The hex MD5 of the message attributes as SQS computes it; empty when there are none.
   */
  'md5OfMessageAttributes'?: (string);
  /**
   * The hex MD5 of the system attributes; empty when there are none.
   */
  'md5OfMessageSystemAttributes'?: (string);
  /**
   * FIFO only: the message's sequence number within its group, a decimal string of up to 128 bits.
   */
  'sequenceNumber'?: (string);
}

/**
 * SendMessageResponse is the output of SendMessage.
 */
export interface SendMessageResponse__Output {
  /**
   * The id the queue gave the message (a UUID).
   */
  'messageId': (string);
  /**
   * The hex MD5 of the body's UTF-8 bytes, computed exactly as SQS does.
   */
  'md5OfMessageBody': (string);
  /**
   * The hex MD5 of the message attributes as SQS computes it; empty when there are none.
   */
  'md5OfMessageAttributes': (string);
  /**
   * The hex MD5 of the system attributes; empty when there are none.
   */
  'md5OfMessageSystemAttributes': (string);
  /**
   * FIFO only: the message's sequence number within its group, a decimal string of up to 128 bits.
   */
  'sequenceNumber': (string);
}

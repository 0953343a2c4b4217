// Original file: proto/millrace/v1/topic.proto


/**
 * PublishResponse is the output of Publish.
 */
export interface PublishResponse {
  /**
   * The id the topic gave the message (a UUID).
   */
  'messageId'?: (string);
  /**
   * FIFO topics only: the message's sequence number, a decimal string of up to 128 bits.
   */
  'sequenceNumber'?: (string);
}

/**
 * PublishResponse is the output of Publish.
 */
export interface PublishResponse__Output {
  /**
   * The id the topic gave the message (a UUID).
   */
  'messageId': (string);
  /**
   * FIFO topics only: the message's sequence number, a decimal string of up to 128 bits.
   */
  'sequenceNumber': (string);
}

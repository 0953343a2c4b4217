// Original file: proto/millrace/v1/queue.proto


/**
 * SendMessageBatchResultEntry reports one sent entry of a batch.
 */
export interface SendMessageBatchResultEntry {
  /**
   * The entry's id from the request.
   */
  'id'?: (string);
  /**
   * As SendMessageResponse.message_id.
   */
  'messageId'?: (string);
  /**
   * As SendMessageResponse.md5_of_message_body.
   */
  'md5OfMessageBody'?: (string);
  /**
   * As SendMessageResponse.md5_of_message_attributes.
   */
  'md5OfMessageAttributes'?: (string);
  /**
   * As SendMessageResponse.md5_of_message_system_attributes.
   */
  'md5OfMessageSystemAttributes'?: (string);
  /**
   * As SendMessageResponse.sequence_number.
   */
  'sequenceNumber'?: (string);
}

/**
 * SendMessageBatchResultEntry reports one sent entry of a batch.
 */
export interface SendMessageBatchResultEntry__Output {
  /**
   * The entry's id from the request.
   */
  'id': (string);
  /**
   * As SendMessageResponse.message_id.
   */
  'messageId': (string);
  /**
   * As SendMessageResponse.md5_of_message_body.
   */
  'md5OfMessageBody': (string);
  /**
   * As SendMessageResponse.md5_of_message_attributes.
   */
  'md5OfMessageAttributes': (string);
  /**
   * As SendMessageResponse.md5_of_message_system_attributes.
   */
  'md5OfMessageSystemAttributes': (string);
  /**
   * As SendMessageResponse.sequence_number.
   */
  'sequenceNumber': (string);
}

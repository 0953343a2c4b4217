// Original file: proto/millrace/v1/topic.proto


/**
 * PublishBatchResultEntry reports one published entry of a batch.
 */
export interface PublishBatchResultEntry {
  /**
   * The entry's id from the request.
   */
  'id'?: (string);
  /**
   * As PublishResponse.message_id.
   */
  'messageId'?: (string);
  /**
   * As PublishResponse.sequence_number.
   */
  'sequenceNumber'?: (string);
}

/**
 * PublishBatchResultEntry reports one published entry of a batch.
 */
export interface PublishBatchResultEntry__Output {
  /**
   * The entry's id from the request.
   */
  'id': (string);
  /**
   * As PublishResponse.message_id.
   */
  'messageId': (string);
  /**
   * As PublishResponse.sequence_number.
   */
  'sequenceNumber': (string);
}

// Original file: proto/millrace/v1/queue.proto


/**
 * DeleteMessageBatchRequestEntry is one message of a DeleteMessageBatch call.
 */
export interface DeleteMessageBatchRequestEntry {
  /**
   * The caller's id for this entry, unique within the batch.
   */
  'id'?: (string);
  /**
   * The receipt handle from the receive.
   */
  'receiptHandle'?: (string);
}

/**
 * DeleteMessageBatchRequestEntry is one message of a DeleteMessageBatch call.
 */
export interface DeleteMessageBatchRequestEntry__Output {
  /**
   * The caller's id for this entry, unique within the batch.
   */
  'id': (string);
  /**
   * The receipt handle from the receive.
   */
  'receiptHandle': (string);
}

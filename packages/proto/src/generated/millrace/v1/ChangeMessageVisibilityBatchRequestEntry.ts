// Original file: proto/millrace/v1/queue.proto


/**
 * ChangeMessageVisibilityBatchRequestEntry is one message of a ChangeMessageVisibilityBatch call.
 */
export interface ChangeMessageVisibilityBatchRequestEntry {
  /**
   * The caller's id for this entry, unique within the batch.
   */
  'id'?: (string);
  /**
   * The receipt handle from the receive.
   */
  'receiptHandle'?: (string);
  /**
   * As ChangeMessageVisibilityRequest.visibility_timeout_seconds.
   */
  'visibilityTimeoutSeconds'?: (number);
}

/**
 * ChangeMessageVisibilityBatchRequestEntry is one message of a ChangeMessageVisibilityBatch call.
 */
export interface ChangeMessageVisibilityBatchRequestEntry__Output {
  /**
   * The caller's id for this entry, unique within the batch.
   */
  'id': (string);
  /**
   * The receipt handle from the receive.
   */
  'receiptHandle': (string);
  /**
   * As ChangeMessageVisibilityRequest.visibility_timeout_seconds.
   */
  'visibilityTimeoutSeconds': (number);
}

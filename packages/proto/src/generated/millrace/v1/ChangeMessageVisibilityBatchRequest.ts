// Original file: proto/millrace/v1/queue.proto

import type { ChangeMessageVisibilityBatchRequestEntry as _millrace_v1_ChangeMessageVisibilityBatchRequestEntry, ChangeMessageVisibilityBatchRequestEntry__Output as _millrace_v1_ChangeMessageVisibilityBatchRequestEntry__Output } from '../../millrace/v1/ChangeMessageVisibilityBatchRequestEntry.js';

/**
 * ChangeMessageVisibilityBatchRequest is the input of ChangeMessageVisibilityBatch.
 */
export interface ChangeMessageVisibilityBatchRequest {
  /**
   * The queue the messages were received from.
   */
  'queueName'?: (string);
  /**
   * 1..10 messages whose visibility to change.
   */
  'entries'?: (_millrace_v1_ChangeMessageVisibilityBatchRequestEntry)[];
}

/**
 * ChangeMessageVisibilityBatchRequest is the input of ChangeMessageVisibilityBatch.
 */
export interface ChangeMessageVisibilityBatchRequest__Output {
  /**
   * The queue the messages were received from.
   */
  'queueName': (string);
  /**
   * 1..10 messages whose visibility to change.
   */
  'entries': (_millrace_v1_ChangeMessageVisibilityBatchRequestEntry__Output)[];
}

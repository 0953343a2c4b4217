// Original file: proto/millrace/v1/queue.proto

import type { DeleteMessageBatchRequestEntry as _millrace_v1_DeleteMessageBatchRequestEntry, DeleteMessageBatchRequestEntry__Output as _millrace_v1_DeleteMessageBatchRequestEntry__Output } from '../../millrace/v1/DeleteMessageBatchRequestEntry.js';

/**
 * DeleteMessageBatchRequest is the input of DeleteMessageBatch.
 */
export interface DeleteMessageBatchRequest {
  /**
   * The queue the messages were received from.
   */
  'queueName'?: (string);
  /**
   * 1..10 messages to delete.
   */
  'entries'?: (_millrace_v1_DeleteMessageBatchRequestEntry)[];
}

/**
 * DeleteMessageBatchRequest is the input of DeleteMessageBatch.
 */
export interface DeleteMessageBatchRequest__Output {
  /**
   * The queue the messages were received from.
   */
  'queueName': (string);
  /**
   * 1..10 messages to delete.
   */
  'entries': (_millrace_v1_DeleteMessageBatchRequestEntry__Output)[];
}

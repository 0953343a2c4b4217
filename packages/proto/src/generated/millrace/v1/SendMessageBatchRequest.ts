// Original file: proto/millrace/v1/queue.proto

import type { SendMessageBatchRequestEntry as _millrace_v1_SendMessageBatchRequestEntry, SendMessageBatchRequestEntry__Output as _millrace_v1_SendMessageBatchRequestEntry__Output } from '../../millrace/v1/SendMessageBatchRequestEntry.js';

/**
 * SendMessageBatchRequest is the input of SendMessageBatch.
 */
export interface SendMessageBatchRequest {
  /**
   * The queue to send to.
   */
  'queueName'?: (string);
  /**
   * 1..10 messages whose bodies and attributes total at most 1 MiB.
   */
  'entries'?: (_millrace_v1_SendMessageBatchRequestEntry)[];
}

/**
 * SendMessageBatchRequest is the input of SendMessageBatch.
 */
export interface SendMessageBatchRequest__Output {
  /**
   * The queue to send to.
   */
  'queueName': (string);
  /**
   * 1..10 messages whose bodies and attributes total at most 1 MiB.
   */
  'entries': (_millrace_v1_SendMessageBatchRequestEntry__Output)[];
}

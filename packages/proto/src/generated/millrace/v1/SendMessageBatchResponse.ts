// Original file: proto/millrace/v1/queue.proto

import type { SendMessageBatchResultEntry as _millrace_v1_SendMessageBatchResultEntry, SendMessageBatchResultEntry__Output as _millrace_v1_SendMessageBatchResultEntry__Output } from '../../millrace/v1/SendMessageBatchResultEntry.js';
import type { BatchEntryError as _millrace_v1_BatchEntryError, BatchEntryError__Output as _millrace_v1_BatchEntryError__Output } from '../../millrace/v1/BatchEntryError.js';

/**
 * SendMessageBatchResponse is the output of SendMessageBatch.
 */
export interface SendMessageBatchResponse {
  /**
   * The entries that were sent.
   */
  'successful'?: (_millrace_v1_SendMessageBatchResultEntry)[];
  /**
   * The entries that were not sent, and why.
   */
  'failed'?: (_millrace_v1_BatchEntryError)[];
}

/**
 * SendMessageBatchResponse is the output of SendMessageBatch.
 */
export interface SendMessageBatchResponse__Output {
  /**
   * The entries that were sent.
   */
  'successful': (_millrace_v1_SendMessageBatchResultEntry__Output)[];
  /**
   * The entries that were not sent, and why.
   */
  'failed': (_millrace_v1_BatchEntryError__Output)[];
}

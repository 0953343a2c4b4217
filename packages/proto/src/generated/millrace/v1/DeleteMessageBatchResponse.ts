// Original file: proto/millrace/v1/queue.proto

import type { BatchEntryError as _millrace_v1_BatchEntryError, BatchEntryError__Output as _millrace_v1_BatchEntryError__Output } from '../../millrace/v1/BatchEntryError.js';

/**
 * DeleteMessageBatchResponse is the output of DeleteMessageBatch.
 */
export interface DeleteMessageBatchResponse {
  /**
   * The ids of the entries that were deleted.
   */
  'successfulIds'?: (string)[];
  /**
   * The entries that were not deleted, and why.
   */
  'failed'?: (_millrace_v1_BatchEntryError)[];
}

/**
 * DeleteMessageBatchResponse is the output of DeleteMessageBatch.
 */
export interface DeleteMessageBatchResponse__Output {
  /**
   * The ids of the entries that were deleted.
   */
  'successfulIds': (string)[];
  /**
   * The entries that were not deleted, and why.
   */
  'failed': (_millrace_v1_BatchEntryError__Output)[];
}

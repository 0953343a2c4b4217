// Original file: proto/millrace/v1/queue.proto

import type { BatchEntryError as _millrace_v1_BatchEntryError, BatchEntryError__Output as _millrace_v1_BatchEntryError__Output } from '../../millrace/v1/BatchEntryError.js';

/**
 * ChangeMessageVisibilityBatchResponse is the output of ChangeMessageVisibilityBatch.
 */
export interface ChangeMessageVisibilityBatchResponse {
  /**
   * The ids of the entries whose visibility changed.
   */
  'successfulIds'?: (string)[];
  /**
   * The entries whose visibility did not change, and why.
   */
  'failed'?: (_millrace_v1_BatchEntryError)[];
}

/**
 * ChangeMessageVisibilityBatchResponse is the output of ChangeMessageVisibilityBatch.
 */
export interface ChangeMessageVisibilityBatchResponse__Output {
  /**
   * The ids of the entries whose visibility changed.
   */
  'successfulIds': (string)[];
  /**
   * The entries whose visibility did not change, and why.
   */
  'failed': (_millrace_v1_BatchEntryError__Output)[];
}

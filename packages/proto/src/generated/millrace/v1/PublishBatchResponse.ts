// Original file: proto/millrace/v1/topic.proto

import type { PublishBatchResultEntry as _millrace_v1_PublishBatchResultEntry, PublishBatchResultEntry__Output as _millrace_v1_PublishBatchResultEntry__Output } from '../../millrace/v1/PublishBatchResultEntry.js';
import type { BatchEntryError as _millrace_v1_BatchEntryError, BatchEntryError__Output as _millrace_v1_BatchEntryError__Output } from '../../millrace/v1/BatchEntryError.js';

/**
 * PublishBatchResponse is the output of PublishBatch.
 */
export interface PublishBatchResponse {
  /**
   * The entries that were published.
   */
  'successful'?: (_millrace_v1_PublishBatchResultEntry)[];
  /**
   * The entries that were not published, and why.
   */
  'failed'?: (_millrace_v1_BatchEntryError)[];
}

/**
 * PublishBatchResponse is the output of PublishBatch.
 */
export interface PublishBatchResponse__Output {
  /**
   * The entries that were published.
   */
  'successful': (_millrace_v1_PublishBatchResultEntry__Output)[];
  /**
   * The entries that were not published, and why.
   */
  'failed': (_millrace_v1_BatchEntryError__Output)[];
}

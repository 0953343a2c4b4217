// Original file: proto/millrace/v1/topic.proto

import type { PublishBatchRequestEntry as _millrace_v1_PublishBatchRequestEntry, PublishBatchRequestEntry__Output as _millrace_v1_PublishBatchRequestEntry__Output } from '../../millrace/v1/PublishBatchRequestEntry.js';

/**
 * PublishBatchRequest is the input of PublishBatch.
 */
export interface PublishBatchRequest {
  /**
   * The topic to publish to.
   */
  'topicName'?: (string);
  /**
   * 1..10 messages.
   */
  'entries'?: (_millrace_v1_PublishBatchRequestEntry)[];
}

/**
 * PublishBatchRequest is the input of PublishBatch.
 */
export interface PublishBatchRequest__Output {
  /**
   * The topic to publish to.
   */
  'topicName': (string);
  /**
   * 1..10 messages.
   */
  'entries': (_millrace_v1_PublishBatchRequestEntry__Output)[];
}

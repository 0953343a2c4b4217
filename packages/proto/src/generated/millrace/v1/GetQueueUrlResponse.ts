// Original file: proto/millrace/v1/queue.proto

import type { Queue as _millrace_v1_Queue, Queue__Output as _millrace_v1_Queue__Output } from '../../millrace/v1/Queue.js';

/**
 * GetQueueUrlResponse is the output of GetQueueUrl.
 */
export interface GetQueueUrlResponse {
  /**
   * The queue, with its URL and ARN.
   */
  'queue'?: (_millrace_v1_Queue | null);
}

/**
 * GetQueueUrlResponse is the output of GetQueueUrl.
 */
export interface GetQueueUrlResponse__Output {
  /**
   * The queue, with its URL and ARN.
   */
  'queue': (_millrace_v1_Queue__Output | null);
}

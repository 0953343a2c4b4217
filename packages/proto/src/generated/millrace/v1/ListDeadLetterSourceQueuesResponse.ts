// Original file: proto/millrace/v1/queue.proto

import type { Queue as _millrace_v1_Queue, Queue__Output as _millrace_v1_Queue__Output } from '../../millrace/v1/Queue.js';
import type { PageResponse as _millrace_v1_PageResponse, PageResponse__Output as _millrace_v1_PageResponse__Output } from '../../millrace/v1/PageResponse.js';

/**
 * ListDeadLetterSourceQueuesResponse is the output of ListDeadLetterSourceQueues.
 */
export interface ListDeadLetterSourceQueuesResponse {
  /**
   * The source queues on this page, in name order.
   */
  'queues'?: (_millrace_v1_Queue)[];
  /**
   * How to get the next page.
   */
  'page'?: (_millrace_v1_PageResponse | null);
}

/**
 * ListDeadLetterSourceQueuesResponse is the output of ListDeadLetterSourceQueues.
 */
export interface ListDeadLetterSourceQueuesResponse__Output {
  /**
   * The source queues on this page, in name order.
   */
  'queues': (_millrace_v1_Queue__Output)[];
  /**
   * How to get the next page.
   */
  'page': (_millrace_v1_PageResponse__Output | null);
}

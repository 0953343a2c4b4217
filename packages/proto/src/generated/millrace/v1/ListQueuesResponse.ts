// Original file: proto/millrace/v1/queue.proto

import type { Queue as _millrace_v1_Queue, Queue__Output as _millrace_v1_Queue__Output } from '../../millrace/v1/Queue.js';
import type { PageResponse as _millrace_v1_PageResponse, PageResponse__Output as _millrace_v1_PageResponse__Output } from '../../millrace/v1/PageResponse.js';

/**
 * ListQueuesResponse is the output of ListQueues.
 */
export interface ListQueuesResponse {
  /**
   * The queues on this page, in name order.
   */
  'queues'?: (_millrace_v1_Queue)[];
  /**
   * How to get the next page.
   */
  'page'?: (_millrace_v1_PageResponse | null);
}

/**
 * ListQueuesResponse is the output of ListQueues.
 */
export interface ListQueuesResponse__Output {
  /**
   * The queues on this page, in name order.
   */
  'queues': (_millrace_v1_Queue__Output)[];
  /**
   * How to get the next page.
   */
  'page': (_millrace_v1_PageResponse__Output | null);
}

// Original file: proto/millrace/v1/queue.proto

import type { PageRequest as _millrace_v1_PageRequest, PageRequest__Output as _millrace_v1_PageRequest__Output } from '../../millrace/v1/PageRequest.js';

/**
 * ListQueuesRequest is the input of ListQueues.
 */
export interface ListQueuesRequest {
  /**
   * Only queues whose names start with this prefix; empty lists every queue.
   */
  'queueNamePrefix'?: (string);
  /**
   * Which page to return; at most 1000 queues per page, 1000 by default.
   */
  'page'?: (_millrace_v1_PageRequest | null);
}

/**
 * ListQueuesRequest is the input of ListQueues.
 */
export interface ListQueuesRequest__Output {
  /**
   * Only queues whose names start with this prefix; empty lists every queue.
   */
  'queueNamePrefix': (string);
  /**
   * Which page to return; at most 1000 queues per page, 1000 by default.
   */
  'page': (_millrace_v1_PageRequest__Output | null);
}

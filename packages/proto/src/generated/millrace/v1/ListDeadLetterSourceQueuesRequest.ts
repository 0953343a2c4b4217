// Original file: proto/millrace/v1/queue.proto

import type { PageRequest as _millrace_v1_PageRequest, PageRequest__Output as _millrace_v1_PageRequest__Output } from '../../millrace/v1/PageRequest.js';

/**
 * ListDeadLetterSourceQueuesRequest is the input of ListDeadLetterSourceQueues.
 */
export interface ListDeadLetterSourceQueuesRequest {
  /**
   * The dead-letter queue.
   */
  'queueName'?: (string);
  /**
   * Which page to return; at most 1000 queues per page, 1000 by default.
   */
  'page'?: (_millrace_v1_PageRequest | null);
}

/**
 * ListDeadLetterSourceQueuesRequest is the input of ListDeadLetterSourceQueues.
 */
export interface ListDeadLetterSourceQueuesRequest__Output {
  /**
   * The dead-letter queue.
   */
  'queueName': (string);
  /**
   * Which page to return; at most 1000 queues per page, 1000 by default.
   */
  'page': (_millrace_v1_PageRequest__Output | null);
}

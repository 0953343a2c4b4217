// Original file: proto/millrace/v1/queue.proto

import type { Queue as _millrace_v1_Queue, Queue__Output as _millrace_v1_Queue__Output } from '../../millrace/v1/Queue.js';

/**
 * CreateQueueResponse is the output of CreateQueue.
 */
export interface CreateQueueResponse {
  /**
   * The created (or already existing, identical) queue.
   */
  'queue'?: (_millrace_v1_Queue | null);
}

/**
 * CreateQueueResponse is the output of CreateQueue.
 */
export interface CreateQueueResponse__Output {
  /**
   * The created (or already existing, identical) queue.
   */
  'queue': (_millrace_v1_Queue__Output | null);
}

// Original file: proto/millrace/v1/queue.proto

import type { Message as _millrace_v1_Message, Message__Output as _millrace_v1_Message__Output } from '../../millrace/v1/Message.js';

/**
 * ReceiveMessageResponse is the output of ReceiveMessage.
 */
export interface ReceiveMessageResponse {
  /**
   * The received messages; empty when none became available within the wait time.
   */
  'messages'?: (_millrace_v1_Message)[];
}

/**
 * ReceiveMessageResponse is the output of ReceiveMessage.
 */
export interface ReceiveMessageResponse__Output {
  /**
   * The received messages; empty when none became available within the wait time.
   */
  'messages': (_millrace_v1_Message__Output)[];
}

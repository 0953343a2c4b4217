// Original file: proto/millrace/v1/queue.proto

import type { SendMessageBatchRequest as _millrace_v1_SendMessageBatchRequest, SendMessageBatchRequest__Output as _millrace_v1_SendMessageBatchRequest__Output } from '../../millrace/v1/SendMessageBatchRequest.js';

/**
 * SendMessageStreamRequest is one frame of a SendMessageStream: a batch to send.
 */
export interface SendMessageStreamRequest {
  /**
   * The client's id for this frame, echoed in its answer; unique among the stream's unanswered frames
   * (a client may count up and wrap around).
   */
  'frameId'?: (number);
  /**
   * The batch, as SendMessageBatch takes it.
   */
  'batch'?: (_millrace_v1_SendMessageBatchRequest | null);
  /**
   * How long the server may work on this frame before answering DEADLINE_EXCEEDED, in milliseconds;
   * 0 means the server's default (30 s), which is also the most it allows.
   */
  'timeoutMs'?: (number);
}

/**
 * SendMessageStreamRequest is one frame of a SendMessageStream: a batch to send.
 */
export interface SendMessageStreamRequest__Output {
  /**
   * The client's id for this frame, echoed in its answer; unique among the stream's unanswered frames
   * (a client may count up and wrap around).
   */
  'frameId': (number);
  /**
   * The batch, as SendMessageBatch takes it.
   */
  'batch': (_millrace_v1_SendMessageBatchRequest__Output | null);
  /**
   * How long the server may work on this frame before answering DEADLINE_EXCEEDED, in milliseconds;
   * 0 means the server's default (30 s), which is also the most it allows.
   */
  'timeoutMs': (number);
}

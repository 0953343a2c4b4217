// Original file: proto/millrace/v1/queue.proto

import type { SendMessageBatchResponse as _millrace_v1_SendMessageBatchResponse, SendMessageBatchResponse__Output as _millrace_v1_SendMessageBatchResponse__Output } from '../../millrace/v1/SendMessageBatchResponse.js';
import type { ErrorDetails as _millrace_v1_ErrorDetails, ErrorDetails__Output as _millrace_v1_ErrorDetails__Output } from '../../millrace/v1/ErrorDetails.js';

/**
 * SendMessageStreamResponse answers one frame of a SendMessageStream.
 */
export interface SendMessageStreamResponse {
  /**
   * The frame_id of the frame answered.
   */
  'frameId'?: (number);
  /**
   * The frame was sent, as SendMessageBatch answers (some entries may have failed alone).
   */
  'batch'?: (_millrace_v1_SendMessageBatchResponse | null);
  /**
   * The frame failed as a whole, as SendMessageBatch would have failed.
   */
  'error'?: (_millrace_v1_ErrorDetails | null);
  'result'?: "batch"|"error";
}

/**
 * SendMessageStreamResponse answers one frame of a SendMessageStream.
 */
export interface SendMessageStreamResponse__Output {
  /**
   * The frame_id of the frame answered.
   */
  'frameId': (number);
  /**
   * The frame was sent, as SendMessageBatch answers (some entries may have failed alone).
   */
  'batch'?: (_millrace_v1_SendMessageBatchResponse__Output | null);
  /**
   * The frame failed as a whole, as SendMessageBatch would have failed.
   */
  'error'?: (_millrace_v1_ErrorDetails__Output | null);
  'result'?: "batch"|"error";
}

// Original file: proto/millrace/v1/queue.proto

import type { ReceiveMessageResponse as _millrace_v1_ReceiveMessageResponse, ReceiveMessageResponse__Output as _millrace_v1_ReceiveMessageResponse__Output } from '../../millrace/v1/ReceiveMessageResponse.js';
import type { DeleteMessageBatchResponse as _millrace_v1_DeleteMessageBatchResponse, DeleteMessageBatchResponse__Output as _millrace_v1_DeleteMessageBatchResponse__Output } from '../../millrace/v1/DeleteMessageBatchResponse.js';
import type { ChangeMessageVisibilityBatchResponse as _millrace_v1_ChangeMessageVisibilityBatchResponse, ChangeMessageVisibilityBatchResponse__Output as _millrace_v1_ChangeMessageVisibilityBatchResponse__Output } from '../../millrace/v1/ChangeMessageVisibilityBatchResponse.js';
import type { ErrorDetails as _millrace_v1_ErrorDetails, ErrorDetails__Output as _millrace_v1_ErrorDetails__Output } from '../../millrace/v1/ErrorDetails.js';

/**
 * ConsumeStreamResponse answers one frame of a ConsumeStream, with the result of the frame's call.
 */
export interface ConsumeStreamResponse {
  /**
   * The frame_id of the frame answered.
   */
  'frameId'?: (number);
  /**
   * As ReceiveMessage answers.
   */
  'receive'?: (_millrace_v1_ReceiveMessageResponse | null);
  /**
   * As DeleteMessageBatch answers (some entries may have failed alone).
   */
  'deleteBatch'?: (_millrace_v1_DeleteMessageBatchResponse | null);
  /**
   * As ChangeMessageVisibilityBatch answers (some entries may have failed alone).
   */
  'changeVisibilityBatch'?: (_millrace_v1_ChangeMessageVisibilityBatchResponse | null);
  /**
   * The frame failed as a whole, as its call would have failed.
   */
  'error'?: (_millrace_v1_ErrorDetails | null);
  'result'?: "receive"|"deleteBatch"|"changeVisibilityBatch"|"error";
}

/**
 * ConsumeStreamResponse answers one frame of a ConsumeStream, with the result of the frame's call.
 */
export interface ConsumeStreamResponse__Output {
  /**
   * The frame_id of the frame answered.
   */
  'frameId': (number);
  /**
   * As ReceiveMessage answers.
   */
  'receive'?: (_millrace_v1_ReceiveMessageResponse__Output | null);
  /**
   * As DeleteMessageBatch answers (some entries may have failed alone).
   */
  'deleteBatch'?: (_millrace_v1_DeleteMessageBatchResponse__Output | null);
  /**
   * As ChangeMessageVisibilityBatch answers (some entries may have failed alone).
   */
  'changeVisibilityBatch'?: (_millrace_v1_ChangeMessageVisibilityBatchResponse__Output | null);
  /**
   * The frame failed as a whole, as its call would have failed.
   */
  'error'?: (_millrace_v1_ErrorDetails__Output | null);
  'result'?: "receive"|"deleteBatch"|"changeVisibilityBatch"|"error";
}

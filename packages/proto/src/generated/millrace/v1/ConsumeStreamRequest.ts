// Original file: proto/millrace/v1/queue.proto

import type { ReceiveMessageRequest as _millrace_v1_ReceiveMessageRequest, ReceiveMessageRequest__Output as _millrace_v1_ReceiveMessageRequest__Output } from '../../millrace/v1/ReceiveMessageRequest.js';
import type { DeleteMessageBatchRequest as _millrace_v1_DeleteMessageBatchRequest, DeleteMessageBatchRequest__Output as _millrace_v1_DeleteMessageBatchRequest__Output } from '../../millrace/v1/DeleteMessageBatchRequest.js';
import type { ChangeMessageVisibilityBatchRequest as _millrace_v1_ChangeMessageVisibilityBatchRequest, ChangeMessageVisibilityBatchRequest__Output as _millrace_v1_ChangeMessageVisibilityBatchRequest__Output } from '../../millrace/v1/ChangeMessageVisibilityBatchRequest.js';

/**
 * ConsumeStreamRequest is one frame of a ConsumeStream: one call to run.
 */
export interface ConsumeStreamRequest {
  /**
   * The client's id for this frame, echoed in its answer; unique among the stream's unanswered frames
   * (a client may count up and wrap around).
   */
  'frameId'?: (number);
  /**
   * How long the server may work on this frame before answering DEADLINE_EXCEEDED, in milliseconds;
   * 0 means the server's default (30 s), which is also the most it allows. A long poll's wait must fit.
   */
  'timeoutMs'?: (number);
  /**
   * A receive, as ReceiveMessage takes it.
   */
  'receive'?: (_millrace_v1_ReceiveMessageRequest | null);
  /**
   * Deletes, as DeleteMessageBatch takes them.
   */
  'deleteBatch'?: (_millrace_v1_DeleteMessageBatchRequest | null);
  /**
   * Visibility changes, as ChangeMessageVisibilityBatch takes them.
   */
  'changeVisibilityBatch'?: (_millrace_v1_ChangeMessageVisibilityBatchRequest | null);
  /**
   * The client's first try of this call, not a retry, as the metadata millrace-first-try: 1 says of a
   * unary call: a FIFO receive then skips asking every partition to replay its attempt id.
   */
  'firstTry'?: (boolean);
  /**
   * Set, with no call: cancels the unanswered frame with this frame_id, whose caller gave up, as
   * cancelling a unary call does (a long poll's wait ends at once). It takes no slot and gets no answer
   * of its own; the cancelled frame is still answered, which frees its slot.
   */
  'cancel'?: (boolean);
  'call'?: "receive"|"deleteBatch"|"changeVisibilityBatch";
}

/**
 * ConsumeStreamRequest is one frame of a ConsumeStream: one call to run.
 */
export interface ConsumeStreamRequest__Output {
  /**
   * The client's id for this frame, echoed in its answer; unique among the stream's unanswered frames
   * (a client may count up and wrap around).
   */
  'frameId': (number);
  /**
   * How long the server may work on this frame before answering DEADLINE_EXCEEDED, in milliseconds;
   * 0 means the server's default (30 s), which is also the most it allows. A long poll's wait must fit.
   */
  'timeoutMs': (number);
  /**
   * A receive, as ReceiveMessage takes it.
   */
  'receive'?: (_millrace_v1_ReceiveMessageRequest__Output | null);
  /**
   * Deletes, as DeleteMessageBatch takes them.
   */
  'deleteBatch'?: (_millrace_v1_DeleteMessageBatchRequest__Output | null);
  /**
   * Visibility changes, as ChangeMessageVisibilityBatch takes them.
   */
  'changeVisibilityBatch'?: (_millrace_v1_ChangeMessageVisibilityBatchRequest__Output | null);
  /**
   * The client's first try of this call, not a retry, as the metadata millrace-first-try: 1 says of a
   * unary call: a FIFO receive then skips asking every partition to replay its attempt id.
   */
  'firstTry': (boolean);
  /**
   * Set, with no call: cancels the unanswered frame with this frame_id, whose caller gave up, as
   * cancelling a unary call does (a long poll's wait ends at once). It takes no slot and gets no answer
   * of its own; the cancelled frame is still answered, which frees its slot.
   */
  'cancel': (boolean);
  'call'?: "receive"|"deleteBatch"|"changeVisibilityBatch";
}

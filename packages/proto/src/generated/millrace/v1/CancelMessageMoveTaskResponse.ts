// Original file: proto/millrace/v1/queue.proto

import type { Long } from '@grpc/proto-loader';

/**
 * CancelMessageMoveTaskResponse is the output of CancelMessageMoveTask.
 */
export interface CancelMessageMoveTaskResponse {
  /**
   * How many messages the task had moved when it was cancelled.
   */
  'approximateNumberOfMessagesMoved'?: (number | string | Long);
}

/**
 * CancelMessageMoveTaskResponse is the output of CancelMessageMoveTask.
 */
export interface CancelMessageMoveTaskResponse__Output {
  /**
   * How many messages the task had moved when it was cancelled.
   */
  'approximateNumberOfMessagesMoved': (string);
}

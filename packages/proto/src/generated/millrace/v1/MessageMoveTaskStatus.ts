// Original file: proto/millrace/v1/queue.proto

/**
 * MessageMoveTaskStatus is where a message move task is in its life.
 */
export const MessageMoveTaskStatus = {
  /**
   * Never sent by a server.
   */
  MESSAGE_MOVE_TASK_STATUS_UNSPECIFIED: 'MESSAGE_MOVE_TASK_STATUS_UNSPECIFIED',
  /**
   * Moving messages.
   */
  MESSAGE_MOVE_TASK_STATUS_RUNNING: 'MESSAGE_MOVE_TASK_STATUS_RUNNING',
  /**
   * Every message that was in the queue when the task started has been moved.
   */
  MESSAGE_MOVE_TASK_STATUS_COMPLETED: 'MESSAGE_MOVE_TASK_STATUS_COMPLETED',
  /**
   * Cancellation was requested and the task is stopping.
   */
  MESSAGE_MOVE_TASK_STATUS_CANCELLING: 'MESSAGE_MOVE_TASK_STATUS_CANCELLING',
  /**
   * The task stopped because it was cancelled.
   */
  MESSAGE_MOVE_TASK_STATUS_CANCELLED: 'MESSAGE_MOVE_TASK_STATUS_CANCELLED',
  /**
   * The task stopped on an error; see MessageMoveTask.failure_reason.
   */
  MESSAGE_MOVE_TASK_STATUS_FAILED: 'MESSAGE_MOVE_TASK_STATUS_FAILED',
} as const;

/**
 * MessageMoveTaskStatus is where a message move task is in its life.
 */
export type MessageMoveTaskStatus =
  /**
   * Never sent by a server.
   */
  | 'MESSAGE_MOVE_TASK_STATUS_UNSPECIFIED'
  | 0
  /**
   * Moving messages.
   */
  | 'MESSAGE_MOVE_TASK_STATUS_RUNNING'
  | 1
  /**
   * Every message that was in the queue when the task started has been moved.
   */
  | 'MESSAGE_MOVE_TASK_STATUS_COMPLETED'
  | 2
  /**
   * Cancellation was requested and the task is stopping.
   */
  | 'MESSAGE_MOVE_TASK_STATUS_CANCELLING'
  | 3
  /**
   * The task stopped because it was cancelled.
   */
  | 'MESSAGE_MOVE_TASK_STATUS_CANCELLED'
  | 4
  /**
   * The task stopped on an error; see MessageMoveTask.failure_reason.
   */
  | 'MESSAGE_MOVE_TASK_STATUS_FAILED'
  | 5

/**
 * MessageMoveTaskStatus is where a message move task is in its life.
 */
export type MessageMoveTaskStatus__Output = typeof MessageMoveTaskStatus[keyof typeof MessageMoveTaskStatus]

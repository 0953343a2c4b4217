// Original file: proto/millrace/v1/queue.proto


/**
 * CancelMessageMoveTaskRequest is the input of CancelMessageMoveTask.
 */
export interface CancelMessageMoveTaskRequest {
  /**
   * The handle of a running task.
   */
  'taskHandle'?: (string);
}

/**
 * CancelMessageMoveTaskRequest is the input of CancelMessageMoveTask.
 */
export interface CancelMessageMoveTaskRequest__Output {
  /**
   * The handle of a running task.
   */
  'taskHandle': (string);
}

// Original file: proto/millrace/v1/queue.proto


/**
 * StartMessageMoveTaskResponse is the output of StartMessageMoveTask.
 */
export interface StartMessageMoveTaskResponse {
  /**
   * The new task's handle.
   */
  'taskHandle'?: (string);
}

/**
 * StartMessageMoveTaskResponse is the output of StartMessageMoveTask.
 */
export interface StartMessageMoveTaskResponse__Output {
  /**
   * The new task's handle.
   */
  'taskHandle': (string);
}

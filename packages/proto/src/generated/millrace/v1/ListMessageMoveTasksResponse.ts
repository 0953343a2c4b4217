// Original file: proto/millrace/v1/queue.proto

import type { MessageMoveTask as _millrace_v1_MessageMoveTask, MessageMoveTask__Output as _millrace_v1_MessageMoveTask__Output } from '../../millrace/v1/MessageMoveTask.js';

/**
 * ListMessageMoveTasksResponse is the output of ListMessageMoveTasks.
 */
export interface ListMessageMoveTasksResponse {
  /**
   * The tasks, newest first.
   */
  'tasks'?: (_millrace_v1_MessageMoveTask)[];
}

/**
 * ListMessageMoveTasksResponse is the output of ListMessageMoveTasks.
 */
export interface ListMessageMoveTasksResponse__Output {
  /**
   * The tasks, newest first.
   */
  'tasks': (_millrace_v1_MessageMoveTask__Output)[];
}

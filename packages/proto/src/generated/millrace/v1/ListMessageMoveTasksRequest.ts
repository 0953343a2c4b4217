// Original file: proto/millrace/v1/queue.proto


/**
 * ListMessageMoveTasksRequest is the input of ListMessageMoveTasks.
 */
export interface ListMessageMoveTasksRequest {
  /**
   * The ARN of the dead-letter queue whose tasks to list.
   */
  'sourceArn'?: (string);
  /**
   * How many tasks to return, newest first: 1..10; 0 means 1.
   */
  'maxResults'?: (number);
}

/**
 * ListMessageMoveTasksRequest is the input of ListMessageMoveTasks.
 */
export interface ListMessageMoveTasksRequest__Output {
  /**
   * The ARN of the dead-letter queue whose tasks to list.
   */
  'sourceArn': (string);
  /**
   * How many tasks to return, newest first: 1..10; 0 means 1.
   */
  'maxResults': (number);
}

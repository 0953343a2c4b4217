// Original file: proto/millrace/v1/queue.proto


/**
 * TagQueueRequest is the input of TagQueue.
 */
export interface TagQueueRequest {
  /**
   * The queue to tag.
   */
  'queueName'?: (string);
  /**
   * The tags to add or overwrite.
   */
  'tags'?: ({[key: string]: string});
}

/**
 * TagQueueRequest is the input of TagQueue.
 */
export interface TagQueueRequest__Output {
  /**
   * The queue to tag.
   */
  'queueName': (string);
  /**
   * The tags to add or overwrite.
   */
  'tags': ({[key: string]: string});
}

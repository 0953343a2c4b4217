// Original file: proto/millrace/v1/queue.proto


/**
 * ListQueueTagsRequest is the input of ListQueueTags.
 */
export interface ListQueueTagsRequest {
  /**
   * The queue whose tags to return.
   */
  'queueName'?: (string);
}

/**
 * ListQueueTagsRequest is the input of ListQueueTags.
 */
export interface ListQueueTagsRequest__Output {
  /**
   * The queue whose tags to return.
   */
  'queueName': (string);
}

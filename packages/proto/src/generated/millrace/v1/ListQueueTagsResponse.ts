// Original file: proto/millrace/v1/queue.proto


/**
 * ListQueueTagsResponse is the output of ListQueueTags.
 */
export interface ListQueueTagsResponse {
  /**
   * The queue's tags.
   */
  'tags'?: ({[key: string]: string});
}

/**
 * ListQueueTagsResponse is the output of ListQueueTags.
 */
export interface ListQueueTagsResponse__Output {
  /**
   * The queue's tags.
   */
  'tags': ({[key: string]: string});
}

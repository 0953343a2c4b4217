// Original file: proto/millrace/v1/queue.proto


/**
 * GetQueueAttributesResponse is the output of GetQueueAttributes.
 */
export interface GetQueueAttributesResponse {
  /**
   * The requested attributes by their SQS names, with values as SQS formats them.
   */
  'attributes'?: ({[key: string]: string});
}

/**
 * GetQueueAttributesResponse is the output of GetQueueAttributes.
 */
export interface GetQueueAttributesResponse__Output {
  /**
   * The requested attributes by their SQS names, with values as SQS formats them.
   */
  'attributes': ({[key: string]: string});
}

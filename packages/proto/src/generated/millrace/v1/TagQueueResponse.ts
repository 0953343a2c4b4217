// Original file: proto/millrace/v1/queue.proto


/**
 * TagQueueResponse is the output of TagQueue.
 */
export interface TagQueueResponse {
}

/**
 * TagQueueResponse is the output of TagQueue.
 */
export interface TagQueueResponse__Output {
}

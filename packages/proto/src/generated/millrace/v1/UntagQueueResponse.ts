// Original file: proto/millrace/v1/queue.proto


/**
 * UntagQueueResponse is the output of UntagQueue.
 */
export interface UntagQueueResponse {
}

/**
 * UntagQueueResponse is the output of UntagQueue.
 */
export interface UntagQueueResponse__Output {
}

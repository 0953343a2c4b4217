// Original file: proto/millrace/v1/queue.proto


/**
 * PurgeQueueResponse is the output of PurgeQueue.
 */
export interface PurgeQueueResponse {
}

/**
 * PurgeQueueResponse is the output of PurgeQueue.
 */
export interface PurgeQueueResponse__Output {
}

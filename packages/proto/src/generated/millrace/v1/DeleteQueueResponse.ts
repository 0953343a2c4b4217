// Original file: proto/millrace/v1/queue.proto


/**
 * DeleteQueueResponse is the output of DeleteQueue.
 */
export interface DeleteQueueResponse {
}

/**
 * DeleteQueueResponse is the output of DeleteQueue.
 */
export interface DeleteQueueResponse__Output {
}

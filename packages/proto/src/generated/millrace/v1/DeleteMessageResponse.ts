// Original file: proto/millrace/v1/queue.proto


/**
 * DeleteMessageResponse is the output of DeleteMessage.
 */
export interface DeleteMessageResponse {
}

/**
 * DeleteMessageResponse is the output of DeleteMessage.
 */
export interface DeleteMessageResponse__Output {
}

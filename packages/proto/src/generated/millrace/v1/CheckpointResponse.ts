// Original file: proto/millrace/v1/stream.proto


/**
 * CheckpointResponse is the output of Checkpoint.
 */
export interface CheckpointResponse {
}

/**
 * CheckpointResponse is the output of Checkpoint.
 */
export interface CheckpointResponse__Output {
}

// Original file: proto/millrace/v1/stream.proto


/**
 * UpdateStreamRetentionResponse is the output of UpdateStreamRetention.
 */
export interface UpdateStreamRetentionResponse {
}

/**
 * UpdateStreamRetentionResponse is the output of UpdateStreamRetention.
 */
export interface UpdateStreamRetentionResponse__Output {
}

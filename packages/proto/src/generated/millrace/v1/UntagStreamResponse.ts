// Original file: proto/millrace/v1/stream.proto


/**
 * UntagStreamResponse is the output of UntagStream.
 */
export interface UntagStreamResponse {
}

/**
 * UntagStreamResponse is the output of UntagStream.
 */
export interface UntagStreamResponse__Output {
}

// Original file: proto/millrace/v1/stream.proto


/**
 * TagStreamResponse is the output of TagStream.
 */
export interface TagStreamResponse {
}

/**
 * TagStreamResponse is the output of TagStream.
 */
export interface TagStreamResponse__Output {
}

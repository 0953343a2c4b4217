// Original file: proto/millrace/v1/stream.proto


/**
 * DeleteStreamResponse is the output of DeleteStream.
 */
export interface DeleteStreamResponse {
}

/**
 * DeleteStreamResponse is the output of DeleteStream.
 */
export interface DeleteStreamResponse__Output {
}

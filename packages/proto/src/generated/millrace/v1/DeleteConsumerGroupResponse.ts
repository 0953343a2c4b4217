// Original file: proto/millrace/v1/stream.proto


/**
 * DeleteConsumerGroupResponse is the output of DeleteConsumerGroup.
 */
export interface DeleteConsumerGroupResponse {
}

/**
 * DeleteConsumerGroupResponse is the output of DeleteConsumerGroup.
 */
export interface DeleteConsumerGroupResponse__Output {
}

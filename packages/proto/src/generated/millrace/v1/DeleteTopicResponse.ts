// Original file: proto/millrace/v1/topic.proto


/**
 * DeleteTopicResponse is the output of DeleteTopic.
 */
export interface DeleteTopicResponse {
}

/**
 * DeleteTopicResponse is the output of DeleteTopic.
 */
export interface DeleteTopicResponse__Output {
}

// Original file: proto/millrace/v1/topic.proto


/**
 * TagTopicResponse is the output of TagTopic.
 */
export interface TagTopicResponse {
}

/**
 * TagTopicResponse is the output of TagTopic.
 */
export interface TagTopicResponse__Output {
}

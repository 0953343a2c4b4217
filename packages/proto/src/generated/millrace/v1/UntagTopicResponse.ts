// Original file: proto/millrace/v1/topic.proto


/**
 * UntagTopicResponse is the output of UntagTopic.
 */
export interface UntagTopicResponse {
}

/**
 * UntagTopicResponse is the output of UntagTopic.
 */
export interface UntagTopicResponse__Output {
}

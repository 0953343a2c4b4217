// Original file: proto/millrace/v1/topic.proto


/**
 * SetTopicAttributesResponse is the output of SetTopicAttributes.
 */
export interface SetTopicAttributesResponse {
}

/**
 * SetTopicAttributesResponse is the output of SetTopicAttributes.
 */
export interface SetTopicAttributesResponse__Output {
}

// Original file: proto/millrace/v1/topic.proto


/**
 * UnsubscribeResponse is the output of Unsubscribe.
 */
export interface UnsubscribeResponse {
}

/**
 * UnsubscribeResponse is the output of Unsubscribe.
 */
export interface UnsubscribeResponse__Output {
}

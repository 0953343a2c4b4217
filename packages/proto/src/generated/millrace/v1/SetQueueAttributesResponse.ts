// Original file: proto/millrace/v1/queue.proto


/**
 * SetQueueAttributesResponse is the output of SetQueueAttributes.
 */
export interface SetQueueAttributesResponse {
}

/**
 * SetQueueAttributesResponse is the output of SetQueueAttributes.
 */
export interface SetQueueAttributesResponse__Output {
}

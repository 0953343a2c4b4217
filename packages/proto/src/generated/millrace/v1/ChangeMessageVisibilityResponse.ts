// Original file: proto/millrace/v1/queue.proto


/**
 * ChangeMessageVisibilityResponse is the output of ChangeMessageVisibility.
 */
export interface ChangeMessageVisibilityResponse {
}

/**
 * ChangeMessageVisibilityResponse is the output of ChangeMessageVisibility.
 */
export interface ChangeMessageVisibilityResponse__Output {
}

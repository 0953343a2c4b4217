// Original file: proto/millrace/v1/topic.proto


/**
 * SetSubscriptionAttributesResponse is the output of SetSubscriptionAttributes.
 */
export interface SetSubscriptionAttributesResponse {
}

/**
 * SetSubscriptionAttributesResponse is the output of SetSubscriptionAttributes.
 */
export interface SetSubscriptionAttributesResponse__Output {
}

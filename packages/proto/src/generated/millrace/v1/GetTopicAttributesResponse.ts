// Original file: proto/millrace/v1/topic.proto


/**
 * GetTopicAttributesResponse is the output of GetTopicAttributes.
 */
export interface GetTopicAttributesResponse {
  /**
   * Every attribute by its SNS name, including the read-only TopicArn, SubscriptionsConfirmed,
   * SubscriptionsPending and SubscriptionsDeleted.
   */
  'attributes'?: ({[key: string]: string});
}

/**
 * GetTopicAttributesResponse is the output of GetTopicAttributes.
 */
export interface GetTopicAttributesResponse__Output {
  /**
   * Every attribute by its SNS name, including the read-only TopicArn, SubscriptionsConfirmed,
   * SubscriptionsPending and SubscriptionsDeleted.
   */
  'attributes': ({[key: string]: string});
}

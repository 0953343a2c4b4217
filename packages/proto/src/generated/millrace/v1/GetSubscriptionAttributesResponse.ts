// Original file: proto/millrace/v1/topic.proto


/**
 * GetSubscriptionAttributesResponse is the output of GetSubscriptionAttributes.
 */
export interface GetSubscriptionAttributesResponse {
  /**
   * Every attribute by its SNS name, including the read-only TopicArn, Protocol, Endpoint,
   * PendingConfirmation and EffectiveDeliveryPolicy.
   */
  'attributes'?: ({[key: string]: string});
}

/**
 * GetSubscriptionAttributesResponse is the output of GetSubscriptionAttributes.
 */
export interface GetSubscriptionAttributesResponse__Output {
  /**
   * Every attribute by its SNS name, including the read-only TopicArn, Protocol, Endpoint,
   * PendingConfirmation and EffectiveDeliveryPolicy.
   */
  'attributes': ({[key: string]: string});
}

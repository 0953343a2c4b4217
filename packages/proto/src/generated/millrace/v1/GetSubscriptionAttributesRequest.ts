// Original file: proto/millrace/v1/topic.proto


/**
 * GetSubscriptionAttributesRequest is the input of GetSubscriptionAttributes.
 */
export interface GetSubscriptionAttributesRequest {
  /**
   * The subscription whose attributes to return.
   */
  'subscriptionArn'?: (string);
}

/**
 * GetSubscriptionAttributesRequest is the input of GetSubscriptionAttributes.
 */
export interface GetSubscriptionAttributesRequest__Output {
  /**
   * The subscription whose attributes to return.
   */
  'subscriptionArn': (string);
}

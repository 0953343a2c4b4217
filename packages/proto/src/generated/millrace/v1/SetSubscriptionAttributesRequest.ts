// Original file: proto/millrace/v1/topic.proto


/**
 * SetSubscriptionAttributesRequest is the input of SetSubscriptionAttributes.
 */
export interface SetSubscriptionAttributesRequest {
  /**
   * The subscription to change.
   */
  'subscriptionArn'?: (string);
  /**
   * The attributes to change; an empty value removes a FilterPolicy or RedrivePolicy. An invalid filter
   * policy is rejected with a message saying what is wrong with it.
   */
  'attributes'?: ({[key: string]: string});
}

/**
 * SetSubscriptionAttributesRequest is the input of SetSubscriptionAttributes.
 */
export interface SetSubscriptionAttributesRequest__Output {
  /**
   * The subscription to change.
   */
  'subscriptionArn': (string);
  /**
   * The attributes to change; an empty value removes a FilterPolicy or RedrivePolicy. An invalid filter
   * policy is rejected with a message saying what is wrong with it.
   */
  'attributes': ({[key: string]: string});
}

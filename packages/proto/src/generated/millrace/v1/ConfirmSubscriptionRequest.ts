// Original file: proto/millrace/v1/topic.proto


/**
 * ConfirmSubscriptionRequest is the input of ConfirmSubscription.
 */
export interface ConfirmSubscriptionRequest {
  /**
   * The topic the subscription belongs to.
   */
  'topicName'?: (string);
  /**
   * The token from the SubscriptionConfirmation message; valid for 3 days.
   */
  'token'?: (string);
}

/**
 * ConfirmSubscriptionRequest is the input of ConfirmSubscription.
 */
export interface ConfirmSubscriptionRequest__Output {
  /**
   * The topic the subscription belongs to.
   */
  'topicName': (string);
  /**
   * The token from the SubscriptionConfirmation message; valid for 3 days.
   */
  'token': (string);
}

// Original file: proto/millrace/v1/topic.proto


/**
 * ConfirmSubscriptionResponse is the output of ConfirmSubscription.
 */
export interface ConfirmSubscriptionResponse {
  /**
   * The confirmed subscription's ARN.
   */
  'subscriptionArn'?: (string);
}

/**
 * ConfirmSubscriptionResponse is the output of ConfirmSubscription.
 */
export interface ConfirmSubscriptionResponse__Output {
  /**
   * The confirmed subscription's ARN.
   */
  'subscriptionArn': (string);
}

// Original file: proto/millrace/v1/topic.proto


/**
 * SubscribeResponse is the output of Subscribe.
 */
export interface SubscribeResponse {
  /**
   * The new subscription's ARN, or "PendingConfirmation" for an HTTP(S) subscription not yet confirmed.
   */
  'subscriptionArn'?: (string);
}

/**
 * SubscribeResponse is the output of Subscribe.
 */
export interface SubscribeResponse__Output {
  /**
   * The new subscription's ARN, or "PendingConfirmation" for an HTTP(S) subscription not yet confirmed.
   */
  'subscriptionArn': (string);
}

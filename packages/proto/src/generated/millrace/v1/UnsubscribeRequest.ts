// Original file: proto/millrace/v1/topic.proto


/**
 * UnsubscribeRequest is the input of Unsubscribe.
 */
export interface UnsubscribeRequest {
  /**
   * The subscription to remove.
   */
  'subscriptionArn'?: (string);
}

/**
 * UnsubscribeRequest is the input of Unsubscribe.
 */
export interface UnsubscribeRequest__Output {
  /**
   * The subscription to remove.
   */
  'subscriptionArn': (string);
}

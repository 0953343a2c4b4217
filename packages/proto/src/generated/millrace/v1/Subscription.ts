// Original file: proto/millrace/v1/topic.proto

import type { SubscriptionProtocol as _millrace_v1_SubscriptionProtocol, SubscriptionProtocol__Output as _millrace_v1_SubscriptionProtocol__Output } from '../../millrace/v1/SubscriptionProtocol.js';

/**
 * Subscription describes one subscription in list results.
 */
export interface Subscription {
  /**
   * The subscription's ARN, or "PendingConfirmation" while an HTTP(S) subscription awaits confirmation.
   */
  'subscriptionArn'?: (string);
  /**
   * The ARN of the topic it belongs to.
   */
  'topicArn'?: (string);
  /**
   * How its endpoint receives notifications.
   */
  'protocol'?: (_millrace_v1_SubscriptionProtocol);
  /**
   * Where notifications go; its form depends on the protocol.
   */
  'endpoint'?: (string);
}

/**
 * Subscription describes one subscription in list results.
 */
export interface Subscription__Output {
  /**
   * The subscription's ARN, or "PendingConfirmation" while an HTTP(S) subscription awaits confirmation.
   */
  'subscriptionArn': (string);
  /**
   * The ARN of the topic it belongs to.
   */
  'topicArn': (string);
  /**
   * How its endpoint receives notifications.
   */
  'protocol': (_millrace_v1_SubscriptionProtocol__Output);
  /**
   * Where notifications go; its form depends on the protocol.
   */
  'endpoint': (string);
}

// Original file: proto/millrace/v1/topic.proto

import type { SubscriptionProtocol as _millrace_v1_SubscriptionProtocol, SubscriptionProtocol__Output as _millrace_v1_SubscriptionProtocol__Output } from '../../millrace/v1/SubscriptionProtocol.js';

/**
 * SubscribeRequest is the input of Subscribe.
 */
export interface SubscribeRequest {
  /**
   * The topic to subscribe to.
   */
  'topicName'?: (string);
  /**
   * How the endpoint receives notifications.
   */
  'protocol'?: (_millrace_v1_SubscriptionProtocol);
  /**
   * Where notifications go: a queue or stream ARN, an http(s) URL, or a label for gRPC subscribers.
   */
  'endpoint'?: (string);
  /**
   * Subscription attributes by their SNS names: FilterPolicy, FilterPolicyScope (MessageAttributes or
   * MessageBody), RawMessageDelivery, DeliveryPolicy, RedrivePolicy (the dead-letter queue for
   * deliveries that fail for good).
   */
  'attributes'?: ({[key: string]: string});
}

/**
 * SubscribeRequest is the input of Subscribe.
 */
export interface SubscribeRequest__Output {
  /**
   * The topic to subscribe to.
   */
  'topicName': (string);
  /**
   * How the endpoint receives notifications.
   */
  'protocol': (_millrace_v1_SubscriptionProtocol__Output);
  /**
   * Where notifications go: a queue or stream ARN, an http(s) URL, or a label for gRPC subscribers.
   */
  'endpoint': (string);
  /**
   * Subscription attributes by their SNS names: FilterPolicy, FilterPolicyScope (MessageAttributes or
   * MessageBody), RawMessageDelivery, DeliveryPolicy, RedrivePolicy (the dead-letter queue for
   * deliveries that fail for good).
   */
  'attributes': ({[key: string]: string});
}

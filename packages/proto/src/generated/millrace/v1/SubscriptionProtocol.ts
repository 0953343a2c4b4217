// Original file: proto/millrace/v1/topic.proto

/**
 * SubscriptionProtocol is how a subscription's endpoint receives notifications.
 */
export const SubscriptionProtocol = {
  /**
   * Rejected with INVALID_ARGUMENT.
   */
  SUBSCRIPTION_PROTOCOL_UNSPECIFIED: 'SUBSCRIPTION_PROTOCOL_UNSPECIFIED',
  /**
   * Appends each notification to a Millrace queue; the endpoint is the queue's ARN. No acknowledged
   * publish is lost for a queue subscription.
   */
  SUBSCRIPTION_PROTOCOL_QUEUE: 'SUBSCRIPTION_PROTOCOL_QUEUE',
  /**
   * POSTs each notification to an http:// URL, with the subscription's delivery policy for retries.
   */
  SUBSCRIPTION_PROTOCOL_HTTP: 'SUBSCRIPTION_PROTOCOL_HTTP',
  /**
   * POSTs each notification to an https:// URL, with the subscription's delivery policy for retries.
   */
  SUBSCRIPTION_PROTOCOL_HTTPS: 'SUBSCRIPTION_PROTOCOL_HTTPS',
  /**
   * Pushes each notification to the callers connected through SubscribeLive with this subscription;
   * the endpoint is a free-form label (1..256 characters) for operators.
   */
  SUBSCRIPTION_PROTOCOL_GRPC: 'SUBSCRIPTION_PROTOCOL_GRPC',
  /**
   * Appends each notification as a record to a Millrace stream; the endpoint is the stream's ARN.
   */
  SUBSCRIPTION_PROTOCOL_STREAM: 'SUBSCRIPTION_PROTOCOL_STREAM',
} as const;

/**
 * SubscriptionProtocol is how a subscription's endpoint receives notifications.
 */
export type SubscriptionProtocol =
  /**
   * Rejected with INVALID_ARGUMENT.
   */
  | 'SUBSCRIPTION_PROTOCOL_UNSPECIFIED'
  | 0
  /**
   * Appends each notification to a Millrace queue; the endpoint is the queue's ARN. No acknowledged
   * publish is lost for a queue subscription.
   */
  | 'SUBSCRIPTION_PROTOCOL_QUEUE'
  | 1
  /**
   * POSTs each notification to an http:// URL, with the subscription's delivery policy for retries.
   */
  | 'SUBSCRIPTION_PROTOCOL_HTTP'
  | 2
  /**
   * POSTs each notification to an https:// URL, with the subscription's delivery policy for retries.
   */
  | 'SUBSCRIPTION_PROTOCOL_HTTPS'
  | 3
  /**
   * Pushes each notification to the callers connected through SubscribeLive with this subscription;
   * the endpoint is a free-form label (1..256 characters) for operators.
   */
  | 'SUBSCRIPTION_PROTOCOL_GRPC'
  | 4
  /**
   * Appends each notification as a record to a Millrace stream; the endpoint is the stream's ARN.
   */
  | 'SUBSCRIPTION_PROTOCOL_STREAM'
  | 5

/**
 * SubscriptionProtocol is how a subscription's endpoint receives notifications.
 */
export type SubscriptionProtocol__Output = typeof SubscriptionProtocol[keyof typeof SubscriptionProtocol]

// Original file: proto/millrace/v1/topic.proto


/**
 * SubscribeLiveRequest is the input of SubscribeLive. It either attaches to a durable `grpc`
 * subscription or opens an ephemeral one that lives as long as the stream.
 */
export interface SubscribeLiveRequest {
  /**
   * The topic to listen to.
   */
  'topicName'?: (string);
  /**
   * The ARN of an existing `grpc` subscription of this topic to attach to: delivery resumes from that
   * subscription's cursor, which advances as notifications are written to a stream. Several streams may
   * attach to one subscription; each notification goes to one of them. Empty opens an ephemeral
   * subscription that sees only what is published after the stream opens.
   */
  'subscriptionArn'?: (string);
  /**
   * For an ephemeral subscription: the filter policy (SNS JSON syntax); empty receives everything.
   * Ignored when attaching to a durable subscription, which has its own.
   */
  'filterPolicy'?: (string);
  /**
   * For an ephemeral subscription: "MessageAttributes" (the default when empty) or "MessageBody".
   */
  'filterPolicyScope'?: (string);
}

/**
 * SubscribeLiveRequest is the input of SubscribeLive. It either attaches to a durable `grpc`
 * subscription or opens an ephemeral one that lives as long as the stream.
 */
export interface SubscribeLiveRequest__Output {
  /**
   * The topic to listen to.
   */
  'topicName': (string);
  /**
   * The ARN of an existing `grpc` subscription of this topic to attach to: delivery resumes from that
   * subscription's cursor, which advances as notifications are written to a stream. Several streams may
   * attach to one subscription; each notification goes to one of them. Empty opens an ephemeral
   * subscription that sees only what is published after the stream opens.
   */
  'subscriptionArn': (string);
  /**
   * For an ephemeral subscription: the filter policy (SNS JSON syntax); empty receives everything.
   * Ignored when attaching to a durable subscription, which has its own.
   */
  'filterPolicy': (string);
  /**
   * For an ephemeral subscription: "MessageAttributes" (the default when empty) or "MessageBody".
   */
  'filterPolicyScope': (string);
}

// Original file: proto/millrace/v1/topic.proto

import type { MessageAttributeValue as _millrace_v1_MessageAttributeValue, MessageAttributeValue__Output as _millrace_v1_MessageAttributeValue__Output } from '../../millrace/v1/MessageAttributeValue.js';
import type { Long } from '@grpc/proto-loader';

/**
 * Notification is one published message as delivered to a subscriber.
 */
export interface Notification {
  /**
   * The id the topic gave the message when it was published.
   */
  'messageId'?: (string);
  /**
   * The ARN of the topic it was published to.
   */
  'topicArn'?: (string);
  /**
   * The ARN of the subscription it was delivered through; empty for an ephemeral subscription.
   */
  'subscriptionArn'?: (string);
  /**
   * The body for this protocol: the "grpc" (else "default") body of a "json"-structured message.
   */
  'message'?: (string);
  /**
   * The subject, if the publisher gave one.
   */
  'subject'?: (string);
  /**
   * The message's user-defined attributes.
   */
  'messageAttributes'?: ({[key: string]: _millrace_v1_MessageAttributeValue});
  /**
   * When the publish was acknowledged, in milliseconds since the Unix epoch.
   */
  'publishedTimestampMs'?: (number | string | Long);
  /**
   * FIFO topics only: the message group.
   */
  'messageGroupId'?: (string);
  /**
   * FIFO topics only: the sequence number, a decimal string of up to 128 bits.
   */
  'sequenceNumber'?: (string);
}

/**
 * Notification is one published message as delivered to a subscriber.
 */
export interface Notification__Output {
  /**
   * The id the topic gave the message when it was published.
   */
  'messageId': (string);
  /**
   * The ARN of the topic it was published to.
   */
  'topicArn': (string);
  /**
   * The ARN of the subscription it was delivered through; empty for an ephemeral subscription.
   */
  'subscriptionArn': (string);
  /**
   * The body for this protocol: the "grpc" (else "default") body of a "json"-structured message.
   */
  'message': (string);
  /**
   * The subject, if the publisher gave one.
   */
  'subject': (string);
  /**
   * The message's user-defined attributes.
   */
  'messageAttributes': ({[key: string]: _millrace_v1_MessageAttributeValue__Output});
  /**
   * When the publish was acknowledged, in milliseconds since the Unix epoch.
   */
  'publishedTimestampMs': (string);
  /**
   * FIFO topics only: the message group.
   */
  'messageGroupId': (string);
  /**
   * FIFO topics only: the sequence number, a decimal string of up to 128 bits.
   */
  'sequenceNumber': (string);
}

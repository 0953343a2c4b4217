// Original file: proto/millrace/v1/queue.proto

import type { MessageAttributeValue as _millrace_v1_MessageAttributeValue, MessageAttributeValue__Output as _millrace_v1_MessageAttributeValue__Output } from '../../millrace/v1/MessageAttributeValue.js';

/**
 * Message is one received message.
 */
export interface Message {
  /**
   * The id the queue gave the message when it was sent.
   */
  'messageId'?: (string);
  /**
   * The handle that deletes this message or changes its visibility. It is opaque, and valid only for
   * this receive: a later receive of the same message issues a new one.
   */
  'receiptHandle'?: (string);
  /**
   * The body, as sent.
   */
  'body'?: (string);
  /**
   * The hex MD5 of the body's UTF-8 bytes.
   */
  'md5OfBody'?: (string);
  /**
   * The hex MD5 of all the message's user attributes (not only the returned ones); empty when none.
   */
  'md5OfMessageAttributes'?: (string);
  /**
   * The requested system attributes by their SQS names (SentTimestamp, ApproximateReceiveCount,
   * ApproximateFirstReceiveTimestamp, SequenceNumber, MessageGroupId, MessageDeduplicationId, SenderId,
   * AWSTraceHeader, DeadLetterQueueSourceArn), with values as SQS formats them.
   */
  'attributes'?: ({[key: string]: string});
  /**
   * The requested user attributes.
   */
  'messageAttributes'?: ({[key: string]: _millrace_v1_MessageAttributeValue});
}

/**
 * Message is one received message.
 */
export interface Message__Output {
  /**
   * The id the queue gave the message when it was sent.
   */
  'messageId': (string);
  /**
   * The handle that deletes this message or changes its visibility. It is opaque, and valid only for
   * this receive: a later receive of the same message issues a new one.
   */
  'receiptHandle': (string);
  /**
   * The body, as sent.
   */
  'body': (string);
  /**
   * The hex MD5 of the body's UTF-8 bytes.
   */
  'md5OfBody': (string);
  /**
   * The hex MD5 of all the message's user attributes (not only the returned ones); empty when none.
   */
  'md5OfMessageAttributes': (string);
  /**
   * The requested system attributes by their SQS names (SentTimestamp, ApproximateReceiveCount,
   * ApproximateFirstReceiveTimestamp, SequenceNumber, MessageGroupId, MessageDeduplicationId, SenderId,
   * AWSTraceHeader, DeadLetterQueueSourceArn), with values as SQS formats them.
   */
  'attributes': ({[key: string]: string});
  /**
   * The requested user attributes.
   */
  'messageAttributes': ({[key: string]: _millrace_v1_MessageAttributeValue__Output});
}

// Original file: proto/millrace/v1/queue.proto

import type { MessageAttributeValue as _millrace_v1_MessageAttributeValue, MessageAttributeValue__Output as _millrace_v1_MessageAttributeValue__Output } from '../../millrace/v1/MessageAttributeValue.js';

/**
 * SendMessageRequest is the input of SendMessage.
 */
export interface SendMessageRequest {
  /**
   * The queue to send to.
   */
  'queueName'?: (string);
  /**
   * The message body: 1 character up to the queue's MaximumMessageSize in UTF-8 bytes, limited to the
   * characters SQS allows (#x9 | #xA | #xD | #x20 to #xD7FF | #xE000 to #xFFFD | #x10000 to #x10FFFF).
   */
  'messageBody'?: (string);
  /**
   * Delays the message by 0..900 seconds, overriding the queue's DelaySeconds. Unset uses the queue's
   * setting. Not allowed on FIFO queues, which only have the queue-level delay.
   */
  'delaySeconds'?: (number);
  /**
   * Up to 10 user-defined attributes, counted in the message size.
   */
  'messageAttributes'?: ({[key: string]: _millrace_v1_MessageAttributeValue});
  /**
   * System attributes set by the sender; only "AWSTraceHeader" (a String) is accepted.
   */
  'messageSystemAttributes'?: ({[key: string]: _millrace_v1_MessageAttributeValue});
  /**
   * FIFO only: the deduplication id (1..128 characters); required unless the queue has
   * ContentBasedDeduplication, which uses the SHA-256 of the body instead.
   */
  'messageDeduplicationId'?: (string);
  /**
   * FIFO only, required there: the message group (1..128 characters) whose messages keep their order.
   */
  'messageGroupId'?: (string);
  '_delaySeconds'?: "delaySeconds";
}

/**
 * SendMessageRequest is the input of SendMessage.
 */
export interface SendMessageRequest__Output {
  /**
   * The queue to send to.
   */
  'queueName': (string);
  /**
   * The message body: 1 character up to the queue's MaximumMessageSize in UTF-8 bytes, limited to the
   * characters SQS allows (#x9 | #xA | #xD | #x20 to #xD7FF | #xE000 to #xFFFD | #x10000 to #x10FFFF).
   */
  'messageBody': (string);
  /**
   * Delays the message by 0..900 seconds, overriding the queue's DelaySeconds. Unset uses the queue's
   * setting. Not allowed on FIFO queues, which only have the queue-level delay.
   */
  'delaySeconds'?: (number);
  /**
   * Up to 10 user-defined attributes, counted in the message size.
   */
  'messageAttributes': ({[key: string]: _millrace_v1_MessageAttributeValue__Output});
  /**
   * System attributes set by the sender; only "AWSTraceHeader" (a String) is accepted.
   */
  'messageSystemAttributes': ({[key: string]: _millrace_v1_MessageAttributeValue__Output});
  /**
   * FIFO only: the deduplication id (1..128 characters); required unless the queue has
   * ContentBasedDeduplication, which uses the SHA-256 of the body instead.
   */
  'messageDeduplicationId': (string);
  /**
   * FIFO only, required there: the message group (1..128 characters) whose messages keep their order.
   */
  'messageGroupId': (string);
  '_delaySeconds'?: "delaySeconds";
}

// Original file: proto/millrace/v1/queue.proto

import type { MessageAttributeValue as _millrace_v1_MessageAttributeValue, MessageAttributeValue__Output as _millrace_v1_MessageAttributeValue__Output } from '../../millrace/v1/MessageAttributeValue.js';

/**
 * SendMessageBatchRequestEntry is one message of a SendMessageBatch call.
 */
export interface SendMessageBatchRequestEntry {
  /**
   * The caller's id for this entry, unique within the batch (1..80 characters of [A-Za-z0-9_-]); the
   * results refer to it.
   */
  'id'?: (string);
  /**
   * As SendMessageRequest.message_body.
   */
  'messageBody'?: (string);
  /**
   * As SendMessageRequest.delay_seconds.
   */
  'delaySeconds'?: (number);
  /**
   * As SendMessageRequest.message_attributes.
   */
  'messageAttributes'?: ({[key: string]: _millrace_v1_MessageAttributeValue});
  /**
   * As SendMessageRequest.message_system_attributes.
   */
  'messageSystemAttributes'?: ({[key: string]: _millrace_v1_MessageAttributeValue});
  /**
   * As SendMessageRequest.message_deduplication_id.
   */
  'messageDeduplicationId'?: (string);
  /**
   * As SendMessageRequest.message_group_id.
   */
  'messageGroupId'?: (string);
  '_delaySeconds'?: "delaySeconds";
}

/**
 * SendMessageBatchRequestEntry is one message of a SendMessageBatch call.
 */
export interface SendMessageBatchRequestEntry__Output {
  /**
   * The caller's id for this entry, unique within the batch (1..80 characters of [A-Za-z0-9_-]); the
   * results refer to it.
   */
  'id': (string);
  /**
   * As SendMessageRequest.message_body.
   */
  'messageBody': (string);
  /**
   * As SendMessageRequest.delay_seconds.
   */
  'delaySeconds'?: (number);
  /**
   * As SendMessageRequest.message_attributes.
   */
  'messageAttributes': ({[key: string]: _millrace_v1_MessageAttributeValue__Output});
  /**
   * As SendMessageRequest.message_system_attributes.
   */
  'messageSystemAttributes': ({[key: string]: _millrace_v1_MessageAttributeValue__Output});
  /**
   * As SendMessageRequest.message_deduplication_id.
   */
  'messageDeduplicationId': (string);
  /**
   * As SendMessageRequest.message_group_id.
   */
  'messageGroupId': (string);
  '_delaySeconds'?: "delaySeconds";
}

// Original file: proto/millrace/v1/topic.proto

import type { MessageAttributeValue as _millrace_v1_MessageAttributeValue, MessageAttributeValue__Output as _millrace_v1_MessageAttributeValue__Output } from '../../millrace/v1/MessageAttributeValue.js';

/**
 * PublishBatchRequestEntry is one message of a PublishBatch call.
 */
export interface PublishBatchRequestEntry {
  /**
   * The caller's id for this entry, unique within the batch (1..80 characters of [A-Za-z0-9_-]).
   */
  'id'?: (string);
  /**
   * As PublishRequest.message.
   */
  'message'?: (string);
  /**
   * As PublishRequest.subject.
   */
  'subject'?: (string);
  /**
   * As PublishRequest.message_structure.
   */
  'messageStructure'?: (string);
  /**
   * As PublishRequest.message_attributes.
   */
  'messageAttributes'?: ({[key: string]: _millrace_v1_MessageAttributeValue});
  /**
   * As PublishRequest.message_group_id.
   */
  'messageGroupId'?: (string);
  /**
   * As PublishRequest.message_deduplication_id.
   */
  'messageDeduplicationId'?: (string);
}

/**
 * PublishBatchRequestEntry is one message of a PublishBatch call.
 */
export interface PublishBatchRequestEntry__Output {
  /**
   * The caller's id for this entry, unique within the batch (1..80 characters of [A-Za-z0-9_-]).
   */
  'id': (string);
  /**
   * As PublishRequest.message.
   */
  'message': (string);
  /**
   * As PublishRequest.subject.
   */
  'subject': (string);
  /**
   * As PublishRequest.message_structure.
   */
  'messageStructure': (string);
  /**
   * As PublishRequest.message_attributes.
   */
  'messageAttributes': ({[key: string]: _millrace_v1_MessageAttributeValue__Output});
  /**
   * As PublishRequest.message_group_id.
   */
  'messageGroupId': (string);
  /**
   * As PublishRequest.message_deduplication_id.
   */
  'messageDeduplicationId': (string);
}

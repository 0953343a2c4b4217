// Original file: proto/millrace/v1/topic.proto

import type { MessageAttributeValue as _millrace_v1_MessageAttributeValue, MessageAttributeValue__Output as _millrace_v1_MessageAttributeValue__Output } from '../../millrace/v1/MessageAttributeValue.js';

/**
 * PublishRequest is the input of Publish.
 */
export interface PublishRequest {
  /**
   * The topic to publish to.
   */
  'topicName'?: (string);
  /**
   * The message, up to the topic's MaximumMessageSize in UTF-8 bytes (256 KiB by default). With
   * message_structure "json", a JSON object holding a "default" body and optional per-protocol bodies
   * ("queue", "http", "https", "grpc", "stream").
   */
  'message'?: (string);
  /**
   * The subject for HTTP(S) notification envelopes: up to 100 printable ASCII characters; optional.
   */
  'subject'?: (string);
  /**
   * Empty for one body for every protocol, or "json" for per-protocol bodies in `message`.
   */
  'messageStructure'?: (string);
  /**
   * Up to 10 user-defined attributes, which filter policies on MessageAttributes match against.
   */
  'messageAttributes'?: ({[key: string]: _millrace_v1_MessageAttributeValue});
  /**
   * FIFO topics only, required there: the message group whose messages keep their order.
   */
  'messageGroupId'?: (string);
  /**
   * FIFO topics only: the deduplication id; required unless the topic has ContentBasedDeduplication.
   */
  'messageDeduplicationId'?: (string);
}

/**
 * PublishRequest is the input of Publish.
 */
export interface PublishRequest__Output {
  /**
   * The topic to publish to.
   */
  'topicName': (string);
  /**
   * The message, up to the topic's MaximumMessageSize in UTF-8 bytes (256 KiB by default). With
   * message_structure "json", a JSON object holding a "default" body and optional per-protocol bodies
   * ("queue", "http", "https", "grpc", "stream").
   */
  'message': (string);
  /**
   * The subject for HTTP(S) notification envelopes: up to 100 printable ASCII characters; optional.
   */
  'subject': (string);
  /**
   * Empty for one body for every protocol, or "json" for per-protocol bodies in `message`.
   */
  'messageStructure': (string);
  /**
   * Up to 10 user-defined attributes, which filter policies on MessageAttributes match against.
   */
  'messageAttributes': ({[key: string]: _millrace_v1_MessageAttributeValue__Output});
  /**
   * FIFO topics only, required there: the message group whose messages keep their order.
   */
  'messageGroupId': (string);
  /**
   * FIFO topics only: the deduplication id; required unless the topic has ContentBasedDeduplication.
   */
  'messageDeduplicationId': (string);
}

// Original file: proto/millrace/v1/topic.proto

import type { PageRequest as _millrace_v1_PageRequest, PageRequest__Output as _millrace_v1_PageRequest__Output } from '../../millrace/v1/PageRequest.js';

/**
 * ListSubscriptionsByTopicRequest is the input of ListSubscriptionsByTopic.
 */
export interface ListSubscriptionsByTopicRequest {
  /**
   * The topic whose subscriptions to list.
   */
  'topicName'?: (string);
  /**
   * Which page to return; at most 100 subscriptions per page, 100 by default.
   */
  'page'?: (_millrace_v1_PageRequest | null);
}

/**
 * ListSubscriptionsByTopicRequest is the input of ListSubscriptionsByTopic.
 */
export interface ListSubscriptionsByTopicRequest__Output {
  /**
   * The topic whose subscriptions to list.
   */
  'topicName': (string);
  /**
   * Which page to return; at most 100 subscriptions per page, 100 by default.
   */
  'page': (_millrace_v1_PageRequest__Output | null);
}

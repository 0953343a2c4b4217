// Original file: proto/millrace/v1/topic.proto

import type { PageRequest as _millrace_v1_PageRequest, PageRequest__Output as _millrace_v1_PageRequest__Output } from '../../millrace/v1/PageRequest.js';

/**
 * ListSubscriptionsRequest is the input of ListSubscriptions.
 */
export interface ListSubscriptionsRequest {
  /**
   * Which page to return; at most 100 subscriptions per page, 100 by default.
   */
  'page'?: (_millrace_v1_PageRequest | null);
}

/**
 * ListSubscriptionsRequest is the input of ListSubscriptions.
 */
export interface ListSubscriptionsRequest__Output {
  /**
   * Which page to return; at most 100 subscriptions per page, 100 by default.
   */
  'page': (_millrace_v1_PageRequest__Output | null);
}

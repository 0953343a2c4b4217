// Original file: proto/millrace/v1/topic.proto

import type { Subscription as _millrace_v1_Subscription, Subscription__Output as _millrace_v1_Subscription__Output } from '../../millrace/v1/Subscription.js';
import type { PageResponse as _millrace_v1_PageResponse, PageResponse__Output as _millrace_v1_PageResponse__Output } from '../../millrace/v1/PageResponse.js';

/**
 * ListSubscriptionsResponse is the output of ListSubscriptions.
 */
export interface ListSubscriptionsResponse {
  /**
   * The subscriptions on this page.
   */
  'subscriptions'?: (_millrace_v1_Subscription)[];
  /**
   * How to get the next page.
   */
  'page'?: (_millrace_v1_PageResponse | null);
}

/**
 * ListSubscriptionsResponse is the output of ListSubscriptions.
 */
export interface ListSubscriptionsResponse__Output {
  /**
   * The subscriptions on this page.
   */
  'subscriptions': (_millrace_v1_Subscription__Output)[];
  /**
   * How to get the next page.
   */
  'page': (_millrace_v1_PageResponse__Output | null);
}

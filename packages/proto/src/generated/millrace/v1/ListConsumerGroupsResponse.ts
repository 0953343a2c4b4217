// Original file: proto/millrace/v1/stream.proto

import type { ConsumerGroup as _millrace_v1_ConsumerGroup, ConsumerGroup__Output as _millrace_v1_ConsumerGroup__Output } from '../../millrace/v1/ConsumerGroup.js';
import type { PageResponse as _millrace_v1_PageResponse, PageResponse__Output as _millrace_v1_PageResponse__Output } from '../../millrace/v1/PageResponse.js';

/**
 * ListConsumerGroupsResponse is the output of ListConsumerGroups.
 */
export interface ListConsumerGroupsResponse {
  /**
   * The groups on this page, in name order.
   */
  'groups'?: (_millrace_v1_ConsumerGroup)[];
  /**
   * How to get the next page.
   */
  'page'?: (_millrace_v1_PageResponse | null);
}

/**
 * ListConsumerGroupsResponse is the output of ListConsumerGroups.
 */
export interface ListConsumerGroupsResponse__Output {
  /**
   * The groups on this page, in name order.
   */
  'groups': (_millrace_v1_ConsumerGroup__Output)[];
  /**
   * How to get the next page.
   */
  'page': (_millrace_v1_PageResponse__Output | null);
}

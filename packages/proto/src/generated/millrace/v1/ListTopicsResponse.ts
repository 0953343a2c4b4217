// Original file: proto/millrace/v1/topic.proto

import type { Topic as _millrace_v1_Topic, Topic__Output as _millrace_v1_Topic__Output } from '../../millrace/v1/Topic.js';
import type { PageResponse as _millrace_v1_PageResponse, PageResponse__Output as _millrace_v1_PageResponse__Output } from '../../millrace/v1/PageResponse.js';

/**
 * ListTopicsResponse is the output of ListTopics.
 */
export interface ListTopicsResponse {
  /**
   * The topics on this page, in name order.
   */
  'topics'?: (_millrace_v1_Topic)[];
  /**
   * How to get the next page.
   */
  'page'?: (_millrace_v1_PageResponse | null);
}

/**
 * ListTopicsResponse is the output of ListTopics.
 */
export interface ListTopicsResponse__Output {
  /**
   * The topics on this page, in name order.
   */
  'topics': (_millrace_v1_Topic__Output)[];
  /**
   * How to get the next page.
   */
  'page': (_millrace_v1_PageResponse__Output | null);
}

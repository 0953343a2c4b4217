// Original file: proto/millrace/v1/stream.proto

import type { PageRequest as _millrace_v1_PageRequest, PageRequest__Output as _millrace_v1_PageRequest__Output } from '../../millrace/v1/PageRequest.js';

/**
 * ListConsumerGroupsRequest is the input of ListConsumerGroups.
 */
export interface ListConsumerGroupsRequest {
  /**
   * The stream.
   */
  'streamName'?: (string);
  /**
   * Which page to return; at most 100 groups per page, 100 by default.
   */
  'page'?: (_millrace_v1_PageRequest | null);
}

/**
 * ListConsumerGroupsRequest is the input of ListConsumerGroups.
 */
export interface ListConsumerGroupsRequest__Output {
  /**
   * The stream.
   */
  'streamName': (string);
  /**
   * Which page to return; at most 100 groups per page, 100 by default.
   */
  'page': (_millrace_v1_PageRequest__Output | null);
}

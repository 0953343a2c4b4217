// Original file: proto/millrace/v1/topic.proto

import type { PageRequest as _millrace_v1_PageRequest, PageRequest__Output as _millrace_v1_PageRequest__Output } from '../../millrace/v1/PageRequest.js';

/**
 * ListTopicsRequest is the input of ListTopics.
 */
export interface ListTopicsRequest {
  /**
   * Which page to return; at most 100 topics per page, 100 by default.
   */
  'page'?: (_millrace_v1_PageRequest | null);
}

/**
 * ListTopicsRequest is the input of ListTopics.
 */
export interface ListTopicsRequest__Output {
  /**
   * Which page to return; at most 100 topics per page, 100 by default.
   */
  'page': (_millrace_v1_PageRequest__Output | null);
}

// Original file: proto/millrace/v1/stream.proto

import type { PageRequest as _millrace_v1_PageRequest, PageRequest__Output as _millrace_v1_PageRequest__Output } from '../../millrace/v1/PageRequest.js';

/**
 * ListStreamsRequest is the input of ListStreams.
 */
export interface ListStreamsRequest {
  /**
   * Which page to return; at most 100 streams per page, 100 by default.
   */
  'page'?: (_millrace_v1_PageRequest | null);
}

/**
 * ListStreamsRequest is the input of ListStreams.
 */
export interface ListStreamsRequest__Output {
  /**
   * Which page to return; at most 100 streams per page, 100 by default.
   */
  'page': (_millrace_v1_PageRequest__Output | null);
}

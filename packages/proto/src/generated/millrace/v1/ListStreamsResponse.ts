// Original file: proto/millrace/v1/stream.proto

import type { Stream as _millrace_v1_Stream, Stream__Output as _millrace_v1_Stream__Output } from '../../millrace/v1/Stream.js';
import type { PageResponse as _millrace_v1_PageResponse, PageResponse__Output as _millrace_v1_PageResponse__Output } from '../../millrace/v1/PageResponse.js';

/**
 * ListStreamsResponse is the output of ListStreams.
 */
export interface ListStreamsResponse {
  /**
   * The streams on this page, in name order.
   */
  'streams'?: (_millrace_v1_Stream)[];
  /**
   * How to get the next page.
   */
  'page'?: (_millrace_v1_PageResponse | null);
}

/**
 * ListStreamsResponse is the output of ListStreams.
 */
export interface ListStreamsResponse__Output {
  /**
   * The streams on this page, in name order.
   */
  'streams': (_millrace_v1_Stream__Output)[];
  /**
   * How to get the next page.
   */
  'page': (_millrace_v1_PageResponse__Output | null);
}

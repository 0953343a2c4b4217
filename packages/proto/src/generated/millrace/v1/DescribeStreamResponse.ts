// Original file: proto/millrace/v1/stream.proto

import type { Stream as _millrace_v1_Stream, Stream__Output as _millrace_v1_Stream__Output } from '../../millrace/v1/Stream.js';

/**
 * DescribeStreamResponse is the output of DescribeStream.
 */
export interface DescribeStreamResponse {
  /**
   * The stream.
   */
  'stream'?: (_millrace_v1_Stream | null);
}

/**
 * DescribeStreamResponse is the output of DescribeStream.
 */
export interface DescribeStreamResponse__Output {
  /**
   * The stream.
   */
  'stream': (_millrace_v1_Stream__Output | null);
}

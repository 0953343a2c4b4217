// Original file: proto/millrace/v1/stream.proto

import type { Stream as _millrace_v1_Stream, Stream__Output as _millrace_v1_Stream__Output } from '../../millrace/v1/Stream.js';

/**
 * CreateStreamResponse is the output of CreateStream.
 */
export interface CreateStreamResponse {
  /**
   * The new stream, usually still CREATING.
   */
  'stream'?: (_millrace_v1_Stream | null);
}

/**
 * CreateStreamResponse is the output of CreateStream.
 */
export interface CreateStreamResponse__Output {
  /**
   * The new stream, usually still CREATING.
   */
  'stream': (_millrace_v1_Stream__Output | null);
}

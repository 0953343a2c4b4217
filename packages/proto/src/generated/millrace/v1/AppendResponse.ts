// Original file: proto/millrace/v1/log.proto

import type { Long } from '@grpc/proto-loader';

export interface AppendResponse {
  /**
   * Sequence number of the first record appended; the others follow consecutively.
   */
  'firstSeq'?: (number | string | Long);
  /**
   * How many records were appended.
   */
  'count'?: (number);
}

export interface AppendResponse__Output {
  /**
   * Sequence number of the first record appended; the others follow consecutively.
   */
  'firstSeq': (string);
  /**
   * How many records were appended.
   */
  'count': (number);
}

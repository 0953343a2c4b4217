// Original file: proto/millrace/v1/log.proto

import type { Long } from '@grpc/proto-loader';

export interface TrimResponse {
  /**
   * The lowest sequence number still stored.
   */
  'firstSeq'?: (number | string | Long);
}

export interface TrimResponse__Output {
  /**
   * The lowest sequence number still stored.
   */
  'firstSeq': (string);
}

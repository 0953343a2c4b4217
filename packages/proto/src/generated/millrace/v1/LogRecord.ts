// Original file: proto/millrace/v1/log.proto

import type { Long } from '@grpc/proto-loader';

export interface LogRecord {
  /**
   * The record's sequence number.
   */
  'seq'?: (number | string | Long);
  /**
   * The record as appended.
   */
  'data'?: (Buffer | Uint8Array | string);
}

export interface LogRecord__Output {
  /**
   * The record's sequence number.
   */
  'seq': (string);
  /**
   * The record as appended.
   */
  'data': (Buffer);
}

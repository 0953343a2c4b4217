// Original file: proto/millrace/v1/log.proto

import type { LogRecord as _millrace_v1_LogRecord, LogRecord__Output as _millrace_v1_LogRecord__Output } from '../../millrace/v1/LogRecord.js';
import type { Long } from '@grpc/proto-loader';

export interface ReadResponse {
  /**
   * Records in sequence order.
   */
  'records'?: (_millrace_v1_LogRecord)[];
  /**
   * The sequence number the next appended record will get.
   */
  'nextSeq'?: (number | string | Long);
  /**
   * The lowest sequence number still stored.
   */
  'firstSeq'?: (number | string | Long);
}

export interface ReadResponse__Output {
  /**
   * Records in sequence order.
   */
  'records': (_millrace_v1_LogRecord__Output)[];
  /**
   * The sequence number the next appended record will get.
   */
  'nextSeq': (string);
  /**
   * The lowest sequence number still stored.
   */
  'firstSeq': (string);
}

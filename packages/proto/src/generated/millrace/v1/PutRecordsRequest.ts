// Original file: proto/millrace/v1/stream.proto

import type { PutRecordsRequestEntry as _millrace_v1_PutRecordsRequestEntry, PutRecordsRequestEntry__Output as _millrace_v1_PutRecordsRequestEntry__Output } from '../../millrace/v1/PutRecordsRequestEntry.js';

/**
 * PutRecordsRequest is the input of PutRecords.
 */
export interface PutRecordsRequest {
  /**
   * The stream to write to.
   */
  'streamName'?: (string);
  /**
   * 1..500 records, at most 5 MiB in total (data plus partition keys).
   */
  'records'?: (_millrace_v1_PutRecordsRequestEntry)[];
}

/**
 * PutRecordsRequest is the input of PutRecords.
 */
export interface PutRecordsRequest__Output {
  /**
   * The stream to write to.
   */
  'streamName': (string);
  /**
   * 1..500 records, at most 5 MiB in total (data plus partition keys).
   */
  'records': (_millrace_v1_PutRecordsRequestEntry__Output)[];
}

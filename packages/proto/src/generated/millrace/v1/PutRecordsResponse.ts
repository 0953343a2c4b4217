// Original file: proto/millrace/v1/stream.proto

import type { PutRecordsResultEntry as _millrace_v1_PutRecordsResultEntry, PutRecordsResultEntry__Output as _millrace_v1_PutRecordsResultEntry__Output } from '../../millrace/v1/PutRecordsResultEntry.js';

/**
 * PutRecordsResponse is the output of PutRecords.
 */
export interface PutRecordsResponse {
  /**
   * How many records failed.
   */
  'failedRecordCount'?: (number);
  /**
   * One result per request record, in request order.
   */
  'records'?: (_millrace_v1_PutRecordsResultEntry)[];
}

/**
 * PutRecordsResponse is the output of PutRecords.
 */
export interface PutRecordsResponse__Output {
  /**
   * How many records failed.
   */
  'failedRecordCount': (number);
  /**
   * One result per request record, in request order.
   */
  'records': (_millrace_v1_PutRecordsResultEntry__Output)[];
}

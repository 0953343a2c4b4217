// Original file: proto/millrace/v1/stream.proto


/**
 * PutRecordsResultEntry is the result of one record of a PutRecords call: a sequence number on success,
 * an error code on failure.
 */
export interface PutRecordsResultEntry {
  /**
   * The shard the record was written to; empty on failure.
   */
  'shardId'?: (string);
  /**
   * The record's sequence number; empty on failure.
   */
  'sequenceNumber'?: (string);
  /**
   * The Millrace error code on failure (see ErrorDetails.code); empty on success.
   */
  'errorCode'?: (string);
  /**
   * A human-readable explanation on failure; empty on success.
   */
  'errorMessage'?: (string);
}

/**
 * PutRecordsResultEntry is the result of one record of a PutRecords call: a sequence number on success,
 * an error code on failure.
 */
export interface PutRecordsResultEntry__Output {
  /**
   * The shard the record was written to; empty on failure.
   */
  'shardId': (string);
  /**
   * The record's sequence number; empty on failure.
   */
  'sequenceNumber': (string);
  /**
   * The Millrace error code on failure (see ErrorDetails.code); empty on success.
   */
  'errorCode': (string);
  /**
   * A human-readable explanation on failure; empty on success.
   */
  'errorMessage': (string);
}

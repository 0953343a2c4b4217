// Original file: proto/millrace/v1/stream.proto


/**
 * PutRecordResponse is the output of PutRecord.
 */
export interface PutRecordResponse {
  /**
   * The shard the record was written to.
   */
  'shardId'?: (string);
  /**
   * The record's sequence number, strictly greater than any earlier one in its shard.
   */
  'sequenceNumber'?: (string);
}

/**
 * PutRecordResponse is the output of PutRecord.
 */
export interface PutRecordResponse__Output {
  /**
   * The shard the record was written to.
   */
  'shardId': (string);
  /**
   * The record's sequence number, strictly greater than any earlier one in its shard.
   */
  'sequenceNumber': (string);
}

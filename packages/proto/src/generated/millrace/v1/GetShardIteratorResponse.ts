// Original file: proto/millrace/v1/stream.proto


/**
 * GetShardIteratorResponse is the output of GetShardIterator.
 */
export interface GetShardIteratorResponse {
  /**
   * An opaque iterator for GetRecords, valid for 5 minutes.
   */
  'shardIterator'?: (string);
}

/**
 * GetShardIteratorResponse is the output of GetShardIterator.
 */
export interface GetShardIteratorResponse__Output {
  /**
   * An opaque iterator for GetRecords, valid for 5 minutes.
   */
  'shardIterator': (string);
}

// Original file: proto/millrace/v1/stream.proto


/**
 * GetRecordsRequest is the input of GetRecords.
 */
export interface GetRecordsRequest {
  /**
   * An iterator from GetShardIterator or a previous GetRecords.
   */
  'shardIterator'?: (string);
  /**
   * How many records to return at most: 1..10000; 0 means 10000. At most 10 MiB are returned either way.
   */
  'limit'?: (number);
}

/**
 * GetRecordsRequest is the input of GetRecords.
 */
export interface GetRecordsRequest__Output {
  /**
   * An iterator from GetShardIterator or a previous GetRecords.
   */
  'shardIterator': (string);
  /**
   * How many records to return at most: 1..10000; 0 means 10000. At most 10 MiB are returned either way.
   */
  'limit': (number);
}

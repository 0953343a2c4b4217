// Original file: proto/millrace/v1/stream.proto


/**
 * CreateStreamRequest is the input of CreateStream.
 */
export interface CreateStreamRequest {
  /**
   * The new stream's name.
   */
  'streamName'?: (string);
  /**
   * How many shards to start with: 1..500 by default.
   */
  'shardCount'?: (number);
  /**
   * How long to keep records, 24..8760 hours; 0 means 24.
   */
  'retentionPeriodHours'?: (number);
  /**
   * The largest record data to accept, 1 KiB..10 MiB; 0 means 1 MiB.
   */
  'maxRecordSizeBytes'?: (number);
  /**
   * Tags to put on the new stream (see common.proto for the limits).
   */
  'tags'?: ({[key: string]: string});
}

/**
 * CreateStreamRequest is the input of CreateStream.
 */
export interface CreateStreamRequest__Output {
  /**
   * The new stream's name.
   */
  'streamName': (string);
  /**
   * How many shards to start with: 1..500 by default.
   */
  'shardCount': (number);
  /**
   * How long to keep records, 24..8760 hours; 0 means 24.
   */
  'retentionPeriodHours': (number);
  /**
   * The largest record data to accept, 1 KiB..10 MiB; 0 means 1 MiB.
   */
  'maxRecordSizeBytes': (number);
  /**
   * Tags to put on the new stream (see common.proto for the limits).
   */
  'tags': ({[key: string]: string});
}

// Original file: proto/millrace/v1/stream.proto


/**
 * PutRecordsRequestEntry is one record of a PutRecords call.
 */
export interface PutRecordsRequestEntry {
  /**
   * As PutRecordRequest.data.
   */
  'data'?: (Buffer | Uint8Array | string);
  /**
   * As PutRecordRequest.partition_key.
   */
  'partitionKey'?: (string);
  /**
   * As PutRecordRequest.explicit_hash_key.
   */
  'explicitHashKey'?: (string);
}

/**
 * PutRecordsRequestEntry is one record of a PutRecords call.
 */
export interface PutRecordsRequestEntry__Output {
  /**
   * As PutRecordRequest.data.
   */
  'data': (Buffer);
  /**
   * As PutRecordRequest.partition_key.
   */
  'partitionKey': (string);
  /**
   * As PutRecordRequest.explicit_hash_key.
   */
  'explicitHashKey': (string);
}

// Original file: proto/millrace/v1/stream.proto


/**
 * PutRecordRequest is the input of PutRecord.
 */
export interface PutRecordRequest {
  /**
   * The stream to write to.
   */
  'streamName'?: (string);
  /**
   * The record's data, up to the stream's max_record_size_bytes.
   */
  'data'?: (Buffer | Uint8Array | string);
  /**
   * 1..256 Unicode characters; its MD5 picks the shard unless explicit_hash_key is set. Returned with
   * the record.
   */
  'partitionKey'?: (string);
  /**
   * A decimal hash key in [0, 2^128) that picks the shard instead of the partition key's MD5.
   */
  'explicitHashKey'?: (string);
  /**
   * The sequence number of this producer's previous record for the same partition key: the new record
   * gets a greater one. Empty imposes no order beyond the shard's own.
   */
  'sequenceNumberForOrdering'?: (string);
}

/**
 * PutRecordRequest is the input of PutRecord.
 */
export interface PutRecordRequest__Output {
  /**
   * The stream to write to.
   */
  'streamName': (string);
  /**
   * The record's data, up to the stream's max_record_size_bytes.
   */
  'data': (Buffer);
  /**
   * 1..256 Unicode characters; its MD5 picks the shard unless explicit_hash_key is set. Returned with
   * the record.
   */
  'partitionKey': (string);
  /**
   * A decimal hash key in [0, 2^128) that picks the shard instead of the partition key's MD5.
   */
  'explicitHashKey': (string);
  /**
   * The sequence number of this producer's previous record for the same partition key: the new record
   * gets a greater one. Empty imposes no order beyond the shard's own.
   */
  'sequenceNumberForOrdering': (string);
}

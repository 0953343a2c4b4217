// Original file: proto/millrace/v1/stream.proto

import type { Long } from '@grpc/proto-loader';

/**
 * Record is one record of a stream.
 */
export interface Record {
  /**
   * The record's sequence number within its shard.
   */
  'sequenceNumber'?: (string);
  /**
   * When the shard accepted the record, in milliseconds since the Unix epoch.
   */
  'approximateArrivalTimestampMs'?: (number | string | Long);
  /**
   * The record's data.
   */
  'data'?: (Buffer | Uint8Array | string);
  /**
   * The partition key it was written with.
   */
  'partitionKey'?: (string);
}

/**
 * Record is one record of a stream.
 */
export interface Record__Output {
  /**
   * The record's sequence number within its shard.
   */
  'sequenceNumber': (string);
  /**
   * When the shard accepted the record, in milliseconds since the Unix epoch.
   */
  'approximateArrivalTimestampMs': (string);
  /**
   * The record's data.
   */
  'data': (Buffer);
  /**
   * The partition key it was written with.
   */
  'partitionKey': (string);
}

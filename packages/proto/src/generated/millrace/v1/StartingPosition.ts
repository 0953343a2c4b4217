// Original file: proto/millrace/v1/stream.proto

import type { ShardIteratorType as _millrace_v1_ShardIteratorType, ShardIteratorType__Output as _millrace_v1_ShardIteratorType__Output } from '../../millrace/v1/ShardIteratorType.js';
import type { Long } from '@grpc/proto-loader';

/**
 * StartingPosition is a position to start reading a shard from.
 */
export interface StartingPosition {
  /**
   * Which kind of position.
   */
  'type'?: (_millrace_v1_ShardIteratorType);
  /**
   * For AT_SEQUENCE_NUMBER and AFTER_SEQUENCE_NUMBER: the sequence number.
   */
  'sequenceNumber'?: (string);
  /**
   * For AT_TIMESTAMP: the arrival time, in milliseconds since the Unix epoch.
   */
  'timestampMs'?: (number | string | Long);
}

/**
 * StartingPosition is a position to start reading a shard from.
 */
export interface StartingPosition__Output {
  /**
   * Which kind of position.
   */
  'type': (_millrace_v1_ShardIteratorType__Output);
  /**
   * For AT_SEQUENCE_NUMBER and AFTER_SEQUENCE_NUMBER: the sequence number.
   */
  'sequenceNumber': (string);
  /**
   * For AT_TIMESTAMP: the arrival time, in milliseconds since the Unix epoch.
   */
  'timestampMs': (string);
}

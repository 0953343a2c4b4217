// Original file: proto/millrace/v1/stream.proto

import type { StreamStatus as _millrace_v1_StreamStatus, StreamStatus__Output as _millrace_v1_StreamStatus__Output } from '../../millrace/v1/StreamStatus.js';
import type { Long } from '@grpc/proto-loader';

/**
 * Stream summarizes one stream.
 */
export interface Stream {
  /**
   * The stream's name: 1..128 characters of [A-Za-z0-9_.-].
   */
  'name'?: (string);
  /**
   * The stream's ARN.
   */
  'arn'?: (string);
  /**
   * Where the stream is in its life.
   */
  'status'?: (_millrace_v1_StreamStatus);
  /**
   * How long records are kept, in hours (24..8760).
   */
  'retentionPeriodHours'?: (number);
  /**
   * How many shards are open.
   */
  'openShardCount'?: (number);
  /**
   * How many consumer groups the stream has.
   */
  'consumerGroupCount'?: (number);
  /**
   * The largest record data the stream accepts, in bytes (1 MiB by default, up to 10 MiB).
   */
  'maxRecordSizeBytes'?: (number);
  /**
   * When the stream was created, in milliseconds since the Unix epoch.
   */
  'createdTimestampMs'?: (number | string | Long);
}

/**
 * Stream summarizes one stream.
 */
export interface Stream__Output {
  /**
   * The stream's name: 1..128 characters of [A-Za-z0-9_.-].
   */
  'name': (string);
  /**
   * The stream's ARN.
   */
  'arn': (string);
  /**
   * Where the stream is in its life.
   */
  'status': (_millrace_v1_StreamStatus__Output);
  /**
   * How long records are kept, in hours (24..8760).
   */
  'retentionPeriodHours': (number);
  /**
   * How many shards are open.
   */
  'openShardCount': (number);
  /**
   * How many consumer groups the stream has.
   */
  'consumerGroupCount': (number);
  /**
   * The largest record data the stream accepts, in bytes (1 MiB by default, up to 10 MiB).
   */
  'maxRecordSizeBytes': (number);
  /**
   * When the stream was created, in milliseconds since the Unix epoch.
   */
  'createdTimestampMs': (string);
}

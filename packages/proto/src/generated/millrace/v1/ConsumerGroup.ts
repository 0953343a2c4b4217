// Original file: proto/millrace/v1/stream.proto

import type { StartingPosition as _millrace_v1_StartingPosition, StartingPosition__Output as _millrace_v1_StartingPosition__Output } from '../../millrace/v1/StartingPosition.js';
import type { Long } from '@grpc/proto-loader';

/**
 * ConsumerGroup describes one consumer group.
 */
export interface ConsumerGroup {
  /**
   * The group's name: 1..128 characters of [A-Za-z0-9_.-], unique within its stream.
   */
  'groupName'?: (string);
  /**
   * Where workers start on a shard that has no checkpoint yet (TRIM_HORIZON, LATEST or AT_TIMESTAMP).
   */
  'initialPosition'?: (_millrace_v1_StartingPosition | null);
  /**
   * How long a lease lasts without a heartbeat, in milliseconds.
   */
  'leaseDurationMs'?: (number);
  /**
   * How many workers sent a heartbeat within the last lease duration.
   */
  'activeWorkerCount'?: (number);
  /**
   * When the group was created, in milliseconds since the Unix epoch.
   */
  'createdTimestampMs'?: (number | string | Long);
}

/**
 * ConsumerGroup describes one consumer group.
 */
export interface ConsumerGroup__Output {
  /**
   * The group's name: 1..128 characters of [A-Za-z0-9_.-], unique within its stream.
   */
  'groupName': (string);
  /**
   * Where workers start on a shard that has no checkpoint yet (TRIM_HORIZON, LATEST or AT_TIMESTAMP).
   */
  'initialPosition': (_millrace_v1_StartingPosition__Output | null);
  /**
   * How long a lease lasts without a heartbeat, in milliseconds.
   */
  'leaseDurationMs': (number);
  /**
   * How many workers sent a heartbeat within the last lease duration.
   */
  'activeWorkerCount': (number);
  /**
   * When the group was created, in milliseconds since the Unix epoch.
   */
  'createdTimestampMs': (string);
}

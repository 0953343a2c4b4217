// Original file: proto/millrace/v1/stream.proto

import type { StartingPosition as _millrace_v1_StartingPosition, StartingPosition__Output as _millrace_v1_StartingPosition__Output } from '../../millrace/v1/StartingPosition.js';

/**
 * CreateConsumerGroupRequest is the input of CreateConsumerGroup.
 */
export interface CreateConsumerGroupRequest {
  /**
   * The stream.
   */
  'streamName'?: (string);
  /**
   * The new group's name.
   */
  'groupName'?: (string);
  /**
   * Where to start on shards without a checkpoint; unset means TRIM_HORIZON.
   */
  'initialPosition'?: (_millrace_v1_StartingPosition | null);
  /**
   * How long a lease lasts without a heartbeat, 3000..600000 ms; 0 means 10000.
   */
  'leaseDurationMs'?: (number);
}

/**
 * CreateConsumerGroupRequest is the input of CreateConsumerGroup.
 */
export interface CreateConsumerGroupRequest__Output {
  /**
   * The stream.
   */
  'streamName': (string);
  /**
   * The new group's name.
   */
  'groupName': (string);
  /**
   * Where to start on shards without a checkpoint; unset means TRIM_HORIZON.
   */
  'initialPosition': (_millrace_v1_StartingPosition__Output | null);
  /**
   * How long a lease lasts without a heartbeat, 3000..600000 ms; 0 means 10000.
   */
  'leaseDurationMs': (number);
}

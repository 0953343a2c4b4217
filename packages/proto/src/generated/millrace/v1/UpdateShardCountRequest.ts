// Original file: proto/millrace/v1/stream.proto

import type { ScalingType as _millrace_v1_ScalingType, ScalingType__Output as _millrace_v1_ScalingType__Output } from '../../millrace/v1/ScalingType.js';

/**
 * UpdateShardCountRequest is the input of UpdateShardCount.
 */
export interface UpdateShardCountRequest {
  /**
   * The stream.
   */
  'streamName'?: (string);
  /**
   * The number of open shards to end with: between half and double the current count.
   */
  'targetShardCount'?: (number);
  /**
   * How to reshape.
   */
  'scalingType'?: (_millrace_v1_ScalingType);
}

/**
 * UpdateShardCountRequest is the input of UpdateShardCount.
 */
export interface UpdateShardCountRequest__Output {
  /**
   * The stream.
   */
  'streamName': (string);
  /**
   * The number of open shards to end with: between half and double the current count.
   */
  'targetShardCount': (number);
  /**
   * How to reshape.
   */
  'scalingType': (_millrace_v1_ScalingType__Output);
}

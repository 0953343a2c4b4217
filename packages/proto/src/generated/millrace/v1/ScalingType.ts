// Original file: proto/millrace/v1/stream.proto

/**
 * ScalingType is how UpdateShardCount reshapes a stream.
 */
export const ScalingType = {
  /**
   * Rejected with INVALID_ARGUMENT.
   */
  SCALING_TYPE_UNSPECIFIED: 'SCALING_TYPE_UNSPECIFIED',
  /**
   * Ends with open shards of equal hash key range sizes.
   */
  SCALING_TYPE_UNIFORM: 'SCALING_TYPE_UNIFORM',
} as const;

/**
 * ScalingType is how UpdateShardCount reshapes a stream.
 */
export type ScalingType =
  /**
   * Rejected with INVALID_ARGUMENT.
   */
  | 'SCALING_TYPE_UNSPECIFIED'
  | 0
  /**
   * Ends with open shards of equal hash key range sizes.
   */
  | 'SCALING_TYPE_UNIFORM'
  | 1

/**
 * ScalingType is how UpdateShardCount reshapes a stream.
 */
export type ScalingType__Output = typeof ScalingType[keyof typeof ScalingType]

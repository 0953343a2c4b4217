// Original file: proto/millrace/v1/stream.proto


/**
 * HashKeyRange is a contiguous, inclusive range of the 128-bit hash key space.
 */
export interface HashKeyRange {
  /**
   * The lowest hash key in the range, a decimal string.
   */
  'startingHashKey'?: (string);
  /**
   * The highest hash key in the range, a decimal string.
   */
  'endingHashKey'?: (string);
}

/**
 * HashKeyRange is a contiguous, inclusive range of the 128-bit hash key space.
 */
export interface HashKeyRange__Output {
  /**
   * The lowest hash key in the range, a decimal string.
   */
  'startingHashKey': (string);
  /**
   * The highest hash key in the range, a decimal string.
   */
  'endingHashKey': (string);
}

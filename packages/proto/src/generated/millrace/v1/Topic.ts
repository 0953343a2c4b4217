// Original file: proto/millrace/v1/topic.proto


/**
 * Topic identifies one topic in list results.
 */
export interface Topic {
  /**
   * The topic's name: 1..256 characters of [A-Za-z0-9_-], ending in ".fifo" for a FIFO topic.
   */
  'name'?: (string);
  /**
   * The topic's ARN.
   */
  'arn'?: (string);
}

/**
 * Topic identifies one topic in list results.
 */
export interface Topic__Output {
  /**
   * The topic's name: 1..256 characters of [A-Za-z0-9_-], ending in ".fifo" for a FIFO topic.
   */
  'name': (string);
  /**
   * The topic's ARN.
   */
  'arn': (string);
}

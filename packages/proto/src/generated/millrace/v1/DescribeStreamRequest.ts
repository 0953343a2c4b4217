// Original file: proto/millrace/v1/stream.proto


/**
 * DescribeStreamRequest is the input of DescribeStream.
 */
export interface DescribeStreamRequest {
  /**
   * The stream to describe.
   */
  'streamName'?: (string);
}

/**
 * DescribeStreamRequest is the input of DescribeStream.
 */
export interface DescribeStreamRequest__Output {
  /**
   * The stream to describe.
   */
  'streamName': (string);
}

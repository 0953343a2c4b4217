// Original file: proto/millrace/v1/stream.proto


/**
 * DeleteStreamRequest is the input of DeleteStream.
 */
export interface DeleteStreamRequest {
  /**
   * The stream to delete.
   */
  'streamName'?: (string);
  /**
   * Delete the stream's consumer groups too; without it, a stream that has any fails with
   * FAILED_PRECONDITION.
   */
  'enforceConsumerDeletion'?: (boolean);
}

/**
 * DeleteStreamRequest is the input of DeleteStream.
 */
export interface DeleteStreamRequest__Output {
  /**
   * The stream to delete.
   */
  'streamName': (string);
  /**
   * Delete the stream's consumer groups too; without it, a stream that has any fails with
   * FAILED_PRECONDITION.
   */
  'enforceConsumerDeletion': (boolean);
}

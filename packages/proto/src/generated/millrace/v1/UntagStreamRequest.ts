// Original file: proto/millrace/v1/stream.proto


/**
 * UntagStreamRequest is the input of UntagStream.
 */
export interface UntagStreamRequest {
  /**
   * The stream to untag.
   */
  'streamName'?: (string);
  /**
   * The keys of the tags to remove.
   */
  'tagKeys'?: (string)[];
}

/**
 * UntagStreamRequest is the input of UntagStream.
 */
export interface UntagStreamRequest__Output {
  /**
   * The stream to untag.
   */
  'streamName': (string);
  /**
   * The keys of the tags to remove.
   */
  'tagKeys': (string)[];
}

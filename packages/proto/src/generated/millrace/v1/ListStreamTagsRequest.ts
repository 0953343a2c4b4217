// Original file: proto/millrace/v1/stream.proto


/**
 * ListStreamTagsRequest is the input of ListStreamTags.
 */
export interface ListStreamTagsRequest {
  /**
   * The stream whose tags to return.
   */
  'streamName'?: (string);
}

/**
 * ListStreamTagsRequest is the input of ListStreamTags.
 */
export interface ListStreamTagsRequest__Output {
  /**
   * The stream whose tags to return.
   */
  'streamName': (string);
}

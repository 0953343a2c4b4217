// Original file: proto/millrace/v1/stream.proto


/**
 * TagStreamRequest is the input of TagStream.
 */
export interface TagStreamRequest {
  /**
   * The stream to tag.
   */
  'streamName'?: (string);
  /**
   * The tags to add or overwrite.
   */
  'tags'?: ({[key: string]: string});
}

/**
 * TagStreamRequest is the input of TagStream.
 */
export interface TagStreamRequest__Output {
  /**
   * The stream to tag.
   */
  'streamName': (string);
  /**
   * The tags to add or overwrite.
   */
  'tags': ({[key: string]: string});
}

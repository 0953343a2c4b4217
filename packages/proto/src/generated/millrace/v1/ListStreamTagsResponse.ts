// Original file: proto/millrace/v1/stream.proto


/**
 * ListStreamTagsResponse is the output of ListStreamTags.
 */
export interface ListStreamTagsResponse {
  /**
   * The stream's tags.
   */
  'tags'?: ({[key: string]: string});
}

/**
 * ListStreamTagsResponse is the output of ListStreamTags.
 */
export interface ListStreamTagsResponse__Output {
  /**
   * The stream's tags.
   */
  'tags': ({[key: string]: string});
}

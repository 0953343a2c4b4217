// Original file: proto/millrace/v1/topic.proto


/**
 * ListTopicTagsResponse is the output of ListTopicTags.
 */
export interface ListTopicTagsResponse {
  /**
   * The topic's tags.
   */
  'tags'?: ({[key: string]: string});
}

/**
 * ListTopicTagsResponse is the output of ListTopicTags.
 */
export interface ListTopicTagsResponse__Output {
  /**
   * The topic's tags.
   */
  'tags': ({[key: string]: string});
}

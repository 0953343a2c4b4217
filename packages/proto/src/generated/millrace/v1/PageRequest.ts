// Original file: proto/millrace/v1/common.proto


/**
 * PageRequest asks for one page of a list.
 */
export interface PageRequest {
  /**
   * The largest number of items to return. 0 means the operation's default; values above the
   * operation's maximum are rejected with INVALID_ARGUMENT.
   */
  'maxResults'?: (number);
  /**
   * The `next_token` of the previous page, or empty for the first page. Tokens are opaque and expire
   * after 24 hours.
   */
  'nextToken'?: (string);
}

/**
 * PageRequest asks for one page of a list.
 */
export interface PageRequest__Output {
  /**
   * The largest number of items to return. 0 means the operation's default; values above the
   * operation's maximum are rejected with INVALID_ARGUMENT.
   */
  'maxResults': (number);
  /**
   * The `next_token` of the previous page, or empty for the first page. Tokens are opaque and expire
   * after 24 hours.
   */
  'nextToken': (string);
}

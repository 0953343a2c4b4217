// Original file: proto/millrace/v1/common.proto


/**
 * PageResponse accompanies one page of a list.
 */
export interface PageResponse {
  /**
   * Pass this in PageRequest.next_token to get the next page; empty when this is the last page.
   */
  'nextToken'?: (string);
}

/**
 * PageResponse accompanies one page of a list.
 */
export interface PageResponse__Output {
  /**
   * Pass this in PageRequest.next_token to get the next page; empty when this is the last page.
   */
  'nextToken': (string);
}

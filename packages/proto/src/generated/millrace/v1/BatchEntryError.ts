// Original file: proto/millrace/v1/common.proto


/**
 * BatchEntryError reports one failed entry of a batch call whose other entries may have succeeded.
 */
export interface BatchEntryError {
  /**
   * The entry's `id`, as the caller gave it in the request.
   */
  'id'?: (string);
  /**
   * The Millrace error code for this entry (see ErrorDetails.code).
   */
  'code'?: (string);
  /**
   * A human-readable explanation.
   */
  'message'?: (string);
  /**
   * True when the entry itself was at fault (bad input); false when the server failed and the entry may
   * be retried unchanged.
   */
  'senderFault'?: (boolean);
}

/**
 * BatchEntryError reports one failed entry of a batch call whose other entries may have succeeded.
 */
export interface BatchEntryError__Output {
  /**
   * The entry's `id`, as the caller gave it in the request.
   */
  'id': (string);
  /**
   * The Millrace error code for this entry (see ErrorDetails.code).
   */
  'code': (string);
  /**
   * A human-readable explanation.
   */
  'message': (string);
  /**
   * True when the entry itself was at fault (bad input); false when the server failed and the entry may
   * be retried unchanged.
   */
  'senderFault': (boolean);
}

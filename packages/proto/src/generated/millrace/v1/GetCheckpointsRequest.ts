// Original file: proto/millrace/v1/stream.proto


/**
 * GetCheckpointsRequest is the input of GetCheckpoints.
 */
export interface GetCheckpointsRequest {
  /**
   * The stream.
   */
  'streamName'?: (string);
  /**
   * The group.
   */
  'groupName'?: (string);
}

/**
 * GetCheckpointsRequest is the input of GetCheckpoints.
 */
export interface GetCheckpointsRequest__Output {
  /**
   * The stream.
   */
  'streamName': (string);
  /**
   * The group.
   */
  'groupName': (string);
}

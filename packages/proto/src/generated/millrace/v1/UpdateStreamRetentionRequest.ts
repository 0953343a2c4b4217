// Original file: proto/millrace/v1/stream.proto


/**
 * UpdateStreamRetentionRequest is the input of UpdateStreamRetention.
 */
export interface UpdateStreamRetentionRequest {
  /**
   * The stream to change.
   */
  'streamName'?: (string);
  /**
   * The new retention, 24..8760 hours.
   */
  'retentionPeriodHours'?: (number);
}

/**
 * UpdateStreamRetentionRequest is the input of UpdateStreamRetention.
 */
export interface UpdateStreamRetentionRequest__Output {
  /**
   * The stream to change.
   */
  'streamName': (string);
  /**
   * The new retention, 24..8760 hours.
   */
  'retentionPeriodHours': (number);
}

// Original file: proto/millrace/v1/stream.proto


/**
 * UpdateShardCountResponse is the output of UpdateShardCount. The reshard continues in the background
 * while the stream is UPDATING.
 */
export interface UpdateShardCountResponse {
  /**
   * The number of open shards when the call was made.
   */
  'currentShardCount'?: (number);
  /**
   * The number of open shards the stream is heading for.
   */
  'targetShardCount'?: (number);
}

/**
 * UpdateShardCountResponse is the output of UpdateShardCount. The reshard continues in the background
 * while the stream is UPDATING.
 */
export interface UpdateShardCountResponse__Output {
  /**
   * The number of open shards when the call was made.
   */
  'currentShardCount': (number);
  /**
   * The number of open shards the stream is heading for.
   */
  'targetShardCount': (number);
}

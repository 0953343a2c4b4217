// Original file: proto/millrace/v1/stream.proto


/**
 * SplitShardRequest is the input of SplitShard.
 */
export interface SplitShardRequest {
  /**
   * The stream.
   */
  'streamName'?: (string);
  /**
   * The open shard to split.
   */
  'shardToSplit'?: (string);
  /**
   * The first hash key of the second child; it must lie strictly inside the shard's range, so that both
   * children are non-empty.
   */
  'newStartingHashKey'?: (string);
}

/**
 * SplitShardRequest is the input of SplitShard.
 */
export interface SplitShardRequest__Output {
  /**
   * The stream.
   */
  'streamName': (string);
  /**
   * The open shard to split.
   */
  'shardToSplit': (string);
  /**
   * The first hash key of the second child; it must lie strictly inside the shard's range, so that both
   * children are non-empty.
   */
  'newStartingHashKey': (string);
}

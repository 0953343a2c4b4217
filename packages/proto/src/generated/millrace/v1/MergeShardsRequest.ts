// Original file: proto/millrace/v1/stream.proto


/**
 * MergeShardsRequest is the input of MergeShards.
 */
export interface MergeShardsRequest {
  /**
   * The stream.
   */
  'streamName'?: (string);
  /**
   * One open shard to merge.
   */
  'shardToMerge'?: (string);
  /**
   * An open shard whose hash key range is adjacent to shard_to_merge's.
   */
  'adjacentShardToMerge'?: (string);
}

/**
 * MergeShardsRequest is the input of MergeShards.
 */
export interface MergeShardsRequest__Output {
  /**
   * The stream.
   */
  'streamName': (string);
  /**
   * One open shard to merge.
   */
  'shardToMerge': (string);
  /**
   * An open shard whose hash key range is adjacent to shard_to_merge's.
   */
  'adjacentShardToMerge': (string);
}

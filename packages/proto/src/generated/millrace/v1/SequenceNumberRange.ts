// Original file: proto/millrace/v1/stream.proto


/**
 * SequenceNumberRange is the span of sequence numbers a shard has assigned.
 */
export interface SequenceNumberRange {
  /**
   * The first sequence number of the shard.
   */
  'startingSequenceNumber'?: (string);
  /**
   * The last sequence number of a closed shard; empty while the shard is open.
   */
  'endingSequenceNumber'?: (string);
}

/**
 * SequenceNumberRange is the span of sequence numbers a shard has assigned.
 */
export interface SequenceNumberRange__Output {
  /**
   * The first sequence number of the shard.
   */
  'startingSequenceNumber': (string);
  /**
   * The last sequence number of a closed shard; empty while the shard is open.
   */
  'endingSequenceNumber': (string);
}

// Original file: proto/millrace/v1/queue.proto


/**
 * CreateQueueRequest is the input of CreateQueue.
 */
export interface CreateQueueRequest {
  /**
   * The new queue's name; a name ending in ".fifo" requires the attribute FifoQueue=true and vice versa.
   */
  'queueName'?: (string);
  /**
   * Queue attributes by their SQS names; omitted attributes take their defaults. Settable: DelaySeconds,
   * MaximumMessageSize, MessageRetentionPeriod, ReceiveMessageWaitTimeSeconds, VisibilityTimeout,
   * RedrivePolicy, RedriveAllowPolicy, FifoQueue, ContentBasedDeduplication, DeduplicationScope,
   * FifoThroughputLimit, KmsMasterKeyId, SqsManagedSseEnabled. Values are strings, as in SQS.
   */
  'attributes'?: ({[key: string]: string});
  /**
   * Tags to put on the new queue (see common.proto for the limits).
   */
  'tags'?: ({[key: string]: string});
}

/**
 * CreateQueueRequest is the input of CreateQueue.
 */
export interface CreateQueueRequest__Output {
  /**
   * The new queue's name; a name ending in ".fifo" requires the attribute FifoQueue=true and vice versa.
   */
  'queueName': (string);
  /**
   * Queue attributes by their SQS names; omitted attributes take their defaults. Settable: DelaySeconds,
   * MaximumMessageSize, MessageRetentionPeriod, ReceiveMessageWaitTimeSeconds, VisibilityTimeout,
   * RedrivePolicy, RedriveAllowPolicy, FifoQueue, ContentBasedDeduplication, DeduplicationScope,
   * FifoThroughputLimit, KmsMasterKeyId, SqsManagedSseEnabled. Values are strings, as in SQS.
   */
  'attributes': ({[key: string]: string});
  /**
   * Tags to put on the new queue (see common.proto for the limits).
   */
  'tags': ({[key: string]: string});
}

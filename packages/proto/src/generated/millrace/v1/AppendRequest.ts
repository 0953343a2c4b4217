// Original file: proto/millrace/v1/log.proto


export interface AppendRequest {
  /**
   * The log group; 0 means the cluster's default log.
   */
  'groupId'?: (number);
  /**
   * The records, 1 to 10,000 (logAppendRecordsMax); their total size is bounded by the batch limit.
   */
  'records'?: (Buffer | Uint8Array | string)[];
}

export interface AppendRequest__Output {
  /**
   * The log group; 0 means the cluster's default log.
   */
  'groupId': (number);
  /**
   * The records, 1 to 10,000 (logAppendRecordsMax); their total size is bounded by the batch limit.
   */
  'records': (Buffer)[];
}

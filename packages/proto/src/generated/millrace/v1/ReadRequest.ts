// Original file: proto/millrace/v1/log.proto

import type { Long } from '@grpc/proto-loader';

export interface ReadRequest {
  /**
   * The log group; 0 means the cluster's default log.
   */
  'groupId'?: (number);
  /**
   * The first sequence number wanted (records before the log's start are skipped).
   */
  'fromSeq'?: (number | string | Long);
  /**
   * Most records to return, 1..1000.
   */
  'limit'?: (number);
}

export interface ReadRequest__Output {
  /**
   * The log group; 0 means the cluster's default log.
   */
  'groupId': (number);
  /**
   * The first sequence number wanted (records before the log's start are skipped).
   */
  'fromSeq': (string);
  /**
   * Most records to return, 1..1000.
   */
  'limit': (number);
}

// Original file: proto/millrace/v1/log.proto

import type { Long } from '@grpc/proto-loader';

export interface TrimRequest {
  /**
   * The log group; 0 means the cluster's default log.
   */
  'groupId'?: (number);
  /**
   * Records with a lower sequence number are discarded; at least 1.
   */
  'beforeSeq'?: (number | string | Long);
}

export interface TrimRequest__Output {
  /**
   * The log group; 0 means the cluster's default log.
   */
  'groupId': (number);
  /**
   * Records with a lower sequence number are discarded; at least 1.
   */
  'beforeSeq': (string);
}

// Original file: proto/millrace/v1/admin.proto

import type { Long } from '@grpc/proto-loader';

/**
 * TransferLeadershipResponse is the output of TransferLeadership, sent once the transfer has finished
 * or failed within the call's deadline.
 */
export interface TransferLeadershipResponse {
  /**
   * The group's leader after the transfer.
   */
  'leaderNodeId'?: (number);
  /**
   * The group's term after the transfer.
   */
  'term'?: (number | string | Long);
}

/**
 * TransferLeadershipResponse is the output of TransferLeadership, sent once the transfer has finished
 * or failed within the call's deadline.
 */
export interface TransferLeadershipResponse__Output {
  /**
   * The group's leader after the transfer.
   */
  'leaderNodeId': (number);
  /**
   * The group's term after the transfer.
   */
  'term': (string);
}

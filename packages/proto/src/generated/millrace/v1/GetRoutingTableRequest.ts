// Original file: proto/millrace/v1/admin.proto

import type { Long } from '@grpc/proto-loader';

/**
 * GetRoutingTableRequest is the input of GetRoutingTable and WatchRoutingTable.
 */
export interface GetRoutingTableRequest {
  /**
   * The version the caller already holds (0 for none). WatchRoutingTable skips sending it again.
   */
  'knownVersion'?: (number | string | Long);
}

/**
 * GetRoutingTableRequest is the input of GetRoutingTable and WatchRoutingTable.
 */
export interface GetRoutingTableRequest__Output {
  /**
   * The version the caller already holds (0 for none). WatchRoutingTable skips sending it again.
   */
  'knownVersion': (string);
}

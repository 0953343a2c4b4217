// Original file: proto/millrace/v1/admin.proto


/**
 * RouteNode says how clients reach one node.
 */
export interface RouteNode {
  /**
   * The node's id.
   */
  'nodeId'?: (number);
  /**
   * Where clients reach its gRPC API, as host:port.
   */
  'clientAddress'?: (string);
}

/**
 * RouteNode says how clients reach one node.
 */
export interface RouteNode__Output {
  /**
   * The node's id.
   */
  'nodeId': (number);
  /**
   * Where clients reach its gRPC API, as host:port.
   */
  'clientAddress': (string);
}

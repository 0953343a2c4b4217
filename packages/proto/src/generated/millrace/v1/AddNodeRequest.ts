// Original file: proto/millrace/v1/admin.proto


/**
 * AddNodeRequest is the input of AddNode.
 */
export interface AddNodeRequest {
  /**
   * The new node's id; it must never have been used in this cluster.
   */
  'nodeId'?: (number);
  /**
   * Where other nodes reach it, as host:port.
   */
  'peerAddress'?: (string);
  /**
   * Where clients reach its gRPC API, as host:port.
   */
  'clientAddress'?: (string);
  /**
   * Where its HTTP API is, as host:port.
   */
  'httpAddress'?: (string);
  /**
   * Make it a voter of the meta group too (after it catches up), for example to replace a lost voter.
   */
  'metaVoter'?: (boolean);
  /**
   * Chosen by a joining node and kept across its retries: a retried join gets the same node id.
   */
  'joinToken'?: (string);
}

/**
 * AddNodeRequest is the input of AddNode.
 */
export interface AddNodeRequest__Output {
  /**
   * The new node's id; it must never have been used in this cluster.
   */
  'nodeId': (number);
  /**
   * Where other nodes reach it, as host:port.
   */
  'peerAddress': (string);
  /**
   * Where clients reach its gRPC API, as host:port.
   */
  'clientAddress': (string);
  /**
   * Where its HTTP API is, as host:port.
   */
  'httpAddress': (string);
  /**
   * Make it a voter of the meta group too (after it catches up), for example to replace a lost voter.
   */
  'metaVoter': (boolean);
  /**
   * Chosen by a joining node and kept across its retries: a retried join gets the same node id.
   */
  'joinToken': (string);
}

// Original file: proto/millrace/v1/common.proto


/**
 * LeaderHint points a client at the node that leads a group, so its retry goes straight there.
 */
export interface LeaderHint {
  /**
   * The leader's node id; 0 means the leader is not known (an election may be in progress).
   */
  'nodeId'?: (number);
  /**
   * The leader's client gRPC address as host:port, or empty when it is not known.
   */
  'address'?: (string);
}

/**
 * LeaderHint points a client at the node that leads a group, so its retry goes straight there.
 */
export interface LeaderHint__Output {
  /**
   * The leader's node id; 0 means the leader is not known (an election may be in progress).
   */
  'nodeId': (number);
  /**
   * The leader's client gRPC address as host:port, or empty when it is not known.
   */
  'address': (string);
}

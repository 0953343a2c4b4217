// Original file: proto/millrace/v1/admin.proto

import type { Long } from '@grpc/proto-loader';

/**
 * GetClusterStatusResponse is the output of GetClusterStatus.
 */
export interface GetClusterStatusResponse {
  /**
   * The cluster's id, fixed when it was bootstrapped.
   */
  'clusterId'?: (string);
  /**
   * The node leading the meta group; 0 when there is none.
   */
  'controllerNodeId'?: (number);
  /**
   * The meta group's current term.
   */
  'controllerTerm'?: (number | string | Long);
  /**
   * How many nodes are members.
   */
  'nodeCount'?: (number);
  /**
   * How many members are ACTIVE and reachable.
   */
  'healthyNodeCount'?: (number);
  /**
   * How many Raft groups exist, the meta group included.
   */
  'groupCount'?: (number);
  /**
   * How many groups have no leader right now.
   */
  'leaderlessGroupCount'?: (number);
  /**
   * How many groups have fewer up-to-date voters than their replication factor.
   */
  'underReplicatedGroupCount'?: (number);
  /**
   * The version of the routing table; it grows with every placement change. A decimal string.
   */
  'routingVersion'?: (string);
  /**
   * The Millrace version of the node that answered.
   */
  'version'?: (string);
}

/**
 * GetClusterStatusResponse is the output of GetClusterStatus.
 */
export interface GetClusterStatusResponse__Output {
  /**
   * The cluster's id, fixed when it was bootstrapped.
   */
  'clusterId': (string);
  /**
   * The node leading the meta group; 0 when there is none.
   */
  'controllerNodeId': (number);
  /**
   * The meta group's current term.
   */
  'controllerTerm': (string);
  /**
   * How many nodes are members.
   */
  'nodeCount': (number);
  /**
   * How many members are ACTIVE and reachable.
   */
  'healthyNodeCount': (number);
  /**
   * How many Raft groups exist, the meta group included.
   */
  'groupCount': (number);
  /**
   * How many groups have no leader right now.
   */
  'leaderlessGroupCount': (number);
  /**
   * How many groups have fewer up-to-date voters than their replication factor.
   */
  'underReplicatedGroupCount': (number);
  /**
   * The version of the routing table; it grows with every placement change. A decimal string.
   */
  'routingVersion': (string);
  /**
   * The Millrace version of the node that answered.
   */
  'version': (string);
}

// Original file: proto/millrace/v1/admin.proto

import type { NodeState as _millrace_v1_NodeState, NodeState__Output as _millrace_v1_NodeState__Output } from '../../millrace/v1/NodeState.js';

/**
 * Node describes one node of the cluster.
 */
export interface Node {
  /**
   * The node's id.
   */
  'nodeId'?: (number);
  /**
   * Where clients reach its gRPC API, as host:port.
   */
  'clientAddress'?: (string);
  /**
   * Where other nodes reach it, as host:port.
   */
  'peerAddress'?: (string);
  /**
   * Where its AWS-compatible HTTP API, metrics and health endpoints are, as host:port.
   */
  'httpAddress'?: (string);
  /**
   * Where it is in its membership life.
   */
  'state'?: (_millrace_v1_NodeState);
  /**
   * True when it is a voter of the meta group (the controller).
   */
  'metaVoter'?: (boolean);
  /**
   * How many group replicas it hosts.
   */
  'replicaCount'?: (number);
  /**
   * How many groups it leads.
   */
  'leaderCount'?: (number);
  /**
   * How long ago the controller last heard from it, in milliseconds.
   */
  'lastHeartbeatAgeMs'?: (number);
  /**
   * The Millrace version it runs.
   */
  'version'?: (string);
}

/**
 * Node describes one node of the cluster.
 */
export interface Node__Output {
  /**
   * The node's id.
   */
  'nodeId': (number);
  /**
   * Where clients reach its gRPC API, as host:port.
   */
  'clientAddress': (string);
  /**
   * Where other nodes reach it, as host:port.
   */
  'peerAddress': (string);
  /**
   * Where its AWS-compatible HTTP API, metrics and health endpoints are, as host:port.
   */
  'httpAddress': (string);
  /**
   * Where it is in its membership life.
   */
  'state': (_millrace_v1_NodeState__Output);
  /**
   * True when it is a voter of the meta group (the controller).
   */
  'metaVoter': (boolean);
  /**
   * How many group replicas it hosts.
   */
  'replicaCount': (number);
  /**
   * How many groups it leads.
   */
  'leaderCount': (number);
  /**
   * How long ago the controller last heard from it, in milliseconds.
   */
  'lastHeartbeatAgeMs': (number);
  /**
   * The Millrace version it runs.
   */
  'version': (string);
}

// Original file: proto/millrace/v1/admin.proto

import type { GroupKind as _millrace_v1_GroupKind, GroupKind__Output as _millrace_v1_GroupKind__Output } from '../../millrace/v1/GroupKind.js';
import type { Long } from '@grpc/proto-loader';

/**
 * Route says where one group of a resource lives.
 */
export interface Route {
  /**
   * The group's id.
   */
  'groupId'?: (string);
  /**
   * What the group holds.
   */
  'kind'?: (_millrace_v1_GroupKind);
  /**
   * The queue, topic or stream it belongs to; empty for the meta group and the default log.
   */
  'resourceName'?: (string);
  /**
   * The partition index within the resource (0-based).
   */
  'partition'?: (number);
  /**
   * The node the controller last saw leading the group; 0 when unknown.
   */
  'leaderNodeId'?: (number);
  /**
   * The nodes holding a voting replica, in node id order.
   */
  'replicaNodeIds'?: (number)[];
  /**
   * The term in which leader_node_id was seen leading.
   */
  'leaderTerm'?: (number | string | Long);
}

/**
 * Route says where one group of a resource lives.
 */
export interface Route__Output {
  /**
   * The group's id.
   */
  'groupId': (string);
  /**
   * What the group holds.
   */
  'kind': (_millrace_v1_GroupKind__Output);
  /**
   * The queue, topic or stream it belongs to; empty for the meta group and the default log.
   */
  'resourceName': (string);
  /**
   * The partition index within the resource (0-based).
   */
  'partition': (number);
  /**
   * The node the controller last saw leading the group; 0 when unknown.
   */
  'leaderNodeId': (number);
  /**
   * The nodes holding a voting replica, in node id order.
   */
  'replicaNodeIds': (number)[];
  /**
   * The term in which leader_node_id was seen leading.
   */
  'leaderTerm': (string);
}

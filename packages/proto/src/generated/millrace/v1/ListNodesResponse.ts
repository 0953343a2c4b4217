// Original file: proto/millrace/v1/admin.proto

import type { Node as _millrace_v1_Node, Node__Output as _millrace_v1_Node__Output } from '../../millrace/v1/Node.js';

/**
 * ListNodesResponse is the output of ListNodes.
 */
export interface ListNodesResponse {
  /**
   * Every node, in node id order.
   */
  'nodes'?: (_millrace_v1_Node)[];
}

/**
 * ListNodesResponse is the output of ListNodes.
 */
export interface ListNodesResponse__Output {
  /**
   * Every node, in node id order.
   */
  'nodes': (_millrace_v1_Node__Output)[];
}

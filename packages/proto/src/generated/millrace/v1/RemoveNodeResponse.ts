// Original file: proto/millrace/v1/admin.proto

import type { Node as _millrace_v1_Node, Node__Output as _millrace_v1_Node__Output } from '../../millrace/v1/Node.js';

/**
 * RemoveNodeResponse is the output of RemoveNode. Removal continues in the background while the node is
 * DRAINING; ListNodes shows when it is gone.
 */
export interface RemoveNodeResponse {
  /**
   * The node as the controller now records it.
   */
  'node'?: (_millrace_v1_Node | null);
}

/**
 * RemoveNodeResponse is the output of RemoveNode. Removal continues in the background while the node is
 * DRAINING; ListNodes shows when it is gone.
 */
export interface RemoveNodeResponse__Output {
  /**
   * The node as the controller now records it.
   */
  'node': (_millrace_v1_Node__Output | null);
}

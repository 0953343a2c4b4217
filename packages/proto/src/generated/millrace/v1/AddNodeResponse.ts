// Original file: proto/millrace/v1/admin.proto

import type { Node as _millrace_v1_Node, Node__Output as _millrace_v1_Node__Output } from '../../millrace/v1/Node.js';

/**
 * AddNodeResponse is the output of AddNode.
 */
export interface AddNodeResponse {
  /**
   * The node as the controller now records it, usually JOINING.
   */
  'node'?: (_millrace_v1_Node | null);
}

/**
 * AddNodeResponse is the output of AddNode.
 */
export interface AddNodeResponse__Output {
  /**
   * The node as the controller now records it, usually JOINING.
   */
  'node': (_millrace_v1_Node__Output | null);
}

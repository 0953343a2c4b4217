// Original file: proto/millrace/v1/admin.proto


/**
 * RemoveNodeRequest is the input of RemoveNode.
 */
export interface RemoveNodeRequest {
  /**
   * The node to remove.
   */
  'nodeId'?: (number);
  /**
   * Remove it at once without moving its replicas first, for a node that is gone for good. Groups that
   * lose their quorum by this are reported, and the call fails, unless this is set.
   */
  'force'?: (boolean);
}

/**
 * RemoveNodeRequest is the input of RemoveNode.
 */
export interface RemoveNodeRequest__Output {
  /**
   * The node to remove.
   */
  'nodeId': (number);
  /**
   * Remove it at once without moving its replicas first, for a node that is gone for good. Groups that
   * lose their quorum by this are reported, and the call fails, unless this is set.
   */
  'force': (boolean);
}

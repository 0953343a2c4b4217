// Original file: proto/millrace/v1/admin.proto

/**
 * NodeState is where a node is in its membership life.
 */
export const NodeState = {
  /**
   * Never sent by a server.
   */
  NODE_STATE_UNSPECIFIED: 'NODE_STATE_UNSPECIFIED',
  /**
   * Added, and catching up on its first replicas.
   */
  NODE_STATE_JOINING: 'NODE_STATE_JOINING',
  /**
   * A full member that hosts replicas and may lead groups.
   */
  NODE_STATE_ACTIVE: 'NODE_STATE_ACTIVE',
  /**
   * Being removed: its replicas and leaderships are moving elsewhere.
   */
  NODE_STATE_DRAINING: 'NODE_STATE_DRAINING',
  /**
   * A member that has not answered heartbeats within the failure timeout.
   */
  NODE_STATE_UNREACHABLE: 'NODE_STATE_UNREACHABLE',
  /**
   * No longer a member: removed, its replicas moved elsewhere. Its id is never used again.
   */
  NODE_STATE_REMOVED: 'NODE_STATE_REMOVED',
} as const;

/**
 * NodeState is where a node is in its membership life.
 */
export type NodeState =
  /**
   * Never sent by a server.
   */
  | 'NODE_STATE_UNSPECIFIED'
  | 0
  /**
   * Added, and catching up on its first replicas.
   */
  | 'NODE_STATE_JOINING'
  | 1
  /**
   * A full member that hosts replicas and may lead groups.
   */
  | 'NODE_STATE_ACTIVE'
  | 2
  /**
   * Being removed: its replicas and leaderships are moving elsewhere.
   */
  | 'NODE_STATE_DRAINING'
  | 3
  /**
   * A member that has not answered heartbeats within the failure timeout.
   */
  | 'NODE_STATE_UNREACHABLE'
  | 4
  /**
   * No longer a member: removed, its replicas moved elsewhere. Its id is never used again.
   */
  | 'NODE_STATE_REMOVED'
  | 5

/**
 * NodeState is where a node is in its membership life.
 */
export type NodeState__Output = typeof NodeState[keyof typeof NodeState]

// Original file: proto/millrace/v1/admin.proto

/**
 * ReplicaRole is how a replica takes part in its group.
 */
export const ReplicaRole = {
  /**
   * Never sent by a server.
   */
  REPLICA_ROLE_UNSPECIFIED: 'REPLICA_ROLE_UNSPECIFIED',
  /**
   * Votes in elections and counts toward the commit quorum.
   */
  REPLICA_ROLE_VOTER: 'REPLICA_ROLE_VOTER',
  /**
   * Receives the log but neither votes nor counts toward commit, typically while catching up.
   */
  REPLICA_ROLE_LEARNER: 'REPLICA_ROLE_LEARNER',
} as const;

/**
 * ReplicaRole is how a replica takes part in its group.
 */
export type ReplicaRole =
  /**
   * Never sent by a server.
   */
  | 'REPLICA_ROLE_UNSPECIFIED'
  | 0
  /**
   * Votes in elections and counts toward the commit quorum.
   */
  | 'REPLICA_ROLE_VOTER'
  | 1
  /**
   * Receives the log but neither votes nor counts toward commit, typically while catching up.
   */
  | 'REPLICA_ROLE_LEARNER'
  | 2

/**
 * ReplicaRole is how a replica takes part in its group.
 */
export type ReplicaRole__Output = typeof ReplicaRole[keyof typeof ReplicaRole]

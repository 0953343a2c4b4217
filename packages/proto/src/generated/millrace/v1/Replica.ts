// Original file: proto/millrace/v1/admin.proto

import type { ReplicaRole as _millrace_v1_ReplicaRole, ReplicaRole__Output as _millrace_v1_ReplicaRole__Output } from '../../millrace/v1/ReplicaRole.js';
import type { Long } from '@grpc/proto-loader';

/**
 * Replica describes one replica of a group, as its leader sees it.
 */
export interface Replica {
  /**
   * The node hosting the replica.
   */
  'nodeId'?: (number);
  /**
   * How it takes part in the group.
   */
  'role'?: (_millrace_v1_ReplicaRole);
  /**
   * The highest log index the leader knows the replica holds durably.
   */
  'matchIndex'?: (number | string | Long);
  /**
   * True when the leader heard from the replica within the election timeout.
   */
  'recentlyActive'?: (boolean);
  /**
   * True while the replica is receiving a snapshot because it fell behind the compacted log.
   */
  'receivingSnapshot'?: (boolean);
}

/**
 * Replica describes one replica of a group, as its leader sees it.
 */
export interface Replica__Output {
  /**
   * The node hosting the replica.
   */
  'nodeId': (number);
  /**
   * How it takes part in the group.
   */
  'role': (_millrace_v1_ReplicaRole__Output);
  /**
   * The highest log index the leader knows the replica holds durably.
   */
  'matchIndex': (string);
  /**
   * True when the leader heard from the replica within the election timeout.
   */
  'recentlyActive': (boolean);
  /**
   * True while the replica is receiving a snapshot because it fell behind the compacted log.
   */
  'receivingSnapshot': (boolean);
}

// Original file: proto/millrace/v1/admin.proto

import type { GroupKind as _millrace_v1_GroupKind, GroupKind__Output as _millrace_v1_GroupKind__Output } from '../../millrace/v1/GroupKind.js';
import type { Replica as _millrace_v1_Replica, Replica__Output as _millrace_v1_Replica__Output } from '../../millrace/v1/Replica.js';
import type { Long } from '@grpc/proto-loader';

/**
 * Group describes one Raft group.
 */
export interface Group {
  /**
   * The group's id, assigned by the controller and never reused.
   */
  'groupId'?: (string);
  /**
   * What the group holds.
   */
  'kind'?: (_millrace_v1_GroupKind);
  /**
   * The name of the queue, topic or stream it belongs to; empty for the meta group.
   */
  'resourceName'?: (string);
  /**
   * The partition index or shard id within the resource; empty for the meta group.
   */
  'partition'?: (string);
  /**
   * The current leader; 0 when there is none (an election may be in progress).
   */
  'leaderNodeId'?: (number);
  /**
   * The current term.
   */
  'term'?: (number | string | Long);
  /**
   * The highest log index known to be committed.
   */
  'commitIndex'?: (number | string | Long);
  /**
   * The highest log index applied to the leader's state machine.
   */
  'appliedIndex'?: (number | string | Long);
  /**
   * Every replica, voters and learners, in node id order.
   */
  'replicas'?: (_millrace_v1_Replica)[];
  /**
   * True when the group is idle and has stopped heartbeating until its next proposal.
   */
  'quiesced'?: (boolean);
}

/**
 * Group describes one Raft group.
 */
export interface Group__Output {
  /**
   * The group's id, assigned by the controller and never reused.
   */
  'groupId': (string);
  /**
   * What the group holds.
   */
  'kind': (_millrace_v1_GroupKind__Output);
  /**
   * The name of the queue, topic or stream it belongs to; empty for the meta group.
   */
  'resourceName': (string);
  /**
   * The partition index or shard id within the resource; empty for the meta group.
   */
  'partition': (string);
  /**
   * The current leader; 0 when there is none (an election may be in progress).
   */
  'leaderNodeId': (number);
  /**
   * The current term.
   */
  'term': (string);
  /**
   * The highest log index known to be committed.
   */
  'commitIndex': (string);
  /**
   * The highest log index applied to the leader's state machine.
   */
  'appliedIndex': (string);
  /**
   * Every replica, voters and learners, in node id order.
   */
  'replicas': (_millrace_v1_Replica__Output)[];
  /**
   * True when the group is idle and has stopped heartbeating until its next proposal.
   */
  'quiesced': (boolean);
}

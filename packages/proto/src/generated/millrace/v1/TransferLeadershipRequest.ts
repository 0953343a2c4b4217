// Original file: proto/millrace/v1/admin.proto


/**
 * TransferLeadershipRequest is the input of TransferLeadership.
 */
export interface TransferLeadershipRequest {
  /**
   * The group whose leadership to move.
   */
  'groupId'?: (string);
  /**
   * The voter to hand leadership to; 0 lets the leader pick the most up-to-date other voter.
   */
  'targetNodeId'?: (number);
}

/**
 * TransferLeadershipRequest is the input of TransferLeadership.
 */
export interface TransferLeadershipRequest__Output {
  /**
   * The group whose leadership to move.
   */
  'groupId': (string);
  /**
   * The voter to hand leadership to; 0 lets the leader pick the most up-to-date other voter.
   */
  'targetNodeId': (number);
}

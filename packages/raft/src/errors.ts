/** Why a proposal was refused. Every one is transient: retry, possibly at another node. */
export const DropReason = {
  NoLeader: "no-leader",
  ForwardingDisabled: "forwarding-disabled",
  NotLeaderCandidate: "candidate",
  NotAMember: "not-a-member",
  TransferInProgress: "transfer-in-progress",
  UncommittedSizeExceeded: "uncommitted-size-exceeded",
} as const;
export type DropReason = (typeof DropReason)[keyof typeof DropReason];

/** A proposal Raft refused; nothing was appended. */
export class ProposalDroppedError extends Error {
  override readonly name = "ProposalDroppedError";
  constructor(readonly reason: DropReason) {
    super(`raft proposal dropped: ${reason}`);
  }
}

/** A message that may not arrive from the network (a local message type, or from an unknown peer). */
export class StepRefusedError extends Error {
  override readonly name = "StepRefusedError";
}

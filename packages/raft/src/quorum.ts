import { type NodeId } from "./types.js";

/**
 * Quorum math, kept pure and separate so it can be tested exhaustively. A majority configuration is a
 * set of voter ids; a joint configuration is two of them, both of which must agree.
 */

export const VoteResult = {
  Pending: "Pending",
  Lost: "Lost",
  Won: "Won",
} as const;
export type VoteResult = (typeof VoteResult)[keyof typeof VoteResult];

/** Looks up the acknowledged index of a voter, or undefined if it has acknowledged nothing. */
export type AckedIndexer = (id: NodeId) => number | undefined;

/**
 * The largest index that a majority of `voters` has acknowledged. An empty configuration commits
 * everything (it returns +Infinity) so that a joint configuration with an empty half reduces to the
 * other half.
 */
export function majorityCommittedIndex(voters: ReadonlySet<NodeId>, acked: AckedIndexer): number {
  const n = voters.size;
  if (n === 0) return Number.POSITIVE_INFINITY;
  const indexes: number[] = [];
  for (const id of voters) indexes.push(acked(id) ?? 0);
  indexes.sort((a, b) => b - a);
  // With indexes sorted descending, the (n/2+1)-th is acknowledged by a majority.
  return indexes[Math.floor(n / 2)] as number;
}

export function majorityVoteResult(
  voters: ReadonlySet<NodeId>,
  votes: ReadonlyMap<NodeId, boolean>,
): VoteResult {
  if (voters.size === 0) return VoteResult.Won;
  let granted = 0;
  let missing = 0;
  for (const id of voters) {
    const vote = votes.get(id);
    if (vote === undefined) missing++;
    else if (vote) granted++;
  }
  const quorum = Math.floor(voters.size / 2) + 1;
  if (granted >= quorum) return VoteResult.Won;
  if (granted + missing >= quorum) return VoteResult.Pending;
  return VoteResult.Lost;
}

export function jointCommittedIndex(
  incoming: ReadonlySet<NodeId>,
  outgoing: ReadonlySet<NodeId>,
  acked: AckedIndexer,
): number {
  return Math.min(majorityCommittedIndex(incoming, acked), majorityCommittedIndex(outgoing, acked));
}

export function jointVoteResult(
  incoming: ReadonlySet<NodeId>,
  outgoing: ReadonlySet<NodeId>,
  votes: ReadonlyMap<NodeId, boolean>,
): VoteResult {
  const a = majorityVoteResult(incoming, votes);
  const b = majorityVoteResult(outgoing, votes);
  if (a === b) return a;
  if (a === VoteResult.Lost || b === VoteResult.Lost) return VoteResult.Lost;
  return VoteResult.Pending;
}

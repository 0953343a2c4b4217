/**
 * Quorum math against brute-force definitions, over random configurations, acknowledgements and votes.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  VoteResult,
  jointCommittedIndex,
  jointVoteResult,
  majorityCommittedIndex,
  majorityVoteResult,
  type AckedIndexer,
} from "../src/quorum.js";
import { type NodeId } from "../src/types.js";

const ids = [1, 2, 3, 4, 5, 6, 7, 8];
const arbConfig = fc.subarray(ids, { maxLength: 7 }).map((xs) => new Set<NodeId>(xs));
/** Acknowledged indexes for some of the ids (missing ones have acknowledged nothing). */
const arbAcks = fc
  .dictionary(fc.constantFrom(...ids.map(String)), fc.nat({ max: 20 }))
  .map((d) => new Map<NodeId, number>(Object.entries(d).map(([k, v]) => [Number(k), v])));
/** Votes of some of the ids, possibly including ids outside the configuration. */
const arbVotes = fc
  .dictionary(fc.constantFrom(...ids.map(String)), fc.boolean())
  .map((d) => new Map<NodeId, boolean>(Object.entries(d).map(([k, v]) => [Number(k), v])));

const quorum = (voters: ReadonlySet<NodeId>): number => Math.floor(voters.size / 2) + 1;

/** The largest index that at least a quorum of voters has acknowledged; +∞ for no voters. */
function bruteCommitted(voters: ReadonlySet<NodeId>, acks: ReadonlyMap<NodeId, number>): number {
  if (voters.size === 0) return Number.POSITIVE_INFINITY;
  const acked = (id: NodeId) => acks.get(id) ?? 0;
  let best = 0;
  for (const candidate of [0, ...acks.values()]) {
    let n = 0;
    for (const id of voters) if (acked(id) >= candidate) n++;
    if (n >= quorum(voters) && candidate > best) best = candidate;
  }
  return best;
}

function wins(voters: ReadonlySet<NodeId>, votes: ReadonlyMap<NodeId, boolean>): boolean {
  let yes = 0;
  for (const id of voters) if (votes.get(id) === true) yes++;
  return voters.size === 0 || yes >= quorum(voters);
}

/**
 * Won if the votes already make every half win; Lost if no way of filling in the missing votes can;
 * Pending otherwise. Enumerates every completion of the missing votes.
 */
function bruteVote(halves: ReadonlySet<NodeId>[], votes: ReadonlyMap<NodeId, boolean>): VoteResult {
  if (halves.every((h) => wins(h, votes))) return VoteResult.Won;
  const missing = [...new Set(halves.flatMap((h) => [...h]))].filter((id) => !votes.has(id));
  for (let mask = 0; mask < 1 << missing.length; mask++) {
    const completed = new Map(votes);
    missing.forEach((id, i) => completed.set(id, (mask & (1 << i)) !== 0));
    if (halves.every((h) => wins(h, completed))) return VoteResult.Pending;
  }
  return VoteResult.Lost;
}

const indexer =
  (acks: ReadonlyMap<NodeId, number>): AckedIndexer =>
  (id) =>
    acks.get(id);

describe("quorum properties", () => {
  it("majorityCommittedIndex is the largest index a quorum acknowledged", () => {
    fc.assert(
      fc.property(arbConfig, arbAcks, (voters, acks) => {
        expect(majorityCommittedIndex(voters, indexer(acks))).toBe(bruteCommitted(voters, acks));
      }),
      { numRuns: 300 },
    );
  });

  it("jointCommittedIndex is the smaller of both halves' committed index", () => {
    fc.assert(
      fc.property(arbConfig, arbConfig, arbAcks, (incoming, outgoing, acks) => {
        const want = Math.min(bruteCommitted(incoming, acks), bruteCommitted(outgoing, acks));
        expect(jointCommittedIndex(incoming, outgoing, indexer(acks))).toBe(want);
        // A joint configuration with an empty half behaves as the other half.
        expect(jointCommittedIndex(incoming, new Set(), indexer(acks))).toBe(
          majorityCommittedIndex(incoming, indexer(acks)),
        );
      }),
      { numRuns: 300 },
    );
  });

  it("an index is committed iff a quorum of every half acknowledged it", () => {
    fc.assert(
      fc.property(arbConfig, arbConfig, arbAcks, fc.nat({ max: 21 }), (incoming, outgoing, acks, index) => {
        fc.pre(incoming.size > 0);
        const committed = jointCommittedIndex(incoming, outgoing, indexer(acks));
        const ackedBy = (voters: ReadonlySet<NodeId>) =>
          [...voters].filter((id) => (acks.get(id) ?? 0) >= index).length;
        const quorumHas =
          ackedBy(incoming) >= quorum(incoming) &&
          (outgoing.size === 0 || ackedBy(outgoing) >= quorum(outgoing));
        expect(index <= committed).toBe(quorumHas);
      }),
      { numRuns: 300 },
    );
  });

  it("majorityVoteResult matches the brute-force result", () => {
    fc.assert(
      fc.property(arbConfig, arbVotes, (voters, votes) => {
        expect(majorityVoteResult(voters, votes)).toBe(bruteVote([voters], votes));
      }),
      { numRuns: 300 },
    );
  });

  it("jointVoteResult matches the brute-force result", () => {
    fc.assert(
      fc.property(arbConfig, arbConfig, arbVotes, (incoming, outgoing, votes) => {
        expect(jointVoteResult(incoming, outgoing, votes)).toBe(bruteVote([incoming, outgoing], votes));
      }),
      { numRuns: 300 },
    );
  });

  it("votes are monotone: more grants never make a won election pending or lost", () => {
    fc.assert(
      fc.property(
        arbConfig,
        arbConfig,
        arbVotes,
        fc.constantFrom(...ids),
        (incoming, outgoing, votes, id) => {
          const before = jointVoteResult(incoming, outgoing, votes);
          const after = jointVoteResult(incoming, outgoing, new Map(votes).set(id, true));
          if (before === VoteResult.Won) expect(after).toBe(VoteResult.Won);
          if (after === VoteResult.Lost) expect(before).toBe(VoteResult.Lost);
        },
      ),
      { numRuns: 300 },
    );
  });
});

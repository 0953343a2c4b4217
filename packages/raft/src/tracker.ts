import { VoteResult, jointCommittedIndex, jointVoteResult, type AckedIndexer } from "./quorum.js";
import { type Progress } from "./progress.js";
import { type ConfState, type NodeId } from "./types.js";

/** A membership configuration as the tracker holds it. */
export class TrackerConfig {
  constructor(
    readonly incoming: Set<NodeId> = new Set(),
    /** Non-empty only in a joint configuration. */
    readonly outgoing: Set<NodeId> = new Set(),
    readonly learners: Set<NodeId> = new Set(),
    /** Voters of the outgoing half that become learners when the joint configuration is left. */
    readonly learnersNext: Set<NodeId> = new Set(),
    public autoLeave = false,
  ) {}

  clone(): TrackerConfig {
    return new TrackerConfig(
      new Set(this.incoming),
      new Set(this.outgoing),
      new Set(this.learners),
      new Set(this.learnersNext),
      this.autoLeave,
    );
  }

  isJoint(): boolean {
    return this.outgoing.size > 0;
  }

  toConfState(): ConfState {
    return {
      voters: sortedIds(this.incoming),
      votersOutgoing: sortedIds(this.outgoing),
      learners: sortedIds(this.learners),
      learnersNext: sortedIds(this.learnersNext),
      autoLeave: this.autoLeave,
    };
  }

  toString(): string {
    let text = `voters=(${sortedIds(this.incoming).join(" ")})`;
    if (this.isJoint()) text += `&&(${sortedIds(this.outgoing).join(" ")})`;
    if (this.learners.size > 0) text += ` learners=(${sortedIds(this.learners).join(" ")})`;
    if (this.learnersNext.size > 0) text += ` learners_next=(${sortedIds(this.learnersNext).join(" ")})`;
    if (this.autoLeave) text += " autoleave";
    return text;
  }
}

export function sortedIds(ids: Iterable<NodeId>): NodeId[] {
  return [...ids].sort((a, b) => a - b);
}

export type ProgressMap = Map<NodeId, Progress>;

/** Tracks the active configuration, every member's replication progress and the votes of an election. */
export class ProgressTracker {
  config = new TrackerConfig();
  progress: ProgressMap = new Map();
  private votes = new Map<NodeId, boolean>();

  constructor(
    readonly maxInflight: number,
    readonly maxInflightBytes: number,
  ) {}

  confState(): ConfState {
    return this.config.toConfState();
  }

  /** True when this is a single voter with no joint configuration: it commits on its own. */
  isSingleton(): boolean {
    return this.config.incoming.size === 1 && !this.config.isJoint();
  }

  /** The largest index acknowledged by a quorum of the (possibly joint) configuration. */
  committed(): number {
    const acked: AckedIndexer = (id) => this.progress.get(id)?.match;
    return jointCommittedIndex(this.config.incoming, this.config.outgoing, acked);
  }

  /** Visits every tracked member in ascending id order, so iteration is the same on every replica. */
  visit(fn: (id: NodeId, progress: Progress) => void): void {
    for (const id of sortedIds(this.progress.keys())) fn(id, this.progress.get(id) as Progress);
  }

  /** Whether a quorum of voters has been active since the last reset of `recentActive`. */
  quorumActive(): boolean {
    const votes = new Map<NodeId, boolean>();
    this.visit((id, pr) => {
      if (!pr.isLearner) votes.set(id, pr.recentActive);
    });
    return jointVoteResult(this.config.incoming, this.config.outgoing, votes) === VoteResult.Won;
  }

  voterNodes(): NodeId[] {
    return sortedIds(new Set([...this.config.incoming, ...this.config.outgoing]));
  }

  learnerNodes(): NodeId[] {
    return sortedIds(this.config.learners);
  }

  isVoter(id: NodeId): boolean {
    return this.config.incoming.has(id) || this.config.outgoing.has(id);
  }

  resetVotes(): void {
    this.votes = new Map();
  }

  /** Records a vote, keeping the first one a voter cast in this election. */
  recordVote(id: NodeId, granted: boolean): void {
    if (!this.votes.has(id)) this.votes.set(id, granted);
  }

  tallyVotes(): { granted: number; rejected: number; result: VoteResult } {
    let granted = 0;
    let rejected = 0;
    this.visit((id, pr) => {
      if (pr.isLearner) return;
      const vote = this.votes.get(id);
      if (vote === undefined) return;
      if (vote) granted++;
      else rejected++;
    });
    return {
      granted,
      rejected,
      result: jointVoteResult(this.config.incoming, this.config.outgoing, this.votes),
    };
  }
}

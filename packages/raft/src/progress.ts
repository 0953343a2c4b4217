import { type Inflights } from "./inflights.js";

/**
 * How the leader replicates to one follower. Probe: one append at a time until the follower's log is
 * found to match. Replicate: pipelined appends inside the inflights window. Snapshot: waiting for a
 * snapshot to be installed; nothing else is sent.
 */
export const ProgressState = {
  Probe: "StateProbe",
  Replicate: "StateReplicate",
  Snapshot: "StateSnapshot",
} as const;
export type ProgressState = (typeof ProgressState)[keyof typeof ProgressState];

/** The leader's view of one follower (and of itself). */
export class Progress {
  /** Highest index known to be in the follower's log. */
  match = 0;
  /** Next index to send. Invariant: match < next. */
  next: number;
  /** Highest commit index sent to the follower, so a lagging commit can be bumped with an empty append. */
  sentCommit = 0;
  state: ProgressState = ProgressState.Probe;
  /** In Snapshot state, the index of the snapshot being installed. */
  pendingSnapshot = 0;
  /** Whether the follower was heard from since the last CheckQuorum round. */
  recentActive = false;
  /** In Probe state: an append is outstanding. In Replicate state: the inflights window is full. */
  msgAppFlowPaused = false;
  isLearner: boolean;
  inflights: Inflights;

  constructor(options: { next: number; isLearner: boolean; inflights: Inflights; recentActive?: boolean }) {
    this.next = options.next;
    this.isLearner = options.isLearner;
    this.inflights = options.inflights;
    this.recentActive = options.recentActive ?? false;
  }

  clone(): Progress {
    const copy = new Progress({
      next: this.next,
      isLearner: this.isLearner,
      inflights: this.inflights.clone(),
      recentActive: this.recentActive,
    });
    copy.match = this.match;
    copy.sentCommit = this.sentCommit;
    copy.state = this.state;
    copy.pendingSnapshot = this.pendingSnapshot;
    copy.msgAppFlowPaused = this.msgAppFlowPaused;
    return copy;
  }

  private resetState(state: ProgressState): void {
    this.msgAppFlowPaused = false;
    this.pendingSnapshot = 0;
    this.state = state;
    this.inflights.reset();
  }

  becomeProbe(): void {
    // After a snapshot the follower has at least the snapshot's entries, so probe from there.
    if (this.state === ProgressState.Snapshot) {
      const pendingSnapshot = this.pendingSnapshot;
      this.resetState(ProgressState.Probe);
      this.next = Math.max(this.match + 1, pendingSnapshot + 1);
    } else {
      this.resetState(ProgressState.Probe);
      this.next = this.match + 1;
    }
    this.sentCommit = Math.min(this.sentCommit, this.next - 1);
  }

  becomeReplicate(): void {
    this.resetState(ProgressState.Replicate);
    this.next = this.match + 1;
  }

  becomeSnapshot(snapshotIndex: number): void {
    this.resetState(ProgressState.Snapshot);
    this.pendingSnapshot = snapshotIndex;
    this.next = snapshotIndex + 1;
    this.sentCommit = snapshotIndex;
  }

  /** Accounts for an append of `entries` entries and `bytes` payload bytes just sent. */
  sentEntries(entries: number, bytes: number): void {
    switch (this.state) {
      case ProgressState.Replicate:
        if (entries > 0) {
          this.next += entries;
          this.inflights.add(this.next - 1, bytes);
        }
        this.msgAppFlowPaused = this.inflights.full();
        break;
      case ProgressState.Probe:
        // Probing sends one append and waits for its answer (or the next heartbeat).
        if (entries > 0) this.msgAppFlowPaused = true;
        break;
      case ProgressState.Snapshot:
        break;
    }
  }

  /** Whether an append carrying commit index `index` would tell the follower something new. */
  canBumpCommit(index: number): boolean {
    return index > this.sentCommit && this.sentCommit < this.next - 1;
  }

  /** Records the follower's acknowledgement of `index`; false if it was stale. */
  maybeUpdate(index: number): boolean {
    if (index <= this.match) return false;
    this.match = index;
    this.next = Math.max(this.next, index + 1);
    this.msgAppFlowPaused = false;
    return true;
  }

  /**
   * Handles a rejected append of the entry after `rejected`, with the follower's `matchHint` of where its
   * log might match. Returns false if the rejection is stale.
   */
  maybeDecrTo(rejected: number, matchHint: number): boolean {
    if (this.state === ProgressState.Replicate) {
      // In Replicate state a rejection at or below match is a reordered, stale response.
      if (rejected <= this.match) return false;
      this.next = this.match + 1;
      this.sentCommit = Math.min(this.sentCommit, this.next - 1);
      return true;
    }
    // In Probe state only the rejection of the one outstanding probe counts.
    if (this.next - 1 !== rejected) return false;
    this.next = Math.max(Math.min(rejected, matchHint + 1), this.match + 1);
    this.sentCommit = Math.min(this.sentCommit, this.next - 1);
    this.msgAppFlowPaused = false;
    return true;
  }

  isPaused(): boolean {
    switch (this.state) {
      case ProgressState.Probe:
      case ProgressState.Replicate:
        return this.msgAppFlowPaused;
      case ProgressState.Snapshot:
        return true;
    }
  }

  toString(): string {
    let text = `${this.state} match=${this.match} next=${this.next}`;
    if (this.isLearner) text += " learner";
    if (this.isPaused()) text += " paused";
    if (this.pendingSnapshot > 0) text += ` pendingSnap=${this.pendingSnapshot}`;
    if (!this.recentActive) text += " inactive";
    if (this.inflights.count > 0) text += ` inflight=${this.inflights.count}`;
    if (this.inflights.full()) text += "[full]";
    return text;
  }
}

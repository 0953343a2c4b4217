import {
  ErrorCode,
  MillraceError,
  type ApplyResult,
  type CommittedEntries,
  type StateMachine,
  type StateReader,
} from "@millrace/common";
import {
  EntryType,
  ProgressState,
  ProposalDroppedError,
  RawNode,
  StateType,
  decodeConfChange,
  type ConfChange,
  type ConfState,
  type Entry,
  type RaftConfig,
  type Ready,
} from "@millrace/raft";
import { ProposalQueue, type PendingProposal } from "./proposal-queue.js";
import { type ReplicaStorage } from "./replica-storage.js";

export interface ReplicaLimits {
  proposalQueueItemsMax: number;
  proposalQueueBytesMax: number;
  /** Most proposals folded into one Raft proposal (one append message round). */
  proposalsPerBatchMax: number;
  proposalBatchBytesMax: number;
  /** Take a snapshot and compact the log after this many applied entries. */
  compactEveryEntries: number;
  /** Entries kept behind a compaction so briefly lagging followers catch up from the log. */
  compactRetainEntries: number;
  /**
   * How much log (estimated bytes) a replica keeps beyond that for another that lags further (stopped,
   * restarting, cut off), so it catches up from the log rather than by a snapshot of the whole state;
   * past it, compaction goes on as if that replica were not there. 0 keeps nothing for it.
   */
  compactLagBytesMax: number;
}

/**
 * What a stored entry costs on disk besides its data (key, term, checksum, record header), for the
 * estimate of how much log is kept for lagging followers.
 */
const entryOverheadBytes = 32;
/** The weight of each applied entry in the running average of entry sizes. */
const entryBytesAverageWeight = 1 / 64;

/** Marks the apply result of a conf-change entry; Raft turns a refused change into an empty normal entry. */
const confChangeApplied = Symbol("conf change applied");

interface Appended {
  readonly term: number;
  readonly proposal: PendingProposal;
}

interface ReadWaiter {
  resolve(): void;
  reject(error: Error): void;
}

/**
 * One Raft group on this node: its RawNode, durable storage, state machine, the proposals waiting to
 * enter its log and those appended and waiting to apply.
 */
export class GroupReplica {
  readonly rawNode: RawNode;
  readonly proposals: ProposalQueue;
  private readonly appended = new Map<number, Appended>();
  private readonly readWaiters = new Map<string, ReadWaiter>();
  /** Reads confirmed at an index, waiting for the state machine to reach it. */
  private readonly readsAtIndex: { index: number; waiter: ReadWaiter }[] = [];
  private readCounter = 0;
  confState: ConfState;
  appliedIndex: number;
  lastCompactIndex: number;
  damaged: Error | undefined = undefined;
  /** Not ticking: the group is idle (see quiescence.ts). */
  quiesced = false;
  /** Consecutive ticks a leader found its group idle. */
  idleTicks = 0;
  /**
   * Snapshots being read for sending. Their contents were captured earlier and may refer to entries a
   * compaction now would discard (StateMachine.snapshotValue reads them), so none runs meanwhile.
   */
  snapshotsReading = 0;
  /** A running average of applied entries' stored size, for the estimate of log kept for followers. */
  private entryBytesAverage = 0;

  constructor(
    readonly groupId: number,
    readonly storage: ReplicaStorage,
    readonly stateMachine: StateMachine,
    config: RaftConfig,
    private readonly limits: ReplicaLimits,
    /** Whether a peer node's replicas may lack log this one holds: silent lately (RaftHost.mayLag). */
    private readonly peerMayLag: (nodeId: number) => boolean = () => false,
  ) {
    this.rawNode = new RawNode(config);
    this.proposals = new ProposalQueue(groupId, limits.proposalQueueItemsMax, limits.proposalQueueBytesMax);
    this.confState = storage.appliedConfState;
    this.appliedIndex = config.applied;
    this.lastCompactIndex = storage.firstIndex() - 1;
  }

  get isLeader(): boolean {
    return this.rawNode.raft.state === StateType.Leader;
  }

  get leaderId(): number {
    return this.rawNode.raft.lead;
  }

  /** Queues a command; resolves with its apply result once committed and applied here. */
  propose(data: Uint8Array): Promise<ApplyResult<unknown>> {
    if (this.damaged !== undefined) return Promise.reject(unavailable(this.groupId, this.damaged));
    if (!this.isLeader) return Promise.reject(this.notLeader());
    this.wake();
    return new Promise((resolve, reject) => {
      this.proposals.add({ data, resolve, reject });
    });
  }

  /**
   * Proposes a membership change; resolves with the new membership once it is applied here. Raft admits
   * one change at a time: a change proposed while another is pending is refused with FAILED_PRECONDITION.
   */
  proposeConfChange(cc: ConfChange): Promise<ConfState> {
    if (this.damaged !== undefined) return Promise.reject(unavailable(this.groupId, this.damaged));
    if (!this.isLeader) return Promise.reject(this.notLeader());
    this.wake();
    try {
      this.rawNode.proposeConfChange(cc);
    } catch (error) {
      if (!(error instanceof ProposalDroppedError)) throw error;
      return Promise.reject(
        new MillraceError(ErrorCode.PROPOSAL_DROPPED, `group ${this.groupId}: ${error.reason}`),
      );
    }
    const raft = this.rawNode.raft;
    return new Promise((resolve, reject) => {
      this.appended.set(raft.raftLog.lastIndex(), {
        term: raft.term,
        proposal: {
          data: new Uint8Array(0),
          reject,
          resolve: (result) => {
            if (result.ok && result.value === confChangeApplied) resolve(this.confState);
            else
              reject(
                new MillraceError(
                  ErrorCode.FAILED_PRECONDITION,
                  "another membership change is in progress; retry",
                ),
              );
          },
        },
      });
    });
  }

  /** Resolves once this node may serve a linearizable read of the state machine (ReadIndex). */
  readBarrier(): Promise<void> {
    if (this.damaged !== undefined) return Promise.reject(unavailable(this.groupId, this.damaged));
    if (!this.isLeader) return Promise.reject(this.notLeader());
    this.wake();
    const context = new TextEncoder().encode(`r${this.groupId}:${this.readCounter++}`);
    return new Promise((resolve, reject) => {
      this.readWaiters.set(Buffer.from(context).toString("latin1"), { resolve, reject });
      this.rawNode.readIndex(context);
    });
  }

  /** Proposals or reads waiting: the group must keep ticking. */
  hasPendingWork(): boolean {
    return (
      this.proposals.size > 0 ||
      this.appended.size > 0 ||
      this.readWaiters.size > 0 ||
      this.readsAtIndex.length > 0
    );
  }

  /** Resumes ticking. */
  wake(): void {
    this.quiesced = false;
    this.idleTicks = 0;
  }

  notLeader(): MillraceError {
    const leader = this.leaderId;
    return new MillraceError(ErrorCode.NOT_LEADER, `this node does not lead group ${this.groupId}`, {
      details: leader === 0 ? {} : { leaderHint: { nodeId: leader } },
    });
  }

  /** Moves queued proposals into the Raft log as one batch; returns whether anything was proposed. */
  flushProposals(): boolean {
    if (this.proposals.size === 0) return false;
    const batch = this.proposals.take(this.limits.proposalsPerBatchMax, this.limits.proposalBatchBytesMax);
    if (!this.isLeader) {
      const error = this.notLeader();
      for (const p of batch) p.reject(error);
      this.proposals.rejectAll(error);
      return false;
    }
    try {
      this.rawNode.proposeEntries(batch.map((p) => p.data));
    } catch (error) {
      if (!(error instanceof ProposalDroppedError)) throw error;
      const dropped = new MillraceError(ErrorCode.PROPOSAL_DROPPED, `group ${this.groupId}: ${error.reason}`);
      for (const p of batch) p.reject(dropped);
      return false;
    }
    const raft = this.rawNode.raft;
    const last = raft.raftLog.lastIndex();
    batch.forEach((proposal, i) =>
      this.appended.set(last - batch.length + 1 + i, { term: raft.term, proposal }),
    );
    return true;
  }

  /**
   * After a snapshot from the leader became durable: the state machine reloads from the new keyspace,
   * and proposals this node appended at or below the snapshot can no longer be matched, so they fail.
   */
  async restoreFromSnapshot(rd: Ready): Promise<void> {
    const snapshot = rd.snapshot;
    if (snapshot === undefined) return;
    await this.stateMachine.restore(readerOf(this.storage.keyspace));
    this.appliedIndex = snapshot.metadata.index;
    this.confState = snapshot.metadata.confState;
    this.lastCompactIndex = snapshot.metadata.index;
    for (const [index, { proposal }] of this.appended) {
      if (index > snapshot.metadata.index) continue;
      this.appended.delete(index);
      proposal.reject(
        new MillraceError(ErrorCode.UNAVAILABLE, "outcome unknown: the replica was replaced by a snapshot"),
      );
    }
  }

  /** Applies a Ready's committed entries, resolving the proposals and reads they settle. */
  apply(rd: Ready): void {
    for (const rs of rd.readStates) {
      const key = Buffer.from(rs.requestCtx).toString("latin1");
      const waiter = this.readWaiters.get(key);
      if (waiter === undefined) continue;
      this.readWaiters.delete(key);
      this.readsAtIndex.push({ index: rs.index, waiter });
    }
    for (const entry of rd.committedEntries) {
      this.applyEntry(entry);
      const bytes = entry.data.byteLength + entryOverheadBytes;
      // The first entry applied since the start sets it: growing from 0, the estimate would take the log
      // kept for followers for nearly empty over the first hundred entries or so.
      this.entryBytesAverage =
        this.entryBytesAverage === 0
          ? bytes
          : this.entryBytesAverage + (bytes - this.entryBytesAverage) * entryBytesAverageWeight;
    }
    if (rd.committedEntries.length > 0) {
      this.storage.stageApplied(this.appliedIndex, this.confState);
      this.maybeCompact();
    }
    this.releaseReads();
  }

  private applyEntry(entry: Entry): void {
    let result: ApplyResult<unknown> = { ok: true, value: undefined };
    const appended = this.appended.get(entry.index);
    if (entry.type === EntryType.ConfChange) {
      this.confState = this.rawNode.applyConfChange(decodeConfChange(entry.data));
      result = { ok: true, value: confChangeApplied };
    } else if (entry.data.byteLength > 0) {
      // Only the replica that proposed the entry has anyone to answer.
      const respond = appended !== undefined && appended.term === entry.term;
      result = this.stateMachine.apply(entry.index, entry.data, this.storage.keyspace, { respond });
    }
    this.appliedIndex = entry.index;
    if (appended === undefined) return;
    this.appended.delete(entry.index);
    if (appended.term === entry.term) {
      appended.proposal.resolve(result);
    } else {
      // Another leader's entry took this index: our proposal was overwritten and never committed.
      appended.proposal.reject(
        new MillraceError(ErrorCode.PROPOSAL_DROPPED, "the proposal was superseded by a new leader"),
      );
    }
  }

  private releaseReads(): void {
    for (let i = this.readsAtIndex.length - 1; i >= 0; i--) {
      const read = this.readsAtIndex[i] as { index: number; waiter: ReadWaiter };
      if (read.index <= this.appliedIndex) {
        this.readsAtIndex.splice(i, 1);
        read.waiter.resolve();
      }
    }
  }

  private maybeCompact(): void {
    if (this.appliedIndex - this.lastCompactIndex < this.limits.compactEveryEntries) return;
    if (this.snapshotsReading > 0) return;
    // Entries the keyspace refers to stay, however old: the state machine reads them (e.g. log records).
    // Once released (a trim of the log), a long run of them goes a step at a time, one per applied
    // Ready, so that no batch deletes more than compactEveryEntries keys.
    const needed = this.stateMachine.logNeededFrom?.() ?? Number.POSITIVE_INFINITY;
    const index = Math.min(
      this.appliedIndex - this.limits.compactRetainEntries,
      needed - 1,
      this.lastCompactIndex + this.limits.compactEveryEntries,
      this.followersNeedFrom() - 1,
    );
    if (index <= this.lastCompactIndex) return;
    // The snapshot is the keyspace as of the applied index; the log behind it can go, keeping a tail so
    // briefly lagging followers catch up from the log instead of by snapshot.
    this.storage.createSnapshot(this.appliedIndex, this.confState);
    this.storage.stageCompact(index);
    this.lastCompactIndex = index;
  }

  /**
   * The first entry a lagging replica may still need from this log, when keeping the log from there fits
   * compactLagBytesMax; infinity otherwise. A leader knows what each follower has acknowledged; one known
   * to lack an entry already compacted, or being sent a snapshot, needs a snapshot whatever is kept, so it
   * holds nothing back. A follower knows nothing of the others' logs: while another replica's node is
   * silent, and for a grace time after it is heard from again, it keeps all it holds, so that if it comes
   * to lead (the leader fails, or hands over) before that node has caught up, the log is still there. A
   * replica stopped for good holds the log back until the bound is reached, or until the controller
   * replaces it (deadNodeAfterMs).
   */
  private followersNeedFrom(): number {
    if (this.limits.compactLagBytesMax <= 0) return Number.POSITIVE_INFINITY;
    const raft = this.rawNode.raft;
    const leading = raft.state === StateType.Leader;
    const firstIndex = this.storage.firstIndex();
    let from = Number.POSITIVE_INFINITY;
    for (const [id, progress] of raft.tracker.progress) {
      if (id === raft.id) continue;
      let needs: number;
      if (leading) {
        if (progress.state === ProgressState.Snapshot) continue;
        // A follower that has acknowledged nothing to this leader (down, or silent, since the election)
        // may need anything still held. Seen in test/cluster/snapshot-catch-up.test.ts: a leader elected
        // just before its follower was killed knew no more of it, and without this compacted past it.
        needs = progress.match === 0 ? firstIndex : progress.match + 1;
      } else {
        if (id === raft.lead || !this.peerMayLag(id)) continue;
        needs = firstIndex;
      }
      if (needs < firstIndex) continue;
      from = Math.min(from, needs);
    }
    if (from > this.appliedIndex) return Number.POSITIVE_INFINITY;
    const keptBytes = (this.appliedIndex - from + 1) * this.entryBytesAverage;
    return keptBytes <= this.limits.compactLagBytesMax ? from : Number.POSITIVE_INFINITY;
  }

  /** Fails everything waiting on this replica, e.g. when the group stops or is damaged. */
  failAll(error: Error): void {
    this.proposals.rejectAll(error);
    for (const { proposal } of this.appended.values()) proposal.reject(error);
    this.appended.clear();
    for (const waiter of this.readWaiters.values()) waiter.reject(error);
    this.readWaiters.clear();
    for (const { waiter } of this.readsAtIndex) waiter.reject(error);
    this.readsAtIndex.length = 0;
  }

  /** Rejects reads that can no longer be confirmed because this node lost leadership. */
  onLeadershipLost(): void {
    const error = this.notLeader();
    for (const waiter of this.readWaiters.values()) waiter.reject(error);
    this.readWaiters.clear();
    this.proposals.rejectAll(error);
  }
}

/** The group's committed Raft entries, as a state machine reads those its keyspace refers to. */
export function committedEntriesOf(storage: ReplicaStorage): CommittedEntries {
  return { command: (index) => storage.entryData(index) };
}

/** The keyspace as the state machine's reader. */
export function readerOf(keyspace: ReplicaStorage["keyspace"]): StateReader {
  return { get: (key) => keyspace.get(key), range: (from, to, limit) => keyspace.iterate(from, to, limit) };
}

function unavailable(groupId: number, cause: Error): MillraceError {
  return new MillraceError(
    ErrorCode.UNAVAILABLE,
    `group ${groupId} is damaged on this node and is not served`,
    { cause },
  );
}

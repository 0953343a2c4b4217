import { assert } from "@millrace/common";
import { encodeConfChange, type ConfChange } from "./conf-change.js";
import { validateConfig, type RaftConfig } from "./config.js";
import { StepRefusedError } from "./errors.js";
import { type Progress } from "./progress.js";
import { None, Raft } from "./raft.js";
import {
  EntryType,
  MessageType,
  StateType,
  emptyHardState,
  entriesSize,
  hardStateEqual,
  isLocalMessage,
  isResponseMessage,
  newMessage,
  payloadsSize,
  type ConfState,
  type Entry,
  type HardState,
  type Message,
  type NodeId,
  type ReadState,
  type Snapshot,
  type SoftState,
} from "./types.js";

/**
 * Everything the application must do after the core changed state, in this order:
 *
 * 1. Persist `snapshot` (if any), then `entries` (overwriting any stored entries at or after the first
 *    one's index), then `hardState` (if any), atomically if possible and with an fsync when `mustSync`.
 * 2. Send `messages`. They may depend on step 1 (votes, append acknowledgements), so never before it.
 * 3. Apply `snapshot`, then `committedEntries` in order, to the state machine, calling
 *    `applyConfChange` for each conf-change entry.
 * 4. Call `advance()`.
 *
 * `readStates` answer earlier `readIndex` calls; a read is linearizable once the state machine has applied
 * up to its index. `softState` is informational and need not be persisted.
 */
export interface Ready {
  readonly softState?: SoftState;
  readonly hardState?: HardState;
  readonly readStates: readonly ReadState[];
  readonly entries: readonly Entry[];
  readonly snapshot?: Snapshot;
  readonly committedEntries: readonly Entry[];
  readonly messages: readonly Message[];
  readonly mustSync: boolean;
}

export interface Status {
  readonly id: NodeId;
  readonly hardState: HardState;
  readonly softState: SoftState;
  readonly applied: number;
  readonly leadTransferee: NodeId;
  readonly confState: ConfState;
  /** Per-member replication progress; only a leader has it. */
  readonly progress?: ReadonlyMap<NodeId, ProgressStatus>;
}

export interface ProgressStatus {
  readonly match: number;
  readonly next: number;
  readonly state: Progress["state"];
  readonly isLearner: boolean;
  readonly recentActive: boolean;
  readonly paused: boolean;
  readonly pendingSnapshot: number;
  readonly inflightCount: number;
}

export const SnapshotStatus = {
  Finish: "finish",
  Failure: "failure",
} as const;
export type SnapshotStatus = (typeof SnapshotStatus)[keyof typeof SnapshotStatus];

/**
 * The synchronous, side-effect-free interface to one Raft group. Not thread-safe by design: one caller
 * drives it. Nothing here reads a clock, a random source (except the injected one), a socket or a file.
 */
export class RawNode {
  readonly raft: Raft;
  private prevSoftState: SoftState;
  private prevHardState: HardState;
  /** What the last Ready handed out, to be acknowledged in advance(). */
  private accepted: AcceptedReady | undefined = undefined;

  constructor(config: RaftConfig) {
    validateConfig(config);
    this.raft = new Raft(config);
    this.prevSoftState = this.raft.softState();
    this.prevHardState = this.raft.hardState();
  }

  /** Advances logical time by one tick: elections and heartbeats are counted in ticks. */
  tick(): void {
    this.raft.tick();
  }

  /** Starts an election now (with a pre-vote first if PreVote is on). */
  campaign(): void {
    this.raft.step(newMessage({ type: MessageType.Hup }));
  }

  /** Proposes data to be appended to the log. Throws ProposalDroppedError if refused. */
  propose(data: Uint8Array): void {
    this.proposeEntries([data]);
  }

  /** Proposes several entries in one message: they are appended (or refused) together. */
  proposeEntries(data: readonly Uint8Array[]): void {
    assert(data.length > 0, "proposeEntries needs at least one entry");
    const entries = data.map((d) => ({ term: 0, index: 0, type: EntryType.Normal, data: d }));
    this.raft.step(newMessage({ type: MessageType.Prop, from: this.raft.id, entries }));
  }

  /** Proposes a membership change. Throws ProposalDroppedError if refused. */
  proposeConfChange(cc: ConfChange): void {
    const entry = { term: 0, index: 0, type: EntryType.ConfChange, data: encodeConfChange(cc) };
    this.raft.step(newMessage({ type: MessageType.Prop, from: this.raft.id, entries: [entry] }));
  }

  /** Applies a committed conf change; call it for every conf-change entry as it is applied. */
  applyConfChange(cc: ConfChange): ConfState {
    return this.raft.applyConfChange(cc);
  }

  /**
   * Steps a message received from a peer. Local message types, responses from nodes outside the
   * configuration, and messages no correct peer sends (which would trip the core's assertions, taking
   * the node down on a buggy or hostile peer's word) are refused.
   */
  step(m: Message): void {
    if (isLocalMessage(m.type))
      throw new StepRefusedError(`cannot step local message ${m.type} from the network`);
    if (isResponseMessage(m.type) && !this.raft.tracker.progress.has(m.from)) {
      throw new StepRefusedError(`cannot step a response from ${m.from}, which is not in the configuration`);
    }
    const problem = this.malformation(m);
    if (problem !== undefined) throw new StepRefusedError(`cannot step ${problem} from ${m.from}`);
    this.raft.step(m);
  }

  /** What is wrong with a message from the network that a correct peer never sends, if anything. */
  private malformation(m: Message): string | undefined {
    switch (m.type) {
      case MessageType.Prop:
      case MessageType.ReadIndex:
        // Forwarded as if local: without a term, and never empty.
        if (m.term !== 0) return `a forwarded message ${m.type} with term ${m.term}`;
        return m.entries.length === 0 ? `an empty message ${m.type}` : undefined;
      case MessageType.TransferLeader:
        // A follower forwards it to its leader, and sending it on requires that it carry no term.
        if (m.term === 0 || (this.raft.state === StateType.Leader && m.term <= this.raft.term))
          return undefined;
        return `a leader transfer with term ${m.term} to a node that would forward it`;
      default:
        break;
    }
    // Every other message carries its sender's term; one without would be taken for a local message.
    if (m.term === 0) return `a message ${m.type} without a term`;
    if (m.type === MessageType.App) return appendMalformation(m);
    // A leader commits a follower only up to what the follower acknowledged holding. (A stale leader's
    // heartbeat is answered, not applied.)
    const lastIndex = this.raft.raftLog.lastIndex();
    if (m.type === MessageType.Heartbeat && m.term >= this.raft.term && m.commit > lastIndex) {
      return `a heartbeat committing ${m.commit}, past the last index ${lastIndex}`;
    }
    return undefined;
  }

  /** Requests a linearizable read; the answer arrives as a ReadState carrying `context`. */
  readIndex(context: Uint8Array): void {
    this.raft.step(
      newMessage({
        type: MessageType.ReadIndex,
        entries: [{ term: 0, index: 0, type: EntryType.Normal, data: context }],
      }),
    );
  }

  /** Asks the leader to hand leadership to `transferee`. */
  transferLeader(transferee: NodeId): void {
    this.raft.step(newMessage({ type: MessageType.TransferLeader, from: transferee }));
  }

  /** Tells the leader the transport could not deliver to `id`, so it stops replicating optimistically. */
  reportUnreachable(id: NodeId): void {
    this.raft.step(newMessage({ type: MessageType.Unreachable, from: id }));
  }

  /** Tells the leader how sending a snapshot to `id` ended. */
  reportSnapshot(id: NodeId, status: SnapshotStatus): void {
    this.raft.step(
      newMessage({ type: MessageType.SnapStatus, from: id, reject: status === SnapshotStatus.Failure }),
    );
  }

  hasReady(): boolean {
    const r = this.raft;
    if (!softStateEqual(r.softState(), this.prevSoftState)) return true;
    const hs = r.hardState();
    if (!hardStateEqual(hs, emptyHardState) && !hardStateEqual(hs, this.prevHardState)) return true;
    if (r.raftLog.hasNextUnstableSnapshot()) return true;
    if (r.msgs.length > 0 || r.msgsAfterAppend.length > 0) return true;
    if (r.raftLog.hasNextUnstableEntries() || r.raftLog.hasNextCommittedEntries()) return true;
    return r.readStates.length > 0;
  }

  /** Collects what the application must persist, send and apply. Call advance() when it is done. */
  ready(): Ready {
    assert(this.accepted === undefined, "ready() called twice without advance()");
    const r = this.raft;
    const entries = r.raftLog.nextUnstableEntries();
    const committedEntries = r.raftLog.nextCommittedEntries();
    const softState = r.softState();
    const hardState = r.hardState();
    const snapshot = r.raftLog.unstable.snapshot;
    const messages = r.msgs;
    for (const m of r.msgsAfterAppend) if (m.to !== r.id) messages.push(m);
    const ready: {
      -readonly [K in keyof Ready]: Ready[K];
    } = {
      readStates: r.readStates,
      entries,
      committedEntries,
      messages,
      // Term, vote, entries and an installed snapshot must survive a crash before anything depends on
      // them (the MsgAppResp in this Ready acknowledges the snapshot's index); a commit index alone can
      // be recovered from the quorum.
      mustSync:
        entries.length > 0 ||
        snapshot !== undefined ||
        hardState.vote !== this.prevHardState.vote ||
        hardState.term !== this.prevHardState.term,
    };
    if (!softStateEqual(softState, this.prevSoftState)) ready.softState = softState;
    if (!hardStateEqual(hardState, this.prevHardState)) ready.hardState = hardState;
    if (snapshot !== undefined) ready.snapshot = snapshot;
    this.accept(ready);
    return ready;
  }

  private accept(ready: Ready): void {
    const r = this.raft;
    if (ready.softState !== undefined) this.prevSoftState = ready.softState;
    if (ready.hardState !== undefined) this.prevHardState = ready.hardState;
    if (ready.readStates.length > 0) r.readStates = [];
    const lastEntry = ready.entries[ready.entries.length - 1];
    const lastCommitted = ready.committedEntries[ready.committedEntries.length - 1];
    this.accepted = {
      selfMessages: r.msgsAfterAppend.filter((m) => m.to === r.id),
      stable: lastEntry === undefined ? undefined : { index: lastEntry.index, term: lastEntry.term },
      snapshot: ready.snapshot,
      applied:
        lastCommitted === undefined
          ? undefined
          : {
              index: lastCommitted.index,
              bytes: entriesSize(ready.committedEntries),
              payload: payloadsSize(ready.committedEntries),
            },
    };
    r.msgs = [];
    r.msgsAfterAppend = [];
    if (this.accepted.applied !== undefined)
      r.raftLog.acceptApplying(this.accepted.applied.index, this.accepted.applied.bytes);
  }

  /**
   * Tells the core the last Ready was persisted, sent and applied. Our own append and vote
   * acknowledgements are counted only now, once they are durable.
   */
  advance(): void {
    const accepted = this.accepted;
    assert(accepted !== undefined, "advance() without a preceding ready()");
    this.accepted = undefined;
    const r = this.raft;
    for (const m of accepted.selfMessages) r.step(m);
    if (accepted.stable !== undefined) r.raftLog.stableTo(accepted.stable.index, accepted.stable.term);
    if (accepted.snapshot !== undefined) r.appliedSnapshot(accepted.snapshot);
    if (accepted.applied !== undefined) {
      r.appliedTo(accepted.applied.index, accepted.applied.bytes);
      r.reduceUncommittedSize(accepted.applied.payload);
    }
  }

  status(): Status {
    const r = this.raft;
    const base = {
      id: r.id,
      hardState: r.hardState(),
      softState: r.softState(),
      applied: r.raftLog.applied,
      leadTransferee: r.leadTransferee,
      confState: r.tracker.confState(),
    };
    if (r.state !== "Leader") return base;
    const progress = new Map<NodeId, ProgressStatus>();
    r.tracker.visit((id, pr) => {
      progress.set(id, {
        match: pr.match,
        next: pr.next,
        state: pr.state,
        isLearner: pr.isLearner,
        recentActive: pr.recentActive,
        paused: pr.isPaused(),
        pendingSnapshot: pr.pendingSnapshot,
        inflightCount: pr.inflights.count,
      });
    });
    return { ...base, progress };
  }

  /** The current leader as this node knows it, or 0. */
  get leader(): NodeId {
    return this.raft.lead === None ? 0 : this.raft.lead;
  }
}

interface AcceptedReady {
  selfMessages: Message[];
  stable: { index: number; term: number } | undefined;
  snapshot: Snapshot | undefined;
  applied: { index: number; bytes: number; payload: number } | undefined;
}

function softStateEqual(a: SoftState, b: SoftState): boolean {
  return a.lead === b.lead && a.raftState === b.raftState;
}

/** An append's entries follow its `index` one by one, their terms from `logTerm` up to the message's. */
function appendMalformation(m: Message): string | undefined {
  let term = m.logTerm;
  for (const [i, entry] of m.entries.entries()) {
    if (entry.index !== m.index + 1 + i) return `an append whose entry ${i} has index ${entry.index}`;
    if (entry.term < term || entry.term > m.term) return `an append whose entry ${i} has term ${entry.term}`;
    term = entry.term;
  }
  return undefined;
}

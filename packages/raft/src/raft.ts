import { assert } from "@millrace/common";
import { Changer, restoreConfState, type ChangeResult } from "./changer.js";
import {
  decodeConfChange,
  describeConfChange,
  enterJoint,
  leaveJoint,
  type ConfChange,
} from "./conf-change.js";
import { type RaftConfig, type RaftLogger } from "./config.js";
import { DropReason, ProposalDroppedError } from "./errors.js";
import { Inflights } from "./inflights.js";
import { Progress, ProgressState } from "./progress.js";
import { VoteResult, majorityVoteResult } from "./quorum.js";
import { RaftLog } from "./raft-log.js";
import { ReadOnly, ReadOnlyOption } from "./read-only.js";
import { SnapshotTemporarilyUnavailableError } from "./storage.js";
import { ProgressTracker, sortedIds } from "./tracker.js";
import {
  EntryType,
  MessageType,
  StateType,
  isEmptyHardState,
  isEmptySnapshot,
  messageTypeName,
  newMessage,
  payloadsSize,
  voteResponseType,
  type ConfState,
  type Entry,
  type HardState,
  type Message,
  type NodeId,
  type ReadState,
  type Snapshot,
  type SoftState,
} from "./types.js";

/** No node: ids start at 1. */
export const None = 0;

const CampaignType = {
  PreElection: "CampaignPreElection",
  Election: "CampaignElection",
  /** A campaign forced by a leadership transfer: it skips PreVote and overrides leader leases. */
  Transfer: "CampaignTransfer",
} as const;
type CampaignType = (typeof CampaignType)[keyof typeof CampaignType];

const transferContext = new TextEncoder().encode(CampaignType.Transfer);

function isTransferContext(context: Uint8Array | undefined): boolean {
  if (context === undefined || context.byteLength !== transferContext.byteLength) return false;
  return context.every((byte, i) => byte === transferContext[i]);
}

/**
 * The Raft algorithm for one group: a pure state machine driven by `step` and `tick`, whose outputs
 * (messages, entries to persist, entries to apply) are collected by RawNode into a Ready. Follows
 * etcd-io/raft; section numbers in comments refer to the Raft paper (Ongaro & Ousterhout, 2014).
 */
export class Raft {
  readonly id: NodeId;
  term = 0;
  vote: NodeId = None;
  readStates: ReadState[] = [];
  readonly raftLog: RaftLog;
  tracker: ProgressTracker;
  state: StateType = StateType.Follower;
  isLearner = false;
  /** Messages to send once everything they depend on is durable. */
  msgs: Message[] = [];
  /** Self-addressed responses (our own append and vote), stepped once the Ready is persisted. */
  msgsAfterAppend: Message[] = [];
  lead: NodeId = None;
  /** The node leadership is being transferred to, while a transfer is in flight. */
  leadTransferee: NodeId = None;
  /** Only one conf change may be pending: this is the log index of the latest, which must apply first. */
  pendingConfIndex = 0;
  /** Payload bytes appended by this leader and not yet applied. */
  uncommittedSize = 0;
  readOnly: ReadOnly;
  /** Ticks since the last election timeout reset (for leaders: since the last CheckQuorum round). */
  electionElapsed = 0;
  heartbeatElapsed = 0;
  randomizedElectionTimeout = 0;
  /** ReadIndex requests received before this leader committed an entry in its term. */
  private pendingReadIndexMessages: Message[] = [];
  private readonly config: RaftConfig;
  private readonly logger: RaftLogger;

  constructor(config: RaftConfig) {
    this.config = config;
    this.id = config.id;
    this.logger = config.logger;
    this.raftLog = new RaftLog(config.storage, config.committedBytesPerReadyMax);
    this.tracker = new ProgressTracker(config.inflightMessagesMax, config.inflightBytesMax);
    this.readOnly = new ReadOnly(config.readOnlyOption);
    const { hardState, confState } = config.storage.initialState();
    this.switchToConfig(restoreConfState(this.tracker, this.raftLog.lastIndex(), confState));
    if (!isEmptyHardState(hardState)) this.loadState(hardState);
    if (config.applied > 0) this.raftLog.appliedTo(config.applied, 0);
    this.becomeFollower(this.term, None);
    const voters = this.tracker.voterNodes().join(",");
    this.logger.info(
      `newRaft ${this.id} [peers: [${voters}], term: ${this.term}, commit: ${this.raftLog.committed}, applied: ${this.raftLog.applied}, lastindex: ${this.raftLog.lastIndex()}, lastterm: ${this.raftLog.lastTerm()}]`,
    );
  }

  hasLeader(): boolean {
    return this.lead !== None;
  }

  softState(): SoftState {
    return { lead: this.lead, raftState: this.state };
  }

  hardState(): HardState {
    return { term: this.term, vote: this.vote, commit: this.raftLog.committed };
  }

  // ---- sending -------------------------------------------------------------------------------

  private send(m: Message): void {
    if (m.from === None) m.from = this.id;
    if (
      m.type === MessageType.Vote ||
      m.type === MessageType.VoteResp ||
      m.type === MessageType.PreVote ||
      m.type === MessageType.PreVoteResp
    ) {
      // Vote messages carry the term they are for, which for PreVote is a term we have not entered.
      assert(m.term !== 0, () => `term should be set when sending ${messageTypeName(m.type)}`);
    } else {
      assert(
        m.term === 0,
        () => `term should not be set when sending ${messageTypeName(m.type)} (was ${m.term})`,
      );
      // Proposals and read requests are forwarded to the leader as if local, so they carry no term.
      if (m.type !== MessageType.Prop && m.type !== MessageType.ReadIndex) m.term = this.term;
    }
    if (
      m.type === MessageType.AppResp ||
      m.type === MessageType.VoteResp ||
      m.type === MessageType.PreVoteResp
    ) {
      // These acknowledge what we have persisted, so they wait for the Ready holding it to be durable.
      this.msgsAfterAppend.push(m);
    } else {
      assert(m.to !== this.id, "message should not be self-addressed when sending");
      this.msgs.push(m);
    }
  }

  /** Sends an append (or a snapshot) to `to` if there is anything to send; returns whether it sent. */
  maybeSendAppend(to: NodeId, sendIfEmpty = true): boolean {
    const pr = this.tracker.progress.get(to);
    if (pr === undefined) return false;
    const lastIndex = this.raftLog.lastIndex();
    const commit = this.raftLog.committed;
    if (!shouldSendAppend(pr, lastIndex, commit)) return false;
    const prevIndex = pr.next - 1;
    const prevTerm = this.raftLog.termOrUndefined(prevIndex);
    // The log was compacted past what the follower needs: only a snapshot can catch it up.
    if (prevTerm === undefined) return this.maybeSendSnapshot(to, pr);
    let entries: Entry[] = [];
    // Entries only while the window has room. A heartbeat response clears msgAppFlowPaused without
    // freeing the window, so the flag alone would let us overfill it (the Inflights.add assertion).
    if (canSendEntries(pr, lastIndex)) {
      try {
        entries = this.raftLog.entries(pr.next, this.config.messageBytesMax);
      } catch {
        return this.maybeSendSnapshot(to, pr);
      }
    }
    if (entries.length === 0 && !sendIfEmpty) return false;
    this.send(
      newMessage({ type: MessageType.App, to, index: prevIndex, logTerm: prevTerm, entries, commit }),
    );
    pr.sentEntries(entries.length, payloadsSize(entries));
    pr.sentCommit = commit;
    return true;
  }

  private sendAppend(to: NodeId): void {
    this.maybeSendAppend(to, true);
  }

  private maybeSendSnapshot(to: NodeId, pr: Progress): boolean {
    // A follower that has not answered recently is probably down; don't spend a snapshot on it.
    if (!pr.recentActive) {
      this.logger.debug(`ignore sending snapshot to ${to} since it is not recently active`);
      return false;
    }
    let snapshot: Snapshot;
    try {
      snapshot = this.raftLog.snapshot();
    } catch (error) {
      if (error instanceof SnapshotTemporarilyUnavailableError) {
        this.logger.debug(
          `${this.id} failed to send snapshot to ${to} because snapshot is temporarily unavailable`,
        );
        return false;
      }
      throw error;
    }
    assert(!isEmptySnapshot(snapshot), "need non-empty snapshot");
    const { index, term } = snapshot.metadata;
    this.logger.debug(
      `${this.id} [firstindex: ${this.raftLog.firstIndex()}, commit: ${this.raftLog.committed}] sent snapshot[index: ${index}, term: ${term}] to ${to} [${pr.toString()}]`,
    );
    pr.becomeSnapshot(index);
    this.send(newMessage({ type: MessageType.Snap, to, snapshot }));
    return true;
  }

  private sendHeartbeat(to: NodeId, context: Uint8Array | undefined): void {
    const pr = this.tracker.progress.get(to) as Progress;
    // Never tell a follower to commit beyond what it is known to hold: its log may not match ours there.
    const commit = Math.min(pr.match, this.raftLog.committed);
    const m = newMessage({ type: MessageType.Heartbeat, to, commit });
    if (context !== undefined) m.context = context;
    this.send(m);
    pr.sentCommit = commit;
  }

  bcastAppend(): void {
    this.tracker.visit((id) => {
      if (id !== this.id) this.sendAppend(id);
    });
  }

  private bcastHeartbeat(): void {
    this.bcastHeartbeatWithContext(this.readOnly.lastPendingRequestContext());
  }

  private bcastHeartbeatWithContext(context: Uint8Array | undefined): void {
    this.tracker.visit((id) => {
      if (id !== this.id) this.sendHeartbeat(id, context);
    });
  }

  // ---- applying and committing ---------------------------------------------------------------

  appliedTo(index: number, bytes: number): void {
    const applied = Math.max(index, this.raftLog.applied);
    this.raftLog.appliedTo(applied, bytes);
    if (
      this.tracker.config.autoLeave &&
      applied >= this.pendingConfIndex &&
      this.state === StateType.Leader
    ) {
      // Leave the joint configuration now that it is applied. An empty change has no payload, so the
      // uncommitted-size limit cannot refuse it; a leadership transfer can, and then this is retried on
      // the next apply (or the new leader does it).
      const m = newMessage({
        type: MessageType.Prop,
        from: this.id,
        entries: [{ term: 0, index: 0, type: EntryType.ConfChange, data: new Uint8Array(0) }],
      });
      try {
        this.step(m);
        this.logger.info(
          `initiating automatic transition out of joint configuration ${this.tracker.config.toString()}`,
        );
      } catch (error) {
        if (!(error instanceof ProposalDroppedError)) throw error;
        this.logger.debug(`not initiating automatic transition out of joint configuration: ${error.reason}`);
      }
    }
  }

  appliedSnapshot(snapshot: Snapshot): void {
    const index = snapshot.metadata.index;
    this.raftLog.stableSnapTo(index);
    this.appliedTo(index, 0);
  }

  /** Advances the commit index to what a quorum holds; true if it moved. */
  maybeCommit(): boolean {
    return this.raftLog.maybeCommit(this.tracker.committed(), this.term);
  }

  private reset(term: number): void {
    if (this.term !== term) {
      this.term = term;
      // The vote is cleared only when the term changes: clearing it within a term would allow a second vote.
      this.vote = None;
    }
    this.lead = None;
    this.electionElapsed = 0;
    this.heartbeatElapsed = 0;
    this.resetRandomizedElectionTimeout();
    this.abortLeaderTransfer();
    this.tracker.resetVotes();
    const lastIndex = this.raftLog.lastIndex();
    for (const [id, pr] of this.tracker.progress) {
      const fresh = new Progress({
        next: lastIndex + 1,
        isLearner: pr.isLearner,
        inflights: new Inflights(this.tracker.maxInflight, this.tracker.maxInflightBytes),
      });
      if (id === this.id) fresh.match = lastIndex;
      this.tracker.progress.set(id, fresh);
    }
    this.pendingConfIndex = 0;
    this.uncommittedSize = 0;
    this.readOnly = new ReadOnly(this.readOnly.option);
  }

  /** Appends entries at this leader's term; false if the uncommitted-size limit refuses them. */
  private appendEntry(entries: Entry[]): boolean {
    const lastIndex = this.raftLog.lastIndex();
    const stamped = entries.map((e, i) => ({ ...e, term: this.term, index: lastIndex + 1 + i }));
    if (!this.increaseUncommittedSize(stamped)) return false;
    const newLast = this.raftLog.append(stamped);
    // The leader acknowledges its own entries only after they are durable (this is stepped on advance),
    // so it never counts an entry toward a quorum that a crash could still take away.
    this.send(newMessage({ type: MessageType.AppResp, to: this.id, index: newLast }));
    return true;
  }

  // ---- ticking ---------------------------------------------------------------------------------

  tick(): void {
    if (this.state === StateType.Leader) this.tickHeartbeat();
    else this.tickElection();
  }

  private tickElection(): void {
    this.electionElapsed++;
    if (this.promotable() && this.pastElectionTimeout()) {
      this.electionElapsed = 0;
      this.step(newMessage({ type: MessageType.Hup, from: this.id }));
    }
  }

  private tickHeartbeat(): void {
    this.heartbeatElapsed++;
    this.electionElapsed++;
    if (this.electionElapsed >= this.config.electionTimeoutTicks) {
      this.electionElapsed = 0;
      if (this.config.checkQuorum) this.step(newMessage({ type: MessageType.CheckQuorum, from: this.id }));
      // A transfer that has not finished within an election timeout is abandoned; we stay leader.
      if (this.state === StateType.Leader && this.leadTransferee !== None) this.abortLeaderTransfer();
    }
    if (this.state !== StateType.Leader) return;
    if (this.heartbeatElapsed >= this.config.heartbeatIntervalTicks) {
      this.heartbeatElapsed = 0;
      this.step(newMessage({ type: MessageType.Beat, from: this.id }));
    }
  }

  // ---- role changes ----------------------------------------------------------------------------

  becomeFollower(term: number, lead: NodeId): void {
    this.reset(term);
    this.lead = lead;
    this.state = StateType.Follower;
    this.logger.info(`${this.id} became follower at term ${this.term}`);
  }

  becomeCandidate(): void {
    assert(this.state !== StateType.Leader, "invalid transition [leader -> candidate]");
    this.reset(this.term + 1);
    this.vote = this.id;
    this.state = StateType.Candidate;
    this.logger.info(`${this.id} became candidate at term ${this.term}`);
  }

  becomePreCandidate(): void {
    assert(this.state !== StateType.Leader, "invalid transition [leader -> pre-candidate]");
    // A pre-candidate changes neither its term nor its vote: that is the point of PreVote.
    this.tracker.resetVotes();
    this.lead = None;
    this.state = StateType.PreCandidate;
    this.logger.info(`${this.id} became pre-candidate at term ${this.term}`);
  }

  becomeLeader(): void {
    assert(this.state !== StateType.Follower, "invalid transition [follower -> leader]");
    this.reset(this.term);
    this.lead = this.id;
    this.state = StateType.Leader;
    const self = this.tracker.progress.get(this.id) as Progress;
    self.becomeReplicate();
    self.recentActive = true;
    // Any entry in the log may be an uncommitted conf change; scanning for one would be costly, so no
    // new change is accepted until everything up to here is applied.
    this.pendingConfIndex = this.raftLog.lastIndex();
    // An empty entry of the new term: committing it commits everything before it (§5.4.2) and lets reads
    // be served (§8). It has no payload, so it never counts against the uncommitted limit.
    const appended = this.appendEntry([
      { term: 0, index: 0, type: EntryType.Normal, data: new Uint8Array(0) },
    ]);
    assert(appended, "empty entry was dropped");
    this.logger.info(`${this.id} became leader at term ${this.term}`);
  }

  private hup(type: CampaignType): void {
    if (this.state === StateType.Leader) {
      this.logger.debug(`${this.id} ignoring MsgHup because already leader`);
      return;
    }
    if (!this.promotable()) {
      this.logger.warn(`${this.id} is unpromotable and can not campaign`);
      return;
    }
    if (this.hasUnappliedConfChanges()) {
      this.logger.warn(
        `${this.id} cannot campaign at term ${this.term} since there are still pending configuration changes to apply`,
      );
      return;
    }
    this.logger.info(`${this.id} is starting a new election at term ${this.term}`);
    this.campaign(type);
  }

  /** Whether a committed but unapplied conf change exists: campaigning under a stale config is unsafe. */
  private hasUnappliedConfChanges(): boolean {
    if (this.raftLog.applied >= this.raftLog.committed) return false;
    let lo = this.raftLog.applied + 1;
    const hi = this.raftLog.committed + 1;
    // Read page by page so a long unapplied tail cannot spike memory.
    while (lo < hi) {
      const page = this.raftLog.slice(lo, hi, this.config.committedBytesPerReadyMax);
      if (page.length === 0) break;
      if (page.some((e) => e.type === EntryType.ConfChange)) return true;
      lo = (page[page.length - 1] as Entry).index + 1;
    }
    return false;
  }

  private campaign(type: CampaignType): void {
    assert(this.promotable(), "campaign by an unpromotable node");
    let term: number;
    let voteType: MessageType;
    if (type === CampaignType.PreElection) {
      this.becomePreCandidate();
      voteType = MessageType.PreVote;
      // A pre-vote asks about the next term without entering it.
      term = this.term + 1;
    } else {
      this.becomeCandidate();
      voteType = MessageType.Vote;
      term = this.term;
    }
    const lastIndex = this.raftLog.lastIndex();
    const lastTerm = this.raftLog.lastTerm();
    for (const id of this.tracker.voterNodes()) {
      if (id === this.id) {
        // Our own vote counts only once the term and vote are durable, like any other vote.
        this.send(newMessage({ type: voteResponseType(voteType), to: id, term }));
        continue;
      }
      this.logger.info(
        `${this.id} [logterm: ${lastTerm}, index: ${lastIndex}] sent ${messageTypeName(voteType)} request to ${id} at term ${this.term}`,
      );
      const m = newMessage({ type: voteType, to: id, term, index: lastIndex, logTerm: lastTerm });
      if (type === CampaignType.Transfer) m.context = transferContext;
      this.send(m);
    }
  }

  private poll(
    id: NodeId,
    type: MessageType,
    granted: boolean,
  ): { granted: number; rejected: number; result: VoteResult } {
    if (granted)
      this.logger.info(`${this.id} received ${messageTypeName(type)} from ${id} at term ${this.term}`);
    else
      this.logger.info(
        `${this.id} received ${messageTypeName(type)} rejection from ${id} at term ${this.term}`,
      );
    this.tracker.recordVote(id, granted);
    return this.tracker.tallyVotes();
  }

  // ---- stepping --------------------------------------------------------------------------------

  /** Processes one message. Throws ProposalDroppedError for a refused proposal. */
  step(m: Message): void {
    if (m.term === 0) {
      // A local message.
    } else if (m.term > this.term) {
      if (m.type === MessageType.Vote || m.type === MessageType.PreVote) {
        const force = isTransferContext(m.context);
        const inLease =
          this.config.checkQuorum &&
          this.lead !== None &&
          this.electionElapsed < this.config.electionTimeoutTicks;
        if (!force && inLease) {
          // §4.2.3 of the thesis: a node that recently heard from a leader ignores vote requests, so a
          // removed or partitioned node cannot depose a working leader.
          this.logger.info(
            `${this.id} [logterm: ${this.raftLog.lastTerm()}, index: ${this.raftLog.lastIndex()}, vote: ${this.vote}] ignored ${messageTypeName(m.type)} from ${m.from} [logterm: ${m.logTerm}, index: ${m.index}] at term ${this.term}: lease is not expired (remaining ticks: ${this.config.electionTimeoutTicks - this.electionElapsed})`,
          );
          return;
        }
      }
      if (m.type === MessageType.PreVote) {
        // A pre-vote never changes our term.
      } else if (m.type === MessageType.PreVoteResp && !m.reject) {
        // Granted pre-votes carry the term we asked about; we enter it only after winning the pre-vote.
      } else {
        this.logger.info(
          `${this.id} [term: ${this.term}] received a ${messageTypeName(m.type)} message with higher term from ${m.from} [term: ${m.term}]`,
        );
        const fromLeader =
          m.type === MessageType.App || m.type === MessageType.Heartbeat || m.type === MessageType.Snap;
        this.becomeFollower(m.term, fromLeader ? m.from : None);
      }
    } else if (m.term < this.term) {
      if (
        (this.config.checkQuorum || this.config.preVote) &&
        (m.type === MessageType.Heartbeat || m.type === MessageType.App)
      ) {
        // A leader of an older term is still sending. Tell it our term so it steps down; otherwise, with
        // CheckQuorum or PreVote, a node whose term ran ahead in a partition could never rejoin.
        this.send(newMessage({ type: MessageType.AppResp, to: m.from }));
      } else if (m.type === MessageType.PreVote) {
        // Reject explicitly so a pre-candidate with a stale term learns ours instead of waiting.
        this.logger.info(
          `${this.id} [logterm: ${this.raftLog.lastTerm()}, index: ${this.raftLog.lastIndex()}, vote: ${this.vote}] rejected ${messageTypeName(m.type)} from ${m.from} [logterm: ${m.logTerm}, index: ${m.index}] at term ${this.term}`,
        );
        this.send(newMessage({ type: MessageType.PreVoteResp, to: m.from, term: this.term, reject: true }));
      } else {
        this.logger.info(
          `${this.id} [term: ${this.term}] ignored a ${messageTypeName(m.type)} message with lower term from ${m.from} [term: ${m.term}]`,
        );
      }
      return;
    }

    switch (m.type) {
      case MessageType.Hup:
        this.hup(this.config.preVote ? CampaignType.PreElection : CampaignType.Election);
        return;
      case MessageType.Vote:
      case MessageType.PreVote:
        this.handleVoteRequest(m);
        return;
      default:
        break;
    }
    switch (this.state) {
      case StateType.Leader:
        this.stepLeader(m);
        return;
      case StateType.Candidate:
      case StateType.PreCandidate:
        this.stepCandidate(m);
        return;
      case StateType.Follower:
        this.stepFollower(m);
        return;
    }
  }

  private handleVoteRequest(m: Message): void {
    // We can vote if this is a repeat of a vote we cast, if we have not voted and know of no leader in
    // this term, or if this is a pre-vote for a future term...
    const canVote =
      this.vote === m.from ||
      (this.vote === None && this.lead === None) ||
      (m.type === MessageType.PreVote && m.term > this.term);
    // ...and the candidate's log is at least as up to date as ours (§5.4.1). Learners vote too: a learner
    // may already have been promoted by a conf change it has not yet applied.
    const lastIndex = this.raftLog.lastIndex();
    const lastTerm = this.raftLog.lastTerm();
    if (canVote && this.raftLog.isUpToDate(m.index, m.logTerm)) {
      this.logger.info(
        `${this.id} [logterm: ${lastTerm}, index: ${lastIndex}, vote: ${this.vote}] cast ${messageTypeName(m.type)} for ${m.from} [logterm: ${m.logTerm}, index: ${m.index}] at term ${this.term}`,
      );
      // Answer with the message's term: for a pre-vote ours may be behind, and the candidate would
      // otherwise discard the grant.
      this.send(newMessage({ type: voteResponseType(m.type), to: m.from, term: m.term }));
      if (m.type === MessageType.Vote) {
        this.electionElapsed = 0;
        this.vote = m.from;
      }
    } else {
      this.logger.info(
        `${this.id} [logterm: ${lastTerm}, index: ${lastIndex}, vote: ${this.vote}] rejected ${messageTypeName(m.type)} from ${m.from} [logterm: ${m.logTerm}, index: ${m.index}] at term ${this.term}`,
      );
      this.send(newMessage({ type: voteResponseType(m.type), to: m.from, term: this.term, reject: true }));
    }
  }

  private stepLeader(m: Message): void {
    switch (m.type) {
      case MessageType.Beat:
        this.bcastHeartbeat();
        return;
      case MessageType.CheckQuorum:
        if (!this.tracker.quorumActive()) {
          this.logger.warn(`${this.id} stepped down to follower since quorum is not active`);
          this.becomeFollower(this.term, None);
        }
        // Everyone but us must prove themselves active again before the next check.
        this.tracker.visit((id, pr) => {
          if (id !== this.id) pr.recentActive = false;
        });
        return;
      case MessageType.Prop:
        this.handleProposal(m);
        return;
      case MessageType.ReadIndex:
        this.handleReadIndex(m);
        return;
      default:
        break;
    }

    const pr = this.tracker.progress.get(m.from);
    if (pr === undefined) {
      this.logger.debug(`${this.id} no progress available for ${m.from}`);
      return;
    }
    switch (m.type) {
      case MessageType.AppResp:
        this.handleAppendResponse(m, pr);
        return;
      case MessageType.HeartbeatResp:
        this.handleHeartbeatResponse(m, pr);
        return;
      case MessageType.SnapStatus:
        if (pr.state !== ProgressState.Snapshot) return;
        if (m.reject) {
          // Forget the snapshot first, or probing would start from an index the follower never got.
          pr.pendingSnapshot = 0;
          this.logger.debug(
            `${this.id} snapshot failed, resumed sending replication messages to ${m.from} [${pr.toString()}]`,
          );
        } else {
          this.logger.debug(
            `${this.id} snapshot succeeded, resumed sending replication messages to ${m.from} [${pr.toString()}]`,
          );
        }
        pr.becomeProbe();
        // Wait for the follower's append response (or, after a failure, a heartbeat) before the next send.
        pr.msgAppFlowPaused = true;
        return;
      case MessageType.Unreachable:
        // Appends sent optimistically were probably lost; fall back to probing.
        if (pr.state === ProgressState.Replicate) pr.becomeProbe();
        this.logger.debug(
          `${this.id} failed to send message to ${m.from} because it is unreachable [${pr.toString()}]`,
        );
        return;
      case MessageType.TransferLeader:
        this.handleTransferLeader(m, pr);
        return;
      default:
        return;
    }
  }

  private handleProposal(m: Message): void {
    assert(m.entries.length > 0, () => `${this.id} stepped empty MsgProp`);
    if (!this.tracker.progress.has(this.id)) {
      // This leader was removed from the configuration and is about to step down.
      throw new ProposalDroppedError(DropReason.NotAMember);
    }
    if (this.leadTransferee !== None) {
      this.logger.debug(
        `${this.id} [term ${this.term}] transfer leadership to ${this.leadTransferee} is in progress; dropping proposal`,
      );
      throw new ProposalDroppedError(DropReason.TransferInProgress);
    }
    const entries = m.entries.map((entry, i) => {
      if (entry.type !== EntryType.ConfChange) return entry;
      const refusal = this.confChangeRefusal(entry);
      if (refusal !== undefined) {
        this.logger.info(
          `${this.id} ignoring conf change at config ${this.tracker.config.toString()}: ${refusal}`,
        );
        // Replaced by an empty normal entry so indexes proposed in one batch stay as the proposer expects.
        return { ...entry, type: EntryType.Normal, data: new Uint8Array(0) };
      }
      this.pendingConfIndex = this.raftLog.lastIndex() + i + 1;
      return entry;
    });
    if (!this.appendEntry(entries)) throw new ProposalDroppedError(DropReason.UncommittedSizeExceeded);
    this.bcastAppend();
  }

  /** Why a proposed conf change must not be appended now, or undefined if it may. */
  private confChangeRefusal(entry: Entry): string | undefined {
    let cc: ConfChange;
    try {
      cc = decodeConfChange(entry.data);
    } catch (error) {
      return `undecodable conf change: ${(error as Error).message}`;
    }
    const alreadyJoint = this.tracker.config.isJoint();
    const wantsLeaveJoint = cc.changes.length === 0;
    if (this.pendingConfIndex > this.raftLog.applied) {
      return `possible unapplied conf change at index ${this.pendingConfIndex} (applied to ${this.raftLog.applied})`;
    }
    if (alreadyJoint && !wantsLeaveJoint) return "must transition out of joint config first";
    if (!alreadyJoint && wantsLeaveJoint) return "not in joint state; refusing empty conf change";
    return undefined;
  }

  private handleReadIndex(m: Message): void {
    if (this.tracker.isSingleton()) {
      this.answerReadIndex(m, this.raftLog.committed);
      return;
    }
    // §6.4 of the thesis: until this leader commits an entry of its term it does not know the commit
    // index of the previous leader, so reads wait.
    if (!this.committedEntryInCurrentTerm()) {
      this.pendingReadIndexMessages.push(m);
      return;
    }
    this.sendReadIndexResponse(m);
  }

  private sendReadIndexResponse(m: Message): void {
    // The lease: a follower refuses votes for an election timeout after it last heard from us, so while
    // a quorum has answered within the current CheckQuorum window (recentActive is reset every election
    // timeout) no other leader can exist. CheckQuorum alone deposes us only after a whole window without
    // answers - up to two election timeouts after the partition, by when a new leader may have committed
    // writes - so outside that a lease read is confirmed by a heartbeat round like a safe one.
    if (this.readOnly.option === ReadOnlyOption.LeaseBased && this.tracker.quorumActive()) {
      this.answerReadIndex(m, this.raftLog.committed);
      return;
    }
    const context = m.entries[0]?.data;
    this.readOnly.addRequest(this.raftLog.committed, m);
    // Our own acknowledgement; a quorum of heartbeat responses confirms we are still leader.
    this.readOnly.recvAck(this.id, context);
    this.bcastHeartbeatWithContext(context);
  }

  private releasePendingReadIndexMessages(): void {
    if (this.pendingReadIndexMessages.length === 0) return;
    if (!this.committedEntryInCurrentTerm()) return;
    const pending = this.pendingReadIndexMessages;
    this.pendingReadIndexMessages = [];
    for (const m of pending) this.sendReadIndexResponse(m);
  }

  /** Answers a read: locally if it is our own request, with a ReadIndexResp if a follower forwarded it. */
  private answerReadIndex(request: Message, readIndex: number): void {
    const context = (request.entries[0] as Entry).data;
    if (request.from === None || request.from === this.id) {
      this.readStates.push({ index: readIndex, requestCtx: context });
      return;
    }
    this.send(
      newMessage({
        type: MessageType.ReadIndexResp,
        to: request.from,
        index: readIndex,
        entries: request.entries,
      }),
    );
  }

  private handleAppendResponse(m: Message, pr: Progress): void {
    pr.recentActive = true;
    if (m.reject) {
      this.logger.debug(
        `${this.id} received MsgAppResp(rejected, hint: (index ${m.rejectHint}, term ${m.logTerm})) from ${m.from} for index ${m.index}`,
      );
      // Fast back-off: the follower says its log may match at (rejectHint, logTerm). Skip our entries of
      // terms above logTerm in one step instead of probing one index per round trip.
      let nextProbeIndex = m.rejectHint;
      if (m.logTerm > 0) nextProbeIndex = this.raftLog.findConflictByTerm(m.rejectHint, m.logTerm).index;
      if (pr.maybeDecrTo(m.index, nextProbeIndex)) {
        this.logger.debug(`${this.id} decreased progress of ${m.from} to [${pr.toString()}]`);
        if (pr.state === ProgressState.Replicate) pr.becomeProbe();
        this.sendAppend(m.from);
      }
      return;
    }
    // A response equal to match still moves a probing follower to replicating.
    if (!(pr.maybeUpdate(m.index) || (pr.match === m.index && pr.state === ProgressState.Probe))) return;
    if (pr.state === ProgressState.Probe) {
      pr.becomeReplicate();
    } else if (pr.state === ProgressState.Snapshot && pr.match + 1 >= this.raftLog.firstIndex()) {
      // The follower can now be caught up from the log, whichever snapshot it actually installed.
      this.logger.debug(
        `${this.id} recovered from needing snapshot, resumed sending replication messages to ${m.from} [${pr.toString()}]`,
      );
      pr.becomeProbe();
      pr.becomeReplicate();
    } else if (pr.state === ProgressState.Replicate) {
      pr.inflights.freeLE(m.index);
    }
    if (this.maybeCommit()) {
      // A commit in this term makes pending reads safe to serve.
      this.releasePendingReadIndexMessages();
      this.bcastAppend();
    } else if (m.from !== this.id && pr.canBumpCommit(this.raftLog.committed)) {
      this.sendAppend(m.from);
    }
    if (m.from !== this.id) {
      // The window may have opened for several messages at once; fill it without sending empty ones.
      while (this.maybeSendAppend(m.from, false)) {
        // keep sending
      }
    }
    if (m.from === this.leadTransferee && pr.match === this.raftLog.lastIndex()) {
      this.logger.info(`${this.id} sent MsgTimeoutNow to ${m.from} after received MsgAppResp`);
      this.sendTimeoutNow(m.from);
    }
  }

  private handleHeartbeatResponse(m: Message, pr: Progress): void {
    pr.recentActive = true;
    pr.msgAppFlowPaused = false;
    // Even a paused follower gets an append: the messages that filled its window may all have been lost.
    if (pr.match < this.raftLog.lastIndex() || pr.state === ProgressState.Probe) this.sendAppend(m.from);
    // (Lease-based reads also come here when their lease could not be trusted.)
    if (m.context === undefined || m.context.byteLength === 0) return;
    const acks = this.readOnly.recvAck(m.from, m.context);
    if (acks === undefined) return;
    const votes = new Map(acks);
    const { incoming, outgoing } = this.tracker.config;
    const won =
      majorityVoteResult(incoming, votes) === VoteResult.Won &&
      majorityVoteResult(outgoing, votes) === VoteResult.Won;
    if (!won) return;
    for (const { request, index } of this.readOnly.advance(m.context)) this.answerReadIndex(request, index);
  }

  private handleTransferLeader(m: Message, pr: Progress): void {
    if (pr.isLearner) {
      // (etcd logs its own id here; the learner is the would-be transferee.)
      this.logger.debug(`${m.from} is learner. Ignored transferring leadership`);
      return;
    }
    const transferee = m.from;
    if (this.leadTransferee !== None) {
      if (this.leadTransferee === transferee) {
        this.logger.info(
          `${this.id} [term ${this.term}] transfer leadership to ${transferee} is in progress, ignores request to same node ${transferee}`,
        );
        return;
      }
      this.abortLeaderTransfer();
      this.logger.info(
        `${this.id} [term ${this.term}] abort previous transferring leadership to ${this.leadTransferee}`,
      );
    }
    if (transferee === this.id) {
      this.logger.debug(`${this.id} is already leader. Ignored transferring leadership to self`);
      return;
    }
    this.logger.info(`${this.id} [term ${this.term}] starts to transfer leadership to ${transferee}`);
    // The transfer must finish within an election timeout, counted from now.
    this.electionElapsed = 0;
    this.leadTransferee = transferee;
    if (pr.match === this.raftLog.lastIndex()) {
      this.sendTimeoutNow(transferee);
      this.logger.info(
        `${this.id} sends MsgTimeoutNow to ${transferee} immediately as ${transferee} already has up-to-date log`,
      );
    } else {
      this.sendAppend(transferee);
    }
  }

  private stepCandidate(m: Message): void {
    // Only responses to our current kind of candidacy count: stale pre-vote responses may arrive after
    // we became a candidate in the same term.
    const myVoteResponse =
      this.state === StateType.PreCandidate ? MessageType.PreVoteResp : MessageType.VoteResp;
    switch (m.type) {
      case MessageType.Prop:
        this.logger.info(`${this.id} no leader at term ${this.term}; dropping proposal`);
        throw new ProposalDroppedError(DropReason.NotLeaderCandidate);
      case MessageType.App:
        this.becomeFollower(m.term, m.from);
        this.handleAppendEntries(m);
        return;
      case MessageType.Heartbeat:
        this.becomeFollower(m.term, m.from);
        this.handleHeartbeat(m);
        return;
      case MessageType.Snap:
        this.becomeFollower(m.term, m.from);
        this.handleSnapshot(m);
        return;
      case MessageType.TimeoutNow:
        this.logger.debug(
          `${this.id} [term ${this.term} state ${this.state}] ignored MsgTimeoutNow from ${m.from}`,
        );
        return;
      default:
        break;
    }
    if (m.type !== myVoteResponse) return;
    const { granted, rejected, result } = this.poll(m.from, m.type, !m.reject);
    this.logger.info(
      `${this.id} has received ${granted} ${messageTypeName(m.type)} votes and ${rejected} vote rejections`,
    );
    switch (result) {
      case VoteResult.Won:
        if (this.state === StateType.PreCandidate) {
          this.campaign(CampaignType.Election);
        } else {
          this.becomeLeader();
          this.bcastAppend();
        }
        return;
      case VoteResult.Lost:
        // A rejected pre-vote carries a future term; stay in ours.
        this.becomeFollower(this.term, None);
        return;
      case VoteResult.Pending:
        return;
    }
  }

  private stepFollower(m: Message): void {
    switch (m.type) {
      case MessageType.Prop:
        if (this.lead === None) {
          this.logger.info(`${this.id} no leader at term ${this.term}; dropping proposal`);
          throw new ProposalDroppedError(DropReason.NoLeader);
        }
        if (this.config.disableProposalForwarding) {
          throw new ProposalDroppedError(DropReason.ForwardingDisabled);
        }
        this.send({ ...m, to: this.lead });
        return;
      case MessageType.App:
        this.electionElapsed = 0;
        this.lead = m.from;
        this.handleAppendEntries(m);
        return;
      case MessageType.Heartbeat:
        this.electionElapsed = 0;
        this.lead = m.from;
        this.handleHeartbeat(m);
        return;
      case MessageType.Snap:
        this.electionElapsed = 0;
        this.lead = m.from;
        this.handleSnapshot(m);
        return;
      case MessageType.TransferLeader:
        if (this.lead === None) {
          this.logger.info(`${this.id} no leader at term ${this.term}; dropping leader transfer msg`);
          return;
        }
        this.send({ ...m, to: this.lead });
        return;
      case MessageType.TimeoutNow:
        // A transfer is not recovery from a partition, so it skips PreVote.
        this.logger.info(
          `${this.id} [term ${this.term}] received MsgTimeoutNow from ${m.from} and starts an election to get leadership`,
        );
        this.hup(CampaignType.Transfer);
        return;
      case MessageType.ReadIndex:
        if (this.lead === None) {
          this.logger.info(`${this.id} no leader at term ${this.term}; dropping index reading msg`);
          return;
        }
        this.send({ ...m, to: this.lead });
        return;
      case MessageType.ReadIndexResp:
        if (m.entries.length !== 1) {
          this.logger.warn(
            `${this.id} invalid format of MsgReadIndexResp from ${m.from}, entries count: ${m.entries.length}`,
          );
          return;
        }
        this.readStates.push({ index: m.index, requestCtx: (m.entries[0] as Entry).data });
        return;
      default:
        return;
    }
  }

  private handleAppendEntries(m: Message): void {
    if (m.index < this.raftLog.committed) {
      // Everything up to our commit index matches the leader's log already (§5.3, Log Matching).
      this.send(newMessage({ type: MessageType.AppResp, to: m.from, index: this.raftLog.committed }));
      return;
    }
    const lastNewIndex = this.raftLog.maybeAppend(m.index, m.logTerm, m.commit, m.entries);
    if (lastNewIndex !== undefined) {
      this.send(newMessage({ type: MessageType.AppResp, to: m.from, index: lastNewIndex }));
      return;
    }
    // Our log does not match at m.index. Hint the largest (index, term) at which it could match, skipping
    // our entries with terms above the leader's entry there.
    const hint = this.raftLog.findConflictByTerm(Math.min(m.index, this.raftLog.lastIndex()), m.logTerm);
    this.logger.debug(
      `${this.id} [logterm: ${this.raftLog.termOrUndefined(m.index) ?? 0}, index: ${m.index}] rejected MsgApp [logterm: ${m.logTerm}, index: ${m.index}] from ${m.from}`,
    );
    this.send(
      newMessage({
        type: MessageType.AppResp,
        to: m.from,
        index: m.index,
        reject: true,
        rejectHint: hint.index,
        logTerm: hint.term,
      }),
    );
  }

  private handleHeartbeat(m: Message): void {
    this.raftLog.commitTo(m.commit);
    const response = newMessage({ type: MessageType.HeartbeatResp, to: m.from });
    if (m.context !== undefined) response.context = m.context;
    this.send(response);
  }

  private handleSnapshot(m: Message): void {
    const snapshot = m.snapshot;
    if (snapshot === undefined) return;
    const { index, term } = snapshot.metadata;
    if (this.restore(snapshot)) {
      this.logger.info(
        `${this.id} [commit: ${this.raftLog.committed}] restored snapshot [index: ${index}, term: ${term}]`,
      );
      this.send(newMessage({ type: MessageType.AppResp, to: m.from, index: this.raftLog.lastIndex() }));
    } else {
      this.logger.info(
        `${this.id} [commit: ${this.raftLog.committed}] ignored snapshot [index: ${index}, term: ${term}]`,
      );
      this.send(newMessage({ type: MessageType.AppResp, to: m.from, index: this.raftLog.committed }));
    }
  }

  /**
   * Installs a snapshot from the leader. If our log already holds the snapshot's last entry it is kept
   * and only the commit index moves; otherwise the whole log is discarded (Figure 13, rule 7): a log that
   * conflicts at the snapshot's index cannot be trusted beyond it. Returns whether it was installed.
   */
  restore(snapshot: Snapshot): boolean {
    const { index, term, confState } = snapshot.metadata;
    if (index <= this.raftLog.committed) return false;
    if (this.state !== StateType.Follower) {
      // Defence in depth: only followers install snapshots. Move to a new term rather than risk it.
      this.logger.warn(`${this.id} attempted to restore snapshot as ${this.state}; should never happen`);
      this.becomeFollower(this.term + 1, None);
      return false;
    }
    const member = [...confState.voters, ...confState.learners, ...confState.votersOutgoing].includes(
      this.id,
    );
    if (!member) {
      this.logger.warn(
        `${this.id} attempted to restore snapshot but it is not in the ConfState; should never happen`,
      );
      return false;
    }
    if (this.raftLog.matchTerm(index, term)) {
      this.logger.info(`${this.id} fast-forwarded commit to snapshot [index: ${index}, term: ${term}]`);
      this.raftLog.commitTo(index);
      return false;
    }
    if (this.raftLog.applying > this.raftLog.applied) {
      // The last Ready handed out committed entries that the application is still applying, calling
      // applyConfChange for each conf change among them. Installing the snapshot's configuration now would
      // make those calls act on the wrong one: a stale "leave joint" throws ("can't leave a non-joint
      // config", cf. etcd-io/etcd#12582), a stale "enter joint" silently builds a joint configuration no
      // other node has. Refuse for now; the leader sends the snapshot again once we have caught up.
      // Found by the simulator (test/sim seed 79).
      this.logger.info(
        `${this.id} [applying: ${this.raftLog.applying}, applied: ${this.raftLog.applied}] ignores snapshot [index: ${index}] until the entries being applied are applied`,
      );
      return false;
    }
    // Rebuild the membership before touching the log: an inconsistent ConfState throws here, while the
    // node is still exactly as it was.
    const tracker = new ProgressTracker(this.tracker.maxInflight, this.tracker.maxInflightBytes);
    const membership = restoreConfState(tracker, index, confState);
    this.raftLog.restore(snapshot);
    this.tracker = tracker;
    this.switchToConfig(membership);
    return true;
  }

  /** A node can become leader if it is a voter with no snapshot waiting to be installed. */
  promotable(): boolean {
    const pr = this.tracker.progress.get(this.id);
    return pr !== undefined && !pr.isLearner && !this.raftLog.hasNextUnstableSnapshot();
  }

  applyConfChange(cc: ConfChange): ConfState {
    const changer = new Changer(this.tracker, this.raftLog.lastIndex());
    let result: ChangeResult;
    if (leaveJoint(cc)) {
      result = changer.leaveJoint();
    } else {
      const { useJoint, autoLeave } = enterJoint(cc);
      result = useJoint ? changer.enterJoint(autoLeave, cc.changes) : changer.simple(cc.changes);
    }
    this.logger.info(
      `${this.id} switched to configuration ${result.config.toString()} (${describeConfChange(cc)})`,
    );
    return this.switchToConfig(result);
  }

  /** Installs a configuration and reacts to it: a removed leader steps down, new members are probed. */
  switchToConfig(result: ChangeResult): ConfState {
    this.tracker.config = result.config;
    this.tracker.progress = result.progress;
    const cs = this.tracker.confState();
    const self = this.tracker.progress.get(this.id);
    this.isLearner = self?.isLearner ?? false;
    if ((self === undefined || this.isLearner) && this.state === StateType.Leader) {
      if (this.config.stepDownOnRemoval) this.becomeFollower(this.term, None);
      return cs;
    }
    if (this.state !== StateType.Leader || cs.voters.length === 0) return cs;
    if (this.maybeCommit()) {
      // A smaller quorum may commit more now.
      this.bcastAppend();
    } else {
      // Probe new members at once rather than after a heartbeat interval. Only appends carrying
      // entries (or a snapshot): everyone else already has what there is to send.
      this.tracker.visit((id) => {
        if (id !== this.id) this.maybeSendAppend(id, false);
      });
    }
    if (this.leadTransferee !== None && !this.tracker.isVoter(this.leadTransferee))
      this.abortLeaderTransfer();
    return cs;
  }

  private loadState(state: HardState): void {
    assert(
      state.commit >= this.raftLog.committed && state.commit <= this.raftLog.lastIndex(),
      () =>
        `${this.id} state.commit ${state.commit} is out of range [${this.raftLog.committed}, ${this.raftLog.lastIndex()}]`,
    );
    this.raftLog.committed = state.commit;
    this.term = state.term;
    this.vote = state.vote;
  }

  pastElectionTimeout(): boolean {
    return this.electionElapsed >= this.randomizedElectionTimeout;
  }

  resetRandomizedElectionTimeout(): void {
    const base = this.config.electionTimeoutTicks;
    this.randomizedElectionTimeout = base + this.config.random.int(base);
  }

  private sendTimeoutNow(to: NodeId): void {
    this.send(newMessage({ type: MessageType.TimeoutNow, to }));
  }

  abortLeaderTransfer(): void {
    this.leadTransferee = None;
  }

  committedEntryInCurrentTerm(): boolean {
    return (this.raftLog.termOrUndefined(this.raftLog.committed) ?? 0) === this.term;
  }

  /** Records proposed payload; refuses it if it would exceed the uncommitted limit (empty entries always pass). */
  private increaseUncommittedSize(entries: readonly Entry[]): boolean {
    const size = payloadsSize(entries);
    // An empty tail accepts any proposal, so one proposal larger than the limit is not refused forever.
    if (
      this.uncommittedSize > 0 &&
      size > 0 &&
      this.uncommittedSize + size > this.config.uncommittedBytesMax
    ) {
      this.logger.warn(
        `${this.id} appending new entries to log would exceed uncommitted entry size limit; dropping proposal`,
      );
      return false;
    }
    this.uncommittedSize += size;
    return true;
  }

  reduceUncommittedSize(size: number): void {
    // The tracked size may underestimate the tail (it resets on leader change) but never overestimate it.
    this.uncommittedSize = Math.max(0, this.uncommittedSize - size);
  }

  voters(): NodeId[] {
    return sortedIds(this.tracker.config.incoming);
  }
}

/**
 * Whether an append is due (as etcd's Progress.ShouldSendMsgApp). In Replicate: a commit bump; or, while
 * the follower lacks entries, entries the window has room for, or an empty probe once a heartbeat
 * response has unpaused the flow. The probe is what recovers a follower whose appends in flight were
 * all lost: without it a full (or fully sent) window is never acknowledged nor rejected, and
 * replication to a live follower stalls until the leader changes.
 */
function shouldSendAppend(pr: Progress, lastIndex: number, commit: number): boolean {
  switch (pr.state) {
    case ProgressState.Probe:
      return !pr.msgAppFlowPaused;
    case ProgressState.Replicate:
      return (
        pr.canBumpCommit(commit) ||
        (pr.match < lastIndex && (!pr.msgAppFlowPaused || canSendEntries(pr, lastIndex)))
      );
    case ProgressState.Snapshot:
      return false;
  }
}

/** Whether flow control lets entries go to this follower: there are some, and a Replicate window has room. */
function canSendEntries(pr: Progress, lastIndex: number): boolean {
  return pr.next <= lastIndex && (pr.state !== ProgressState.Replicate || !pr.inflights.full());
}

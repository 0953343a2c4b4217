import {
  AssertionError,
  ErrorCode,
  MillraceError,
  assert,
  type ApplyResult,
  type Clock,
  type Random,
  type StateMachine,
} from "@millrace/common";
import {
  MessageType,
  SnapshotStatus,
  newMessage,
  StateType,
  StepRefusedError,
  raftConfig,
  type ConfChange,
  type ConfState,
  type Message,
  type Ready,
  type Snapshot,
  type SnapshotMetadata,
} from "@millrace/raft";
import { GroupReplica, committedEntriesOf, readerOf, type ReplicaLimits } from "./group-replica.js";
import { handOverTarget } from "./hand-over.js";
import { canQuiesce, followerMayQuiesce, isQuiesceMessage, quiesceHeartbeats } from "./quiescence.js";
import { backoffDelayMs, type BackoffOptions } from "../transport/backoff.js";
import type { SnapshotEnvelope } from "../transport/snapshot-codec.js";
import type { IncomingSnapshotSink } from "../transport/transport-options.js";
import { type CommitPoint, type ReplicaStorage, type ReplicaSnapshotStaging } from "./replica-storage.js";

/** How the host reaches other nodes; the peer transport implements it. */
export interface HostTransport {
  send(to: number, groupId: number, message: Message): void;
  /**
   * Sends a snapshot of `groupId` to `to`: the MsgSnap `message` (its snapshot's data empty) and the
   * contents, read from `data` as the transfer goes. Rejects if the transfer failed.
   */
  sendSnapshot(to: number, groupId: number, message: Message, data: AsyncIterator<Uint8Array>): Promise<void>;
}

export interface HostLogger {
  info(obj: object, msg: string): void;
  warn(obj: object, msg: string): void;
  error(obj: object, msg: string): void;
}

export interface HostObserver {
  onCommit?(stats: { entries: number; fsyncMs: number; synced: boolean; groups: number }): void;
  onLeaderChange?(groupId: number, leader: number, term: number): void;
  /** This node applied a membership change that removed it from the group. */
  onRemoved?(groupId: number): void;
}

export interface RaftHostOptions {
  nodeId: number;
  clock: Clock;
  random: Random;
  commitPoint: CommitPoint;
  transport: HostTransport;
  logger: HostLogger;
  observer?: HostObserver;
  tickIntervalMs: number;
  electionTimeoutTicks: number;
  heartbeatIntervalTicks: number;
  limits: ReplicaLimits;
  /** Ticks a leader's group must stay idle before it quiesces. */
  quiesceAfterTicks: number;
  /**
   * After failed snapshots to a follower, how long until the next: from `baseMs`, doubling with each
   * failure in a row up to `maxMs`, jittered (backoffDelayMs). Defaults: 1 s, 60 s.
   */
  snapshotRetryBackoff?: BackoffOptions;
  /**
   * How long after a silent node is heard from again followers go on keeping the log its replicas may
   * lack (within compactLagBytesMax), as they do while it is silent. Default: 30 s.
   */
  catchUpGraceMs?: number;
}

/** When a follower of a group may be sent a snapshot again, after failures in a row. */
interface SnapshotBackoff {
  readonly notBeforeMs: number;
  readonly failures: number;
}

export interface GroupSpec {
  readonly groupId: number;
  readonly storage: ReplicaStorage;
  readonly stateMachine: StateMachine;
}

/**
 * Runs many Raft groups on one node. One write loop gathers the Ready of every group into a single
 * synced batch (group commit across groups), applying their committed entries as it goes, then sends
 * and advances them all; the peer transport batches every message for one node produced in one loop
 * turn into one frame, so the heartbeats of all groups to a peer travel together.
 */
export class RaftHost {
  readonly groups = new Map<number, GroupReplica>();
  private ticker: TimerHandleLike | undefined = undefined;
  /** Writes staged at the end of a burst, written behind unless a round's commit takes them first. */
  private behindTimer: TimerHandleLike | undefined = undefined;
  private running = false;
  private scheduled = false;
  private stopped = false;
  private cycle: Promise<void> = Promise.resolve();
  private fatal: Error | undefined = undefined;
  private readonly leaders = new Map<number, number>();
  /**
   * When each peer node was last heard from (any message), for waking quiesced followers and for keeping
   * log for a silent node's replicas.
   */
  private readonly lastHeardMs = new Map<number, number>();
  /** When each peer node was heard from again after a silence (or first, since this host started). */
  private readonly returnedAtMs = new Map<number, number>();
  /** Snapshots received whole (receiveSnapshot), by the Snapshot stepped into Raft: where their state is. */
  private readonly stagedSnapshots = new WeakMap<Snapshot, ReplicaSnapshotStaging>();
  /** Received snapshots Raft took, until the Ready that installs them is done (or Raft let them go). */
  private readonly installs = new Map<Snapshot, PendingInstall>();
  /** By group, then follower: the wait after a failed snapshot (see sendSnapshot). */
  private readonly snapshotBackoffs = new Map<number, Map<number, SnapshotBackoff>>();

  constructor(private readonly options: RaftHostOptions) {}

  async addGroup(spec: GroupSpec): Promise<GroupReplica> {
    if (this.groups.has(spec.groupId))
      throw new MillraceError(ErrorCode.ALREADY_EXISTS, `group ${spec.groupId} is already hosted`);
    await spec.stateMachine.restore(readerOf(spec.storage.keyspace));
    const o = this.options;
    const replica = new GroupReplica(
      spec.groupId,
      spec.storage,
      spec.stateMachine,
      raftConfig({
        id: o.nodeId,
        storage: spec.storage,
        random: o.random.fork(),
        applied: spec.storage.appliedIndex,
        electionTimeoutTicks: o.electionTimeoutTicks,
        heartbeatIntervalTicks: o.heartbeatIntervalTicks,
      }),
      o.limits,
      (peer) => this.mayLag(peer),
    );
    this.groups.set(spec.groupId, replica);
    this.schedule();
    return replica;
  }

  group(groupId: number): GroupReplica {
    const replica = this.groups.get(groupId);
    if (replica === undefined)
      throw new MillraceError(ErrorCode.NOT_FOUND, `group ${groupId} is not hosted on this node`);
    return replica;
  }

  propose(groupId: number, command: Uint8Array): Promise<ApplyResult<unknown>> {
    return this.request(groupId, (replica) => replica.propose(command));
  }

  proposeConfChange(groupId: number, cc: ConfChange): Promise<ConfState> {
    return this.request(groupId, (replica) => replica.proposeConfChange(cc));
  }

  readBarrier(groupId: number): Promise<void> {
    return this.request(groupId, (replica) => replica.readBarrier());
  }

  /**
   * Hands a request to a hosted group and runs a cycle for it. A group not (or no longer) hosted here,
   * e.g. one whose replica moved away after the caller found it, answers NOT_LEADER: nothing entered its
   * log, so the caller may retry wherever the group's leader is now.
   */
  private request<T>(groupId: number, make: (replica: GroupReplica) => Promise<T>): Promise<T> {
    if (this.fatal !== undefined) return Promise.reject(this.unavailable());
    const replica = this.groups.get(groupId);
    if (replica === undefined) {
      return Promise.reject(
        new MillraceError(ErrorCode.NOT_LEADER, `group ${groupId} is not hosted on this node`),
      );
    }
    const promise = make(replica);
    this.schedule();
    return promise;
  }

  /**
   * Delivers a message from a peer; messages for groups this node does not host are dropped. Throws
   * INVALID_ARGUMENT for a MsgSnap that did not come through receiveSnapshot: it has no state behind it,
   * and a failure to install it would stop the whole host.
   */
  step(groupId: number, message: Message): void {
    if (this.stopped) return;
    const now = this.options.clock.monotonicMs();
    if (this.isSilent(message.from, now)) this.returnedAtMs.set(message.from, now);
    this.lastHeardMs.set(message.from, now);
    if (groupId === nodeHeartbeatGroupId) return;
    const replica = this.groups.get(groupId);
    if (replica === undefined || replica.damaged !== undefined) return;
    const snapshot = message.snapshot;
    if (snapshot !== undefined && !this.stagedSnapshots.has(snapshot)) {
      throw new MillraceError(
        ErrorCode.INVALID_ARGUMENT,
        "a snapshot reaches a group through receiveSnapshot, never stepped with its data",
      );
    }
    try {
      replica.rawNode.step(message);
    } catch (error) {
      if (!(error instanceof StepRefusedError)) throw error;
      return;
    }
    if (isQuiesceMessage(message)) {
      if (followerMayQuiesce(replica, message)) replica.quiesced = true;
    } else if (replica.quiesced) {
      replica.wake();
    }
    this.schedule();
  }

  /** Stops hosting a group: what waits on it fails as UNAVAILABLE (outcome unknown); storage is the caller's. */
  removeGroup(groupId: number): void {
    const replica = this.groups.get(groupId);
    if (replica === undefined) return;
    this.groups.delete(groupId);
    this.leaders.delete(groupId);
    this.snapshotBackoffs.delete(groupId);
    this.settleInstalls(
      (install) => install.groupId === groupId,
      new MillraceError(ErrorCode.UNAVAILABLE, `group ${groupId} is no longer hosted on this node`),
    );
    // Appends waiting here may still commit on the remaining replicas: their outcome is unknown.
    replica.failAll(
      new MillraceError(
        ErrorCode.UNAVAILABLE,
        `outcome unknown: group ${groupId} is no longer hosted on this node`,
      ),
    );
  }

  /**
   * A snapshot of `groupId` from its leader begins to arrive: its state is written, as it comes, into the
   * keyspace slot the group does not use (never held whole in memory). Once all of it is written, the
   * sink's `finish` steps the MsgSnap into Raft and resolves when the Ready that installs it is done, or
   * at once if Raft does not take it (it is older than what the group has). Rejects, naming why, if the
   * group is not hosted here or is damaged.
   */
  async receiveSnapshot(
    groupId: number,
    metadata: SnapshotMetadata,
    envelope: SnapshotEnvelope,
  ): Promise<IncomingSnapshotSink> {
    const replica = this.receivingReplica(groupId);
    const staging = await replica.storage.beginSnapshotStaging();
    let stepped = false;
    return {
      write: (data) => staging.write(data),
      finish: () => {
        if (!staging.complete) {
          const error = new MillraceError(
            ErrorCode.INVALID_ARGUMENT,
            "the snapshot stream ended before its last chunk",
          );
          return Promise.reject(error);
        }
        stepped = true;
        return this.installReceived(replica, metadata, envelope, staging);
      },
      // Once stepped, Raft may install it whatever becomes of the transfer: it must stay.
      abandon: () => {
        if (!stepped) replica.storage.abandonSnapshotStaging(staging);
      },
    };
  }

  private receivingReplica(groupId: number): GroupReplica {
    if (this.fatal !== undefined) throw this.unavailable();
    if (this.stopped) throw new MillraceError(ErrorCode.UNAVAILABLE, "the node is shutting down");
    const replica = this.groups.get(groupId);
    if (replica === undefined) {
      throw new MillraceError(ErrorCode.FAILED_PRECONDITION, `group ${groupId} is not hosted on this node`);
    }
    if (replica.damaged !== undefined) {
      throw new MillraceError(ErrorCode.FAILED_PRECONDITION, `group ${groupId} is damaged on this node`);
    }
    return replica;
  }

  private async installReceived(
    replica: GroupReplica,
    metadata: SnapshotMetadata,
    envelope: SnapshotEnvelope,
    staging: ReplicaSnapshotStaging,
  ): Promise<void> {
    if (this.receivingReplica(replica.groupId) !== replica) {
      throw new MillraceError(ErrorCode.UNAVAILABLE, `group ${replica.groupId} was replaced on this node`);
    }
    const snapshot: Snapshot = { metadata, data: noData };
    this.stagedSnapshots.set(snapshot, staging);
    const { term, from, to } = envelope;
    this.step(replica.groupId, newMessage({ type: MessageType.Snap, from, to, term, snapshot }));
    if (replica.rawNode.raft.raftLog.unstable.snapshot !== snapshot) return;
    await new Promise<void>((resolve, reject) => {
      this.installs.set(snapshot, { groupId: replica.groupId, resolve, reject });
    });
  }

  /** Ends the pending installs `which` picks: rejected with `error`, or resolved without one. */
  private settleInstalls(
    which: (install: PendingInstall, snapshot: Snapshot) => boolean,
    error: Error | undefined,
  ): void {
    for (const [snapshot, install] of [...this.installs]) {
      if (!which(install, snapshot)) continue;
      this.installs.delete(snapshot);
      if (error === undefined) install.resolve();
      else install.reject(error);
    }
  }

  reportUnreachable(to: number, groupIds: readonly number[]): void {
    for (const groupId of groupIds) this.groups.get(groupId)?.rawNode.reportUnreachable(to);
    this.schedule();
  }

  campaign(groupId: number): void {
    this.group(groupId).rawNode.campaign();
    this.schedule();
  }

  transferLeader(groupId: number, to: number): void {
    this.group(groupId).rawNode.transferLeader(to);
    this.schedule();
  }

  /**
   * Hands a group this node leads to the voter best placed to take it (see handOverTarget), before this
   * node stops. Returns the target, or undefined when no voter is in touch (the group will elect one).
   */
  handOverLeadership(groupId: number): number | undefined {
    const replica = this.group(groupId);
    const raft = replica.rawNode.raft;
    const target = handOverTarget(
      raft.id,
      replica.confState.voters,
      (id) => raft.tracker.progress.get(id)?.match,
      (id) => this.isSilent(id),
    );
    if (target !== undefined) this.transferLeader(groupId, target);
    return target;
  }

  start(): void {
    const { clock, tickIntervalMs } = this.options;
    const tick = () => {
      if (this.stopped) return;
      this.tickAll();
      this.schedule();
      this.ticker = clock.setTimer(tickIntervalMs, tick);
    };
    this.ticker = clock.setTimer(tickIntervalMs, tick);
  }

  /** Nothing heard from node `peer` for an election timeout (or ever, since this host started). */
  private isSilent(peer: number, now = this.options.clock.monotonicMs()): boolean {
    const { tickIntervalMs, electionTimeoutTicks } = this.options;
    const heard = this.lastHeardMs.get(peer);
    return heard === undefined || now - heard >= electionTimeoutTicks * tickIntervalMs;
  }

  /**
   * Node `peer`'s replicas may lack log this node holds: it is silent, or was until lately. A follower
   * can't see the others' logs, and a node that has just come back is caught up by its leader, or, if
   * leadership moves first, by whoever leads next, from that replica's log. A follower that let its log
   * go the moment the node was heard from again forced a snapshot on it when it came to lead during the
   * catch-up (seen in test/cluster/snapshot-catch-up.test.ts, with the leader's link to the returning
   * node still waiting out its reconnect backoff).
   */
  private mayLag(peer: number): boolean {
    const now = this.options.clock.monotonicMs();
    if (this.isSilent(peer, now)) return true;
    const returned = this.returnedAtMs.get(peer);
    return returned !== undefined && now - returned < (this.options.catchUpGraceMs ?? 30_000);
  }

  /** One tick: active groups tick; idle ones quiesce; followers of a silent leader's node wake. */
  private tickAll(): void {
    const { clock, nodeId, transport, tickIntervalMs, electionTimeoutTicks } = this.options;
    const now = clock.monotonicMs();
    const silentMs = electionTimeoutTicks * tickIntervalMs;
    const peers = new Set<number>();
    for (const replica of this.groups.values()) {
      if (replica.damaged !== undefined) continue;
      const raft = replica.rawNode.raft;
      for (const id of raft.tracker.progress.keys()) if (id !== nodeId) peers.add(id);
      if (replica.quiesced) {
        const lead = raft.lead;
        const heard = this.lastHeardMs.get(lead) ?? 0;
        if (lead === nodeId || lead === 0 || now - heard < silentMs) continue;
        replica.wake();
      }
      if (canQuiesce(replica)) {
        if (++replica.idleTicks >= this.options.quiesceAfterTicks) {
          for (const m of quiesceHeartbeats(replica)) transport.send(m.to, replica.groupId, m);
          replica.quiesced = true;
          continue;
        }
      } else {
        replica.idleTicks = 0;
      }
      replica.rawNode.tick();
    }
    // Only members of our groups are asked after (a quiesced follower's leader); any other id came from a
    // message's `from`, which a peer may fill with whatever it likes.
    for (const id of this.lastHeardMs.keys()) if (!peers.has(id)) this.lastHeardMs.delete(id);
    for (const id of this.returnedAtMs.keys()) if (!peers.has(id)) this.returnedAtMs.delete(id);
    // The coalesced node heartbeat: one message per peer node per tick, whatever the number of groups.
    for (const peer of peers)
      transport.send(
        peer,
        nodeHeartbeatGroupId,
        newMessage({ type: MessageType.Heartbeat, from: nodeId, to: peer }),
      );
  }

  /** Stops ticking and waits for the loop to finish its cycle; pending work fails as UNAVAILABLE. */
  async stop(): Promise<void> {
    this.stopped = true;
    if (this.ticker !== undefined) this.options.clock.clearTimer(this.ticker);
    if (this.behindTimer !== undefined) this.options.clock.clearTimer(this.behindTimer);
    await this.cycle;
    const error = new MillraceError(ErrorCode.UNAVAILABLE, "the node is shutting down");
    for (const replica of this.groups.values()) replica.failAll(error);
    this.settleInstalls(() => true, error);
  }

  /** Requests a loop cycle soon; many requests in one turn coalesce into one cycle. */
  schedule(): void {
    if (this.scheduled || this.stopped || this.fatal !== undefined) return;
    this.scheduled = true;
    setImmediate(() => {
      this.scheduled = false;
      // A write in flight when this was requested may have failed since: once fenced, no cycle may run (the
      // failed one took Readies it never advanced, and a new one would take them again).
      if (this.running || this.stopped || this.fatal !== undefined) return;
      this.running = true;
      this.cycle = this.runCycles().finally(() => {
        this.running = false;
      });
    });
  }

  private async runCycles(): Promise<void> {
    try {
      for (let rounds = 0; rounds < 1000 && !this.stopped && this.fatal === undefined; rounds++) {
        if (!(await this.runCycle())) return;
      }
      // Still busy: yield to the event loop (ticks, network) and continue in a fresh cycle.
      this.schedule();
    } catch (error) {
      // A broken invariant means this replica's state cannot be trusted: crash, and restart from disk.
      if (error instanceof AssertionError) {
        process.nextTick(() => {
          throw error;
        });
        return;
      }
      this.fail(error as Error);
    }
  }

  /** One group-commit round; returns whether it did any work. */
  private async runCycle(): Promise<boolean> {
    this.settleAbandonedInstalls();
    const readies: {
      replica: GroupReplica;
      rd: Ready;
      sentEarly: boolean;
      appliedEarly: boolean;
      memberBeforeApply: boolean;
    }[] = [];
    let sync = false;
    for (const replica of this.groups.values()) {
      if (replica.damaged !== undefined) continue;
      replica.flushProposals();
      if (!replica.rawNode.hasReady()) continue;
      const rd = replica.rawNode.ready();
      this.stage(replica, rd);
      // A leader's appends and heartbeats depend on nothing it has yet to persist, so they leave now and
      // the followers' fsyncs overlap ours (Raft thesis §10.2.1); the leader still counts its own entries
      // only once they are durable (at advance). Votes and acknowledgements wait for the fsync.
      const sentEarly = replica.isLeader;
      if (sentEarly) this.sendEarly(replica, rd);
      // Committed entries are durable on a quorum already, so a leader applies them (and answers their
      // proposers) now rather than after this round's fsync, which is for the round's new entries: waiting
      // on it cost every proposal a second fsync. A leader's own entries were made durable by an earlier
      // round (acknowledgements that commit them are stepped only after the Ready holding them was
      // taken), so nothing is applied here that this node has not persisted. Their writes join this
      // round's batch, after the entries they may follow (Raft and the state machines read staged
      // writes). A follower has no one to answer and its fsync comes before its acknowledgement, so it
      // applies after the fsync, as does a Ready with a snapshot, which is installed first.
      const appliedEarly = sentEarly && rd.snapshot === undefined;
      const memberBeforeApply = isMember(replica.confState, this.options.nodeId);
      if (appliedEarly) replica.apply(rd);
      sync ||= rd.mustSync;
      readies.push({ replica, rd, sentEarly, appliedEarly, memberBeforeApply });
    }
    const commitPoint = this.options.commitPoint;
    if (readies.length === 0) {
      // Only the state machines' writes of earlier rounds are left. The next round's fsync takes them if
      // one comes soon; else they are written behind. An fsync of their own at once, on every node after
      // every burst, held up the next round's (one write in flight at a time): an idle send's p50 went
      // from 2.8-3.0 ms to 4.2-4.7 in `npm run bench -- --only queue`.
      if (commitPoint.hasStaged()) this.commitSoon();
      return false;
    }
    // The durability point: entries, terms and votes of every group are fsynced together before any
    // message that depends on them leaves this node. Rounds that carry only what the log can rebuild
    // (commit and applied indexes, state machine writes) wait for nothing: their writes stay staged and go
    // with the next round's fsynced write, or, when none follows within stagedWaitMs, in one written
    // behind. Raft and the state machines read staged writes, so nothing sees them missing; a crash loses
    // them with the applied index that covers them, and the log rebuilds both.
    // Every write is fsynced. An unsynced one is not made durable by a later fsync once LevelDB has moved
    // to a new log file (it closes the old one without an fsync when it switches memtables): a power loss
    // then drops it and keeps later writes, and a replica whose applied index survived without the state
    // machine writes before it diverges without a trace.
    const writeAfter = !sync && readies.every(({ rd }) => rd.snapshot === undefined);
    if (sync) {
      const stats = await commitPoint.commit();
      this.options.observer?.onCommit?.({ ...stats, groups: readies.length });
    } else if (!writeAfter) {
      this.commitBehind(readies.length);
    }
    // Peers' messages may be stepped while the commit runs (and change who leads), so what was sent early
    // is remembered per Ready rather than recomputed.
    for (const { replica, rd, sentEarly, appliedEarly, memberBeforeApply } of readies) {
      // Dropped while the commit ran (the cluster moved it away): its storage is closed and its data is
      // being deleted, so nothing more of its Ready is sent or applied.
      if (this.groups.get(replica.groupId) !== replica) continue;
      this.send(replica, rd, sentEarly);
      if (rd.snapshot !== undefined) {
        await replica.restoreFromSnapshot(rd);
        // Operators (and test/cluster/snapshot-catch-up.test.ts) see when a follower caught up by snapshot.
        const { index, term } = rd.snapshot.metadata;
        this.options.logger.info({ group: replica.groupId, index, term }, "installed a snapshot");
        this.installs.get(rd.snapshot)?.resolve();
        this.installs.delete(rd.snapshot);
      }
      // Membership before this Ready's entries, but after its snapshot (which may change it).
      const wasMember = appliedEarly ? memberBeforeApply : isMember(replica.confState, this.options.nodeId);
      if (!appliedEarly) replica.apply(rd);
      replica.rawNode.advance();
      this.observeLeadership(replica);
      if (wasMember && !isMember(replica.confState, this.options.nodeId))
        this.options.observer?.onRemoved?.(replica.groupId);
    }
    // Unless this round's writes would make the staged batch too large to wait.
    if (writeAfter && commitPoint.stagedBytes() >= stagedBytesBehindMax) this.commitBehind(readies.length);
    return true;
  }

  /**
   * Ends pending installs no Ready will carry: Raft let the snapshot go (a newer one replaced it), or
   * the group was found damaged, so its Readies are no longer taken.
   */
  private settleAbandonedInstalls(): void {
    if (this.installs.size === 0) return;
    const damaged = (install: PendingInstall): boolean => {
      const replica = this.groups.get(install.groupId);
      return replica === undefined || replica.damaged !== undefined;
    };
    this.settleInstalls(
      damaged,
      new MillraceError(ErrorCode.UNAVAILABLE, "the group is damaged on this node; no snapshot is installed"),
    );
    this.settleInstalls(
      (install, snapshot) =>
        this.groups.get(install.groupId)?.rawNode.raft.raftLog.unstable.snapshot !== snapshot,
      undefined,
    );
  }

  /** Writes what is staged behind, in stagedWaitMs, unless a round's commit takes it first. */
  private commitSoon(): void {
    if (this.behindTimer !== undefined) return;
    this.behindTimer = this.options.clock.setTimer(stagedWaitMs, () => {
      this.behindTimer = undefined;
      if (this.stopped || this.fatal !== undefined) return;
      if (this.options.commitPoint.hasStaged()) this.commitBehind(0);
    });
  }

  /** Writes what is staged, fsynced, without waiting for it; a failure fences the node. */
  private commitBehind(groups: number): void {
    this.options.commitPoint.commit().then(
      (stats) => this.options.observer?.onCommit?.({ ...stats, groups }),
      (error: Error) => this.fail(error),
    );
  }

  private stage(replica: GroupReplica, rd: Ready): void {
    const storage = replica.storage;
    if (rd.snapshot !== undefined) {
      // step() lets no other snapshot into Raft.
      const staging = this.stagedSnapshots.get(rd.snapshot);
      assert(staging !== undefined, "a Ready's snapshot was not received through receiveSnapshot");
      storage.installStagedSnapshot(rd.snapshot, staging);
    }
    if (rd.entries.length > 0) storage.stageEntries(rd.entries);
    if (rd.hardState !== undefined) storage.stageHardState(rd.hardState);
  }

  /** Sends a leader's appends, heartbeats and transfer requests ahead of its fsync. */
  private sendEarly(replica: GroupReplica, rd: Ready): void {
    for (const message of rd.messages) {
      if (sendsEarly(message)) this.options.transport.send(message.to, replica.groupId, message);
    }
  }

  private send(replica: GroupReplica, rd: Ready, sentEarly: boolean): void {
    const { transport } = this.options;
    for (const message of rd.messages) {
      if (sentEarly && sendsEarly(message)) continue;
      if (message.type === MessageType.Snap) this.sendSnapshot(replica, message);
      else transport.send(message.to, replica.groupId, message);
    }
  }

  /**
   * Raft asked for a snapshot to be sent. We send the state as of now rather than Raft's stored one: the
   * state lives in the keyspace and moves on, so the snapshot is labelled with the applied index at the
   * moment its contents are captured (Raft accepts a newer snapshot than the one it asked for).
   */
  private sendSnapshot(replica: GroupReplica, message: Message): void {
    const to = message.to;
    const now = this.options.clock.monotonicMs();
    const backoff = this.snapshotBackoffs.get(replica.groupId)?.get(to);
    // Raft asks again with the next heartbeat the follower answers without the entries it lacks, and each
    // attempt reads the group's whole state: refused until the wait is over.
    // Reported later, not now: this runs while the Ready that asked is being handled.
    if (backoff !== undefined && now < backoff.notBeforeMs) {
      setImmediate(() => {
        if (this.groups.get(replica.groupId) !== replica) return;
        replica.rawNode.reportSnapshot(to, SnapshotStatus.Failure);
        this.schedule();
      });
      return;
    }
    const storage = replica.storage;
    const index = replica.appliedIndex;
    const metadata = { index, term: storage.term(index), confState: replica.confState };
    const entries = committedEntriesOf(storage);
    const snapshotValue = replica.stateMachine.snapshotValue?.bind(replica.stateMachine);
    // Read as the transfer goes, from a LevelDB snapshot taken now: the state is never held whole.
    const data = storage.keyspace.readSnapshotStream(
      snapshotValue === undefined ? {} : { valueFor: (key, value) => snapshotValue(key, value, entries) },
    );
    // Values may be read from the log (snapshotValue) until the transfer ends: no compaction meanwhile.
    replica.snapshotsReading++;
    void this.options.transport
      .sendSnapshot(to, replica.groupId, { ...message, snapshot: { metadata, data: noData } }, data)
      .finally(() => replica.snapshotsReading--)
      .then(
        () => {
          this.snapshotBackoffs.get(replica.groupId)?.delete(to);
          replica.rawNode.reportSnapshot(to, SnapshotStatus.Finish);
        },
        (error: Error) => {
          const failures = backoff?.failures ?? 0;
          const backoffOptions = this.options.snapshotRetryBackoff ?? defaultSnapshotRetryBackoff;
          const retryInMs = backoffDelayMs(failures, backoffOptions, this.options.random);
          this.options.logger.warn(
            { err: error, group: replica.groupId, to, retryInMs },
            "snapshot transfer failed",
          );
          if (this.groups.get(replica.groupId) === replica) {
            const forGroup = this.snapshotBackoffs.get(replica.groupId) ?? new Map<number, SnapshotBackoff>();
            const notBeforeMs = this.options.clock.monotonicMs() + retryInMs;
            forGroup.set(to, { notBeforeMs, failures: failures + 1 });
            this.snapshotBackoffs.set(replica.groupId, forGroup);
          }
          replica.rawNode.reportSnapshot(to, SnapshotStatus.Failure);
        },
      )
      .finally(() => this.schedule());
  }

  private observeLeadership(replica: GroupReplica): void {
    const raft = replica.rawNode.raft;
    const leader = raft.lead;
    if (this.leaders.get(replica.groupId) === leader) return;
    const wasLeader = this.leaders.get(replica.groupId) === this.options.nodeId;
    this.leaders.set(replica.groupId, leader);
    if (wasLeader && raft.state !== StateType.Leader) replica.onLeadershipLost();
    this.options.observer?.onLeaderChange?.(replica.groupId, leader, raft.term);
  }

  /**
   * A failed commit means this node can no longer make anything durable. It stops acknowledging and
   * stops participating (no more messages) rather than risk acknowledging what a crash would lose.
   */
  private fail(error: Error): void {
    this.fatal = error;
    this.options.logger.error({ err: error }, "raft host stopped: storage failure");
    const failure = this.unavailable();
    for (const replica of this.groups.values()) replica.failAll(failure);
    this.settleInstalls(() => true, failure);
  }

  private unavailable(): MillraceError {
    return new MillraceError(ErrorCode.UNAVAILABLE, "this node's storage failed; it no longer serves", {
      ...(this.fatal === undefined ? {} : { cause: this.fatal }),
    });
  }

  get failure(): Error | undefined {
    return this.fatal;
  }
}

type TimerHandleLike = ReturnType<Clock["setTimer"]>;

/** Messages a leader may send before its own Ready is durable: they depend on nothing it has to persist. */
function sendsEarly(message: Message): boolean {
  return (
    message.type === MessageType.App ||
    message.type === MessageType.Heartbeat ||
    message.type === MessageType.TimeoutNow
  );
}

const defaultSnapshotRetryBackoff: BackoffOptions = { baseMs: 1_000, maxMs: 60_000 };

/** Staged bytes past which a round that needs no fsync writes them at once, rather than with the next. */
const stagedBytesBehindMax = 4 * 1024 * 1024;

/** How long writes that need no fsync may wait, staged, for the next round's fsync to take them. */
const stagedWaitMs = 50;

/** Group id 0 carries the node-level heartbeat; real groups start at 1. */
const nodeHeartbeatGroupId = 0;

function isMember(cs: ConfState, nodeId: number): boolean {
  return cs.voters.includes(nodeId) || cs.learners.includes(nodeId) || cs.votersOutgoing.includes(nodeId);
}

const noData = new Uint8Array(0);

/** A received snapshot Raft took, waiting for the Ready that installs it. */
interface PendingInstall {
  readonly groupId: number;
  resolve(): void;
  reject(error: Error): void;
}

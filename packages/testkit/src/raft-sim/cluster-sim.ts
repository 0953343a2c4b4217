import { AssertionError, type Random } from "@millrace/common";
import {
  ConfChangeTransition,
  ConfChangeType,
  EntryType,
  MessageType,
  ProposalDroppedError,
  RawNode,
  SnapshotStatus,
  StateType,
  StepRefusedError,
  confChange,
  decodeConfChange,
  describeConfChange,
  describeConfState,
  raftConfig,
  type ConfChange,
  type ConfState,
  type Entry,
  type Message,
  type NodeId,
  type RaftLogger,
  type Ready,
} from "@millrace/raft";
import {
  ProposalHistory,
  RaftHistoryChecker,
  ReadIndexHistory,
  SafetyViolation,
  entryKey,
  type LogView,
  type ProposalStatus,
} from "../raft-history-checker.js";
import { SimDisk, type SyncTicket } from "../sim-disk.js";
import { SimNetwork, type Delivery } from "../sim-network.js";
import { AppliedLog } from "./applied-log.js";
import { type RaftSimOptions } from "./raft-sim-options.js";

/**
 * A deterministic simulation of one Raft group: N RawNodes on a simulated clock, a SimNetwork between them
 * and a SimDisk under each, driven by one Random. It follows the Ready contract faithfully — a Ready's
 * state is written, and if it must be synced its messages are sent and its entries applied only once the
 * sync completed — while the seed throws faults at it: message loss, delay, duplication and reordering,
 * symmetric and one-way partitions, process crashes, power loss of one node or all, slow disks, membership
 * changes (add a learner, promote it, remove or demote a voter, replace one through joint consensus) and
 * leadership transfers. A workload proposes uniquely named values at random nodes.
 *
 * The run has two phases. In the safety phase faults come and go; RaftHistoryChecker and ProposalHistory
 * check every step. Then everything heals (links, disks, crashed nodes restart) and the liveness phase must
 * elect a leader, commit further proposals and bring every member to the same applied index within a bound.
 */

export type RaftSimFailureKind = "safety" | "liveness" | "exception";

export interface RaftSimResult {
  readonly ok: boolean;
  readonly failure?: { readonly kind: RaftSimFailureKind; readonly message: string; readonly tick: number };
  readonly stats: RaftSimStats;
}

export interface RaftSimStats {
  ticks: number;
  /** Simulator tick at which the liveness phase converged (relative to the heal). */
  convergedAfter: number;
  leaderTerms: number;
  committed: number;
  proposals: Record<ProposalStatus, number>;
  messagesSent: number;
  messagesDelivered: number;
  crashes: number;
  powerLosses: number;
  clusterPowerLosses: number;
  partitions: number;
  snapshotsInstalled: number;
  confChangesApplied: number;
  transfers: number;
  pauses: number;
  readsServed: number;
  finalMembers: number;
}

export interface RaftSimHooks {
  /** Receives one line per notable event (verbose mode). */
  trace?: (line: string) => void;
  /** Also trace the Raft core's own info/warn logs (very verbose). */
  raftLogs?: boolean;
}

type NodeStatus = "up" | "booting" | "down" | "removed";

interface SimNode {
  readonly id: NodeId;
  readonly disk: SimDisk;
  status: NodeStatus;
  incarnation: number;
  raw: RawNode | undefined;
  sm: AppliedLog;
  confState: ConfState;
  /** The Ready being persisted: its messages and entries wait for `ticket`. */
  inflight: { ready: Ready; ticket: SyncTicket | undefined } | undefined;
  bootTicket: SyncTicket | undefined;
  restartAt: number | undefined;
  nextTick: number;
  /** The last term this node was seen leading, so a new leadership is noticed once. */
  leaderTerm: number;
  /** Proposals invoked at this incarnation and not yet completed; by index when appended locally. */
  pendingIds: Set<string>;
  pendingByIndex: Map<number, string>;
  wantSnapshot: boolean;
  slowUntil: number;
  /** While paused (SIGSTOP) the process does nothing; messages reaching it wait in `held`. 0 = running. */
  pausedUntil: number;
  held: Array<Delivery<Message>>;
}

interface MembershipOp {
  readonly describe: string;
  readonly startedAt: number;
  /** The leader (and its term) it was proposed at. */
  readonly leader: NodeId;
  readonly term: number;
  readonly done: (cs: ConfState) => boolean;
}

const encoder = new TextEncoder();
const decoder = new TextDecoder();
const bootstrapIndex = 1;

export class RaftClusterSim {
  private readonly nodes = new Map<NodeId, SimNode>();
  private readonly network: SimNetwork<Message>;
  private readonly checker = new RaftHistoryChecker();
  private readonly history = new ProposalHistory();
  private readonly reads = new ReadIndexHistory();
  private nextRead = 1;
  private readonly faultRandom: Random;
  private readonly workloadRandom: Random;
  private readonly schedRandom: Random;
  private readonly nodeRandom: Random;
  private readonly diskRandom: Random;
  private now = 0;
  private phase: "safety" | "liveness" = "safety";
  private nextNodeId = 1;
  private nextProposal = 1;
  /** Log index at which each node id first appeared in an applied configuration. */
  private readonly memberSince = new Map<NodeId, number>();
  private readonly appliedConfIndexes = new Set<number>();
  private membershipOp: MembershipOp | undefined = undefined;
  private clusterPowerLosses = 0;
  /** New leaders to strike down at a given tick, if still leading that term. */
  private leaderStrikes: Array<{ at: number; id: NodeId; term: number }> = [];
  /** Nodes removed from the configuration while applying; stopped once the Ready in hand is done. */
  private readonly pendingStops: SimNode[] = [];
  private readonly livenessProposals: string[] = [];
  /** The term of the leader the last liveness proposal went to. */
  private livenessTerm = 0;
  private healedAt = 0;
  private readonly stats: RaftSimStats = {
    ticks: 0,
    convergedAfter: 0,
    leaderTerms: 0,
    committed: 0,
    proposals: { pending: 0, ok: 0, fail: 0, unknown: 0 },
    messagesSent: 0,
    messagesDelivered: 0,
    crashes: 0,
    powerLosses: 0,
    clusterPowerLosses: 0,
    partitions: 0,
    snapshotsInstalled: 0,
    confChangesApplied: 0,
    transfers: 0,
    pauses: 0,
    readsServed: 0,
    finalMembers: 0,
  };

  constructor(
    private readonly options: RaftSimOptions,
    random: Random,
    private readonly hooks: RaftSimHooks = {},
  ) {
    this.network = new SimNetwork<Message>(random.fork(), options.network);
    this.faultRandom = random.fork();
    this.workloadRandom = random.fork();
    this.schedRandom = random.fork();
    this.nodeRandom = random.fork();
    this.diskRandom = random.fork();
  }

  private trace(line: string | (() => string)): void {
    if (this.hooks.trace === undefined) return;
    this.hooks.trace(`[${String(this.now).padStart(6)}] ${typeof line === "string" ? line : line()}`);
  }

  /** Runs both phases; never throws for a failure of the system under test, but reports it. */
  run(): RaftSimResult {
    try {
      this.bootstrap();
      const o = this.options;
      this.trace(() => `safety phase: ${o.safetyTicks} ticks, ${o.clusterSize} nodes, ${describeOptions(o)}`);
      for (; this.now < o.safetyTicks; this.now++) this.step();
      this.heal();
      const deadline = this.now + o.livenessTicks + this.backlogTicks();
      for (; this.now < deadline; this.now++) {
        this.step();
        if (this.converged()) {
          this.finalChecks();
          this.stats.convergedAfter = this.now - this.healedAt;
          this.trace(`converged ${this.stats.convergedAfter} ticks after the heal`);
          return this.result(undefined);
        }
      }
      return this.result({
        kind: "liveness",
        message: `no convergence within ${o.livenessTicks} ticks of the heal: ${this.describeCluster()}`,
        tick: this.now,
      });
    } catch (error) {
      if (error instanceof SafetyViolation) {
        return this.result({
          kind: "safety",
          message: `${error.message} (${this.describeCluster()})`,
          tick: this.now,
        });
      }
      const e = error as Error;
      const where = (e.stack ?? "")
        .split("\n")
        .slice(1, 4)
        .map((l) => l.trim())
        .join(" < ");
      const kind = e instanceof AssertionError ? "raft assertion" : e.name;
      return this.result({ kind: "exception", message: `${kind}: ${e.message} at ${where}`, tick: this.now });
    }
  }

  private result(failure: RaftSimResult["failure"]): RaftSimResult {
    const s = this.stats;
    s.ticks = this.now;
    s.leaderTerms = this.checker.leaderTerms;
    s.committed = this.checker.highestCommitted;
    s.proposals = this.history.counts();
    s.messagesSent = this.network.stats.sent;
    s.messagesDelivered = this.network.stats.delivered;
    s.readsServed = this.reads.served;
    if (failure !== undefined) this.trace(`FAILED (${failure.kind}): ${failure.message}`);
    return failure === undefined ? { ok: true, stats: s } : { ok: false, failure, stats: s };
  }

  // ---- setup -------------------------------------------------------------------------------------

  private bootstrap(): void {
    const ids: NodeId[] = [];
    for (let i = 0; i < this.options.clusterSize; i++) ids.push(this.nextNodeId++);
    const confState: ConfState = {
      voters: ids,
      learners: [],
      votersOutgoing: [],
      learnersNext: [],
      autoLeave: false,
    };
    const initial = AppliedLog.bootstrap(bootstrapIndex);
    for (const id of ids) {
      const node = this.newNode(id);
      node.disk.applySnapshot({
        metadata: { index: bootstrapIndex, term: 1, confState },
        data: initial.encode(),
      });
      node.disk.flush();
      this.memberSince.set(id, bootstrapIndex);
      this.startNode(node);
    }
  }

  private newNode(id: NodeId): SimNode {
    const d =
      this.phase === "safety" ? this.options.disk : { ...this.options.disk, ...this.options.healedDisk };
    const node: SimNode = {
      id,
      disk: new SimDisk({
        random: this.diskRandom.fork(),
        syncDelayMin: d.syncDelayMin,
        syncDelayMax: d.syncDelayMax,
        partialPowerLossRate: d.partialPowerLossRate,
        snapshotUnavailableRate: d.snapshotUnavailableRate,
      }),
      status: "down",
      incarnation: 0,
      raw: undefined,
      sm: AppliedLog.empty(),
      confState: { voters: [], learners: [], votersOutgoing: [], learnersNext: [], autoLeave: false },
      inflight: undefined,
      bootTicket: undefined,
      restartAt: undefined,
      nextTick: 0,
      leaderTerm: 0,
      pendingIds: new Set(),
      pendingByIndex: new Map(),
      wantSnapshot: false,
      slowUntil: 0,
      pausedUntil: 0,
      held: [],
    };
    this.nodes.set(id, node);
    return node;
  }

  /** Starts a node from what its disk holds (it has synced everything first). */
  private startNode(node: SimNode): void {
    const disk = node.disk;
    const snapshot = disk.visible.snapshot;
    const sm = AppliedLog.decode(snapshot.data);
    if (sm.index !== snapshot.metadata.index) {
      throw new Error(`node ${node.id}: snapshot at ${snapshot.metadata.index} holds state at ${sm.index}`);
    }
    this.checker.checkRecovery(node.id, sm.index, sm.hash, (index) => {
      const entry = disk.visible.entry(index);
      return entry === undefined ? undefined : entryKey(entry);
    });
    this.checker.observeState(node.id, sm.index, sm.hash, disk.visible.hardState.term);
    node.sm = sm;
    node.confState = snapshot.metadata.confState;
    node.incarnation++;
    const r = this.options.raft;
    node.raw = new RawNode(
      raftConfig({
        id: node.id,
        storage: disk,
        random: this.nodeRandom.fork(),
        applied: snapshot.metadata.index,
        electionTimeoutTicks: r.electionTimeoutTicks,
        heartbeatIntervalTicks: r.heartbeatIntervalTicks,
        preVote: r.preVote,
        checkQuorum: r.checkQuorum,
        messageBytesMax: r.messageBytesMax,
        inflightMessagesMax: r.inflightMessagesMax,
        inflightBytesMax: r.inflightBytesMax,
        uncommittedBytesMax: r.uncommittedBytesMax,
        committedBytesPerReadyMax: r.committedBytesPerReadyMax,
        disableProposalForwarding: r.disableProposalForwarding,
        logger: this.raftLogger(node),
      }),
    );
    node.status = "up";
    node.inflight = undefined;
    node.bootTicket = undefined;
    node.restartAt = undefined;
    node.leaderTerm = 0;
    node.nextTick = this.now + 1 + this.schedRandom.int(this.options.raftTickEvery);
    const hs = disk.initialState().hardState;
    this.trace(
      () =>
        `n${node.id} started (incarnation ${node.incarnation}): term ${hs.term} vote ${hs.vote} commit ${hs.commit}, snapshot ${snapshot.metadata.index}, log ${disk.firstIndex()}..${disk.lastIndex()}`,
    );
  }

  private raftLogger(node: SimNode): RaftLogger {
    const { trace, raftLogs } = this.hooks;
    if (trace === undefined || raftLogs !== true) return { debug() {}, info() {}, warn() {} };
    const log = (level: string) => (message: string) => this.trace(`n${node.id} raft ${level}: ${message}`);
    return { debug() {}, info: log("info"), warn: log("warn") };
  }

  // ---- the clock -----------------------------------------------------------------------------------

  private step(): void {
    if (this.phase === "safety") this.injectFaults();
    this.operateMembership();
    this.restartDue();
    this.workload();
    for (const delivery of this.network.poll(this.now)) this.deliver(delivery);
    const order = this.schedRandom.shuffle([...this.nodes.values()]);
    for (const node of order) {
      if (
        node.status === "booting" &&
        node.bootTicket !== undefined &&
        node.disk.isSynced(node.bootTicket, this.now)
      ) {
        this.startNode(node);
      }
      if (node.status !== "up") continue;
      if (node.pausedUntil !== 0) {
        if (node.pausedUntil > this.now) continue;
        this.resume(node);
        if (node.status !== "up") continue;
      }
      if (this.now >= node.nextTick) {
        node.nextTick += this.options.raftTickEvery;
        if (this.schedRandom.chance(this.options.clockJitter))
          node.nextTick += this.schedRandom.pick([-1, 1]);
        (node.raw as RawNode).tick();
        this.observe(node);
      }
      this.pump(node);
    }
  }

  /** Notices a new leadership: election safety and leader completeness. */
  private observe(node: SimNode): void {
    const raft = (node.raw as RawNode).raft;
    if (raft.state !== StateType.Leader || node.leaderTerm === raft.term) return;
    node.leaderTerm = raft.term;
    if (this.phase === "safety" && this.faultRandom.chance(this.options.faults.leaderChurnRate)) {
      const rtt = 2 * this.network.currentOptions.delayMax + this.options.disk.syncDelayMax;
      const at = this.now + this.faultRandom.intBetween(0, 3 * rtt + this.options.raftTickEvery);
      this.leaderStrikes.push({ at, id: node.id, term: raft.term });
    }
    this.checker.observeLeader(node.id, raft.term);
    this.checker.checkLeaderCompleteness(node.id, raft.term, logView(node.raw as RawNode));
    this.trace(
      () =>
        `n${node.id} became leader of term ${raft.term} (last index ${raft.raftLog.lastIndex()}, commit ${raft.raftLog.committed})`,
    );
  }

  /** Handles Readies: write, wait for the sync, then send, apply and advance. */
  private pump(node: SimNode): void {
    for (let round = 0; round < 4 && node.status === "up"; round++) {
      const raw = node.raw as RawNode;
      if (node.inflight !== undefined) {
        const { ticket } = node.inflight;
        if (ticket !== undefined && !node.disk.isSynced(ticket, this.now)) return;
        this.finishReady(node);
        this.stopRemoved();
        continue;
      }
      if (!raw.hasReady()) break;
      this.startReady(node);
    }
    if (node.status === "up" && node.inflight === undefined) this.maybeSnapshot(node);
  }

  private startReady(node: SimNode): void {
    const raw = node.raw as RawNode;
    const ready = raw.ready();
    this.checker.observeCommitted(node.id, ready.committedEntries, raw.raft.term);
    for (const rs of ready.readStates)
      this.reads.observeReadState(node.id, decoder.decode(rs.requestCtx), rs.index);
    node.disk.write({ snapshot: ready.snapshot, entries: ready.entries, hardState: ready.hardState });
    if (ready.entries.length > 0) {
      const first = ready.entries[0] as Entry;
      this.checker.observeWrite(node.id, ready.entries, node.disk.visible.termOrUndefined(first.index - 1));
    }
    // A snapshot replaces the log, so it is synced like entries even when Raft does not ask for it.
    const mustSync = ready.mustSync || ready.snapshot !== undefined;
    node.inflight = { ready, ticket: mustSync ? node.disk.sync(this.now) : undefined };
  }

  private finishReady(node: SimNode): void {
    const raw = node.raw as RawNode;
    const { ready } = node.inflight as NonNullable<SimNode["inflight"]>;
    node.inflight = undefined;
    for (const m of ready.messages) {
      this.network.send(m.from, m.to, m, this.now, node.incarnation);
    }
    if (ready.snapshot !== undefined) {
      const snapshot = ready.snapshot;
      const sm = AppliedLog.decode(snapshot.data);
      if (sm.index !== snapshot.metadata.index)
        throw new Error(`snapshot at ${snapshot.metadata.index} holds state at ${sm.index}`);
      this.checker.observeState(node.id, sm.index, sm.hash, raw.raft.term);
      node.sm = sm;
      node.confState = snapshot.metadata.confState;
      this.stats.snapshotsInstalled++;
      this.trace(
        () =>
          `n${node.id} installed snapshot ${snapshot.metadata.term}/${snapshot.metadata.index} ${describeConfState(snapshot.metadata.confState)}`,
      );
      // Proposals waiting at indexes the snapshot covers can no longer be matched to their entry.
      for (const [index, id] of node.pendingByIndex) {
        if (index > sm.index) continue;
        node.pendingByIndex.delete(index);
        node.pendingIds.delete(id);
        this.history.unknown(id, this.now);
      }
    }
    for (const entry of ready.committedEntries) this.apply(node, entry);
    raw.advance();
    this.observe(node);
  }

  private apply(node: SimNode, entry: Entry): void {
    const payload = node.sm.apply(entry);
    this.checker.observeApplied(node.id, entry, node.sm.hash);
    if (payload !== undefined) {
      this.history.observeApplied(payload, node.id, entry.index);
      if (node.pendingIds.delete(payload)) {
        node.pendingByIndex.delete(entry.index);
        this.history.ok(payload, this.now);
        this.reads.observeAcknowledged(entry.index);
        this.trace(() => `ack ${payload}: applied by its proposer n${node.id} at index ${entry.index}`);
      }
    }
    const waiting = node.pendingByIndex.get(entry.index);
    if (waiting !== undefined) {
      // Our proposal was appended here, but another entry was committed in its place.
      node.pendingByIndex.delete(entry.index);
      node.pendingIds.delete(waiting);
      this.history.fail(waiting, this.now, `superseded at index ${entry.index}`);
      this.trace(() => `fail ${waiting}: n${node.id} applied another entry at its index ${entry.index}`);
    }
    if (entry.type !== EntryType.ConfChange) return;
    const cc = decodeConfChange(entry.data);
    node.confState = (node.raw as RawNode).applyConfChange(cc);
    node.wantSnapshot = true;
    if (!this.appliedConfIndexes.has(entry.index)) {
      this.appliedConfIndexes.add(entry.index);
      this.stats.confChangesApplied++;
      this.trace(
        () =>
          `conf change ${entry.term}/${entry.index} [${describeConfChange(cc)}] applied first by n${node.id}: ${describeConfState(node.confState)}`,
      );
    }
    this.noteMembership(node.confState, entry.index);
  }

  /**
   * Tracks which ids ever became members, and stops a node once a configuration without it is applied:
   * that configuration is committed and ids are never reused, so it can never be needed again.
   */
  private noteMembership(cs: ConfState, index: number): void {
    const members = membersOf(cs);
    for (const id of members) if (!this.memberSince.has(id)) this.memberSince.set(id, index);
    for (const [id, since] of this.memberSince) {
      if (since >= index || members.has(id)) continue;
      const node = this.nodes.get(id);
      if (node === undefined || node.status === "removed") continue;
      if (this.pendingStops.includes(node)) continue;
      this.trace(`n${id} stopped: removed from the configuration at index ${index}`);
      this.pendingStops.push(node);
    }
  }

  private stopRemoved(): void {
    while (this.pendingStops.length > 0) this.takeDown(this.pendingStops.shift() as SimNode, "removed");
  }

  /** Snapshots and compacts sometimes, and after every conf change (so joining nodes get a snapshot naming them). */
  private maybeSnapshot(node: SimNode): void {
    const s = this.options.snapshot;
    const disk = node.disk;
    const snapIndex = disk.visible.snapshot.metadata.index;
    const applied = node.sm.index;
    if (applied <= snapIndex) return;
    const due =
      node.wantSnapshot || applied - snapIndex >= s.interval || this.schedRandom.chance(s.randomRate);
    if (!due) return;
    node.wantSnapshot = false;
    const compactIndex = applied - s.compactLag;
    disk.createSnapshot(
      applied,
      node.confState,
      node.sm.encode(),
      compactIndex > disk.visible.offset ? compactIndex : undefined,
    );
  }

  // ---- the network -----------------------------------------------------------------------------------

  private deliver(delivery: Delivery<Message>): void {
    const { envelope, dropped } = delivery;
    const m = envelope.message;
    const target = this.nodes.get(envelope.to);
    if (dropped === undefined && target?.status === "up" && target.pausedUntil !== 0) {
      target.held.push(delivery);
      return;
    }
    const delivered = dropped === undefined && target !== undefined && target.status === "up";
    if (delivered) {
      const raw = target.raw as RawNode;
      try {
        raw.step({ ...m, entries: m.entries.slice() });
      } catch (error) {
        // The transport refuses responses from non-members; a forwarded proposal may be refused.
        if (!(error instanceof StepRefusedError) && !(error instanceof ProposalDroppedError)) throw error;
      }
      this.observe(target);
    }
    // The transport tells the sender how a snapshot stream ended, and sometimes that a peer is unreachable.
    const sender = this.nodes.get(envelope.from);
    if (sender === undefined || sender.status !== "up" || sender.incarnation !== envelope.tag) return;
    const raw = sender.raw as RawNode;
    if (m.type === MessageType.Snap) {
      raw.reportSnapshot(envelope.to, delivered ? SnapshotStatus.Finish : SnapshotStatus.Failure);
      if (!delivered) raw.reportUnreachable(envelope.to);
    } else if (!delivered && dropped !== "loss" && m.type === MessageType.App) {
      if (this.faultRandom.chance(this.options.faults.unreachableReportRate))
        raw.reportUnreachable(envelope.to);
    }
  }

  // ---- faults --------------------------------------------------------------------------------------

  /** A per-Raft-tick probability as a per-simulator-tick one. */
  private chance(ratePerRaftTick: number): boolean {
    return ratePerRaftTick > 0 && this.faultRandom.chance(ratePerRaftTick / this.options.raftTickEvery);
  }

  private liveNodes(): SimNode[] {
    return [...this.nodes.values()].filter((n) => n.status === "up" && n.pausedUntil === 0);
  }

  private injectFaults(): void {
    const f = this.options.faults;
    const random = this.faultRandom;
    const present = [...this.nodes.values()].filter((n) => n.status !== "removed").map((n) => n.id);
    if (this.chance(f.partitionRate) && present.length > 1) {
      this.stats.partitions++;
      const kind = random.pick(["split", "isolate", "isolate-leader", "one-way"] as const);
      if (kind === "split") {
        const shuffled = random.shuffle(present.slice());
        const cut = random.intBetween(1, shuffled.length - 1);
        const a = shuffled.slice(0, cut);
        const b = shuffled.slice(cut);
        this.network.partition(a, b);
        this.trace(`partition [${a.join(",")}] | [${b.join(",")}]`);
      } else if (kind === "one-way") {
        const count = random.intBetween(1, present.length);
        const links: string[] = [];
        for (let i = 0; i < count; i++) {
          const from = random.pick(present);
          const to = random.pick(present);
          if (from === to) continue;
          this.network.blockOneWay(from, to);
          links.push(`${from}->${to}`);
        }
        this.trace(`one-way cuts ${links.join(" ")}`);
      } else {
        const leader = kind === "isolate-leader" ? this.currentLeader() : undefined;
        const victim = leader?.id ?? random.pick(present);
        this.network.isolate(victim, present);
        this.trace(`isolate n${victim}${leader !== undefined ? " (leader)" : ""}`);
      }
    }
    if (this.chance(f.healRate) && this.network.blockedLinks().length > 0) {
      this.network.heal();
      this.trace("network healed");
    }
    this.strikeLeaders();
    if (this.chance(f.crashRate)) {
      const victim = this.pickVictim();
      if (victim !== undefined) {
        this.stats.crashes++;
        this.trace(`n${victim.id} crashed (process)`);
        this.takeDown(victim, "down");
        victim.disk.crash();
      }
    }
    if (this.chance(f.powerLossRate)) {
      const victim = this.pickVictim();
      if (victim !== undefined) this.powerLoss(victim);
    }
    while (
      this.clusterPowerLosses < f.clusterPowerLossAt.length &&
      (f.clusterPowerLossAt[this.clusterPowerLosses] as number) <= this.now
    ) {
      this.clusterPowerLosses++;
      this.stats.clusterPowerLosses++;
      this.trace("power loss of the whole cluster");
      for (const node of this.nodes.values()) {
        if (node.status === "removed") continue;
        this.powerLoss(node);
      }
    }
    if (this.chance(f.slowDiskRate)) {
      const node = random.pick([...this.nodes.values()]);
      node.disk.setSlowFactor(this.options.disk.slowFactor);
      node.slowUntil = this.now + f.slowDiskDuration;
      this.trace(`n${node.id} disk slow until ${node.slowUntil}`);
    }
    for (const node of this.nodes.values()) {
      if (node.slowUntil !== 0 && node.slowUntil <= this.now) {
        node.slowUntil = 0;
        node.disk.setSlowFactor(1);
      }
    }
    if (this.chance(f.pauseRate)) {
      const victim = this.pickVictim();
      if (victim?.status === "up" && victim.pausedUntil === 0) {
        victim.pausedUntil = this.now + this.faultRandom.intBetween(1, f.pauseMax);
        this.stats.pauses++;
        this.trace(`n${victim.id} paused until ${victim.pausedUntil}`);
      }
    }
    if (this.chance(f.transferRate)) {
      const leader = this.currentLeader();
      if (leader !== undefined) {
        const candidates = leader.confState.voters.filter((id) => id !== leader.id);
        if (candidates.length > 0) {
          const to = random.pick(candidates);
          this.stats.transfers++;
          this.trace(`n${leader.id} asked to transfer leadership to n${to}`);
          (leader.raw as RawNode).transferLeader(to);
          this.observe(leader);
        }
      }
    }
  }

  private strikeLeaders(): void {
    const due = this.leaderStrikes.filter((s) => s.at <= this.now);
    if (due.length === 0) return;
    this.leaderStrikes = this.leaderStrikes.filter((s) => s.at > this.now);
    for (const strike of due) {
      const node = this.nodes.get(strike.id);
      if (node?.status !== "up") continue;
      const raft = (node.raw as RawNode).raft;
      if (raft.state !== StateType.Leader || raft.term !== strike.term) continue;
      const how = this.faultRandom.pick(["crash", "isolate", "power"] as const);
      this.trace(`strike the new leader n${node.id} of term ${strike.term}: ${how}`);
      if (how === "power") {
        this.powerLoss(node);
      } else if (how === "crash") {
        this.stats.crashes++;
        this.takeDown(node, "down");
        node.disk.crash();
      } else {
        this.stats.partitions++;
        const others = [...this.nodes.keys()].filter((id) => id !== node.id);
        this.network.isolate(node.id, others);
      }
    }
  }

  /** A running node to crash: often the leader (so its unreplicated tail diverges), else any. */
  private pickVictim(): SimNode | undefined {
    const leader = this.currentLeader();
    if (leader !== undefined && this.faultRandom.chance(this.options.faults.leaderBias)) return leader;
    const running = [...this.nodes.values()].filter((n) => n.status === "up" || n.status === "booting");
    return running.length === 0 ? undefined : this.faultRandom.pick(running);
  }

  /** SIGCONT: the process carries on from where it was, and finds the messages that queued up for it. */
  private resume(node: SimNode): void {
    node.pausedUntil = 0;
    node.nextTick = Math.max(node.nextTick, this.now);
    const held = node.held;
    node.held = [];
    this.trace(() => `n${node.id} resumed (${held.length} messages waiting)`);
    for (const delivery of held) this.deliver(delivery);
  }

  private powerLoss(node: SimNode): void {
    if (node.status === "removed") return;
    this.stats.powerLosses++;
    const lost = node.disk.powerLoss();
    this.trace(`n${node.id} lost power (${lost} unsynced writes lost)`);
    this.takeDown(node, "down");
  }

  /** Stops a node's process; its in-flight Ready and pending proposals are lost with it. */
  private takeDown(node: SimNode, status: "down" | "removed"): void {
    const held = node.held;
    for (const id of node.pendingIds) this.history.unknown(id, this.now);
    node.pendingIds.clear();
    node.pendingByIndex.clear();
    node.raw = undefined;
    node.inflight = undefined;
    node.bootTicket = undefined;
    node.status = status;
    node.restartAt = undefined;
    node.pausedUntil = 0;
    node.held = [];
    if (status === "down" && this.phase === "safety") {
      const f = this.options.faults;
      node.restartAt = this.now + this.faultRandom.intBetween(f.restartDelayMin, f.restartDelayMax);
    }
    // What waited for the stopped process dies with it. A snapshot's sender sees its stream break and is
    // told, as a real transport tells it; dropped silently, the leader would wait for that snapshot forever
    // (seed 696258085: a paused learner crashed with a snapshot held).
    for (const delivery of held) {
      if (delivery.envelope.message.type === MessageType.Snap)
        this.deliver({ ...delivery, dropped: "partition" });
    }
  }

  /** A node restarting first syncs whatever the OS still holds of its disk, then starts from it. */
  private restartDue(): void {
    for (const node of this.nodes.values()) {
      if (node.status !== "down" || node.restartAt === undefined || node.restartAt > this.now) continue;
      this.boot(node);
    }
  }

  private boot(node: SimNode): void {
    node.status = "booting";
    node.restartAt = undefined;
    node.bootTicket = node.disk.sync(this.now);
  }

  // ---- membership and leadership -----------------------------------------------------------------------

  /** The up node leading the highest term, if any. */
  private currentLeader(): SimNode | undefined {
    let best: SimNode | undefined;
    for (const node of this.nodes.values()) {
      if (node.status !== "up" || node.pausedUntil !== 0) continue;
      const raft = (node.raw as RawNode).raft;
      if (raft.state !== StateType.Leader) continue;
      if (best === undefined || raft.term > (best.raw as RawNode).raft.term) best = node;
    }
    return best;
  }

  /**
   * An operator making one membership change at a time, always at the current leader (never forwarded, so
   * the network cannot duplicate it), never reusing an id. It waits until the leader has applied the
   * change, or gives up after a while (the change may still be applied later; nothing depends on it).
   */
  private operateMembership(): void {
    const f = this.options.faults;
    const timeout = this.options.raftTickEvery * this.options.raft.electionTimeoutTicks * 6;
    const op = this.membershipOp;
    if (op !== undefined) {
      const leader = this.currentLeader();
      if (leader !== undefined && op.done(leader.confState)) {
        this.trace(`membership change done: ${op.describe}`);
        this.membershipOp = undefined;
      } else if (
        this.now - op.startedAt > timeout ||
        (leader !== undefined && (leader.id !== op.leader || leader.leaderTerm !== op.term))
      ) {
        // Timed out, or another leader took over: the change may still be applied later; nothing relies on it.
        this.trace(`membership change given up: ${op.describe}`);
        this.membershipOp = undefined;
      }
      return;
    }
    const current = this.currentLeader();
    if (
      current !== undefined &&
      current.confState.votersOutgoing.length > 0 &&
      !current.confState.autoLeave
    ) {
      // An explicit joint configuration is left only when asked to: ask (also in the liveness phase).
      this.proposeMembership(current, "leave-joint", confChange([]), (s) => s.votersOutgoing.length === 0);
      return;
    }
    if (this.phase !== "safety" || !this.chance(f.membershipRate)) return;
    const leader = this.currentLeader();
    if (leader === undefined) return;
    const cs = leader.confState;
    if (cs.votersOutgoing.length > 0) return;
    const random = this.faultRandom;
    const members = cs.voters.length + cs.learners.length;
    const kinds: Array<"add-learner" | "promote" | "remove" | "demote" | "replace" | "replace-explicit"> = [];
    if (members < f.maxMembers) kinds.push("add-learner", "replace", "replace-explicit");
    if (cs.learners.length > 0) kinds.push("promote");
    if (cs.voters.length > 3) kinds.push("remove", "demote");
    if (kinds.length === 0) return;
    const kind = random.pick(kinds);
    let cc: ConfChange;
    let done: (cs: ConfState) => boolean;
    switch (kind) {
      case "add-learner": {
        const id = this.createJoiner();
        cc = confChange([{ type: ConfChangeType.AddLearnerNode, nodeId: id }]);
        done = (s) => s.learners.includes(id) || s.voters.includes(id);
        break;
      }
      case "promote": {
        const id = random.pick(cs.learners);
        cc = confChange([{ type: ConfChangeType.AddNode, nodeId: id }]);
        done = (s) => s.voters.includes(id);
        break;
      }
      case "remove": {
        const id = random.pick(cs.voters);
        cc = confChange([{ type: ConfChangeType.RemoveNode, nodeId: id }]);
        done = (s) => !membersOf(s).has(id);
        break;
      }
      case "demote": {
        const id = random.pick(cs.voters);
        cc = confChange([{ type: ConfChangeType.AddLearnerNode, nodeId: id }]);
        done = (s) => s.learners.includes(id);
        break;
      }
      case "replace": {
        const out = random.pick(cs.voters);
        const id = this.createJoiner();
        // Two voter changes at once go through joint consensus, left automatically.
        cc = confChange(
          [
            { type: ConfChangeType.AddNode, nodeId: id },
            { type: ConfChangeType.RemoveNode, nodeId: out },
          ],
          { transition: ConfChangeTransition.Auto },
        );
        done = (s) => s.voters.includes(id) && !membersOf(s).has(out) && s.votersOutgoing.length === 0;
        break;
      }
      case "replace-explicit": {
        const out = random.pick(cs.voters);
        const id = this.createJoiner();
        // Joint consensus that stays joint until the operator proposes leaving it.
        cc = confChange(
          [
            { type: ConfChangeType.AddNode, nodeId: id },
            { type: ConfChangeType.RemoveNode, nodeId: out },
          ],
          { transition: ConfChangeTransition.Explicit },
        );
        done = (s) => s.voters.includes(id) && !s.voters.includes(out);
        break;
      }
    }
    this.proposeMembership(leader, kind, cc, done);
  }

  /** Proposes a membership change at the leader and waits for it (see operateMembership). */
  private proposeMembership(
    leader: SimNode,
    kind: string,
    cc: ConfChange,
    done: (cs: ConfState) => boolean,
  ): void {
    const describe = `${kind} [${describeConfChange(cc)}] at n${leader.id}`;
    try {
      (leader.raw as RawNode).proposeConfChange(cc);
    } catch (error) {
      if (!(error instanceof ProposalDroppedError)) throw error;
      this.trace(`membership change refused: ${describe}: ${error.reason}`);
      return;
    }
    this.trace(`membership change proposed: ${describe}`);
    this.membershipOp = { describe, startedAt: this.now, leader: leader.id, term: leader.leaderTerm, done };
    this.observe(leader);
  }

  /** Starts a fresh node (empty disk, new id) that waits to be added. */
  private createJoiner(): NodeId {
    const node = this.newNode(this.nextNodeId++);
    this.startNode(node);
    return node.id;
  }

  // ---- workload ----------------------------------------------------------------------------------------

  private workload(): void {
    const random = this.workloadRandom;
    if (this.phase === "safety") {
      const live = this.liveNodes();
      if (live.length === 0) return;
      if (random.chance(this.options.workload.readRate)) {
        const node = random.pick(live);
        const context = `r${this.nextRead++}`;
        this.reads.invoke(context, node.id, this.now);
        (node.raw as RawNode).readIndex(encoder.encode(context));
        this.observe(node);
      }
      if (random.chance(this.options.workload.proposeRate)) this.propose(random.pick(live));
      return;
    }
    // Liveness: one proposal at a time, at the leader, until enough are acknowledged. A proposal stays
    // pending for good if its leader is deposed and its index truncated, so move on when leadership moves
    // or it has waited a couple of election timeouts.
    const target = this.options.workload.livenessProposals;
    const acked = this.livenessProposals.filter((id) => this.history.get(id)?.status === "ok").length;
    if (acked >= target) return;
    const leader = this.currentLeader();
    if (leader === undefined) return;
    const last = this.livenessProposals[this.livenessProposals.length - 1];
    const record = last === undefined ? undefined : this.history.get(last);
    if (record?.status === "pending") {
      const patience = 2 * this.options.raft.electionTimeoutTicks * this.options.raftTickEvery;
      const sameLeader =
        record.node === leader.id && record.index !== undefined && leader.leaderTerm === this.livenessTerm;
      if (sameLeader && this.now - record.invokedAt < patience) return;
    }
    this.livenessTerm = leader.leaderTerm;
    this.livenessProposals.push(this.propose(leader));
  }

  /** Proposes one value (or, sometimes in the safety phase, a batch) at `node`; returns the last id. */
  private propose(node: SimNode): string {
    const raw = node.raw as RawNode;
    const count =
      this.phase === "safety" && this.workloadRandom.chance(this.options.workload.batchRate)
        ? this.workloadRandom.intBetween(2, 5)
        : 1;
    const ids: string[] = [];
    for (let i = 0; i < count; i++) ids.push(`p${this.nextProposal++}`);
    const records = ids.map((id) => this.history.invoke(id, node.id, this.now));
    const wasLeader = raw.raft.state === StateType.Leader;
    try {
      raw.proposeEntries(ids.map((id) => encoder.encode(id)));
    } catch (error) {
      if (!(error instanceof ProposalDroppedError)) throw error;
      for (const id of ids) this.history.fail(id, this.now, error.reason);
      this.trace(() => `propose ${ids.join(",")} at n${node.id}: refused (${error.reason})`);
      return ids[ids.length - 1] as string;
    }
    if (wasLeader) {
      // A leader appends at once: each proposal can only ever be committed at its index.
      const last = raw.raft.raftLog.lastIndex();
      records.forEach((record, i) => {
        record.index = last - count + 1 + i;
        node.pendingByIndex.set(record.index, record.id);
      });
    }
    for (const id of ids) node.pendingIds.add(id);
    const where = wasLeader ? ` -> index ${(records[0] as { index?: number }).index ?? "?"}` : " (forwarded)";
    this.trace(() => `propose ${ids.join(",")} at n${node.id}${where}`);
    this.observe(node);
    return ids[ids.length - 1] as string;
  }

  // ---- liveness ----------------------------------------------------------------------------------------

  private heal(): void {
    this.phase = "liveness";
    this.healedAt = this.now;
    this.network.heal();
    this.network.setOptions(this.options.healedNetwork);
    for (const node of this.nodes.values()) {
      node.disk.setSlowFactor(1);
      node.disk.setSyncDelay(this.options.healedDisk.syncDelayMin, this.options.healedDisk.syncDelayMax);
      node.slowUntil = 0;
      if (node.status === "down") this.boot(node);
      if (node.status === "up" && node.pausedUntil !== 0) this.resume(node);
    }
    this.membershipOp = undefined;
    this.trace(`heal: liveness phase, bound ${this.options.livenessTicks} ticks (${this.describeCluster()})`);
  }

  /**
   * How long replicating what is left at the heal may take on top of the fixed bound: every entry past the
   * lowest commit index may need its own round trip (a message may carry a single entry), with at most
   * `inflightMessagesMax` round trips under way. A run with 1 message in flight and a backlog of hundreds
   * of entries needs thousands of ticks however healthy Raft is (seed 668563897); a stall still fails,
   * since the bound stays finite.
   */
  private backlogTicks(): number {
    let last = 0;
    let committed = Number.POSITIVE_INFINITY;
    for (const node of this.nodes.values()) {
      if (node.status !== "up" || node.raw === undefined) continue;
      const log = node.raw.raft.raftLog;
      last = Math.max(last, log.lastIndex());
      committed = Math.min(committed, log.committed);
    }
    if (last === 0 || committed === Number.POSITIVE_INFINITY) return 0;
    const o = this.options;
    const roundTrip = 2 * o.healedNetwork.delayMax + 2 * o.healedDisk.syncDelayMax + 2 * o.raftTickEvery;
    const ticks = Math.ceil(((last - committed) * roundTrip) / o.raft.inflightMessagesMax);
    this.trace(`backlog at the heal: ${last - committed} entries, bound extended by ${ticks} ticks`);
    return ticks;
  }

  /** One leader; every member up, idle and applied up to the leader's commit index, which is its last index. */
  private converged(): boolean {
    const leader = this.currentLeader();
    if (leader === undefined) return false;
    const acked = this.livenessProposals.filter((id) => this.history.get(id)?.status === "ok").length;
    if (acked < this.options.workload.livenessProposals) return false;
    const raft = (leader.raw as RawNode).raft;
    const cs = leader.confState;
    if (cs.votersOutgoing.length > 0) return false;
    const committed = raft.raftLog.committed;
    if (committed !== raft.raftLog.lastIndex() || leader.sm.index !== committed) return false;
    for (const id of membersOf(cs)) {
      const node = this.nodes.get(id);
      if (node === undefined || node.status !== "up" || node.inflight !== undefined) return false;
      if (node.sm.index !== committed || (node.raw as RawNode).raft.raftLog.applied !== committed)
        return false;
    }
    return true;
  }

  private finalChecks(): void {
    const leader = this.currentLeader() as SimNode;
    const members = [...membersOf(leader.confState)].map((id) => this.nodes.get(id) as SimNode);
    this.stats.finalMembers = members.length;
    const applied = new Map<NodeId, ReadonlySet<string>>();
    for (const node of members) {
      applied.set(node.id, new Set(node.sm.payloads));
      if (node.sm.hash !== leader.sm.hash) {
        throw new SafetyViolation(
          "state-machine-safety",
          `n${node.id} and leader n${leader.id} differ at index ${leader.sm.index}`,
        );
      }
    }
    this.history.checkAcknowledged(applied);
    this.checker.checkCommittedPrefixes(
      members.map((node) => {
        const raw = node.raw as RawNode;
        return { node: node.id, committed: raw.raft.raftLog.committed, log: logView(raw) };
      }),
    );
  }

  private describeCluster(): string {
    const parts: string[] = [];
    for (const node of this.nodes.values()) {
      if (node.status !== "up") {
        parts.push(`n${node.id}:${node.status}`);
        continue;
      }
      const raft = (node.raw as RawNode).raft;
      const log = raft.raftLog;
      parts.push(
        `n${node.id}:${raft.state[0] ?? "?"}${node.inflight !== undefined ? "*" : ""} t${raft.term} lead${raft.lead} c${log.committed} a${log.applied} l${log.lastIndex()} ${describeConfState(node.confState)}`,
      );
    }
    const links = this.network.blockedLinks();
    if (links.length > 0) parts.push(`cut ${links.map(([a, b]) => `${a}->${b}`).join(" ")}`);
    return parts.join("; ");
  }
}

function membersOf(cs: ConfState): Set<NodeId> {
  return new Set([...cs.voters, ...cs.votersOutgoing, ...cs.learners, ...cs.learnersNext]);
}

function logView(raw: RawNode): LogView {
  const log = raw.raft.raftLog;
  return {
    firstIndex: log.firstIndex(),
    lastIndex: log.lastIndex(),
    termAt: (index) => log.termOrUndefined(index),
  };
}

function describeOptions(o: RaftSimOptions): string {
  const r = o.raft;
  const n = o.network;
  const f = o.faults;
  const pct = (p: number) => `${Math.round(p * 1000) / 10}%`;
  return [
    `raftTickEvery=${o.raftTickEvery} election=${r.electionTimeoutTicks} heartbeat=${r.heartbeatIntervalTicks}`,
    `preVote=${r.preVote} checkQuorum=${r.checkQuorum} forwarding=${!r.disableProposalForwarding}`,
    `msgBytes=${r.messageBytesMax} inflight=${r.inflightMessagesMax}/${r.inflightBytesMax}B uncommitted=${r.uncommittedBytesMax}B perReady=${r.committedBytesPerReadyMax}B`,
    `delay=${n.delayMin}..${n.delayMax} loss=${pct(n.lossRate)} dup=${pct(n.duplicateRate)} reorder=${pct(n.reorderRate)}+${n.reorderDelayMax}`,
    `sync=${o.disk.syncDelayMin}..${o.disk.syncDelayMax} slow×${o.disk.slowFactor} partialPowerLoss=${pct(o.disk.partialPowerLossRate)}`,
    `per raft tick: partition=${pct(f.partitionRate)} heal=${pct(f.healRate)} crash=${pct(f.crashRate)} powerLoss=${pct(f.powerLossRate)} slowDisk=${pct(f.slowDiskRate)} transfer=${pct(f.transferRate)} membership=${pct(f.membershipRate)}`,
    `clusterPowerLossAt=[${f.clusterPowerLossAt.join(",")}] restart=${f.restartDelayMin}..${f.restartDelayMax}`,
    `propose=${pct(o.workload.proposeRate)}/tick snapshot every ${o.snapshot.interval} lag ${o.snapshot.compactLag}`,
  ].join(", ");
}

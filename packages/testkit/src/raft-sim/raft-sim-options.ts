import { type Random } from "@millrace/common";
import { type NetworkOptions } from "../sim-network.js";

/**
 * Everything a Raft cluster simulation does, chosen up front from the seed. Time is in simulator ticks;
 * each node calls RawNode.tick() every `raftTickEvery` of them, so Raft's own timeouts (in Raft ticks) are
 * `raftTickEvery` times longer. Fault rates are per Raft tick.
 */
export interface RaftSimOptions {
  clusterSize: number;
  raftTickEvery: number;
  /** Probability that one of a node's Raft ticks comes a simulator tick early or late (clock jitter). */
  clockJitter: number;
  raft: RaftSimRaftOptions;
  network: NetworkOptions;
  /**
   * Network and disk behaviour after the heal, in the liveness phase: a round trip (with a sync at each
   * end) must take well under an election timeout, or a new leader fails CheckQuorum before it hears back.
   */
  healedNetwork: NetworkOptions;
  healedDisk: { syncDelayMin: number; syncDelayMax: number };
  disk: {
    syncDelayMin: number;
    syncDelayMax: number;
    /** Sync latency multiplier of a disk in a slow episode. */
    slowFactor: number;
    partialPowerLossRate: number;
    snapshotUnavailableRate: number;
  };
  faults: {
    /** Probability per Raft tick of cutting the network (a split, an isolated node or one-way links). */
    partitionRate: number;
    /** Probability per Raft tick that all cuts heal. */
    healRate: number;
    crashRate: number;
    powerLossRate: number;
    /** Probability that a crash or power loss hits the current leader rather than a random node. */
    leaderBias: number;
    /**
     * Probability that a newly elected leader is struck down (crashed, isolated or powered off) within a
     * few round trips, leaving a short unreplicated tail: the raw material of Figure 8 of the Raft paper.
     */
    leaderChurnRate: number;
    /** Ticks (of the safety phase) at which every node loses power at once. */
    clusterPowerLossAt: number[];
    /** Downtime after a crash or power loss, in simulator ticks. */
    restartDelayMin: number;
    restartDelayMax: number;
    slowDiskRate: number;
    /** Probability per Raft tick of pausing a node's process (SIGSTOP): no ticks, no work, messages queue. */
    pauseRate: number;
    /** Longest pause, in simulator ticks. */
    pauseMax: number;
    /** Length of a slow-disk episode, in simulator ticks. */
    slowDiskDuration: number;
    /** Probability the transport reports a dropped (non-lost) append as unreachable. */
    unreachableReportRate: number;
    transferRate: number;
    membershipRate: number;
    /** Most members (voters plus learners) the membership changes may grow the cluster to. */
    maxMembers: number;
  };
  workload: {
    /** Probability per simulator tick of a proposal at a random live node. */
    proposeRate: number;
    /** Probability that a proposal is a batch of several entries (proposeEntries). */
    batchRate: number;
    /** Probability per simulator tick of a linearizable read (ReadIndex) at a random live node. */
    readRate: number;
    /** Proposals that must be acknowledged in the liveness phase. */
    livenessProposals: number;
  };
  snapshot: {
    /** A node snapshots when it has applied this many entries past its last snapshot. */
    interval: number;
    /** Entries kept in the log behind a snapshot when compacting. */
    compactLag: number;
    /** Extra probability per simulator tick of snapshotting anyway. */
    randomRate: number;
  };
  /** Length of the safety phase, in simulator ticks. */
  safetyTicks: number;
  /** Bound on the liveness phase, in simulator ticks: converge within it or fail. */
  livenessTicks: number;
}

export interface RaftSimRaftOptions {
  electionTimeoutTicks: number;
  heartbeatIntervalTicks: number;
  preVote: boolean;
  checkQuorum: boolean;
  messageBytesMax: number;
  inflightMessagesMax: number;
  inflightBytesMax: number;
  uncommittedBytesMax: number;
  committedBytesPerReadyMax: number;
  disableProposalForwarding: boolean;
}

/**
 * Picks a simulation from a Random, swarm-testing style: every fault kind is switched on or off per seed,
 * and its intensity drawn, so some seeds hammer one fault and others mix them all.
 */
export function randomRaftSimOptions(random: Random): RaftSimOptions {
  const on = (p = 0.5) => random.chance(p);
  const between = (lo: number, hi: number) => lo + random.float() * (hi - lo);
  const clusterSize = random.pick([3, 5, 7]);
  // How hard this seed hits: scales every fault rate.
  const intensity = random.pick([0.5, 1, 1, 2, 3]);
  const raftTickEvery = random.intBetween(1, 5);
  const electionTimeoutTicks = random.intBetween(6, 12);
  const heartbeatIntervalTicks = random.intBetween(1, 2);
  // Mostly production settings; sometimes without PreVote and/or CheckQuorum, which safety must survive.
  const both = on(0.7);
  const preVote = both || on();
  const checkQuorum = both || on();
  const smallMessages = on(0.3);
  const messageBytesMax = smallMessages ? random.intBetween(20, 120) : 1024 * 1024;
  const inflightMessagesMax = on(0.3) ? random.intBetween(1, 8) : 256;
  const inflightBytesMax =
    smallMessages && on() ? messageBytesMax * random.intBetween(1, 4) : 16 * 1024 * 1024;
  const raft: RaftSimRaftOptions = {
    electionTimeoutTicks,
    heartbeatIntervalTicks,
    preVote,
    checkQuorum,
    messageBytesMax,
    inflightMessagesMax,
    inflightBytesMax: Math.max(inflightBytesMax, messageBytesMax),
    uncommittedBytesMax: on(0.2) ? random.intBetween(10, 200) : 64 * 1024 * 1024,
    committedBytesPerReadyMax: on(0.2) ? random.intBetween(20, 200) : 4 * 1024 * 1024,
    disableProposalForwarding: on(0.1),
  };
  const delayMax = random.intBetween(1, raftTickEvery * 3);
  const network: NetworkOptions = {
    delayMin: random.intBetween(0, Math.min(delayMax, raftTickEvery)),
    delayMax,
    lossRate: on() ? between(0, 0.2) : 0,
    duplicateRate: on() ? between(0, 0.1) : 0,
    reorderRate: on() ? between(0, 0.2) : 0,
    reorderDelayMax: random.intBetween(1, raftTickEvery * electionTimeoutTicks),
  };
  const healedDelayMax = Math.max(1, Math.min(delayMax, raftTickEvery));
  const healedNetwork: NetworkOptions = {
    delayMin: Math.min(network.delayMin, healedDelayMax),
    delayMax: healedDelayMax,
    lossRate: 0,
    duplicateRate: 0,
    reorderRate: 0,
    reorderDelayMax: 0,
  };
  const safetyRaftTicks = random.intBetween(300, 600);
  const safetyTicks = safetyRaftTicks * raftTickEvery;
  const clusterPowerLossAt: number[] = [];
  if (on(0.25)) {
    const count = random.intBetween(1, 2);
    for (let i = 0; i < count; i++) clusterPowerLossAt.push(random.intBetween(1, safetyTicks - 1));
  }
  const syncDelayMax = random.intBetween(0, raftTickEvery * 2);
  const healedSyncDelayMax = Math.min(syncDelayMax, Math.ceil(raftTickEvery / 2));
  return {
    clusterSize,
    raftTickEvery,
    clockJitter: on() ? between(0, 0.2) : 0,
    raft,
    network,
    healedNetwork,
    healedDisk: { syncDelayMin: 0, syncDelayMax: healedSyncDelayMax },
    disk: {
      syncDelayMin: random.intBetween(0, syncDelayMax),
      syncDelayMax,
      slowFactor: random.intBetween(2, 20),
      partialPowerLossRate: on() ? between(0, 1) : 0,
      snapshotUnavailableRate: on(0.3) ? between(0, 0.5) : 0,
    },
    faults: {
      partitionRate: on() ? intensity * between(0.005, 0.05) : 0,
      healRate: between(0.01, 0.1),
      crashRate: on() ? intensity * between(0.002, 0.03) : 0,
      powerLossRate: on() ? intensity * between(0.002, 0.02) : 0,
      leaderBias: between(0, 0.8),
      leaderChurnRate: on(0.3) ? between(0.1, 0.6) : 0,
      clusterPowerLossAt: clusterPowerLossAt.sort((a, b) => a - b),
      restartDelayMin: raftTickEvery,
      restartDelayMax: raftTickEvery * random.intBetween(2, 4 * electionTimeoutTicks),
      slowDiskRate: on() ? intensity * between(0.005, 0.03) : 0,
      slowDiskDuration: raftTickEvery * random.intBetween(5, 60),
      pauseRate: on(0.3) ? intensity * between(0.002, 0.02) : 0,
      pauseMax: raftTickEvery * electionTimeoutTicks * random.intBetween(1, 4),
      unreachableReportRate: on() ? between(0, 1) : 0,
      transferRate: on() ? intensity * between(0.002, 0.03) : 0,
      membershipRate: on() ? intensity * between(0.005, 0.05) : 0,
      maxMembers: Math.min(9, clusterSize + random.intBetween(0, 2)),
    },
    workload: {
      proposeRate: between(0.02, 0.4),
      batchRate: on(0.3) ? between(0, 0.5) : 0,
      readRate: on() ? between(0, 0.2) : 0,
      livenessProposals: random.intBetween(3, 10),
    },
    snapshot: {
      interval: random.intBetween(3, 60),
      compactLag: random.intBetween(0, 20),
      randomRate: on() ? between(0, 0.01) : 0,
    },
    safetyTicks,
    // Thirty election timeouts of the slowest randomized timeout, plus restart downtime and a slow boot sync.
    livenessTicks: raftTickEvery * (60 * electionTimeoutTicks + 50),
  };
}

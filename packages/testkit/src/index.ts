export {
  SimNetwork,
  defaultNetworkOptions,
  type Delivery,
  type Envelope,
  type NetworkDropReason,
  type NetworkOptions,
  type NetworkStats,
} from "./sim-network.js";
export {
  DiskImage,
  SimDisk,
  type DiskStats,
  type DiskWrite,
  type SimDiskOptions,
  type SyncTicket,
} from "./sim-disk.js";
export {
  ProposalHistory,
  RaftHistoryChecker,
  ReadIndexHistory,
  SafetyViolation,
  entryKey,
  type Invariant,
  type LogView,
  type ProposalRecord,
  type ProposalStatus,
} from "./raft-history-checker.js";
export { AppliedLog, stateHash } from "./raft-sim/applied-log.js";
export {
  randomRaftSimOptions,
  type RaftSimOptions,
  type RaftSimRaftOptions,
} from "./raft-sim/raft-sim-options.js";
export {
  RaftClusterSim,
  type RaftSimFailureKind,
  type RaftSimHooks,
  type RaftSimResult,
  type RaftSimStats,
} from "./raft-sim/cluster-sim.js";

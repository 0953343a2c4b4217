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
export {
  ClusterClients,
  describeFailure,
  isDefiniteAppendFailure,
  type CallFailure,
} from "./cluster/cluster-client.js";
export { LinkProxy, ProxyMesh, type CutMode, type LinkStats } from "./cluster/link-proxy.js";
export {
  LocalCluster,
  logGroupId,
  metaGroupId,
  type LeaderInfo,
  type LocalClusterOptions,
  type NodeState,
  type NodeStatus,
} from "./cluster/local-cluster.js";
export {
  LogHistory,
  assertLogHistoryValid,
  type AppendOp,
  type AppendStatus,
  type LogCheckResult,
  type LogHistoryStats,
  type ReplicaContents,
} from "./cluster/log-history.js";
export { AppendWorkload, recordedAppend, type AppendWorkloadOptions } from "./cluster/log-workload.js";
export { findFreePorts, probePort } from "./cluster/ports.js";
export { sleep, waitFor } from "./cluster/wait.js";
export { MemoryKeyspace } from "./memory-keyspace.js";
export {
  QueueHistory,
  assertQueueHistoryValid,
  isFifoQueue,
  type HandleOp,
  type QueueCheckResult,
  type QueueDelivery,
  type QueueHistoryStats,
  type QueueOpStatus,
  type ReceiveCall,
  type SendAttempt,
} from "./cluster/queue-history.js";

export { ConfChangeError } from "./changer.js";
export {
  ConfChangeDecodeError,
  ConfChangeTransition,
  ConfChangeType,
  confChange,
  decodeConfChange,
  describeConfChange,
  encodeConfChange,
  type ConfChange,
  type ConfChangeSingle,
} from "./conf-change.js";
export {
  RaftConfigError,
  noLimit,
  raftConfig,
  silentLogger,
  validateConfig,
  type RaftConfig,
  type RaftConfigInput,
  type RaftLogger,
} from "./config.js";
export { DropReason, ProposalDroppedError, StepRefusedError } from "./errors.js";
export { Inflights } from "./inflights.js";
export { ProgressState } from "./progress.js";
export {
  VoteResult,
  jointCommittedIndex,
  jointVoteResult,
  majorityCommittedIndex,
  majorityVoteResult,
} from "./quorum.js";
export { None } from "./raft.js";
export { ReadOnlyOption } from "./read-only.js";
export { RawNode, SnapshotStatus, type ProgressStatus, type Ready, type Status } from "./raw-node.js";
export {
  CompactedError,
  MemoryStorage,
  SnapshotOutOfDateError,
  SnapshotTemporarilyUnavailableError,
  UnavailableError,
  type Storage,
} from "./storage.js";
export * from "./types.js";
export {
  describeConfState,
  describeEntries,
  describeEntry,
  describeHardState,
  describeMessage,
  describeReady,
  describeSnapshot,
  describeSoftState,
} from "./describe.js";

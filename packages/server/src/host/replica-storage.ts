import { type ConfState, type Entry, type HardState, type Snapshot, type Storage } from "@millrace/raft";

/** A group's state machine keyspace, as the host uses it (see @millrace/storage's Keyspace). */
export interface ReplicaKeyspace {
  get(key: Uint8Array): Promise<Uint8Array | undefined>;
  getSync(key: Uint8Array): Uint8Array | undefined;
  iterate(
    from: Uint8Array,
    to: Uint8Array | undefined,
    limit: number,
  ): Promise<{ key: Uint8Array; value: Uint8Array }[]>;
  put(key: Uint8Array, value: Uint8Array): void;
  del(key: Uint8Array): void;
  /**
   * The whole keyspace as of this call (LevelDB snapshot plus staged writes), as the byte stream a
   * snapshot transfer carries; `valueFor` gives the value each pair travels with.
   */
  readSnapshotStream(options?: {
    valueFor?: (key: Uint8Array, value: Uint8Array) => Promise<Uint8Array>;
  }): AsyncIterableIterator<Uint8Array>;
}

/** A snapshot being received into the keyspace slot not in use (see @millrace/storage's SnapshotStaging). */
export interface ReplicaSnapshotStaging {
  /** Writes the next bytes of the stream; rejects if they are malformed or the transfer was superseded. */
  write(data: Uint8Array): Promise<void>;
  /** The whole stream has arrived. */
  readonly complete: boolean;
}

/**
 * What the host needs of one group's durable state (implemented by @millrace/storage's GroupStorage):
 * Raft's read side, plus staging of each Ready's writes into the node's shared group-commit batch.
 * Staged writes become durable together at the next commit.
 */
export interface ReplicaStorage extends Storage {
  stageEntries(entries: readonly Entry[]): void;
  stageHardState(hardState: HardState): void;
  /** Starts receiving a snapshot into the keyspace slot not in use; a later call supersedes it. */
  beginSnapshotStaging(): Promise<ReplicaSnapshotStaging>;
  /** Gives up a staging that will not be installed; what it wrote is cleared in the background. */
  abandonSnapshotStaging(staging: ReplicaSnapshotStaging): void;
  /**
   * Stages the install of a snapshot received whole: its slot becomes the keyspace, the log is replaced,
   * the applied index set to its index; all durable with the next commit.
   */
  installStagedSnapshot(snapshot: Snapshot, staging: ReplicaSnapshotStaging): void;
  /** Stages the applied index and the membership in force at it, with the state machine's writes. */
  stageApplied(index: number, confState: ConfState): void;
  /** Records snapshot metadata at `index` (the state is the keyspace). */
  createSnapshot(index: number, confState: ConfState): Snapshot;
  /** Drops log entries up to and including `index` (at or below the snapshot). */
  stageCompact(index: number): void;
  /** The data of the entry at `index`, read without blocking; undefined when the log does not hold it. */
  entryData(index: number): Promise<Uint8Array | undefined>;
  readonly appliedIndex: number;
  readonly appliedConfState: ConfState;
  readonly keyspace: ReplicaKeyspace;
}

/** The node-wide durability point: one write covering everything every group staged. */
export interface CommitPoint {
  /**
   * Writes what is staged, fsynced. There is no unsynced write: past a LevelDB log switch a later fsync
   * does not cover it (see RaftHost.runCycle).
   */
  commit(): Promise<{ entries: number; fsyncMs: number; synced: boolean }>;
  /** Whether anything is staged and waiting for a commit. */
  hasStaged(): boolean;
  /** Key and value bytes staged and waiting for a commit. */
  stagedBytes(): number;
}

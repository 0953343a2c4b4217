import { type StateReader, type StateWriter } from "@millrace/common";
import { type ConfState, type Entry, type HardState, type Snapshot, type Storage } from "@millrace/raft";

/**
 * What the host needs of one group's durable state: Raft's read side plus staging of each Ready's writes
 * into the node's shared group-commit batch. Staged writes become durable together at the next commit.
 */
export interface ReplicaStorage extends Storage {
  stageEntries(entries: readonly Entry[]): void;
  stageHardState(hardState: HardState): void;
  stageSnapshot(snapshot: Snapshot): void;
  stageApplied(index: number): void;
  /** Records snapshot metadata at `index` (state is the keyspace) and drops log entries before it. */
  stageCompact(index: number, confState: ConfState): void;
  /** The applied index persisted with the state machine, where replay starts after a restart. */
  appliedIndex(): number;
  /** The state machine's writes, staged into the same batch as the applied index. */
  readonly writer: StateWriter;
  readonly reader: StateReader;
}

/** The node-wide durability point: one synced write covering everything every group staged. */
export interface CommitPoint {
  commit(): Promise<{ entries: number; fsyncMs: number }>;
  /** Whether anything is staged and waiting for a commit. */
  hasStaged(): boolean;
}

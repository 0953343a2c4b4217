import { type ErrorCode } from "./errors.js";

/**
 * What every replicated state machine (queue partition, topic, stream shard, replicated log) sees of its
 * storage. Applying a command must be deterministic: the same commands in the same order produce the same
 * writes and results on every replica. Writes are staged into the node's next group-commit batch together
 * with the applied index, so a restart resumes exactly after the last applied entry.
 */
export interface StateWriter {
  /** Stages `key` = `value`, copying both: the caller may reuse or discard them at once. */
  put(key: Uint8Array, value: Uint8Array): void;
  del(key: Uint8Array): void;
  /**
   * The value at `key` as of the writes applied so far (staged ones included), read synchronously so that
   * apply can consult stored state without holding it all in memory. Point reads only: apply must not scan.
   */
  getSync(key: Uint8Array): Uint8Array | undefined;
}

/** Ordered reads of a group's keyspace, for serving reads and for restoring in-memory summaries. */
export interface StateReader {
  get(key: Uint8Array): Promise<Uint8Array | undefined>;
  /** Entries with from ≤ key < to, in key order, at most `limit` of them. */
  range(from: Uint8Array, to: Uint8Array, limit: number): Promise<{ key: Uint8Array; value: Uint8Array }[]>;
}

/**
 * A group's committed Raft entries, for a state machine whose keyspace refers to entries rather than
 * holding copies of what they carry (the replicated log stores each append once, in the Raft log).
 */
export interface CommittedEntries {
  /**
   * The command of the committed entry at `index`, as proposed; undefined once the log no longer holds
   * it. Read without blocking: an entry may be a MiB on disk.
   */
  command(index: number): Promise<Uint8Array | undefined>;
}

/** A rejection is a returned value, not an exception, so every replica rejects the same way. */
export type ApplyResult<T> =
  | { readonly ok: true; readonly value: T }
  | { readonly ok: false; readonly code: ErrorCode; readonly message: string };

/** How a replica applies an entry. */
export interface ApplyOptions {
  /**
   * Whether anyone here waits for the result: true only on the replica that proposed the entry. Elsewhere
   * a state machine may leave out of its result what costs reads to build (a receive's bodies and receipt
   * handles), never anything that decides what it writes: the writes stay the same on every replica.
   */
  readonly respond: boolean;
}

export interface StateMachine<T = unknown> {
  /** Applies one committed command at log index `index` (with the result in full unless told otherwise). */
  apply(index: number, command: Uint8Array, writer: StateWriter, options?: ApplyOptions): ApplyResult<T>;
  /** Rebuilds in-memory state from the keyspace (at start-up and after a snapshot is installed). */
  restore(reader: StateReader): Promise<void>;
  /**
   * The lowest Raft index whose entry the keyspace refers to (undefined when it refers to none). Log
   * compaction keeps that entry and every later one, so a reference never outlives what it names.
   */
  logNeededFrom?(): number | undefined;
  /**
   * A stored pair's value as it must travel in a snapshot. The receiver's log will not hold the entries
   * before the snapshot, so a value that refers to one is replaced by what it refers to. Throws when an
   * entry it needs is gone: the snapshot then fails rather than install a broken reference.
   */
  snapshotValue?(key: Uint8Array, value: Uint8Array, entries: CommittedEntries): Promise<Uint8Array>;
}

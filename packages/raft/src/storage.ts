import { assert } from "@millrace/common";
import {
  emptyHardState,
  emptySnapshot,
  limitSize,
  type ConfState,
  type Entry,
  type HardState,
  type Snapshot,
} from "./types.js";

/** The requested index lies at or below the last compaction: the entries are gone, a snapshot is needed. */
export class CompactedError extends Error {
  override readonly name = "CompactedError";
  constructor(index: number) {
    super(`requested index ${index} is unavailable due to compaction`);
  }
}

/** The requested index lies beyond the last stored entry. */
export class UnavailableError extends Error {
  override readonly name = "UnavailableError";
  constructor(index: number) {
    super(`requested entry at index ${index} is unavailable`);
  }
}

/** The snapshot is being prepared; Raft retries on a later heartbeat. */
export class SnapshotTemporarilyUnavailableError extends Error {
  override readonly name = "SnapshotTemporarilyUnavailableError";
  constructor() {
    super("snapshot is temporarily unavailable");
  }
}

/** The snapshot offered is older than the one already stored. */
export class SnapshotOutOfDateError extends Error {
  override readonly name = "SnapshotOutOfDateError";
  constructor(index: number, current: number) {
    super(`snapshot at ${index} is older than the existing snapshot at ${current}`);
  }
}

/**
 * The read side of durable Raft state, implemented by the application. Raft only reads through it; the
 * application writes what each Ready tells it to persist. Ranges are half-open, [lo, hi). Returned arrays
 * and entries are owned by Raft afterwards and must not be mutated by the storage. Any error other than
 * those named here means the storage is broken, and Raft stops the node (an assertion).
 */
export interface Storage {
  /** The persisted hard state and membership, read once when the node starts. */
  initialState(): { hardState: HardState; confState: ConfState };
  /**
   * Entries in [lo, hi), with a total size (payload plus framing) of at most `maxSize`, but at least one
   * entry if any is in range. Throws CompactedError if lo ≤ the snapshot index, UnavailableError if
   * hi > lastIndex() + 1.
   */
  entries(lo: number, hi: number, maxSize: number): Entry[];
  /**
   * The term of the entry at `index`, for index in [firstIndex() - 1, lastIndex()]: the entry just before
   * the first is kept (as the snapshot's index and term) for the log-matching check. Throws CompactedError
   * below that range and UnavailableError above it.
   */
  term(index: number): number;
  /** The index of the last entry in the log (the snapshot's index if the log is empty). */
  lastIndex(): number;
  /** The index of the first entry still available (the snapshot's index plus one). */
  firstIndex(): number;
  /** The most recent snapshot; may throw SnapshotTemporarilyUnavailableError. */
  snapshot(): Snapshot;
}

/**
 * An in-memory Storage, for tests and the simulator. Entry 0 of its array is a placeholder holding the
 * snapshot's index and term.
 */
export class MemoryStorage implements Storage {
  private hardState: HardState = emptyHardState;
  private snapshotValue: Snapshot = emptySnapshot;
  private ents: Entry[] = [{ term: 0, index: 0, type: 0, data: new Uint8Array(0) }];

  initialState(): { hardState: HardState; confState: ConfState } {
    return { hardState: this.hardState, confState: this.snapshotValue.metadata.confState };
  }

  setHardState(hardState: HardState): void {
    this.hardState = hardState;
  }

  get offset(): number {
    return (this.ents[0] as Entry).index;
  }

  entries(lo: number, hi: number, maxSize: number): Entry[] {
    const offset = this.offset;
    if (lo <= offset) throw new CompactedError(lo);
    if (hi > this.lastIndex() + 1) throw new UnavailableError(hi - 1);
    return limitSize(this.ents.slice(lo - offset, hi - offset), maxSize);
  }

  term(index: number): number {
    const offset = this.offset;
    if (index < offset) throw new CompactedError(index);
    if (index - offset >= this.ents.length) throw new UnavailableError(index);
    return (this.ents[index - offset] as Entry).term;
  }

  lastIndex(): number {
    return this.offset + this.ents.length - 1;
  }

  firstIndex(): number {
    return this.offset + 1;
  }

  snapshot(): Snapshot {
    return this.snapshotValue;
  }

  /** Replaces the whole log with a snapshot received from the leader. */
  applySnapshot(snapshot: Snapshot): void {
    const current = this.snapshotValue.metadata.index;
    if (current >= snapshot.metadata.index)
      throw new SnapshotOutOfDateError(snapshot.metadata.index, current);
    this.snapshotValue = snapshot;
    this.ents = [
      { term: snapshot.metadata.term, index: snapshot.metadata.index, type: 0, data: new Uint8Array(0) },
    ];
  }

  /** Records a snapshot of the application's state at `index`; the log is left to `compact`. */
  createSnapshot(index: number, confState: ConfState, data: Uint8Array): Snapshot {
    const current = this.snapshotValue.metadata.index;
    if (index <= current) throw new SnapshotOutOfDateError(index, current);
    assert(index <= this.lastIndex(), () => `snapshot ${index} is beyond the last index ${this.lastIndex()}`);
    this.snapshotValue = { metadata: { index, term: this.term(index), confState }, data };
    return this.snapshotValue;
  }

  /** Discards entries before `compactIndex`; the entry at it becomes the placeholder. */
  compact(compactIndex: number): void {
    const offset = this.offset;
    if (compactIndex <= offset) throw new CompactedError(compactIndex);
    assert(
      compactIndex <= this.lastIndex(),
      () => `compact ${compactIndex} is out of bound lastindex(${this.lastIndex()})`,
    );
    const i = compactIndex - offset;
    const placeholder = this.ents[i] as Entry;
    const rest = this.ents.slice(i + 1);
    rest.unshift({ term: placeholder.term, index: placeholder.index, type: 0, data: new Uint8Array(0) });
    this.ents = rest;
  }

  /**
   * Appends entries, discarding any existing entries at or after the first new index: a new leader's
   * entries override a conflicting suffix. Entries below the snapshot are ignored.
   */
  append(entries: readonly Entry[]): void {
    if (entries.length === 0) return;
    const first = this.firstIndex();
    const last = (entries[entries.length - 1] as Entry).index;
    if (last < first) return;
    const fresh =
      first > (entries[0] as Entry).index ? entries.slice(first - (entries[0] as Entry).index) : entries;
    const offset = (fresh[0] as Entry).index - this.offset;
    assert(
      offset <= this.ents.length,
      () => `missing log entry [last: ${this.lastIndex()}, append at: ${(fresh[0] as Entry).index}]`,
    );
    // Truncate the conflicting suffix in place, then append: copying the whole log per append would
    // make appends linear in the log's length.
    this.ents.length = offset;
    for (const entry of fresh) this.ents.push(entry);
  }
}

import { assert } from "@millrace/common";
import { UnstableLog } from "./log-unstable.js";
import { CompactedError, UnavailableError, type Storage } from "./storage.js";
import { entriesSize, entrySize, limitSize, type Entry, type Snapshot } from "./types.js";

/**
 * The log as Raft sees it: the application's durable Storage followed by the unstable tail. Indexes
 * satisfy applied ≤ applying ≤ committed ≤ lastIndex.
 */
export class RaftLog {
  readonly unstable: UnstableLog;
  /** Highest index known to be committed by a quorum. */
  committed: number;
  /** Highest index handed to the application to apply (in a Ready not yet advanced). */
  applying: number;
  /** Highest index the application has applied. */
  applied: number;
  private applyingEntriesBytes = 0;
  private applyingPaused = false;

  constructor(
    readonly storage: Storage,
    /** Bounds the committed entries handed out for applying at once, so one Ready cannot be unbounded. */
    private readonly maxApplyingEntriesBytes: number,
  ) {
    const firstIndex = storage.firstIndex();
    const lastIndex = storage.lastIndex();
    this.unstable = new UnstableLog(lastIndex + 1);
    this.committed = firstIndex - 1;
    this.applying = firstIndex - 1;
    this.applied = firstIndex - 1;
  }

  toString(): string {
    return `committed=${this.committed}, applied=${this.applied}, applying=${this.applying}, unstable.offset=${this.unstable.offset}, unstable.entries=${this.unstable.entries.length}`;
  }

  /**
   * Appends a leader's entries following (index, logTerm) if the log matches there, truncating a
   * conflicting suffix. Returns the index of the last new entry, or undefined when the log does not match.
   */
  maybeAppend(
    index: number,
    logTerm: number,
    committed: number,
    entries: readonly Entry[],
  ): number | undefined {
    if (!this.matchTerm(index, logTerm)) return undefined;
    const lastNewIndex = index + entries.length;
    const conflict = this.findConflict(entries);
    if (conflict !== 0) {
      assert(
        conflict > this.committed,
        () => `entry ${conflict} conflicts with committed entry [committed(${this.committed})]`,
      );
      this.append(entries.slice(conflict - (index + 1)));
    }
    this.commitTo(Math.min(committed, lastNewIndex));
    return lastNewIndex;
  }

  append(entries: readonly Entry[]): number {
    if (entries.length === 0) return this.lastIndex();
    const after = (entries[0] as Entry).index - 1;
    assert(after >= this.committed, () => `after(${after}) is out of range [committed(${this.committed})]`);
    this.unstable.truncateAndAppend(entries);
    return this.lastIndex();
  }

  /**
   * The index of the first entry whose term differs from ours (or that we lack), or 0 if every entry
   * is already present. Entries must be contiguous.
   */
  findConflict(entries: readonly Entry[]): number {
    for (const entry of entries) {
      if (!this.matchTerm(entry.index, entry.term)) return entry.index;
    }
    return 0;
  }

  /**
   * The largest index ≤ `index` whose term is ≤ `term`, with that term; used for fast back-off after a
   * rejected append. An index whose term is unknown (compacted) is returned with term 0 as a possible match.
   */
  findConflictByTerm(index: number, term: number): { index: number; term: number } {
    for (; index > 0; index--) {
      const ourTerm = this.termOrUndefined(index);
      if (ourTerm === undefined) return { index, term: 0 };
      if (ourTerm <= term) return { index, term: ourTerm };
    }
    return { index: 0, term: 0 };
  }

  nextUnstableEntries(): Entry[] {
    return this.unstable.entries;
  }

  hasNextUnstableEntries(): boolean {
    return this.unstable.entries.length > 0;
  }

  hasNextUnstableSnapshot(): boolean {
    return this.unstable.snapshot !== undefined;
  }

  /**
   * Committed entries ready to apply. Entries still unstable may be included: the Ready contract has the
   * application persist them before it applies anything.
   */
  nextCommittedEntries(): Entry[] {
    if (this.applyingPaused || this.hasNextUnstableSnapshot()) return [];
    const lo = this.applying + 1;
    const hi = this.committed + 1;
    if (lo >= hi) return [];
    return this.slice(lo, hi, this.maxApplyingEntriesBytes - this.applyingEntriesBytes);
  }

  hasNextCommittedEntries(): boolean {
    if (this.applyingPaused || this.hasNextUnstableSnapshot()) return false;
    return this.committed > this.applying;
  }

  snapshot(): Snapshot {
    return this.unstable.snapshot ?? this.storage.snapshot();
  }

  firstIndex(): number {
    return this.unstable.maybeFirstIndex() ?? this.storage.firstIndex();
  }

  lastIndex(): number {
    return this.unstable.maybeLastIndex() ?? this.storage.lastIndex();
  }

  commitTo(index: number): void {
    if (this.committed < index) {
      assert(
        this.lastIndex() >= index,
        () => `tocommit(${index}) is out of range [lastIndex(${this.lastIndex()})]`,
      );
      this.committed = index;
    }
  }

  appliedTo(index: number, bytes: number): void {
    assert(
      index <= this.committed && index >= this.applied,
      () => `applied(${index}) is out of range [prevApplied(${this.applied}), committed(${this.committed})]`,
    );
    this.applied = index;
    this.applying = Math.max(this.applying, index);
    this.applyingEntriesBytes = Math.max(0, this.applyingEntriesBytes - bytes);
    this.applyingPaused = this.applyingEntriesBytes >= this.maxApplyingEntriesBytes;
  }

  acceptApplying(index: number, bytes: number): void {
    this.applying = index;
    this.applyingEntriesBytes += bytes;
    this.applyingPaused = this.applyingEntriesBytes >= this.maxApplyingEntriesBytes;
  }

  stableTo(index: number, term: number): void {
    this.unstable.stableTo(index, term);
  }

  stableSnapTo(index: number): void {
    this.unstable.stableSnapTo(index);
  }

  lastTerm(): number {
    const term = this.termOrUndefined(this.lastIndex());
    assert(term !== undefined, "unexpected error when getting the last term");
    return term;
  }

  /** The term at `index`, or undefined if it is compacted or beyond the log. */
  termOrUndefined(index: number): number | undefined {
    const unstableTerm = this.unstable.maybeTerm(index);
    if (unstableTerm !== undefined) return unstableTerm;
    // The valid range is [firstIndex-1, lastIndex]: the term before the first entry survives compaction.
    if (index + 1 < this.firstIndex() || index > this.lastIndex()) return undefined;
    try {
      return this.storage.term(index);
    } catch (error) {
      if (error instanceof CompactedError || error instanceof UnavailableError) return undefined;
      throw error;
    }
  }

  /** Entries from `index` to the end, bounded by `maxSize`. Throws CompactedError below the first index. */
  entries(index: number, maxSize: number): Entry[] {
    if (index > this.lastIndex()) return [];
    return this.slice(index, this.lastIndex() + 1, maxSize);
  }

  allEntries(): Entry[] {
    for (;;) {
      try {
        return this.entries(this.firstIndex(), Number.MAX_SAFE_INTEGER);
      } catch (error) {
        // Compaction raced the read; try again from the new first index.
        if (!(error instanceof CompactedError)) throw error;
      }
    }
  }

  /** Whether a log ending at (lastIndex, term) is at least as up to date as ours (§5.4.1). */
  isUpToDate(lastIndex: number, term: number): boolean {
    const ourTerm = this.lastTerm();
    return term > ourTerm || (term === ourTerm && lastIndex >= this.lastIndex());
  }

  matchTerm(index: number, term: number): boolean {
    return this.termOrUndefined(index) === term;
  }

  /** Commits `maxIndex` if it is above the commit index and of `term` (the leader's current term). */
  maybeCommit(maxIndex: number, term: number): boolean {
    if (maxIndex > this.committed && (this.termOrUndefined(maxIndex) ?? 0) === term) {
      this.commitTo(maxIndex);
      return true;
    }
    return false;
  }

  restore(snapshot: Snapshot): void {
    this.committed = snapshot.metadata.index;
    this.unstable.restore(snapshot);
  }

  /** Entries in [lo, hi) bounded by `maxSize` (at least one). Throws CompactedError if lo is compacted. */
  slice(lo: number, hi: number, maxSize: number): Entry[] {
    assert(lo <= hi, () => `invalid slice ${lo} > ${hi}`);
    if (lo < this.firstIndex()) throw new CompactedError(lo);
    assert(
      hi <= this.lastIndex() + 1,
      () => `slice[${lo},${hi}) out of bound [${this.firstIndex()},${this.lastIndex()}]`,
    );
    if (lo === hi) return [];
    const offset = this.unstable.offset;
    if (lo >= offset) return limitSize(this.unstable.slice(lo, hi), maxSize);
    const cut = Math.min(hi, offset);
    const stored = this.storage.entries(lo, cut, maxSize);
    if (hi <= offset || stored.length < cut - lo) return stored;
    const size = entriesSize(stored);
    if (size >= maxSize) return stored;
    const fresh = limitSize(this.unstable.slice(offset, hi), maxSize - size);
    // limitSize returns at least one entry; drop it if it alone would exceed what is left.
    if (fresh.length === 1 && size + entrySize(fresh[0] as Entry) > maxSize) return stored;
    return stored.concat(fresh);
  }
}

/**
 * The terms of a contiguous stretch of a group's log, [first, last], held as runs: terms only change at
 * elections, so a log of millions of entries is a handful of runs.
 *
 * Raft asks for the term of an entry far more often than for the entry: every append it sends carries the
 * previous entry's term, and every commit check reads one. Under load a log group's entries are up to a
 * MiB each, so the entry cache holds only the newest few, and answering a term from disk read a whole
 * entry and checksummed it (in the log-append bench, about a twelfth of the leader's busy main thread,
 * and a MiB of garbage per read). GroupStorage keeps the terms of every entry staged since it was opened here.
 */
export class TermRuns {
  private first = 1;
  private last = 0;
  /** starts[i] is the first index of run i, which holds terms[i]; starts[0] may lie below `first`. */
  private starts: number[] = [];
  private terms: number[] = [];

  /** The term of the entry at `index`, or undefined when the runs do not cover it. */
  termOf(index: number): number | undefined {
    if (index < this.first || index > this.last) return undefined;
    const starts = this.starts;
    let lo = 0;
    let hi = starts.length - 1;
    // The last run starting at or before `index`.
    while (lo < hi) {
      const mid = (lo + hi + 1) >>> 1;
      if ((starts[mid] as number) <= index) lo = mid;
      else hi = mid - 1;
    }
    return this.terms[lo];
  }

  /** Covers nothing; the next `record` may start anywhere. */
  reset(): void {
    this.first = 1;
    this.last = 0;
    this.starts = [];
    this.terms = [];
  }

  /**
   * Records the terms of `entries[skip..]`, which hold indexes `from`, `from + 1`, …, replacing what was
   * covered at and after `from`. Where `from` does not follow on from the covered stretch, the runs start
   * over at it.
   */
  record(from: number, entries: readonly { readonly term: number }[], skip = 0): void {
    if (this.last < this.first || from < this.first || from > this.last + 1) {
      this.reset();
      this.first = from;
    } else {
      while (this.starts.length > 0 && (this.starts[this.starts.length - 1] as number) >= from) {
        this.starts.pop();
        this.terms.pop();
      }
    }
    for (let i = skip; i < entries.length; i++) {
      const term = (entries[i] as { readonly term: number }).term;
      if (this.starts.length === 0 || term !== this.terms[this.terms.length - 1]) {
        this.starts.push(from + i - skip);
        this.terms.push(term);
      }
    }
    this.last = from + entries.length - skip - 1;
  }

  /** Stops covering entries below `index` (a compaction). */
  dropBefore(index: number): void {
    if (index <= this.first) return;
    if (index > this.last) {
      this.reset();
      return;
    }
    this.first = index;
    let drop = 0;
    while (drop + 1 < this.starts.length && (this.starts[drop + 1] as number) <= index) drop++;
    if (drop === 0) return;
    this.starts.splice(0, drop);
    this.terms.splice(0, drop);
  }
}

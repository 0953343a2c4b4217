import { assert } from "@millrace/common";
import { type Entry, type Snapshot } from "./types.js";

/**
 * The tail of the log (and possibly an incoming snapshot) that the application has not persisted yet.
 * Entries start at `offset`; a snapshot, if any, ends at offset - 1.
 */
export class UnstableLog {
  snapshot: Snapshot | undefined = undefined;
  entries: Entry[] = [];

  constructor(public offset: number) {}

  maybeFirstIndex(): number | undefined {
    return this.snapshot === undefined ? undefined : this.snapshot.metadata.index + 1;
  }

  maybeLastIndex(): number | undefined {
    if (this.entries.length > 0) return this.offset + this.entries.length - 1;
    return this.snapshot?.metadata.index;
  }

  maybeTerm(index: number): number | undefined {
    if (index < this.offset) {
      if (this.snapshot !== undefined && this.snapshot.metadata.index === index)
        return this.snapshot.metadata.term;
      return undefined;
    }
    const last = this.maybeLastIndex();
    if (last === undefined || index > last) return undefined;
    return (this.entries[index - this.offset] as Entry).term;
  }

  /**
   * Marks entries up to `index` as persisted, but only if the entry there still has `term`: the tail may
   * have been overwritten by a new leader since the Ready that carried it, and then it must be written again.
   */
  stableTo(index: number, term: number): void {
    const found = this.maybeTerm(index);
    if (found === undefined || found !== term || index < this.offset) return;
    this.entries = this.entries.slice(index + 1 - this.offset);
    this.offset = index + 1;
  }

  stableSnapTo(index: number): void {
    if (this.snapshot !== undefined && this.snapshot.metadata.index === index) this.snapshot = undefined;
  }

  restore(snapshot: Snapshot): void {
    this.offset = snapshot.metadata.index + 1;
    this.entries = [];
    this.snapshot = snapshot;
  }

  truncateAndAppend(entries: readonly Entry[]): void {
    const fromIndex = (entries[0] as Entry).index;
    if (fromIndex === this.offset + this.entries.length) {
      for (const entry of entries) this.entries.push(entry);
    } else if (fromIndex <= this.offset) {
      // The whole unstable tail is replaced; entries before the offset are overwritten in storage too.
      this.offset = fromIndex;
      this.entries = entries.slice();
    } else {
      this.entries = this.slice(this.offset, fromIndex).concat(entries);
    }
  }

  slice(lo: number, hi: number): Entry[] {
    const upper = this.offset + this.entries.length;
    assert(
      lo <= hi && lo >= this.offset && hi <= upper,
      () => `unstable.slice[${lo},${hi}) out of bound [${this.offset},${upper}]`,
    );
    return this.entries.slice(lo - this.offset, hi - this.offset);
  }
}

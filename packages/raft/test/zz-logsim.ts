/**
 * Log matching (paper §5.3) on RaftLog + MemoryStorage, against a brute-force model.
 *
 * A generated history of valid leaders (each new leader's log extends the globally committed prefix;
 * leaders commit only entries of their own term) sends appends, stale or not, and snapshots to one
 * follower, whose application persists Readies (possibly late, with steps in between), applies and
 * compacts. After every event the follower's log must equal the model, committed entries must never
 * change, and findConflict/findConflictByTerm must agree with their brute-force definitions.
 */
import fc from "fast-check";
import { expect } from "vitest";
import { noLimit } from "../src/config.js";
import { RaftLog } from "../src/raft-log.js";
import { CompactedError, MemoryStorage, SnapshotOutOfDateError, UnavailableError } from "../src/storage.js";
import { entrySize, type Entry, type Snapshot } from "../src/types.js";
import { confState, entry, snapshot } from "./helpers/harness.js";

const mkEntry = (term: number, index: number): Entry => entry(term, index, `${term}.${index}`);
const decoder = new TextDecoder();

const ops = ["elect", "propose", "commit", "append", "ready", "persist", "apply", "compact", "snapshot", "query"] as const;
type Op = (typeof ops)[number];
interface Event {
  op: Op;
  a: number;
  b: number;
}

export const arbEvent: fc.Arbitrary<Event> = fc.record({
  op: fc.oneof(
    { weight: 2, arbitrary: fc.constant<Op>("elect") },
    { weight: 3, arbitrary: fc.constant<Op>("propose") },
    { weight: 3, arbitrary: fc.constant<Op>("commit") },
    { weight: 8, arbitrary: fc.constant<Op>("append") },
    { weight: 3, arbitrary: fc.constant<Op>("ready") },
    { weight: 3, arbitrary: fc.constant<Op>("persist") },
    { weight: 2, arbitrary: fc.constant<Op>("apply") },
    { weight: 2, arbitrary: fc.constant<Op>("compact") },
    { weight: 1, arbitrary: fc.constant<Op>("snapshot") },
    { weight: 2, arbitrary: fc.constant<Op>("query") },
  ),
  a: fc.nat({ max: 1000 }),
  b: fc.nat({ max: 1000 }),
});

/** One follower and the cluster history it hears from. */
export class Simulation {
  readonly storage = new MemoryStorage();
  readonly log = new RaftLog(this.storage, noLimit);

  // The cluster: the current leader, earlier leaders' logs, and the globally committed prefix.
  leaderTerm = 1;
  leaderLog: number[] = [1];
  leaderCommit = 0;
  pastLogs: number[][] = [];
  committedPrefix: number[] = [];

  // The model of the follower's log: the terms of entries 1..last; indexes below snapIndex are gone.
  terms: number[] = [];
  snapIndex = 0;
  committed = 0;
  applied = 0;
  /** A Ready taken but not yet persisted. */
  pending: { entries: Entry[]; snap: Snapshot | undefined } | undefined = undefined;

  modelTerm(i: number): number | undefined {
    if (i < this.snapIndex || i > this.terms.length) return undefined;
    return i === 0 ? 0 : this.terms[i - 1];
  }

  run(ev: Event): void {
    switch (ev.op) {
      case "elect":
        return this.elect(ev.a, ev.b);
      case "propose":
        for (let i = 0; i <= ev.a % 2; i++) this.leaderLog.push(this.leaderTerm);
        return;
      case "commit":
        return this.leaderCommits(ev.a);
      case "append":
        return this.append(ev.a, ev.b);
      case "ready":
        if (this.pending === undefined) {
          this.pending = { entries: [...this.log.nextUnstableEntries()], snap: this.log.unstable.snapshot };
        }
        return;
      case "persist":
        return this.persist();
      case "apply":
        return this.apply(ev.a);
      case "compact":
        return this.compact(ev.a);
      case "snapshot":
        return this.snapshot();
      case "query":
        return this.query(ev.a, ev.b);
    }
  }

  /** A new leader whose log is a prefix of some earlier log holding everything committed, plus its empty entry. */
  private elect(a: number, b: number): void {
    const g = this.committedPrefix.length;
    const candidates = [...this.pastLogs, this.leaderLog].filter(
      (l) => l.length >= g && this.committedPrefix.every((t, i) => l[i] === t),
    );
    const base = candidates[a % candidates.length] as number[];
    const k = g + (b % (base.length - g + 1));
    this.pastLogs.push(this.leaderLog);
    if (this.pastLogs.length > 6) this.pastLogs.shift();
    this.leaderTerm += 1 + (a % 2);
    this.leaderLog = [...base.slice(0, k), this.leaderTerm];
    // A new leader may know less than what is committed.
    this.leaderCommit = b % (g + 1);
  }

  /** The leader commits an entry of its own term (and with it everything before). */
  private leaderCommits(a: number): void {
    const options: number[] = [];
    for (let c = this.leaderCommit + 1; c <= this.leaderLog.length; c++) if (this.leaderLog[c - 1] === this.leaderTerm) options.push(c);
    if (options.length === 0) return;
    const c = options[a % options.length] as number;
    this.leaderCommit = c;
    if (c > this.committedPrefix.length) this.committedPrefix = this.leaderLog.slice(0, c);
  }

  /**
   * An append from the current leader, possibly stale (older commit index, shorter or overlapping). Most
   * start near the follower's last index, as the leader's probing converges there; some anywhere.
   */
  private append(a: number, b: number): void {
    const len = this.leaderLog.length;
    const near = Math.max(0, this.log.lastIndex() - ((a >> 2) % 4));
    const p = a % 4 === 0 ? a % (len + 1) : Math.min(len, near);
    const n = b % (len - p + 1);
    const entries = this.leaderLog.slice(p, p + n).map((t, i) => mkEntry(t, p + 1 + i));
    const prevTerm = p === 0 ? 0 : (this.leaderLog[p - 1] as number);
    const commit = b % 2 === 0 ? this.leaderCommit : (b >> 1) % (this.leaderCommit + 1);

    if (entries.length > 0 && p + 1 >= this.log.firstIndex()) {
      // findConflict: the first entry whose term differs from ours (or that we lack), else 0.
      const conflict = entries.find((e) => this.modelTerm(e.index) !== e.term)?.index ?? 0;
      expect(this.log.findConflict(entries)).toBe(conflict);
    }

    const matches = this.modelTerm(p) === prevTerm;
    const result = this.log.maybeAppend(p, prevTerm, commit, entries);
    if (!matches) {
      expect(result).toBeUndefined();
      return;
    }
    expect(result).toBe(p + n);
    for (const e of entries) {
      if (this.modelTerm(e.index) === e.term) continue;
      // The first conflicting (or missing) entry: everything from here is replaced.
      this.terms = [...this.terms.slice(0, e.index - 1), ...entries.filter((x) => x.index >= e.index).map((x) => x.term)];
      break;
    }
    this.committed = Math.max(this.committed, Math.min(commit, p + n));
    // Log Matching: after a successful append the follower's log equals the leader's through p + n.
    for (let i = Math.max(1, this.log.firstIndex() - 1); i <= p + n; i++) {
      if (this.log.termOrUndefined(i) !== this.leaderLog[i - 1]) expect(this.log.termOrUndefined(i), `term(${i}) after append`).toBe(this.leaderLog[i - 1]);
    }
  }

  /** The application persists the Ready it took, as RawNode.advance then acknowledges it. */
  private persist(): void {
    const pending = this.pending;
    if (pending === undefined) return;
    this.pending = undefined;
    if (pending.snap !== undefined) {
      this.storage.applySnapshot(pending.snap);
      this.log.stableSnapTo(pending.snap.metadata.index);
      this.log.appliedTo(pending.snap.metadata.index, 0);
      this.applied = pending.snap.metadata.index;
    }
    this.storage.append(pending.entries);
    const last = pending.entries[pending.entries.length - 1];
    if (last !== undefined) this.log.stableTo(last.index, last.term);
  }

  /** The application applies committed entries, but only persisted ones. */
  private apply(a: number): void {
    if (this.log.hasNextUnstableSnapshot()) {
      expect(this.log.nextCommittedEntries()).toEqual([]);
      return;
    }
    // The entries to apply are exactly the committed ones after the applied index.
    const want = this.terms.slice(this.applied, this.committed).map((t, i) => mkEntry(t, this.applied + 1 + i));
    const render = (es: readonly Entry[]) => es.map((e) => `${e.term}/${e.index}/${decoder.decode(e.data)}`).join(" ");
    expect(render(this.log.nextCommittedEntries())).toBe(render(want));
    const limit = Math.min(this.committed, this.log.unstable.offset - 1);
    if (limit <= this.applied) return;
    const k = this.applied + (a % (limit - this.applied + 1));
    this.log.appliedTo(k, 0);
    this.applied = k;
  }

  /** The application snapshots its state at an applied index and compacts the storage up to it. */
  private compact(a: number): void {
    const offset = this.storage.firstIndex() - 1;
    const limit = Math.min(this.applied, this.storage.lastIndex());
    if (limit <= offset) return;
    const k = offset + 1 + (a % (limit - offset));
    this.storage.createSnapshot(k, confState({ voters: [1] }), new Uint8Array(0));
    this.storage.compact(k);
    this.snapIndex = Math.max(this.snapIndex, k);
  }

  /** The leader sends a snapshot at its commit index; the follower installs it as Raft.restore does. */
  private snapshot(): void {
    const s = this.leaderCommit;
    if (s === 0) return;
    const term = this.leaderLog[s - 1] as number;
    if (s <= this.log.committed) {
      expect(s).toBeLessThanOrEqual(this.committed);
      return;
    }
    if (this.log.matchTerm(s, term)) {
      // The log already holds the snapshot's last entry: only the commit index moves.
      expect(this.modelTerm(s)).toBe(term);
      this.log.commitTo(s);
      this.committed = s;
      return;
    }
    expect(this.modelTerm(s)).not.toBe(term);
    this.log.restore(snapshot(s, term, { voters: [1] }));
    this.terms = this.leaderLog.slice(0, s);
    this.snapIndex = s;
    this.committed = s;
  }

  /** findConflictByTerm: the largest index ≤ `index` whose term is ≤ `term` (a compacted one counts, with term 0). */
  private query(a: number, b: number): void {
    const last = this.log.lastIndex();
    const index = a % (last + 1);
    const term = b % (this.leaderTerm + 2);
    let want = { index: 0, term: 0 };
    for (let j = index; j > 0; j--) {
      const t = this.modelTerm(j);
      if (t === undefined) {
        want = { index: j, term: 0 };
        break;
      }
      if (t <= term) {
        want = { index: j, term: t };
        break;
      }
    }
    expect(this.log.findConflictByTerm(index, term)).toEqual(want);
  }

  /** Cheap invariants always; the whole log compared with the model when `full`. */
  check(prevCommitted: number, full: boolean): void {
    const log = this.log;
    const last = this.terms.length;
    if (
      log.lastIndex() !== last ||
      log.firstIndex() !== this.snapIndex + 1 ||
      log.committed !== this.committed ||
      log.committed < prevCommitted ||
      log.committed > last ||
      log.applied !== this.applied ||
      log.applied > log.committed ||
      log.termOrUndefined(last) !== this.modelTerm(last) ||
      log.termOrUndefined(log.committed) !== this.modelTerm(log.committed)
    ) {
      expect({ last: log.lastIndex(), first: log.firstIndex(), committed: log.committed, applied: log.applied }).toEqual({
        last,
        first: this.snapIndex + 1,
        committed: this.committed,
        applied: this.applied,
      });
      expect(log.committed).toBeGreaterThanOrEqual(prevCommitted);
      expect(log.termOrUndefined(last)).toBe(this.modelTerm(last));
      expect(log.termOrUndefined(log.committed)).toBe(this.modelTerm(log.committed));
    }
    if (!full) return;
    // Compared as text: one expect per property keeps a long simulation fast.
    const range = (from: number, to: number, f: (i: number) => unknown): string =>
      Array.from({ length: Math.max(0, to - from + 1) }, (_, k) => `${from + k}:${String(f(from + k))}`).join(" ");
    const lo = Math.max(0, this.snapIndex - 2);
    expect(range(lo, last + 1, (i) => log.termOrUndefined(i))).toBe(range(lo, last + 1, (i) => this.modelTerm(i)));
    const render = (es: readonly Entry[]) => es.map((e) => `${e.term}/${e.index}/${decoder.decode(e.data)}`).join(" ");
    expect(render(log.allEntries())).toBe(render(this.terms.slice(this.snapIndex).map((t, i) => mkEntry(t, this.snapIndex + 1 + i))));
    // Committed entries are the globally committed ones: never truncated, never changed.
    const from = Math.max(1, this.snapIndex);
    expect(range(from, log.committed, (i) => log.termOrUndefined(i))).toBe(range(from, log.committed, (i) => this.committedPrefix[i - 1]));
  }
}


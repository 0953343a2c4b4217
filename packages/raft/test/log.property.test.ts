/**
 * Log matching (paper §5.3) on RaftLog + MemoryStorage, against a brute-force model.
 *
 * A generated history of valid leaders (each new leader's log extends the globally committed prefix;
 * leaders commit only entries of their own term) sends appends, stale or not, and snapshots to one
 * follower, whose application persists Readies (possibly late, with steps in between), applies and
 * compacts. After every event the follower's log must equal the model, committed entries must never
 * change, and findConflict/findConflictByTerm must agree with their brute-force definitions.
 */
import { AssertionError } from "@millrace/common";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { noLimit } from "../src/config.js";
import { RaftLog } from "../src/raft-log.js";
import { CompactedError, MemoryStorage, SnapshotOutOfDateError, UnavailableError } from "../src/storage.js";
import { entrySize, type Entry, type Snapshot } from "../src/types.js";
import { confState, entry, snapshot } from "./helpers/harness.js";

const mkEntry = (term: number, index: number): Entry => entry(term, index, `${term}.${index}`);
const decoder = new TextDecoder();

type Op =
  | "elect"
  | "propose"
  | "commit"
  | "append"
  | "ready"
  | "persist"
  | "apply"
  | "compact"
  | "snapshot"
  | "query";
interface Event {
  op: Op;
  a: number;
  b: number;
}

const arbEvent: fc.Arbitrary<Event> = fc.record({
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
class Simulation {
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
    for (let c = this.leaderCommit + 1; c <= this.leaderLog.length; c++)
      if (this.leaderLog[c - 1] === this.leaderTerm) options.push(c);
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
      this.terms = [
        ...this.terms.slice(0, e.index - 1),
        ...entries.filter((x) => x.index >= e.index).map((x) => x.term),
      ];
      break;
    }
    this.committed = Math.max(this.committed, Math.min(commit, p + n));
    // Log Matching: after a successful append the follower's log equals the leader's through p + n.
    for (let i = Math.max(1, this.log.firstIndex() - 1); i <= p + n; i++) {
      if (this.log.termOrUndefined(i) !== this.leaderLog[i - 1])
        expect(this.log.termOrUndefined(i), `term(${i}) after append`).toBe(this.leaderLog[i - 1]);
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
    const want = this.terms
      .slice(this.applied, this.committed)
      .map((t, i) => mkEntry(t, this.applied + 1 + i));
    const render = (es: readonly Entry[]) =>
      es.map((e) => `${e.term}/${e.index}/${decoder.decode(e.data)}`).join(" ");
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
      expect({
        last: log.lastIndex(),
        first: log.firstIndex(),
        committed: log.committed,
        applied: log.applied,
      }).toEqual({
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
      Array.from({ length: Math.max(0, to - from + 1) }, (_, k) => `${from + k}:${String(f(from + k))}`).join(
        " ",
      );
    const lo = Math.max(0, this.snapIndex - 2);
    expect(range(lo, last + 1, (i) => log.termOrUndefined(i))).toBe(
      range(lo, last + 1, (i) => this.modelTerm(i)),
    );
    const render = (es: readonly Entry[]) =>
      es.map((e) => `${e.term}/${e.index}/${decoder.decode(e.data)}`).join(" ");
    expect(render(log.allEntries())).toBe(
      render(this.terms.slice(this.snapIndex).map((t, i) => mkEntry(t, this.snapIndex + 1 + i))),
    );
    // Committed entries are the globally committed ones: never truncated, never changed.
    const from = Math.max(1, this.snapIndex);
    expect(range(from, log.committed, (i) => log.termOrUndefined(i))).toBe(
      range(from, log.committed, (i) => this.committedPrefix[i - 1]),
    );
  }
}

describe("log properties", () => {
  it(
    "a follower's log follows valid leaders: log matching, no committed entry lost",
    { timeout: 30_000 },
    () => {
      fc.assert(
        fc.property(fc.array(arbEvent, { minLength: 20, maxLength: 100, size: "max" }), (events) => {
          const sim = new Simulation();
          events.forEach((ev, i) => {
            const prevCommitted = sim.log.committed;
            sim.run(ev);
            sim.check(prevCommitted, i % 4 === 3 || i === events.length - 1);
          });
        }),
        { numRuns: 150 },
      );
    },
  );

  it("maybeAppend refuses to truncate a committed entry", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 8 }), fc.integer({ min: 1, max: 8 }), (len, at) => {
        fc.pre(at <= len);
        const log = new RaftLog(new MemoryStorage(), noLimit);
        log.append(Array.from({ length: len }, (_, i) => mkEntry(1, i + 1)));
        log.commitTo(len);
        // A conflicting entry (another term) at or below the commit index is an impossible leader.
        expect(() => log.maybeAppend(at - 1, at === 1 ? 0 : 1, len, [mkEntry(2, at)])).toThrow(
          AssertionError,
        );
      }),
    );
  });
});

describe("MemoryStorage conventions", () => {
  type StorageOp =
    | { kind: "append"; start: number; count: number; term: number }
    | { kind: "compact"; at: number }
    | { kind: "createSnapshot"; at: number }
    | { kind: "applySnapshot"; at: number; term: number };
  const arbStorageOp: fc.Arbitrary<StorageOp> = fc.oneof(
    {
      weight: 4,
      arbitrary: fc.record({
        kind: fc.constant("append" as const),
        start: fc.nat({ max: 30 }),
        count: fc.nat({ max: 5 }),
        term: fc.integer({ min: 1, max: 5 }),
      }),
    },
    { weight: 2, arbitrary: fc.record({ kind: fc.constant("compact" as const), at: fc.nat({ max: 30 }) }) },
    {
      weight: 1,
      arbitrary: fc.record({ kind: fc.constant("createSnapshot" as const), at: fc.nat({ max: 30 }) }),
    },
    {
      weight: 1,
      arbitrary: fc.record({
        kind: fc.constant("applySnapshot" as const),
        at: fc.nat({ max: 30 }),
        term: fc.integer({ min: 1, max: 5 }),
      }),
    },
  );

  const thrown = (f: () => unknown): unknown => {
    try {
      f();
    } catch (error) {
      return error;
    }
    return undefined;
  };

  it(
    "entries/term/firstIndex/lastIndex/compact/snapshots follow the range conventions",
    { timeout: 30_000 },
    () => {
      fc.assert(
        fc.property(
          fc.array(arbStorageOp, { maxLength: 40 }),
          fc.array(fc.tuple(fc.nat({ max: 35 }), fc.nat({ max: 35 }), fc.nat({ max: 120 })), {
            maxLength: 10,
          }),
          (storageOps, reads) => {
            const s = new MemoryStorage();
            // Model: the entry at `offset` is the placeholder (snapshot or compaction point).
            let offset = 0;
            let terms: number[] = [0]; // terms[i] is the term at offset + i
            let snapIndex = 0;
            const last = () => offset + terms.length - 1;
            for (const op of storageOps) {
              switch (op.kind) {
                case "append": {
                  // Appending may start anywhere up to last + 1; below the first index it is clipped.
                  const start = Math.max(1, op.start % (last() + 2));
                  const entries = Array.from({ length: op.count }, (_, i) => mkEntry(op.term, start + i));
                  s.append(entries);
                  const fresh = entries.filter((e) => e.index > offset);
                  const first = fresh[0];
                  if (first !== undefined)
                    terms = [...terms.slice(0, first.index - offset), ...fresh.map((e) => e.term)];
                  break;
                }
                case "compact": {
                  const error = thrown(() => s.compact(op.at));
                  if (op.at <= offset) expect(error).toBeInstanceOf(CompactedError);
                  else if (op.at > last()) expect(error).toBeInstanceOf(AssertionError);
                  else {
                    expect(error).toBeUndefined();
                    terms = terms.slice(op.at - offset);
                    offset = op.at;
                  }
                  break;
                }
                case "createSnapshot": {
                  const error = thrown(() =>
                    s.createSnapshot(op.at, confState({ voters: [1] }), new Uint8Array(0)),
                  );
                  if (op.at <= snapIndex) expect(error).toBeInstanceOf(SnapshotOutOfDateError);
                  else if (op.at > last()) expect(error).toBeInstanceOf(AssertionError);
                  else if (op.at < offset) expect(error).toBeInstanceOf(CompactedError);
                  else {
                    expect(error).toBeUndefined();
                    snapIndex = op.at;
                    expect(s.snapshot().metadata).toMatchObject({
                      index: op.at,
                      term: terms[op.at - offset],
                    });
                  }
                  break;
                }
                case "applySnapshot": {
                  const error = thrown(() => s.applySnapshot(snapshot(op.at, op.term, { voters: [1] })));
                  if (op.at <= snapIndex) expect(error).toBeInstanceOf(SnapshotOutOfDateError);
                  else {
                    expect(error).toBeUndefined();
                    // The whole log is replaced.
                    snapIndex = op.at;
                    offset = op.at;
                    terms = [op.term];
                  }
                  break;
                }
              }
              expect(s.firstIndex()).toBe(offset + 1);
              expect(s.lastIndex()).toBe(last());
              expect(s.snapshot().metadata.index).toBe(snapIndex);
              // term(i) is defined on [firstIndex - 1, lastIndex].
              for (let i = 0; i <= last() + 2; i++) {
                const error = thrown(() => s.term(i));
                if (i < offset) expect(error, `term(${i})`).toBeInstanceOf(CompactedError);
                else if (i > last()) expect(error, `term(${i})`).toBeInstanceOf(UnavailableError);
                else expect(s.term(i)).toBe(terms[i - offset]);
              }
            }
            for (const [x, y, maxSize] of reads) {
              const lo = Math.min(x, y);
              const hi = Math.max(x, y);
              let got: Entry[] = [];
              const error = thrown(() => (got = s.entries(lo, hi, maxSize)));
              if (lo <= offset) {
                expect(error, `entries(${lo},${hi})`).toBeInstanceOf(CompactedError);
              } else if (hi > last() + 1) {
                expect(error, `entries(${lo},${hi})`).toBeInstanceOf(UnavailableError);
              } else {
                expect(error).toBeUndefined();
                const all = Array.from({ length: hi - lo }, (_, i) => lo + i);
                // A prefix of [lo, hi), at least one entry, within maxSize unless a single entry exceeds it.
                expect(got.map((e) => e.index)).toEqual(all.slice(0, got.length));
                expect(got.map((e) => e.term)).toEqual(got.map((e) => terms[e.index - offset]));
                if (hi > lo) expect(got.length).toBeGreaterThan(0);
                const size = got.reduce((sum, e) => sum + entrySize(e), 0);
                if (got.length > 1) expect(size).toBeLessThanOrEqual(maxSize);
                // Maximal: the next entry would not have fit.
                const next = all[got.length];
                if (next !== undefined)
                  expect(size + entrySize(mkEntry(terms[next - offset] as number, next))).toBeGreaterThan(
                    maxSize,
                  );
              }
            }
          },
        ),
        { numRuns: 150 },
      );
    },
  );
});

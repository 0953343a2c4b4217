import { rmSync } from "node:fs";
import fc from "fast-check";
import { CompactedError, MemoryStorage, UnavailableError, type Entry, type Storage } from "@millrace/raft";
import { describe, expect, it } from "vitest";
import { NodeStore, type GroupStorage } from "../src/index.js";
import { conf, entry, identity, plain, tempDir } from "./helpers.js";

/**
 * GroupStorage must read exactly like raft's MemoryStorage after any sequence of the writes a host makes,
 * including across a clean reopen, and across a crash, after which it must read like a MemoryStorage that
 * saw only the committed writes. Tiny entry caches make most reads go to LevelDB.
 */

/** Abstract steps; their numbers are resolved against the current log when they run. */
type Step =
  | { kind: "append"; start: number; count: number; term: number; below: boolean }
  | { kind: "hardState"; term: number; vote: number; commit: number }
  | { kind: "createSnapshot"; at: number; voters: number }
  | { kind: "compact"; at: number }
  | { kind: "applySnapshot"; ahead: number; term: number }
  | { kind: "commit" }
  | { kind: "reopen" }
  | { kind: "crash" };

/** A resolved write, replayable on a fresh MemoryStorage. */
type Write =
  | { kind: "append"; entries: Entry[] }
  | { kind: "hardState"; term: number; vote: number; commit: number }
  | { kind: "createSnapshot"; index: number; voters: number }
  | { kind: "compact"; index: number }
  | { kind: "applySnapshot"; index: number; term: number };

const step: fc.Arbitrary<Step> = fc.oneof(
  {
    arbitrary: fc.record({
      kind: fc.constant("append" as const),
      start: fc.nat(),
      count: fc.integer({ min: 1, max: 6 }),
      term: fc.integer({ min: 1, max: 4 }),
      below: fc.boolean(),
    }),
    weight: 6,
  },
  {
    arbitrary: fc.record({
      kind: fc.constant("hardState" as const),
      term: fc.nat(9),
      vote: fc.nat(3),
      commit: fc.nat(40),
    }),
    weight: 2,
  },
  {
    arbitrary: fc.record({
      kind: fc.constant("createSnapshot" as const),
      at: fc.nat(),
      voters: fc.integer({ min: 1, max: 5 }),
    }),
    weight: 2,
  },
  { arbitrary: fc.record({ kind: fc.constant("compact" as const), at: fc.nat() }), weight: 2 },
  {
    arbitrary: fc.record({
      kind: fc.constant("applySnapshot" as const),
      ahead: fc.integer({ min: 1, max: 8 }),
      term: fc.integer({ min: 1, max: 6 }),
    }),
    weight: 1,
  },
  { arbitrary: fc.constant({ kind: "commit" as const }), weight: 3 },
  { arbitrary: fc.constant({ kind: "reopen" as const }), weight: 2 },
  { arbitrary: fc.constant({ kind: "crash" as const }), weight: 2 },
);

function votersOf(n: number): ReturnType<typeof conf> {
  return conf(...Array.from({ length: n }, (_, i) => i + 1));
}

/** Turns a step into a concrete write for the current log, or undefined if it cannot apply now. */
function resolve(s: Step, model: MemoryStorage): Write | undefined {
  const first = model.firstIndex();
  const last = model.lastIndex();
  const snapshotIndex = model.snapshot().metadata.index;
  switch (s.kind) {
    case "append": {
      // Mostly at or below last + 1 (overwriting a suffix), sometimes reaching below the first index.
      const lowest = s.below ? Math.max(1, first - 3) : first;
      const start = lowest + (s.start % (last + 2 - lowest));
      const list: Entry[] = [];
      for (let i = 0; i < s.count; i++) list.push(entry(start + i, s.term, `t${s.term}i${start + i}`));
      return { kind: "append", entries: list };
    }
    case "hardState":
      return { kind: "hardState", term: s.term, vote: s.vote, commit: s.commit };
    case "createSnapshot": {
      const low = Math.max(snapshotIndex + 1, first - 1);
      if (low > last) return undefined;
      return { kind: "createSnapshot", index: low + (s.at % (last - low + 1)), voters: s.voters };
    }
    case "compact": {
      const high = Math.min(last, snapshotIndex);
      if (high < first) return undefined;
      return { kind: "compact", index: first + (s.at % (high - first + 1)) };
    }
    case "applySnapshot":
      return { kind: "applySnapshot", index: snapshotIndex + s.ahead, term: s.term };
    default:
      return undefined;
  }
}

function applyToModel(model: MemoryStorage, w: Write): void {
  switch (w.kind) {
    case "append":
      return model.append(w.entries);
    case "hardState":
      return model.setHardState({ term: w.term, vote: w.vote, commit: w.commit });
    case "createSnapshot":
      model.createSnapshot(w.index, votersOf(w.voters), new Uint8Array(0));
      return;
    case "compact":
      return model.compact(w.index);
    case "applySnapshot":
      return model.applySnapshot({
        metadata: { index: w.index, term: w.term, confState: votersOf(2) },
        data: new Uint8Array(0),
      });
  }
}

function applyToGroup(group: GroupStorage, w: Write): void {
  switch (w.kind) {
    case "append":
      return group.stageEntries(w.entries);
    case "hardState":
      return group.stageHardState({ term: w.term, vote: w.vote, commit: w.commit });
    case "createSnapshot":
      group.createSnapshot(w.index, votersOf(w.voters));
      return;
    case "compact":
      return group.stageCompact(w.index);
    case "applySnapshot":
      return group.stageSnapshot({
        metadata: { index: w.index, term: w.term, confState: votersOf(2) },
        data: new Uint8Array(0),
      });
  }
}

/** The Raft storage error a read throws, or the value it returns, in a comparable form. */
function outcome(read: () => unknown): unknown {
  try {
    const value = read();
    return Array.isArray(value) ? plain(value as Entry[]) : value;
  } catch (error) {
    if (error instanceof CompactedError) return "compacted";
    if (error instanceof UnavailableError) return "unavailable";
    throw error;
  }
}

function expectSameReads(actual: Storage, model: MemoryStorage): void {
  const first = model.firstIndex();
  const last = model.lastIndex();
  expect(actual.firstIndex()).toBe(first);
  expect(actual.lastIndex()).toBe(last);
  expect(actual.initialState()).toEqual(model.initialState());
  expect(actual.snapshot().metadata).toEqual(model.snapshot().metadata);
  for (let index = Math.max(0, first - 2); index <= last + 1; index++) {
    expect(
      outcome(() => actual.term(index)),
      `term(${index})`,
    ).toEqual(outcome(() => model.term(index)));
  }
  for (const maxSize of [0, 20, 60, Number.MAX_SAFE_INTEGER]) {
    for (const [lo, hi] of [
      [first, last + 1],
      [first - 1, last + 1],
      [first, last + 2],
      [Math.max(first, last - 2), last + 1],
    ] as const) {
      expect(
        outcome(() => actual.entries(lo, hi, maxSize)),
        `entries(${lo}, ${hi}, ${maxSize})`,
      ).toEqual(outcome(() => model.entries(lo, hi, maxSize)));
    }
  }
}

const groupId = 42;
const entryCache = { entriesMax: 3, bytesMax: 16 };

async function reopen(dir: string): Promise<{ store: NodeStore; group: GroupStorage }> {
  const store = await NodeStore.open(dir, { identity, entryCache });
  return { store, group: await store.openGroup(groupId) };
}

describe("GroupStorage against MemoryStorage", () => {
  it("reads like MemoryStorage after any writes, reopens and crashes", async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(step, { minLength: 1, maxLength: 40, size: "max" }), async (steps) => {
        const dir = tempDir();
        let store = await NodeStore.open(dir, { identity, entryCache });
        let group = store.createGroup(groupId);
        await store.commit();
        let model = new MemoryStorage();
        let committed: Write[] = [];
        let staged: Write[] = [];
        try {
          for (const s of steps) {
            if (s.kind === "commit" || s.kind === "reopen") {
              await store.commit();
              committed = [...committed, ...staged];
              staged = [];
            }
            if (s.kind === "reopen" || s.kind === "crash") {
              // close() drops whatever is staged but uncommitted, as a crash would.
              await store.close();
              ({ store, group } = await reopen(dir));
              model = new MemoryStorage();
              for (const w of committed) applyToModel(model, w);
              staged = [];
            }
            const w = resolve(s, model);
            if (w !== undefined) {
              applyToModel(model, w);
              applyToGroup(group, w);
              staged.push(w);
            }
            expectSameReads(group, model);
          }
        } finally {
          await store.close();
          rmSync(dir, { recursive: true, force: true });
        }
      }),
      { numRuns: 40 },
    );
  }, 120_000);
});

import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { TermRuns } from "../src/term-runs.js";

type Op =
  | { readonly kind: "record"; readonly from: number; readonly terms: readonly number[] }
  | { readonly kind: "dropBefore"; readonly index: number }
  | { readonly kind: "reset" };

const op: fc.Arbitrary<Op> = fc.oneof(
  {
    weight: 4,
    arbitrary: fc.record({
      kind: fc.constant("record" as const),
      from: fc.integer({ min: 1, max: 60 }),
      terms: fc.array(fc.integer({ min: 1, max: 4 }), { maxLength: 12 }),
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant("dropBefore" as const),
      index: fc.integer({ min: 1, max: 70 }),
    }),
  },
  { weight: 1, arbitrary: fc.constant({ kind: "reset" as const }) },
);

const entriesOf = (terms: readonly number[]) => terms.map((term) => ({ term }));

/** The reference: one map entry per covered index. */
function applyToModel(model: Map<number, number>, o: Op): void {
  if (o.kind === "reset") return model.clear();
  if (o.kind === "dropBefore") {
    for (const index of [...model.keys()]) if (index < o.index) model.delete(index);
    return;
  }
  const covered = [...model.keys()];
  const first = Math.min(...covered);
  const last = Math.max(...covered);
  // Not following on from the covered stretch: start over at `from`.
  if (model.size === 0 || o.from < first || o.from > last + 1) model.clear();
  for (const index of [...model.keys()]) if (index >= o.from) model.delete(index);
  o.terms.forEach((term, i) => model.set(o.from + i, term));
}

describe("TermRuns", () => {
  it("answers every covered index's term as a per-index map does, and nothing else", () => {
    fc.assert(
      fc.property(fc.array(op, { maxLength: 30 }), (ops) => {
        const runs = new TermRuns();
        const model = new Map<number, number>();
        for (const o of ops) {
          if (o.kind === "record") runs.record(o.from, entriesOf(o.terms));
          else if (o.kind === "dropBefore") runs.dropBefore(o.index);
          else runs.reset();
          applyToModel(model, o);
          for (let index = 0; index <= 80; index++)
            expect(runs.termOf(index), `term of ${index}`).toBe(model.get(index));
        }
      }),
    );
  });

  it("keeps one run per term, however long the log", () => {
    const runs = new TermRuns();
    runs.record(1, entriesOf(Array.from({ length: 100_000 }, (_, i) => (i < 50_000 ? 3 : 4))));
    // entries[1..] from index 100,001: the first is skipped, as GroupStorage skips those below its log.
    runs.record(100_001, entriesOf([9, 4, 4, 7]), 1);
    expect([runs.termOf(1), runs.termOf(50_000), runs.termOf(50_001), runs.termOf(100_003)]).toEqual([
      3, 3, 4, 7,
    ]);
    expect((runs as unknown as { starts: number[] }).starts).toEqual([1, 50_001, 100_003]);
  });
});

/**
 * Inflights (the per-follower window of unacknowledged appends) against a plain array model, with both
 * the message-count and the byte limit.
 */
import { AssertionError } from "@millrace/common";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { Inflights } from "../src/inflights.js";

type Op =
  | { kind: "add"; step: number; bytes: number }
  | { kind: "addStale"; back: number }
  | { kind: "freeLE"; offset: number }
  | { kind: "reset" }
  | { kind: "clone" };

const arbOp: fc.Arbitrary<Op> = fc.oneof(
  {
    weight: 5,
    arbitrary: fc.record({
      kind: fc.constant("add" as const),
      step: fc.integer({ min: 1, max: 5 }),
      bytes: fc.nat({ max: 40 }),
    }),
  },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant("addStale" as const), back: fc.nat({ max: 3 }) }) },
  {
    weight: 3,
    arbitrary: fc.record({ kind: fc.constant("freeLE" as const), offset: fc.integer({ min: -3, max: 12 }) }),
  },
  { weight: 1, arbitrary: fc.constant({ kind: "reset" as const }) },
  { weight: 1, arbitrary: fc.constant({ kind: "clone" as const }) },
);

interface Model {
  items: { index: number; bytes: number }[];
  lastAdded: number;
}

function modelBytes(m: Model): number {
  return m.items.reduce((sum, it) => sum + it.bytes, 0);
}

function modelFull(m: Model, size: number, maxBytes: number): boolean {
  return m.items.length === size || (maxBytes !== 0 && modelBytes(m) >= maxBytes);
}

describe("Inflights properties", () => {
  it("behaves like an array of (index, bytes) with count and byte limits", { timeout: 30_000 }, () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 8 }),
        fc.oneof(fc.constant(0), fc.integer({ min: 1, max: 120 })),
        fc.array(arbOp, { maxLength: 80 }),
        (size, maxBytes, ops) => {
          let inf = new Inflights(size, maxBytes);
          const m: Model = { items: [], lastAdded: 0 };
          for (const op of ops) {
            switch (op.kind) {
              case "add": {
                const index = m.lastAdded + op.step;
                if (modelFull(m, size, maxBytes)) {
                  expect(() => inf.add(index, op.bytes)).toThrow(AssertionError);
                } else {
                  inf.add(index, op.bytes);
                  m.items.push({ index, bytes: op.bytes });
                  m.lastAdded = index;
                }
                break;
              }
              case "addStale": {
                // Indexes must increase: re-adding at or below the last one is a programming error.
                const last = m.items[m.items.length - 1];
                if (last !== undefined && !modelFull(m, size, maxBytes)) {
                  expect(() => inf.add(last.index - op.back, 1)).toThrow(AssertionError);
                }
                break;
              }
              case "freeLE": {
                const first = m.items[0]?.index ?? m.lastAdded;
                const to = first + op.offset;
                inf.freeLE(to);
                m.items = m.items.filter((it) => it.index > to);
                break;
              }
              case "reset":
                inf.reset();
                m.items = [];
                break;
              case "clone":
                // A clone is indistinguishable from the original from now on.
                inf = inf.clone();
                expect(inf.size).toBe(size);
                expect(inf.maxBytes).toBe(maxBytes);
                break;
            }
            expect(inf.count).toBe(m.items.length);
            expect(inf.bytes).toBe(modelBytes(m));
            expect(inf.full()).toBe(modelFull(m, size, maxBytes));
          }
        },
      ),
      { numRuns: 250 },
    );
  });

  it("frees exactly the messages at or below the index, across ring wrap-around", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 6 }),
        fc.array(fc.nat({ max: 6 }), { minLength: 1, maxLength: 40 }),
        (size, frees) => {
          const inf = new Inflights(size, 0);
          let next = 1;
          let freed = 0;
          for (const k of frees) {
            while (!inf.full()) inf.add(next++, 1);
            // Free the oldest k (at most all of them).
            const to = Math.min(freed + k, next - 1);
            inf.freeLE(to);
            freed = Math.max(freed, to);
            expect(inf.count).toBe(next - 1 - freed);
            expect(inf.bytes).toBe(next - 1 - freed);
          }
        },
      ),
      { numRuns: 200 },
    );
  });
});

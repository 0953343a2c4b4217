import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  appliedKey,
  describeKey,
  entryIndexOf,
  entryKey,
  entryRange,
  groupIdMax,
  groupIdOf,
  groupPrefix,
  groupRange,
  hardStateKey,
  keyspaceKey,
  keyspacePrefix,
  keyspaceRange,
  prefixEnd,
  snapshotKey,
  truncatedKey,
} from "../src/index.js";

const compare = (a: Uint8Array, b: Uint8Array): number => Buffer.compare(a, b);
const sign = (n: number): number => Math.sign(n);
const groupId = fc.integer({ min: 1, max: groupIdMax });
const index = fc.maxSafeInteger().map((n) => Math.abs(n));

function within(key: Uint8Array, range: { gte: Uint8Array; lt: Uint8Array }): boolean {
  return compare(key, range.gte) >= 0 && compare(key, range.lt) < 0;
}

describe("key layout", () => {
  it("orders entry keys of a group as their indexes", () => {
    fc.assert(
      fc.property(groupId, index, index, (group, a, b) => {
        expect(sign(compare(entryKey(group, a), entryKey(group, b)))).toBe(sign(a - b));
      }),
    );
  });

  it("orders the keys of different groups as the group ids, whatever follows the prefix", () => {
    fc.assert(
      fc.property(groupId, groupId, index, index, (g1, g2, i1, i2) => {
        fc.pre(g1 !== g2);
        expect(sign(compare(entryKey(g1, i1), entryKey(g2, i2)))).toBe(sign(g1 - g2));
        expect(sign(compare(hardStateKey(g1), keyspacePrefix(g2)))).toBe(sign(g1 - g2));
      }),
    );
  });

  it("keeps every key of a group inside its range and no key of another group", () => {
    fc.assert(
      fc.property(groupId, groupId, index, fc.uint8Array({ maxLength: 32 }), (g, other, i, userKey) => {
        const keys = [
          entryKey(g, i),
          hardStateKey(g),
          snapshotKey(g),
          truncatedKey(g),
          appliedKey(g),
          keyspaceKey(keyspacePrefix(g), userKey),
        ];
        for (const key of keys) {
          expect(within(key, groupRange(g))).toBe(true);
          expect(within(key, groupRange(other))).toBe(g === other);
          expect(groupIdOf(key)).toBe(g);
        }
        expect(within(entryKey(g, i), entryRange(g))).toBe(true);
        expect(within(keyspaceKey(keyspacePrefix(g), userKey), keyspaceRange(g))).toBe(true);
        expect(within(hardStateKey(g), entryRange(g))).toBe(false);
        expect(within(entryKey(g, i), keyspaceRange(g))).toBe(false);
      }),
    );
  });

  it("orders keyspace keys as their user keys", () => {
    fc.assert(
      fc.property(groupId, fc.uint8Array({ maxLength: 16 }), fc.uint8Array({ maxLength: 16 }), (g, a, b) => {
        const prefix = keyspacePrefix(g);
        expect(sign(compare(keyspaceKey(prefix, a), keyspaceKey(prefix, b)))).toBe(sign(compare(a, b)));
      }),
    );
  });

  it("reads back the index of an entry key", () => {
    fc.assert(
      fc.property(groupId, index, (g, i) => {
        expect(entryIndexOf(entryKey(g, i))).toBe(i);
      }),
    );
    expect(entryIndexOf(hardStateKey(7))).toBeUndefined();
  });

  it("ends a prefix just past its last possible key", () => {
    expect([...prefixEnd(Uint8Array.of(1, 2, 3))]).toEqual([1, 2, 4]);
    expect([...prefixEnd(Uint8Array.of(1, 0xff, 0xff))]).toEqual([2]);
    expect([...groupRange(groupIdMax).lt]).toEqual([0x68]);
    expect(compare(groupPrefix(5), groupRange(4).lt)).toBe(0);
  });

  it("refuses group ids outside [1, 2^32 - 1]", () => {
    expect(() => groupPrefix(0)).toThrow(/group id/);
    expect(() => groupPrefix(groupIdMax + 1)).toThrow(/group id/);
    expect(() => entryKey(1.5, 1)).toThrow(/group id/);
  });

  it("describes keys for error messages", () => {
    expect(describeKey(entryKey(7, 42))).toBe("g/7/e/42");
    expect(describeKey(hardStateKey(7))).toBe("g/7/h");
    expect(describeKey(keyspaceKey(keyspacePrefix(7), Uint8Array.of(1, 2, 3)))).toBe("g/7/m/<3 bytes>");
  });
});

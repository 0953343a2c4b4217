import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { partitionOfKey } from "../src/index.js";

describe("partitionOfKey", () => {
  it("keeps known keys where they are (a change would move FIFO groups between partitions)", () => {
    // FNV-1a of "" is the offset basis; of "a" it is 0xe40c292c.
    expect([partitionOfKey("", 1000), partitionOfKey("a", 1000)]).toEqual([
      0x811c9dc5 % 1000,
      0xe40c292c % 1000,
    ]);
    expect(partitionOfKey("a", 1)).toBe(0);
  });

  it("always answers a partition in range, the same one each time", () => {
    fc.assert(
      fc.property(fc.string(), fc.integer({ min: 1, max: 1000 }), (key, n) => {
        const p = partitionOfKey(key, n);
        expect(p).toBeGreaterThanOrEqual(0);
        expect(p).toBeLessThan(n);
        expect(partitionOfKey(key, n)).toBe(p);
      }),
    );
  });

  it("spreads many keys over every partition", () => {
    const counts = new Array<number>(16).fill(0);
    for (let i = 0; i < 16_000; i++) counts[partitionOfKey(`group-${i}`, 16)]! += 1;
    for (const c of counts) expect(c).toBeGreaterThan(600);
  });

  it("refuses a partition count that is not a positive integer", () => {
    expect(() => partitionOfKey("k", 0)).toThrow(/positive integer/);
    expect(() => partitionOfKey("k", 1.5)).toThrow(/positive integer/);
  });
});

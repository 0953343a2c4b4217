import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { allocBytes } from "../src/index.js";

// allocBytes stands in for `new Uint8Array(n)` where LevelDB keys and records are built: what callers
// write into one array must never show up in another, and each must start zeroed like a new array.
describe("allocBytes", () => {
  it("gives zeroed, plain arrays of the asked length that share no bytes", () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 9000 }), { minLength: 1, maxLength: 60 }), (lengths) => {
        const arrays = lengths.map((length, i) => {
          const bytes = allocBytes(length);
          expect(bytes.length).toBe(length);
          expect(bytes.every((b) => b === 0)).toBe(true);
          expect(Object.getPrototypeOf(bytes)).toBe(Uint8Array.prototype);
          bytes.fill((i % 255) + 1);
          return bytes;
        });
        arrays.forEach((bytes, i) => expect(bytes.every((b) => b === (i % 255) + 1)).toBe(true));
      }),
    );
  });

  it("keeps earlier arrays intact when a slab runs out", () => {
    const first = allocBytes(4000);
    first.fill(7);
    // 64 KiB slabs of at most 4 KiB arrays: these cross at least two slab boundaries.
    const later = Array.from({ length: 40 }, () => allocBytes(4000).fill(9));
    expect(first.every((b) => b === 7)).toBe(true);
    expect(later.every((bytes) => bytes.every((b) => b === 9))).toBe(true);
  });

  it("slices copy, as a Uint8Array's do", () => {
    const source = allocBytes(8).fill(5);
    source.slice(0, 4).fill(6);
    expect([...source]).toEqual([5, 5, 5, 5, 5, 5, 5, 5]);
  });
});

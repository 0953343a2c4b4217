import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { bytesToKeyString, compareBytes, keyStringToBytes } from "../src/bytes.js";

// A keyspace finds staged writes by these strings and merges them with LevelDB's pairs in string order:
// a string that lost a byte, or sorted otherwise than the bytes, would hide a write or misplace it.
describe("key strings", () => {
  const keys = fc.uint8Array({ maxLength: 4096 });

  it("give the bytes back and sort as the bytes do, for keys up to the 4 KiB limit", () => {
    fc.assert(
      fc.property(keys, keys, (a, b) => {
        const sa = bytesToKeyString(a);
        expect(keyStringToBytes(sa)).toEqual(a);
        expect(Math.sign(sa < bytesToKeyString(b) ? -1 : sa > bytesToKeyString(b) ? 1 : 0)).toBe(
          Math.sign(compareBytes(a, b)),
        );
      }),
    );
  });

  it("read a view at its offset, not the whole buffer", () => {
    const whole = Uint8Array.from([1, 2, 3, 0xff, 0x80, 5]);
    expect(keyStringToBytes(bytesToKeyString(whole.subarray(2, 5)))).toEqual(
      Uint8Array.from([3, 0xff, 0x80]),
    );
  });
});

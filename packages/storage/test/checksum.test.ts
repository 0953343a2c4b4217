import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { crc32cIsNative, crc32cPortable } from "../src/checksum.js";
import { crc32c } from "../src/index.js";

/** The textbook bit-at-a-time CRC-32C, to check the table-driven one against. */
function crc32cBitwise(bytes: Uint8Array): number {
  let crc = 0xffffffff;
  for (const byte of bytes) {
    crc ^= byte;
    for (let k = 0; k < 8; k++) crc = crc & 1 ? (crc >>> 1) ^ 0x82f63b78 : crc >>> 1;
  }
  return (crc ^ 0xffffffff) >>> 0;
}

describe("crc32c", () => {
  it("matches the standard check value: CRC-32C of '123456789' is 0xE3069283", () => {
    expect(crc32c(new TextEncoder().encode("123456789"))).toBe(0xe3069283);
  });

  it("matches the RFC 3720 (iSCSI) test vectors", () => {
    expect(crc32c(new Uint8Array(32))).toBe(0x8a9136aa);
    expect(crc32c(new Uint8Array(32).fill(0xff))).toBe(0x62a8ab43);
    expect(crc32c(Uint8Array.from({ length: 32 }, (_, i) => i))).toBe(0x46dd794e);
    expect(crc32c(Uint8Array.from({ length: 32 }, (_, i) => 31 - i))).toBe(0x113fdb5c);
    expect(crc32c(new Uint8Array(0))).toBe(0);
  });

  it("equals the bit-at-a-time definition for any input", () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 200 }), (data) => {
        expect(crc32c(data)).toBe(crc32cBitwise(data));
      }),
    );
  });

  it("continues a previous checksum: crc(a ++ b) = crc(b, crc(a))", () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 64 }), fc.uint8Array({ maxLength: 64 }), (a, b) => {
        const joined = new Uint8Array([...a, ...b]);
        expect(crc32c(b, crc32c(a))).toBe(crc32c(joined));
      }),
    );
  });

  it("checksums a sub-range [start, end) as if it were its own array", () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 64 }), fc.nat(), fc.nat(), (data, x, y) => {
        const start = data.length === 0 ? 0 : x % (data.length + 1);
        const end = start + (data.length === start ? 0 : y % (data.length - start + 1));
        expect(crc32c(data, 0, start, end)).toBe(crc32c(data.slice(start, end)));
      }),
    );
  });

  // Inputs from 256 bytes go to native code where it loads; the loop must give the same values, or records
  // written by a node with the native library would read as corrupt on one without it (and the reverse).
  it("loads the native implementation on this platform", () => {
    // linux-x64 (these machines and CI) is among the platforms @node-rs/crc32 ships a binary for.
    if (process.platform === "linux" && process.arch === "x64") expect(crc32cIsNative).toBe(true);
  });

  it("gives the same value as the JavaScript loop at every size, across the native threshold", () => {
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 200, maxLength: 5000 }), fc.nat(), (data, seed) => {
        expect(crc32c(data)).toBe(crc32cPortable(data));
        expect(crc32c(data, seed >>> 0)).toBe(crc32cPortable(data, seed >>> 0));
      }),
      { numRuns: 300 },
    );
  });

  it("continues and sub-ranges large inputs as the loop does", () => {
    fc.assert(
      fc.property(
        fc.uint8Array({ minLength: 300, maxLength: 3000 }),
        fc.nat(),
        fc.nat(),
        fc.uint8Array({ maxLength: 40 }),
        (data, x, y, key) => {
          const start = x % (data.length + 1);
          const end = start + (y % (data.length - start + 1));
          const prefix = crc32c(key);
          expect(crc32c(data, prefix, start, end)).toBe(crc32cPortable(data, prefix, start, end));
          expect(crc32c(data, prefix, start, end)).toBe(
            crc32cBitwise(new Uint8Array([...key, ...data.slice(start, end)])),
          );
        },
      ),
      { numRuns: 200 },
    );
  });

  it("checksums a Buffer view into a larger pool as its own bytes", () => {
    const pool = Buffer.alloc(8192, 7);
    const view = pool.subarray(100, 1100);
    view.fill(0x61);
    expect(crc32c(view)).toBe(crc32cBitwise(new Uint8Array(1000).fill(0x61)));
  });
});

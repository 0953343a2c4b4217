import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { fromHex, readU64, toHex, u64 } from "../../src/queue/bytes.js";
import { metaKey, retentionKey, visibilityKey } from "../../src/queue/keys.js";

const compare = (a: Uint8Array, b: Uint8Array) => Buffer.compare(Buffer.from(a), Buffer.from(b));
const safe = fc.integer({ min: 0, max: Number.MAX_SAFE_INTEGER });

// The receive, retention and purge scans read these keys in byte order and must meet messages in time
// and sequence order; a key that sorted wrongly past 2^32 would skip or repeat messages.
describe("queue keys", () => {
  it("u64 round-trips every safe integer and sorts bytewise as the numbers do", () => {
    fc.assert(
      fc.property(safe, safe, (a, b) => {
        expect(readU64(u64(a), 0)).toBe(a);
        expect(Math.sign(compare(u64(a), u64(b)))).toBe(Math.sign(a - b));
      }),
    );
    expect([...u64(2 ** 32 + 1)]).toEqual([0, 0, 0, 1, 0, 0, 0, 1]);
  });

  it("visibility and retention keys sort by time, then sequence, and give both back", () => {
    fc.assert(
      fc.property(safe, safe, safe, safe, (t1, s1, t2, s2) => {
        const order = Math.sign(t1 - t2) || Math.sign(s1 - s2);
        expect(Math.sign(compare(visibilityKey(t1, s1), visibilityKey(t2, s2)))).toBe(order);
        expect(Math.sign(compare(retentionKey(t1, s1), retentionKey(t2, s2)))).toBe(order);
        expect(readU64(visibilityKey(t1, s1), 1)).toBe(t1);
        expect(readU64(retentionKey(t1, s1), 9)).toBe(s1);
      }),
    );
  });

  it("a meta key is its prefix and the id's UTF-8, ASCII or not", () => {
    fc.assert(
      fc.property(fc.string({ unit: "binary", maxLength: 40 }), (id) => {
        const key = metaKey(id);
        expect(key[0]).toBe(0x6d);
        expect(Buffer.from(key.subarray(1)).equals(Buffer.from(id, "utf8"))).toBe(true);
      }),
    );
  });

  // Receipt handles are hex; a handle that is not must read as malformed, never as other bytes.
  it("hex gives back the bytes, in either case, and nothing for text that is not hex", () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 64 }), (bytes) => {
        expect(fromHex(toHex(bytes))).toEqual(bytes);
        expect(fromHex(toHex(bytes).toUpperCase())).toEqual(bytes);
      }),
    );
    fc.assert(
      fc.property(fc.string({ unit: "binary", maxLength: 12 }), (text) => {
        const isHex = text.length % 2 === 0 && /^[0-9a-fA-F]*$/.test(text);
        expect(fromHex(text) !== undefined).toBe(isHex);
      }),
    );
    for (const text of ["0g", "g0", "-1", " 1", "1\u0661", "\u0100\u0100", "0x"]) {
      expect(fromHex(text)).toBeUndefined();
    }
  });
});

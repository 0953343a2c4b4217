import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  decodeReceiptHandle,
  encodeReceiptHandle,
  queueTagOf,
  type ReceiptHandle,
} from "../../src/queue/receipt-handle.js";

const handleArbitrary: fc.Arbitrary<ReceiptHandle> = fc.record({
  queueTag: fc.uint8Array({ minLength: 4, maxLength: 4 }),
  messageId: fc.oneof(fc.uuid(), fc.string({ minLength: 1, maxLength: 80, unit: "grapheme" })),
  receiveCount: fc.nat({ max: 0xffff_ffff }),
  nonce: fc.uint8Array({ maxLength: 32 }),
});

describe("receipt handles", () => {
  it("give back every part they were made of, whatever the id's characters", () => {
    fc.assert(
      fc.property(handleArbitrary, (handle) => {
        const text = encodeReceiptHandle(handle);
        expect(text).toMatch(/^[0-9a-f]+$/);
        expect(decodeReceiptHandle(text)).toEqual(handle);
        // Clients may upper-case what they pass back; hex reads either way.
        expect(decodeReceiptHandle(text.toUpperCase())).toEqual(handle);
      }),
    );
  });

  it("are refused when a character is changed, one is dropped, or the text is cut short", () => {
    fc.assert(
      fc.property(handleArbitrary, fc.nat(), fc.nat({ max: 15 }), (handle, at, digit) => {
        const text = encodeReceiptHandle(handle);
        const i = at % text.length;
        const changed = `${text.slice(0, i)}${((parseInt(text[i]!, 16) + 1 + digit) % 16).toString(16)}${text.slice(i + 1)}`;
        if (changed !== text) expect(decodeReceiptHandle(changed)).toBeUndefined();
        expect(decodeReceiptHandle(text.slice(0, i) + text.slice(i + 1))).toBeUndefined();
        expect(decodeReceiptHandle(text.slice(0, text.length - 2 - 2 * (at % 4)))).toBeUndefined();
      }),
    );
  });

  it("refuse text that is not hex, or of an unknown version, without throwing", () => {
    const text = encodeReceiptHandle({
      queueTag: queueTagOf("orders"),
      messageId: "0195f3a2-7c4e-7b1a-9d2e-3f4a5b6c7d8e",
      receiveCount: 1,
      nonce: Uint8Array.of(9, 9),
    });
    for (const bad of [
      "",
      "x",
      "zz",
      `${text.slice(0, 10)}g${text.slice(11)}`,
      `${text.slice(0, 10)}é${text.slice(11)}`,
    ]) {
      expect(decodeReceiptHandle(bad)).toBeUndefined();
    }
    expect(decodeReceiptHandle(`07${text.slice(2)}`)).toBeUndefined();
    expect(decodeReceiptHandle("a".repeat(4_000))).toBeUndefined();
  });

  it("still read handles of version 1, issued before version 2, so messages received then can be deleted", () => {
    // Made by version 1's encoder: queue "orders", receive count 3, nonce 1..8.
    const v1 =
      "0112c500ed0000000308010203040506070830313935663361322d376334652d376231612d396432652d336634613562366337643865a3360a7d";
    expect(decodeReceiptHandle(v1)).toEqual({
      queueTag: queueTagOf("orders"),
      messageId: "0195f3a2-7c4e-7b1a-9d2e-3f4a5b6c7d8e",
      receiveCount: 3,
      nonce: Uint8Array.of(1, 2, 3, 4, 5, 6, 7, 8),
    });
    expect(decodeReceiptHandle(`${v1.slice(0, -1)}e`)).toBeUndefined();
  });
});

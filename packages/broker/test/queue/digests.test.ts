import { createHash } from "node:crypto";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { md5, md5OfBody, md5OfMessageAttributes, sha256, type MessageAttributes } from "../../src/index.js";
import { Harness, text as utf8 } from "./harness.js";

const text = (s: string) => new TextEncoder().encode(s);
const hex = (bytes: Uint8Array) => Buffer.from(bytes).toString("hex");

describe("md5", () => {
  it("matches the RFC 1321 test suite", () => {
    const vectors: [string, string][] = [
      ["", "d41d8cd98f00b204e9800998ecf8427e"],
      ["a", "0cc175b9c0f1b6a831c399e269772661"],
      ["abc", "900150983cd24fb0d6963f7d28e17f72"],
      ["message digest", "f96b697d7cb7938d525a2f31aaf161d0"],
      ["abcdefghijklmnopqrstuvwxyz", "c3fcd3d76192e4007dfb496cca67e13b"],
      ["ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789", "d174ab98d277d9f5a5611c2c9f419d9f"],
      [
        "12345678901234567890123456789012345678901234567890123456789012345678901234567890",
        "57edf4a22be3c955ac49da2e2107b67a",
      ],
    ];
    for (const [input, digest] of vectors) expect(hex(md5(text(input)))).toBe(digest);
  });

  it("agrees with node:crypto on any input, across block boundaries", () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), (data) => {
        expect(hex(md5(data))).toBe(createHash("md5").update(data).digest("hex"));
      }),
    );
  });
});

// The digests read blocks straight from their input and pad its tail in a shared array: inputs of every
// length about the 56- and 64-byte marks, and views into larger arrays, must hash as the bytes do.
describe("md5 and sha256 on block boundaries and views", () => {
  it("agree with node:crypto at every length from 0 to 200 bytes, at any offset into a larger array", () => {
    const backing = new Uint8Array(300).map((_, i) => (i * 131 + 7) & 0xff);
    for (let length = 0; length <= 200; length++) {
      for (const offset of [0, 1, 63]) {
        const data = backing.subarray(offset, offset + length);
        expect(hex(md5(data))).toBe(createHash("md5").update(data).digest("hex"));
        expect(hex(sha256(data))).toBe(createHash("sha256").update(data).digest("hex"));
      }
    }
  });
});

describe("sha256", () => {
  it("matches the FIPS 180-4 examples", () => {
    expect(hex(sha256(text("")))).toBe("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    expect(hex(sha256(text("abc")))).toBe("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    expect(hex(sha256(text("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq")))).toBe(
      "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1",
    );
    expect(hex(sha256(new Uint8Array(1_000_000).fill(0x61)))).toBe(
      "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0",
    );
  });

  it("agrees with node:crypto on any input", () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), (data) => {
        expect(hex(sha256(data))).toBe(createHash("sha256").update(data).digest("hex"));
      }),
    );
  });
});

/** AWS's algorithm written independently over node:crypto, as the Java SDK's MessageMD5ChecksumHandler does it. */
function referenceMd5OfAttributes(attributes: MessageAttributes): string {
  const hash = createHash("md5");
  const field = (bytes: Uint8Array | Buffer) => {
    const length = Buffer.alloc(4);
    length.writeUInt32BE(bytes.length);
    hash.update(length);
    hash.update(bytes);
  };
  for (const name of Object.keys(attributes).sort()) {
    const value = attributes[name]!;
    field(Buffer.from(name, "utf8"));
    field(Buffer.from(value.dataType, "utf8"));
    if (value.binaryValue !== undefined) {
      hash.update(Buffer.from([2]));
      field(value.binaryValue);
    } else {
      hash.update(Buffer.from([1]));
      field(Buffer.from(value.stringValue ?? "", "utf8"));
    }
  }
  return hash.digest("hex");
}

describe("MD5OfMessageAttributes", () => {
  it("matches a ReceiveMessage response recorded from SQS", () => {
    // The response fixture in LocalStack's serializer tests (tests/unit/aws/test_serializer.py), which
    // carries a genuine SQS receipt handle and the digests SQS returned with it.
    expect(
      md5OfMessageAttributes({
        Hello: { dataType: "String", stringValue: "There" },
        General: { dataType: "String", stringValue: "Kenobi" },
      }),
    ).toBe("fca026605781cb4126a1e9044df24232");
    expect(md5OfBody(text('{"foo": "bared"}'))).toBe("13c0c73bbf11056450c43bf3159b3585");
  });

  it("agrees with an independent implementation when the attributes outgrow the shared layout array", () => {
    const attributes: MessageAttributes = {
      big: { dataType: "String", stringValue: "é".repeat(20_000) },
      blob: { dataType: "Binary", binaryValue: new Uint8Array(30_000).fill(7) },
      small: { dataType: "Number", stringValue: "42" },
    };
    expect(md5OfMessageAttributes(attributes)).toBe(referenceMd5OfAttributes(attributes));
    // And the next, small, digest is not disturbed by the larger one before it.
    const small: MessageAttributes = { a: { dataType: "String", stringValue: "b" } };
    expect(md5OfMessageAttributes(small)).toBe(referenceMd5OfAttributes(small));
  });

  it("is omitted when there are no attributes, as SQS omits it", () => {
    expect(md5OfMessageAttributes({})).toBeUndefined();
  });

  it("agrees with an independent implementation for any attributes, in any insertion order", () => {
    const value = fc.oneof(
      fc.record({
        dataType: fc.constantFrom("String", "Number", "String.x"),
        stringValue: fc.string({ minLength: 1 }),
      }),
      fc.record({
        dataType: fc.constantFrom("Binary", "Binary.png"),
        binaryValue: fc.uint8Array({ minLength: 1, maxLength: 40 }),
      }),
    );
    fc.assert(
      fc.property(
        fc.dictionary(fc.stringMatching(/^[A-Za-z0-9_-]{1,12}$/), value, { minKeys: 1, maxKeys: 10 }),
        (attributes) => {
          const reversed = Object.fromEntries(Object.entries(attributes).reverse());
          expect(md5OfMessageAttributes(attributes)).toBe(referenceMd5OfAttributes(attributes));
          expect(md5OfMessageAttributes(reversed)).toBe(md5OfMessageAttributes(attributes));
        },
      ),
    );
  });
});

// The leader hashes each body once, natively, and the digest travels in the command, so no replica hashes
// it again in JavaScript; a command without one (older logs) is hashed in apply.
describe("MD5OfMessageBody carried by the send command", () => {
  it("is the digest the send answers with and the receive returns, with or without it", async () => {
    const q = new Harness();
    const body = utf8("hello digest");
    const digest = createHash("md5").update(body).digest("hex");
    // Apply takes the proposer's digest as given (a leader that hashed wrongly would show here).
    const carried = "0123456789abcdef0123456789abcdef";
    const sent = q.send([{ body, md5OfBody: digest }, { body }, { body, md5OfBody: carried }]);
    expect(sent.entries.map((e) => (e.ok ? e.md5OfMessageBody : e.code))).toEqual([digest, digest, carried]);
    const received = await q.receive({ max: 10 });
    expect(received.map((m) => m.md5OfBody)).toEqual([digest, digest, carried]);
  });

  it("refuses a command whose digest is not 32 lowercase hex digits, naming the field", () => {
    const q = new Harness();
    for (const bad of ["ABCDEF0123456789abcdef0123456789", "abc", 42]) {
      const result = q.apply({
        type: "send",
        entries: [{ entryId: "e0", messageId: "m-1", body: utf8("x"), md5OfBody: bad as string }],
      });
      expect(result).toMatchObject({ ok: false, code: "INVALID_ARGUMENT" });
      expect((result as { message: string }).message).toContain("md5OfBody");
    }
  });
});

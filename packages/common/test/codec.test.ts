import { describe, it, expect } from "vitest";
import fc from "fast-check";
import {
  AssertionError,
  MillraceError,
  createCodec,
  decode,
  decodeView,
  encode,
  encodeView,
} from "../src/index.js";

/** Everything the codec promises to carry: JSON-ish values plus bytes, bigints, undefined and dates. */
const carried: fc.Arbitrary<unknown> = fc.letrec((tie) => ({
  value: fc.oneof(
    { depthSize: "small", withCrossShrink: true },
    fc.constant(null),
    fc.constant(undefined),
    fc.boolean(),
    fc.integer(),
    fc.maxSafeInteger(),
    // −0 is written as the integer 0; that case has its own test.
    fc.double().filter((n) => !Object.is(n, -0)),
    fc.string({ unit: "grapheme" }),
    fc.bigInt({ min: -(2n ** 63n), max: 2n ** 64n - 1n }),
    fc.uint8Array({ maxLength: 64 }),
    fc.date({ noInvalidDate: true }),
    fc.array(tie("value"), { maxLength: 5 }),
    // msgpackr renames a __proto__ key on decode; that case has its own test.
    fc.dictionary(
      fc.string().filter((key) => key !== "__proto__"),
      tie("value"),
      { maxKeys: 5 },
    ),
  ),
})).value;

function decodeError(bytes: Uint8Array): unknown {
  try {
    decode(bytes);
  } catch (error) {
    return error;
  }
  return undefined;
}

function expectMalformed(bytes: Uint8Array): void {
  const error = decodeError(bytes);
  expect(error).toBeInstanceOf(MillraceError);
  expect((error as MillraceError).code).toBe("INVALID_ARGUMENT");
}

describe("codec", () => {
  it("round-trips every value it promises to carry", () => {
    fc.assert(
      fc.property(carried, (value) => {
        expect(decode(encode(value))).toEqual(value);
      }),
    );
  });

  it("round-trips bytes as a copy that does not alias the input buffer", () => {
    const body = Uint8Array.from([1, 2, 3, 250]);
    const frame = encode({ body });
    const decoded = decode(frame) as { body: Uint8Array };
    expect(decoded.body).toBeInstanceOf(Uint8Array);
    expect([...decoded.body]).toEqual([1, 2, 3, 250]);
    // A transport that reuses its read buffer must not change messages already decoded from it.
    frame.fill(0);
    expect([...decoded.body]).toEqual([1, 2, 3, 250]);
  });

  it("decodeView reads bytes as plain views of the input, for input that is never written again", () => {
    const frame = Buffer.from(encode({ body: Uint8Array.from([1, 2, 3]), n: 5 }));
    const viewed = decodeView(frame) as { body: Uint8Array; n: number };
    expect(viewed).toEqual({ body: Uint8Array.from([1, 2, 3]), n: 5 });
    expect(Object.getPrototypeOf(viewed.body)).toBe(Uint8Array.prototype);
    // The same memory as the input, no copy: what the input holds is what the view reads.
    expect(viewed.body.buffer).toBe(frame.buffer);
    frame[viewed.body.byteOffset - frame.byteOffset + 1] = 9;
    expect([...viewed.body]).toEqual([1, 9, 3]);
    expect(() => decodeView(Uint8Array.of(0xc1))).toThrow(MillraceError);
  });

  it("reads bytes back as plain Uint8Arrays even from a Buffer, whose slice() would be a view", () => {
    const frame = Buffer.from(encode({ body: Uint8Array.from([9, 8]) }));
    const decoded = decode(frame) as { body: Uint8Array };
    expect(Object.getPrototypeOf(decoded.body)).toBe(Uint8Array.prototype);
    expect(decode(encode(Buffer.from([1, 2])))).toEqual(Uint8Array.from([1, 2]));
  });

  it("returns exactly sized buffers that do not pin a large shared one", () => {
    encode(new Uint8Array(4 * 1_048_576));
    const small = encode({ term: 7 });
    expect(small.byteOffset).toBe(0);
    expect(small.buffer.byteLength).toBe(small.byteLength);
  });

  it("writes −0 as 0", () => {
    expect(Object.is(decode(encode(-0)), 0)).toBe(true);
  });

  it("refuses values it cannot carry, with INVALID_ARGUMENT instead of losing them", () => {
    for (const value of [2n ** 64n, -(2n ** 63n) - 1n, { handler: () => 1 }, Symbol("s")]) {
      expect(() => encode(value)).toThrow(expect.objectContaining({ code: "INVALID_ARGUMENT" }));
    }
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    expect(() => encode(cyclic)).toThrow(expect.objectContaining({ code: "INVALID_ARGUMENT" }));
    expect(decode(encode({ ok: true }))).toEqual({ ok: true });
  });

  it("answers any byte string with a value or INVALID_ARGUMENT, never another error", () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 64 }), (bytes) => {
        const error = decodeError(bytes);
        if (error !== undefined) {
          expect(error).toBeInstanceOf(MillraceError);
          expect((error as MillraceError).code).toBe("INVALID_ARGUMENT");
        }
      }),
      { numRuns: 2_000 },
    );
  });

  it("refuses every truncation of a valid encoding, and trailing bytes after one", () => {
    fc.assert(
      fc.property(carried, fc.nat(), fc.integer({ min: 0, max: 255 }), (value, cut, extra) => {
        const bytes = encode(value);
        expectMalformed(bytes.subarray(0, cut % bytes.length));
        expectMalformed(Uint8Array.from([...bytes, extra]));
      }),
    );
  });

  it("refuses bytes that decode to things encode never writes", () => {
    expectMalformed(Uint8Array.from([0xc1])); // the reserved "never used" byte
    expectMalformed(Uint8Array.from([0x91, 0xc1])); // the same, nested
    expectMalformed(Uint8Array.from([0xd4, 0x73, 0x00, 0x91, 0x01])); // a Set extension
    expectMalformed(Uint8Array.from([0xd4, 0x78, 0x00, 0x92, 0xa1, 0x61, 0xa0])); // a RegExp extension
    expectMalformed(Uint8Array.from([0xd4, 0x65, 0x00, 0x92, 0xa1, 0x45, 0xa1, 0x6d])); // an Error extension
    expectMalformed(Uint8Array.from([0xd4, 0x70, 0x00])); // a structured-clone pointer
  });

  it("survives hostile nesting depth and keeps working afterwards", () => {
    expectMalformed(new Uint8Array(200_000).fill(0x91));
    expectMalformed(new Uint8Array(0));
    expect(decode(encode([1, [2]]))).toEqual([1, [2]]);
  });

  it("does not let a __proto__ key reach an object's prototype", () => {
    // {"__proto__": {"polluted": true}} written by hand, since encode would not produce it from a literal.
    const bytes = Uint8Array.from([
      0x81,
      0xa9,
      ...new TextEncoder().encode("__proto__"),
      0x81,
      0xa8,
      ...new TextEncoder().encode("polluted"),
      0xc3,
    ]);
    const decoded = decode(bytes) as Record<string, unknown>;
    expect(Object.getPrototypeOf(decoded)).toBe(Object.prototype);
    expect((decoded as { polluted?: unknown }).polluted).toBeUndefined();
    expect(({} as { polluted?: unknown }).polluted).toBeUndefined();
  });

  it("treats a non-Uint8Array argument as a programmer error", () => {
    expect(() => decode("c3" as unknown as Uint8Array)).toThrow(AssertionError);
  });
});

describe("codec with shared structures", () => {
  const structures = [
    ["type", "term", "index"],
    ["groupId", "messages"],
  ];
  const message = { groupId: 4, messages: [{ type: "appendEntries", term: 3, index: 17 }] };

  it("round-trips hot shapes and mixed ones, read by any codec built from the same list", () => {
    const writer = createCodec({ structures });
    const reader = createCodec({ structures });
    const mixed = [
      message,
      { other: "shape" },
      { other: "again" },
      { type: "x", term: 1, index: 2, extra: true },
    ];
    expect(reader.decode(writer.encode(message))).toEqual(message);
    expect(reader.decode(writer.encode(mixed))).toEqual(mixed);
  });

  it("writes hot shapes smaller than plain maps", () => {
    expect(createCodec({ structures }).encode(message).length).toBeLessThan(encode(message).length / 2);
  });

  it("keeps new shapes self-describing, however many it has seen", () => {
    const writer = createCodec({ structures });
    for (let i = 0; i < 100; i++) writer.encode({ [`key${i}`]: i });
    const later = { late: "shape" };
    expect(createCodec({ structures }).decode(writer.encode([message, later]))).toEqual([message, later]);
  });

  it("cannot be poisoned: a record definition in one input does not rename fields of later ones", () => {
    const codec = createCodec({ structures });
    const good = codec.encode({ type: "a", term: 1, index: 2 });
    // An inline definition that redefines shared record 0 as ["x", "y", "z"], then uses it.
    const hostile = Uint8Array.from([
      0xd4, 0x72, 0x40, 0x93, 0xa1, 0x78, 0xa1, 0x79, 0xa1, 0x7a, 0x01, 0x02, 0x03,
    ]);
    expect(codec.decode(hostile)).toEqual({ x: 1, y: 2, z: 3 });
    expect(codec.decode(good)).toEqual({ type: "a", term: 1, index: 2 });
  });

  it("does not keep a reference to the caller's key lists", () => {
    const keys = ["a", "b"];
    const codec = createCodec({ structures: [keys] });
    keys[0] = "changed";
    expect(codec.decode(codec.encode({ a: 1, b: 2 }))).toEqual({ a: 1, b: 2 });
  });

  it("refuses more than 32 shared structures", () => {
    const tooMany = Array.from({ length: 33 }, (_, i) => [`k${i}`]);
    expect(() => createCodec({ structures: tooMany })).toThrow(AssertionError);
  });
});

// State machines encode records as views (encodeView) that the keyspace copies at once: a view must hold
// the same bytes as a copy would, and must not change when later values are encoded after it.
describe("encodeView", () => {
  it("gives encode's bytes, unchanged by whatever is encoded after it", () => {
    fc.assert(
      fc.property(
        fc.array(fc.record({ id: fc.string(), n: fc.nat(), data: fc.uint8Array({ maxLength: 3000 }) }), {
          minLength: 1,
          maxLength: 40,
        }),
        (values) => {
          const views: Uint8Array[] = [];
          const copies: Uint8Array[] = [];
          for (const v of values) {
            views.push(encodeView(v));
            copies.push((views.at(-1) as Uint8Array).slice());
          }
          values.forEach((v, i) => {
            expect(Buffer.from(views[i] as Uint8Array)).toEqual(Buffer.from(encode(v)));
            expect(Buffer.from(views[i] as Uint8Array)).toEqual(Buffer.from(copies[i] as Uint8Array));
          });
        },
      ),
    );
  });
});

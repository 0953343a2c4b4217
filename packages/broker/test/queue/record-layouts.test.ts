import { AssertionError, encode } from "@millrace/common";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  decodeIdRecord,
  decodeMeta,
  decodeVisibilityEntry,
  encodeIdRecord,
  encodeMeta,
  encodeVisibilityEntry,
} from "../../src/queue/record-layouts.js";
import { MessageState, type MessageMeta, type VisibilityEntry } from "../../src/queue/records.js";

const safe = fc.integer({ min: 0, max: Number.MAX_SAFE_INTEGER });
/** Group and dedup ids are printable ASCII when sent, but a record must carry any text it is given. */
const text = fc.oneof(fc.string({ maxLength: 128 }), fc.string({ unit: "grapheme", maxLength: 40 }));

const meta: fc.Arbitrary<MessageMeta> = fc
  .record(
    {
      seq: safe,
      sentMs: safe,
      retainFromMs: safe,
      visibleAtMs: safe,
      receiveCount: safe,
      firstReceiveMs: safe,
      countedSecond: safe,
      lastReceiveMs: safe,
      state: fc.constantFrom(MessageState.live, MessageState.deadLettering),
      nonce: fc.uint8Array({ maxLength: 32 }),
      groupId: text,
      dedupId: text,
    },
    { requiredKeys: ["seq", "sentMs", "retainFromMs", "visibleAtMs", "receiveCount"], noNullPrototype: true },
  )
  .map((m) => ({ firstReceiveMs: 0, countedSecond: 0, lastReceiveMs: 0, state: MessageState.live, ...m }));

const visibility: fc.Arbitrary<VisibilityEntry> = fc.record(
  { id: text, retainFromMs: safe, groupId: text, receiveCount: safe },
  { requiredKeys: ["id", "retainFromMs"], noNullPrototype: true },
);

/** A copy, as StateWriter.put takes one: encoders return views into a shared slab. */
const stored = (bytes: Uint8Array) => new Uint8Array(bytes);

describe("queue record layouts", () => {
  it("give back every meta, visibility entry and id they encode, optional fields left out as they were", () => {
    fc.assert(
      fc.property(meta, visibility, text, (m, v, id) => {
        expect(decodeMeta(stored(encodeMeta(m)))).toStrictEqual(m);
        expect(decodeVisibilityEntry(stored(encodeVisibilityEntry(v)))).toStrictEqual(v);
        expect(decodeIdRecord(stored(encodeIdRecord(id)), "retention entry")).toBe(id);
      }),
    );
  });

  it("still read the msgpack records written before them", () => {
    fc.assert(
      fc.property(meta, visibility, text, (m, v, id) => {
        expect(decodeMeta(encode(m))).toStrictEqual(m);
        expect(decodeVisibilityEntry(encode(v))).toStrictEqual(v);
        expect(decodeIdRecord(encode({ id }), "retention entry")).toBe(id);
      }),
    );
  });

  it("leave earlier views intact while later records fill and replace the slab", () => {
    const records = Array.from({ length: 5000 }, (_, i) => ({
      view: encodeVisibilityEntry({ id: `message-${i}`, retainFromMs: i, groupId: "g".repeat(i % 50) }),
      i,
    }));
    for (const { view, i } of records) {
      expect(decodeVisibilityEntry(view)).toStrictEqual({
        id: `message-${i}`,
        retainFromMs: i,
        groupId: "g".repeat(i % 50),
      });
    }
  });

  it("treat a record cut short, padded, of another kind or state as corrupted state", () => {
    const m: MessageMeta = {
      seq: 7,
      sentMs: 1,
      retainFromMs: 1,
      visibleAtMs: 2,
      receiveCount: 0,
      firstReceiveMs: 0,
      countedSecond: 0,
      lastReceiveMs: 0,
      state: MessageState.live,
      groupId: "g",
    };
    const bytes = stored(encodeMeta(m));
    expect(() => decodeMeta(bytes.subarray(0, bytes.length - 1))).toThrow(AssertionError);
    expect(() => decodeMeta(new Uint8Array([...bytes, 0]))).toThrow(AssertionError);
    expect(() => decodeVisibilityEntry(bytes)).toThrow(/layout kind 1, expected 2/);
    const badState = new Uint8Array(bytes);
    badState[2] = 9;
    expect(() => decodeMeta(badState)).toThrow(/unknown state 9/);
    expect(() => decodeIdRecord(encode({ other: 1 }), "outbox entry")).toThrow(/outbox entry has no id/);
  });
});

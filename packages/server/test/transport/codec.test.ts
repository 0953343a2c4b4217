import { SeededRandom, encode, isMillraceError } from "@millrace/common";
import { EntryType, MessageType, isLocalMessage, newMessage, type Message } from "@millrace/raft";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { backoffDelayMs } from "../../src/transport/backoff.js";
import {
  decodeRaftBatch,
  encodeRaftBatch,
  estimateItemBytes,
  type RaftBatchItem,
} from "../../src/transport/raft-batch-codec.js";
import { decodeSnapshotMetadata, encodeSnapshotMetadata } from "../../src/transport/snapshot-codec.js";
import { parseUint64 } from "../../src/transport/peer-frames.js";

const sendable = Object.values(MessageType).filter(
  (type) => !isLocalMessage(type) && type !== MessageType.Snap,
);
const count = fc.integer({ min: 0, max: Number.MAX_SAFE_INTEGER });
const small = fc.integer({ min: 0, max: 1_000 });
const bytes = fc.uint8Array({ maxLength: 64 }).map((array) => new Uint8Array(array));

const message: fc.Arbitrary<Message> = fc
  .record({
    type: fc.constantFrom(...sendable),
    to: fc.oneof(small, count),
    from: fc.oneof(small, count),
    term: fc.oneof(small, count),
    logTerm: fc.oneof(small, count),
    index: fc.oneof(small, count),
    commit: fc.oneof(small, count),
    reject: fc.boolean(),
    rejectHint: fc.oneof(small, count),
    context: fc.option(bytes, { nil: undefined }),
    entries: fc.array(
      fc.record({
        term: fc.oneof(small, count),
        index: fc.oneof(small, count),
        type: fc.constantFrom(EntryType.Normal, EntryType.ConfChange),
        data: bytes,
      }),
      { maxLength: 5 },
    ),
  })
  .map(({ context, ...fields }) =>
    context === undefined ? newMessage(fields) : newMessage({ ...fields, context }),
  );

const batch = fc.array(fc.record({ groupId: fc.oneof(small, count), message }), { maxLength: 20 });

describe("RAFT frame payload", () => {
  it("round-trips any batch of sendable messages exactly", () => {
    fc.assert(
      fc.property(batch, (items) => {
        expect(decodeRaftBatch(encodeRaftBatch(items))).toEqual(items);
      }),
    );
  });

  it("never exceeds the size estimate that frames are cut by", () => {
    fc.assert(
      fc.property(batch, (items) => {
        const estimate = 5 + items.reduce((sum, item) => sum + estimateItemBytes(item), 0);
        expect(encodeRaftBatch(items).byteLength).toBeLessThanOrEqual(estimate);
      }),
    );
  });

  it("encodes heartbeats and appends compactly", () => {
    const heartbeat = newMessage({ type: MessageType.Heartbeat, from: 1, to: 2, term: 9, commit: 4_000 });
    const oneHeartbeat = encodeRaftBatch([{ groupId: 70_000, message: heartbeat }]).byteLength;
    expect(oneHeartbeat).toBeLessThanOrEqual(20);
    // A thousand entries of 1 KiB in one append: about six bytes of framing per entry.
    const entries = Array.from({ length: 1_000 }, (_, i) => ({
      term: 7,
      index: 101 + i,
      type: EntryType.Normal,
      data: new Uint8Array(1_024),
    }));
    const append = newMessage({
      type: MessageType.App,
      from: 1,
      to: 2,
      term: 7,
      logTerm: 7,
      index: 100,
      entries,
    });
    const size = encodeRaftBatch([{ groupId: 1, message: append }]).byteLength;
    expect(size - 1_000 * 1_024).toBeLessThanOrEqual(1_000 * 7 + 32);
  });

  it("hands out entry data that does not alias the frame", () => {
    const item: RaftBatchItem = {
      groupId: 1,
      message: newMessage({
        type: MessageType.App,
        entries: [{ term: 1, index: 1, type: EntryType.Normal, data: new Uint8Array([1, 2, 3]) }],
      }),
    };
    const payload = Buffer.from(encodeRaftBatch([item]));
    const decoded = decodeRaftBatch(payload);
    payload.fill(0);
    expect(decoded[0]?.message.entries[0]?.data).toEqual(new Uint8Array([1, 2, 3]));
  });

  it("rejects anything it would not have written, with INVALID_ARGUMENT", () => {
    const bad: unknown[] = [
      "not a list",
      [1],
      [-1, [MessageType.App, 1, 2]],
      [1.5, [MessageType.App, 1, 2]],
      [1, [MessageType.App, 1]],
      [1, [MessageType.Snap, 1, 2]],
      [1, [MessageType.Hup, 1, 2]],
      [1, [99, 1, 2]],
      [1, [MessageType.App, 1, 2, -3]],
      [1, [MessageType.App, 1, 2, 2 ** 53]],
      [1, [MessageType.App, 1, 2, 1, 1, 1, 1, "yes"]],
      [1, [MessageType.App, 1, 2, 1, 1, 1, 1, false, 0, [1, 0, 0]]],
      [1, [MessageType.App, 1, 2, 1, 1, 1, 1, false, 0, [1, 0, 5, new Uint8Array(1)]]],
      [1, [MessageType.App, 1, 2, 1, 1, 1, 1, false, 0, [1, 0, 0, "text"]]],
      [1, [MessageType.App, 1, 2, 1, 1, 0, 1, false, 0, [-1, 0, 0, new Uint8Array(1)]]],
      [1, [MessageType.App, 1, 2, 1, 1, 1, 1, false, 0, [], "context"]],
      [1, [MessageType.App, 1, 2, 1, 1, 1, 1, false, 0, [], null, "extra"]],
    ];
    for (const value of bad) {
      let error: unknown;
      try {
        decodeRaftBatch(encode(value));
      } catch (caught) {
        error = caught;
      }
      expect(isMillraceError(error, "INVALID_ARGUMENT"), JSON.stringify(value)).toBe(true);
    }
  });

  it("rejects random bytes without throwing anything but INVALID_ARGUMENT", () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 256 }), (raw) => {
        try {
          decodeRaftBatch(new Uint8Array(raw));
        } catch (error) {
          expect(isMillraceError(error, "INVALID_ARGUMENT")).toBe(true);
        }
      }),
    );
  });
});

describe("snapshot metadata", () => {
  const metadata = {
    index: 120,
    term: 4,
    confState: {
      voters: [1, 2, 3],
      learners: [5],
      votersOutgoing: [1, 2, 4],
      learnersNext: [4],
      autoLeave: true,
    },
  };

  it("round-trips metadata and envelope", () => {
    const envelope = { term: 9, from: 1, to: 3 };
    expect(decodeSnapshotMetadata(encodeSnapshotMetadata(metadata, envelope))).toEqual({
      metadata,
      envelope,
    });
  });

  it("rejects malformed metadata", () => {
    for (const value of [
      [2, 1, 1, [], [], [], [], false, 1, 1, 1],
      [1, 1, 1, [0], [], [], [], false, 1, 1, 1],
      [1, 1, 1, [], [], [], [], "no", 1, 1, 1],
      [1, -1, 1, [], [], [], [], false, 1, 1, 1],
      [1, 1, 1, [], [], [], []],
    ]) {
      expect(() => decodeSnapshotMetadata(encode(value))).toThrow(/malformed snapshot metadata/);
    }
  });
});

describe("backoffDelayMs", () => {
  it("grows exponentially, stays within [window/2, window], and never passes the cap", () => {
    const random = new SeededRandom(3);
    const options = { baseMs: 100, maxMs: 3_000 };
    for (let attempt = 0; attempt < 200; attempt++) {
      const windowMs = Math.min(3_000, 100 * 2 ** Math.min(attempt, 30));
      const delayMs = backoffDelayMs(attempt, options, random);
      expect(delayMs).toBeGreaterThanOrEqual(windowMs / 2);
      expect(delayMs).toBeLessThanOrEqual(windowMs);
    }
  });

  it("jitters: equal attempts get different delays", () => {
    const random = new SeededRandom(4);
    const delays = new Set(
      Array.from({ length: 20 }, () => backoffDelayMs(5, { baseMs: 100, maxMs: 3_000 }, random)),
    );
    expect(delays.size).toBeGreaterThan(10);
  });
});

describe("parseUint64", () => {
  it("reads decimal strings up to 2^53 - 1 and nothing else", () => {
    expect(parseUint64("0")).toBe(0);
    expect(parseUint64("9007199254740991")).toBe(Number.MAX_SAFE_INTEGER);
    expect(parseUint64("9007199254740992")).toBeUndefined();
    expect(parseUint64("18446744073709551615")).toBeUndefined();
    expect(parseUint64("-1")).toBeUndefined();
    expect(parseUint64("")).toBeUndefined();
    expect(parseUint64("1e3")).toBeUndefined();
  });
});

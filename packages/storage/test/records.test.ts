import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  CorruptionError,
  entryKey,
  hardStateKey,
  keyspaceKey,
  keyspacePrefix,
  snapshotKey,
} from "../src/index.js";
import {
  decodeApplied,
  decodeEntry,
  decodeHardState,
  decodeSnapshotMetadata,
  decodeValue,
  encodeApplied,
  encodeConfState,
  encodeEntry,
  encodeHardState,
  encodeSnapshotMetadata,
  encodeValue,
} from "../src/records.js";
import { conf, entry, plain, thrown } from "./helpers.js";

const safeIndex = fc.maxSafeInteger().map((n) => Math.abs(n));

describe("records", () => {
  it("round-trips entries of any term, type and data", () => {
    fc.assert(
      fc.property(
        safeIndex,
        safeIndex,
        fc.constantFrom(0 as const, 1 as const),
        fc.uint8Array({ maxLength: 64 }),
        (index, term, type, data) => {
          const key = entryKey(3, index);
          const decoded = decodeEntry(key, encodeEntry(key, { index, term, type, data }), index);
          expect(plain([decoded])).toEqual(plain([{ index, term, type, data }]));
        },
      ),
    );
  });

  it("detects any single flipped bit in an entry record", () => {
    fc.assert(
      fc.property(
        fc.uint8Array({ maxLength: 32 }),
        fc.nat(),
        fc.integer({ min: 0, max: 7 }),
        (data, at, bit) => {
          const key = entryKey(3, 9);
          const record = encodeEntry(key, entry(9, 2, data));
          const position = at % record.length;
          record[position] = (record[position] as number) ^ (1 << bit);
          expect(thrown(() => decodeEntry(key, record, 9))).toBeInstanceOf(CorruptionError);
        },
      ),
    );
  });

  it("refuses a record read under another key than it was written for", () => {
    const record = encodeEntry(entryKey(3, 9), entry(9, 2));
    const error = thrown(() => decodeEntry(entryKey(3, 10), record, 10));
    expect(error).toBeInstanceOf(CorruptionError);
    expect((error as CorruptionError).message).toMatch(/g\/3\/e\/10 in group 3: checksum mismatch/);
    expect((error as CorruptionError).code).toBe("INTERNAL");
    expect((error as CorruptionError).groupId).toBe(3);
  });

  it("refuses truncated records", () => {
    const key = hardStateKey(1);
    const record = encodeHardState(key, { term: 1, vote: 2, commit: 3 });
    expect(thrown(() => decodeHardState(key, record.subarray(0, 3)))).toBeInstanceOf(CorruptionError);
    expect(thrown(() => decodeHardState(key, record.subarray(0, 20)))).toBeInstanceOf(CorruptionError);
  });

  it("round-trips hard state, snapshot metadata and applied records", () => {
    const hs = { term: 2 ** 40, vote: 3, commit: 2 ** 52 };
    expect(decodeHardState(hardStateKey(1), encodeHardState(hardStateKey(1), hs))).toEqual(hs);
    const metadata = {
      index: 10,
      term: 3,
      confState: { ...conf(1, 2, 2 ** 40), learners: [4], autoLeave: true },
    };
    expect(decodeSnapshotMetadata(snapshotKey(1), encodeSnapshotMetadata(snapshotKey(1), metadata))).toEqual(
      metadata,
    );
    const applied = decodeApplied(snapshotKey(1), encodeApplied(snapshotKey(1), 7, encodeConfState(conf(1))));
    expect(applied).toEqual({ index: 7, confState: conf(1) });
  });

  it("seals state machine values with their key", () => {
    const key = keyspaceKey(keyspacePrefix(5), Uint8Array.of(1));
    const record = encodeValue(key, Uint8Array.of(9, 8, 7));
    expect([...decodeValue(key, record)]).toEqual([9, 8, 7]);
    const otherKey = keyspaceKey(keyspacePrefix(5), Uint8Array.of(2));
    expect(thrown(() => decodeValue(otherKey, record))).toBeInstanceOf(CorruptionError);
  });
});

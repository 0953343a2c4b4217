import { allocBytes, decode, encode } from "@millrace/common";
import { EntryType, type ConfState, type Entry, type HardState, type SnapshotMetadata } from "@millrace/raft";
import { plainView, readU64, writeU32, writeU64, readU32 } from "./bytes.js";
import { crc32c } from "./checksum.js";
import { CorruptionError } from "./errors.js";
import { describeKey, groupIdOf, type KeyspaceSlot } from "./keys.js";

/**
 * Every stored value is a sealed record: a 4-byte big-endian CRC-32C, then the body. The checksum covers
 * the key and the body, so a record copied under the wrong key fails as surely as a flipped bit, and it is
 * verified on every read from disk. Bodies are fixed-width big-endian fields where the shape is fixed and
 * msgpack where it is not (membership lists).
 *
 *   entry      crc u32 | term u64 | type u8 | data…
 *   hard state crc u32 | term u64 | vote u64 | commit u64
 *   truncated  crc u32 | index u64 | term u64
 *   snapshot   crc u32 | index u64 | term u64 | msgpack conf state
 *   applied    crc u32 | index u64 | msgpack conf state
 *   keyspace   crc u32 | value…
 *   slot       crc u32 | slot u8
 *   identity   crc u32 | msgpack { format, clusterId, nodeId }
 */

const crcBytes = 4;
const entryHeaderBytes = crcBytes + 8 + 1;

/** The fixed bytes an entry record adds to its data. */
export const entryRecordOverheadBytes = entryHeaderBytes;

/** Writes the checksum of `key` and `record[4…]` into the first four bytes of `record`. */
function seal(key: Uint8Array, record: Uint8Array): Uint8Array {
  writeU32(record, 0, crc32c(record, crc32c(key), crcBytes));
  return record;
}

/** Checks the seal; throws CorruptionError naming the key when the record is short or its checksum fails. */
function unseal(key: Uint8Array, record: Uint8Array, minBodyBytes: number): void {
  if (record.length < crcBytes + minBodyBytes) {
    throw corrupt(
      key,
      `record has ${record.length} bytes, fewer than the ${crcBytes + minBodyBytes} its shape needs`,
    );
  }
  const expected = readU32(record, 0);
  const actual = crc32c(record, crc32c(key), crcBytes);
  if (expected !== actual) {
    throw corrupt(key, `checksum mismatch (stored ${hex(expected)}, computed ${hex(actual)})`);
  }
}

export function corrupt(key: Uint8Array, problem: string): CorruptionError {
  return new CorruptionError({ groupId: groupIdOf(key), key: describeKey(key), problem });
}

function hex(n: number): string {
  return `0x${n.toString(16).padStart(8, "0")}`;
}

function u64(key: Uint8Array, record: Uint8Array, offset: number, field: string): number {
  const value = readU64(record, offset);
  if (value === undefined) throw corrupt(key, `${field} is beyond the safe integers`);
  return value;
}

// Records come from allocBytes: each is staged in a WriteBatch and copied by LevelDB when the batch is
// written. A keyspace value is also read from its staged copy until then (Keyspace.staged), and no longer.

export function encodeEntry(key: Uint8Array, entry: Entry): Uint8Array {
  const record = allocBytes(entryHeaderBytes + entry.data.length);
  writeU64(record, 4, entry.term);
  record[12] = entry.type;
  record.set(entry.data, entryHeaderBytes);
  return seal(key, record);
}

/** Decodes an entry record; `index` comes from the key. The data is a view into `record`, not a copy. */
export function decodeEntry(key: Uint8Array, record: Uint8Array, index: number): Entry {
  unseal(key, record, entryHeaderBytes - crcBytes);
  const type = record[12];
  if (type !== EntryType.Normal && type !== EntryType.ConfChange)
    throw corrupt(key, `unknown entry type ${type}`);
  return { term: u64(key, record, 4, "term"), index, type, data: plainView(record, entryHeaderBytes) };
}

/** The term of an entry record, without building the entry. */
export function decodeEntryTerm(key: Uint8Array, record: Uint8Array): number {
  unseal(key, record, entryHeaderBytes - crcBytes);
  return u64(key, record, 4, "term");
}

export function encodeHardState(key: Uint8Array, hs: HardState): Uint8Array {
  const record = new Uint8Array(crcBytes + 24);
  writeU64(record, 4, hs.term);
  writeU64(record, 12, hs.vote);
  writeU64(record, 20, hs.commit);
  return seal(key, record);
}

export function decodeHardState(key: Uint8Array, record: Uint8Array): HardState {
  unseal(key, record, 24);
  if (record.length !== crcBytes + 24) throw corrupt(key, `hard state record has ${record.length} bytes`);
  return {
    term: u64(key, record, 4, "term"),
    vote: u64(key, record, 12, "vote"),
    commit: u64(key, record, 20, "commit"),
  };
}

/** The index and term of the entry just before the first one kept: MemoryStorage's placeholder entry. */
export interface Truncated {
  readonly index: number;
  readonly term: number;
}

export function encodeTruncated(key: Uint8Array, truncated: Truncated): Uint8Array {
  const record = new Uint8Array(crcBytes + 16);
  writeU64(record, 4, truncated.index);
  writeU64(record, 12, truncated.term);
  return seal(key, record);
}

export function decodeTruncated(key: Uint8Array, record: Uint8Array): Truncated {
  unseal(key, record, 16);
  if (record.length !== crcBytes + 16) throw corrupt(key, `truncation record has ${record.length} bytes`);
  return { index: u64(key, record, 4, "index"), term: u64(key, record, 12, "term") };
}

export function encodeKeyspaceSlot(key: Uint8Array, slot: KeyspaceSlot): Uint8Array {
  const record = new Uint8Array(crcBytes + 1);
  record[crcBytes] = slot;
  return seal(key, record);
}

export function decodeKeyspaceSlot(key: Uint8Array, record: Uint8Array): KeyspaceSlot {
  unseal(key, record, 1);
  const slot = record[crcBytes];
  if (record.length !== crcBytes + 1 || (slot !== 0 && slot !== 1))
    throw corrupt(key, `keyspace slot record holds ${record.length} bytes, slot ${slot}`);
  return slot;
}

export function encodeSnapshotMetadata(key: Uint8Array, metadata: SnapshotMetadata): Uint8Array {
  const conf = encodeConfState(metadata.confState);
  const record = new Uint8Array(crcBytes + 16 + conf.length);
  writeU64(record, 4, metadata.index);
  writeU64(record, 12, metadata.term);
  record.set(conf, crcBytes + 16);
  return seal(key, record);
}

export function decodeSnapshotMetadata(key: Uint8Array, record: Uint8Array): SnapshotMetadata {
  unseal(key, record, 16);
  return {
    index: u64(key, record, 4, "index"),
    term: u64(key, record, 12, "term"),
    confState: decodeConfState(key, record.subarray(crcBytes + 16)),
  };
}

/** The applied index and the membership in force at it, written in the same batch as the state it covers. */
export interface Applied {
  readonly index: number;
  readonly confState: ConfState;
}

/** `conf` is the pre-encoded conf state (encodeConfState), so a group applying often encodes it once. */
export function encodeApplied(key: Uint8Array, index: number, conf: Uint8Array): Uint8Array {
  const record = new Uint8Array(crcBytes + 8 + conf.length);
  writeU64(record, 4, index);
  record.set(conf, crcBytes + 8);
  return seal(key, record);
}

export function decodeApplied(key: Uint8Array, record: Uint8Array): Applied {
  unseal(key, record, 8);
  return {
    index: u64(key, record, 4, "index"),
    confState: decodeConfState(key, record.subarray(crcBytes + 8)),
  };
}

/** Seals a state machine value. */
export function encodeValue(key: Uint8Array, value: Uint8Array): Uint8Array {
  const record = allocBytes(crcBytes + value.length);
  record.set(value, crcBytes);
  return seal(key, record);
}

/** Verifies a state machine value and returns a view of it (no copy). */
export function decodeValue(key: Uint8Array, record: Uint8Array): Uint8Array {
  unseal(key, record, 0);
  return plainView(record, crcBytes);
}

/** A sealed msgpack value, for small node-level records. */
export function encodeMsgpack(key: Uint8Array, value: unknown): Uint8Array {
  const body = encode(value);
  const record = new Uint8Array(crcBytes + body.length);
  record.set(body, crcBytes);
  return seal(key, record);
}

export function decodeMsgpack(key: Uint8Array, record: Uint8Array): unknown {
  unseal(key, record, 1);
  try {
    return decode(plainView(record, crcBytes));
  } catch {
    throw corrupt(key, "body is not valid msgpack");
  }
}

/** Membership as a msgpack array [voters, learners, votersOutgoing, learnersNext, autoLeave]. */
export function encodeConfState(cs: ConfState): Uint8Array {
  return encode([cs.voters, cs.learners, cs.votersOutgoing, cs.learnersNext, cs.autoLeave]);
}

function decodeConfState(key: Uint8Array, bytes: Uint8Array): ConfState {
  let value: unknown;
  try {
    value = decode(plainView(bytes));
  } catch {
    throw corrupt(key, "membership is not valid msgpack");
  }
  if (!Array.isArray(value) || value.length !== 5) throw corrupt(key, "membership is not a 5-element array");
  const [voters, learners, votersOutgoing, learnersNext, autoLeave] = value as unknown[];
  if (typeof autoLeave !== "boolean") throw corrupt(key, "membership autoLeave is not a boolean");
  return {
    voters: nodeIds(key, voters),
    learners: nodeIds(key, learners),
    votersOutgoing: nodeIds(key, votersOutgoing),
    learnersNext: nodeIds(key, learnersNext),
    autoLeave,
  };
}

function nodeIds(key: Uint8Array, value: unknown): number[] {
  if (!Array.isArray(value) || !value.every((id) => Number.isSafeInteger(id) && (id as number) > 0)) {
    throw corrupt(key, "membership holds something other than node ids");
  }
  return value as number[];
}

import { allocBytes, assert } from "@millrace/common";
import { readU32, readU64, writeU32, writeU64 } from "./bytes.js";

/**
 * The key layout of a node's one LevelDB. Every number is big-endian and fixed-width, so LevelDB's byte
 * order equals numeric order: a group's entries sort by index, and groups sort by id. Fields follow each
 * other without separators; the widths make them unambiguous.
 *
 *   g <group u32> a                  applied index and the membership at it
 *   g <group u32> e <index u64>      one Raft log entry
 *   g <group u32> h                  hard state (term, vote, commit)
 *   g <group u32> k                  which keyspace slot is the state machine's (absent: m)
 *   g <group u32> m <user key…>      the group's state machine keyspace (slot 0)
 *   g <group u32> M <user key…>      the other slot, where a snapshot being received is written
 *   g <group u32> s                  snapshot metadata (index, term, membership)
 *   g <group u32> t                  truncation point: index and term of the entry before the first
 *   n identity                       the node's cluster id and node id
 *   n x <group u32>                  the group was destroyed and its keys are still being deleted
 *
 * Every key of a group starts with its 5-byte prefix, so a group's data is one key range.
 */

const groupTag = 0x67; // "g"
const nodeTag = 0x6e; // "n"
const destroyingTag = 0x78; // "x", after "n"

export const KeyKind = {
  Applied: 0x61, // "a"
  Entry: 0x65, // "e"
  HardState: 0x68, // "h"
  KeyspaceSlot: 0x6b, // "k"
  Keyspace: 0x6d, // "m"
  KeyspaceOther: 0x4d, // "M"
  Snapshot: 0x73, // "s"
  Truncated: 0x74, // "t"
} as const;
export type KeyKind = (typeof KeyKind)[keyof typeof KeyKind];

/** Group ids are positive u32s: 0 is reserved as "no group" by callers that need a sentinel. */
export const groupIdMax = 0xffff_ffff;

const groupPrefixBytes = 5;
const groupKeyBytes = groupPrefixBytes + 1;
const entryKeyBytes = groupKeyBytes + 8;

/** A half-open key range [gte, lt), as LevelDB iterators take it. */
export interface KeyRange {
  readonly gte: Uint8Array;
  readonly lt: Uint8Array;
}

export function isGroupId(groupId: number): boolean {
  return Number.isInteger(groupId) && groupId >= 1 && groupId <= groupIdMax;
}

export function assertGroupId(groupId: number): void {
  assert(isGroupId(groupId), () => `group id must be an integer in [1, ${groupIdMax}], got ${groupId}`);
}

function groupKey(groupId: number, kind: KeyKind, extraBytes: number): Uint8Array {
  assertGroupId(groupId);
  const key = new Uint8Array(groupKeyBytes + extraBytes);
  key[0] = groupTag;
  writeU32(key, 1, groupId);
  key[5] = kind;
  return key;
}

/** The 5 bytes every key of the group starts with. */
export function groupPrefix(groupId: number): Uint8Array {
  assertGroupId(groupId);
  const prefix = new Uint8Array(groupPrefixBytes);
  prefix[0] = groupTag;
  writeU32(prefix, 1, groupId);
  return prefix;
}

/** Every key of one group. */
export function groupRange(groupId: number): KeyRange {
  const gte = groupPrefix(groupId);
  return { gte, lt: prefixEnd(gte) };
}

/** Every key of every group. */
export const allGroupsRange: KeyRange = { gte: Uint8Array.of(groupTag), lt: Uint8Array.of(groupTag + 1) };

export function entryKey(groupId: number, index: number): Uint8Array {
  const key = groupKey(groupId, KeyKind.Entry, 8);
  writeU64(key, groupKeyBytes, index);
  return key;
}

/** Every entry key of a group. */
export function entryRange(groupId: number): KeyRange {
  const gte = groupKey(groupId, KeyKind.Entry, 0);
  return { gte, lt: prefixEnd(gte) };
}

export function hardStateKey(groupId: number): Uint8Array {
  return groupKey(groupId, KeyKind.HardState, 0);
}

export function snapshotKey(groupId: number): Uint8Array {
  return groupKey(groupId, KeyKind.Snapshot, 0);
}

export function truncatedKey(groupId: number): Uint8Array {
  return groupKey(groupId, KeyKind.Truncated, 0);
}

export function appliedKey(groupId: number): Uint8Array {
  return groupKey(groupId, KeyKind.Applied, 0);
}

/**
 * A group's keyspace lives in one of two slots. A snapshot from the leader is written into the other one
 * as it arrives, and installing it switches slots in one batch: a snapshot of any size, never held whole
 * in memory or in a batch.
 */
export type KeyspaceSlot = 0 | 1;

export function otherSlot(slot: KeyspaceSlot): KeyspaceSlot {
  return slot === 0 ? 1 : 0;
}

/** The prefix of a group's state machine keyspace in `slot`; a user key follows it verbatim. */
export function keyspacePrefix(groupId: number, slot: KeyspaceSlot = 0): Uint8Array {
  return groupKey(groupId, slot === 0 ? KeyKind.Keyspace : KeyKind.KeyspaceOther, 0);
}

export function keyspaceRange(groupId: number, slot: KeyspaceSlot = 0): KeyRange {
  const gte = keyspacePrefix(groupId, slot);
  return { gte, lt: prefixEnd(gte) };
}

export function keyspaceSlotKey(groupId: number): Uint8Array {
  return groupKey(groupId, KeyKind.KeyspaceSlot, 0);
}

export function keyspaceKey(prefix: Uint8Array, userKey: Uint8Array): Uint8Array {
  // Built in place (every keyspace read and write makes one), as the other keys here are, with allocBytes:
  // LevelDB's binding reads it and it is dropped. From `new Uint8Array`, a batch put of it cost 1.8 µs
  // of CPU against 1.0 (measured), V8 first moving its bytes out of the heap for the binding.
  const key = allocBytes(prefix.length + userKey.length);
  key.set(prefix);
  key.set(userKey, prefix.length);
  return key;
}

export const identityKey: Uint8Array = Uint8Array.from(Buffer.from("nidentity", "latin1"));

/** The marker of a destroyed group whose keys are still being deleted (see NodeStore.destroyGroup). */
export function destroyingKey(groupId: number): Uint8Array {
  assertGroupId(groupId);
  const key = new Uint8Array(6);
  key[0] = nodeTag;
  key[1] = destroyingTag;
  writeU32(key, 2, groupId);
  return key;
}

/** Every destroyed group's marker. */
export const destroyingRange: KeyRange = {
  gte: Uint8Array.of(nodeTag, destroyingTag),
  lt: Uint8Array.of(nodeTag, destroyingTag + 1),
};

/** The group a destroyed group's marker names, or undefined for any other key. */
export function destroyingGroupOf(key: Uint8Array): number | undefined {
  if (key.length !== 6 || key[0] !== nodeTag || key[1] !== destroyingTag) return undefined;
  return readU32(key, 2);
}

/** The smallest key greater than `key`: it followed by a zero byte. */
export function keyAfter(key: Uint8Array): Uint8Array {
  const next = new Uint8Array(key.length + 1);
  next.set(key);
  return next;
}

/** Every node-level key (outside any group). */
export const nodeRange: KeyRange = { gte: Uint8Array.of(nodeTag), lt: Uint8Array.of(nodeTag + 1) };

/**
 * The smallest key greater than every key starting with `prefix`: the prefix with its last non-0xff byte
 * incremented. Every prefix used here ends below 0xff, so one always exists.
 */
export function prefixEnd(prefix: Uint8Array): Uint8Array {
  const end = Uint8Array.from(prefix);
  for (let i = end.length - 1; i >= 0; i--) {
    if (end[i] !== 0xff) {
      end[i] = (end[i] as number) + 1;
      return end.subarray(0, i + 1);
    }
  }
  assert(false, "a prefix of only 0xff bytes has no end");
}

/** The group a key belongs to, or undefined for a key outside every group. */
export function groupIdOf(key: Uint8Array): number | undefined {
  if (key.length < groupPrefixBytes || key[0] !== groupTag) return undefined;
  return readU32(key, 1);
}

/** The index in an entry key, or undefined if the key is not a well-formed entry key. */
export function entryIndexOf(key: Uint8Array): number | undefined {
  if (key.length !== entryKeyBytes || key[0] !== groupTag || key[5] !== KeyKind.Entry) return undefined;
  return readU64(key, groupKeyBytes);
}

/** A human-readable rendering for logs and error messages, e.g. `g/7/e/42` or `g/7/m/<6 bytes>`. */
export function describeKey(key: Uint8Array): string {
  const groupId = groupIdOf(key);
  if (groupId === undefined) {
    const destroyed = destroyingGroupOf(key);
    if (destroyed !== undefined) return `n/x/${destroyed}`;
    return key[0] === nodeTag
      ? `n/${Buffer.from(key.subarray(1)).toString("latin1")}`
      : `<${key.length} bytes>`;
  }
  const kind = key[5];
  if (kind === undefined) return `g/${groupId}`;
  const letter = String.fromCharCode(kind);
  if (kind === KeyKind.Entry) return `g/${groupId}/e/${entryIndexOf(key) ?? "?"}`;
  if (kind === KeyKind.Keyspace || kind === KeyKind.KeyspaceOther)
    return `g/${groupId}/${letter}/<${key.length - groupKeyBytes} bytes>`;
  return `g/${groupId}/${letter}`;
}

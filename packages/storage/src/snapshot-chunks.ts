import { ErrorCode, MillraceError } from "@millrace/common";
import { readU32, writeU32 } from "./bytes.js";
import { crc32c } from "./checksum.js";

/**
 * The wire form of a keyspace snapshot: a sequence of self-checking chunks, each at most about
 * `chunkBytesMax` (a single pair larger than that travels alone in its own chunk).
 *
 *   chunk = crc u32 | sequence u32 | flags u8 | count u32 | pair…
 *   pair  = key length u32 | key | value length u32 | value
 *
 * The CRC-32C covers everything after itself. Sequence numbers start at 0 and the last chunk carries flag
 * 1, so a lost, repeated or reordered chunk is detected rather than installing part of a state machine.
 * Keys are the group-relative user keys, so a snapshot from one group installs into any other.
 */

const headerBytes = 4 + 4 + 1 + 4;
const lastFlag = 1;

export interface KeyValue {
  readonly key: Uint8Array;
  readonly value: Uint8Array;
}

/** Bytes a pair occupies in a chunk. */
export function pairBytes(pair: KeyValue): number {
  return 8 + pair.key.length + pair.value.length;
}

export function encodeChunk(sequence: number, last: boolean, pairs: readonly KeyValue[]): Uint8Array {
  let size = headerBytes;
  for (const pair of pairs) size += pairBytes(pair);
  const chunk = new Uint8Array(size);
  writeU32(chunk, 4, sequence);
  chunk[8] = last ? lastFlag : 0;
  writeU32(chunk, 9, pairs.length);
  let offset = headerBytes;
  for (const { key, value } of pairs) {
    writeU32(chunk, offset, key.length);
    chunk.set(key, offset + 4);
    offset += 4 + key.length;
    writeU32(chunk, offset, value.length);
    chunk.set(value, offset + 4);
    offset += 4 + value.length;
  }
  writeU32(chunk, 0, crc32c(chunk, 0, 4));
  return chunk;
}

/**
 * Verifies a whole chunk sequence and returns its pairs in order, or throws INVALID_ARGUMENT without
 * returning anything: a snapshot is installed whole or not at all. Keys and values are copies, so the
 * chunks' buffers may be reused.
 */
export function decodeChunks(chunks: Iterable<Uint8Array>): KeyValue[] {
  const pairs: KeyValue[] = [];
  let expected = 0;
  let sawLast = false;
  for (const chunk of chunks) {
    if (sawLast) throw malformed(expected, "a chunk follows the one flagged last");
    sawLast = decodeChunk(chunk, expected, pairs);
    expected += 1;
  }
  if (!sawLast) throw malformed(expected, "the sequence ends without a chunk flagged last");
  return pairs;
}

function decodeChunk(chunk: Uint8Array, expected: number, pairs: KeyValue[]): boolean {
  if (chunk.length < headerBytes) throw malformed(expected, `${chunk.length} bytes is shorter than a header`);
  if (readU32(chunk, 0) !== crc32c(chunk, 0, 4)) throw malformed(expected, "checksum mismatch");
  const sequence = readU32(chunk, 4);
  if (sequence !== expected) throw malformed(expected, `sequence number ${sequence} out of order`);
  const flags = chunk[8] as number;
  if ((flags & ~lastFlag) !== 0) throw malformed(expected, `unknown flags ${flags}`);
  const count = readU32(chunk, 9);
  let offset = headerBytes;
  for (let i = 0; i < count; i++) {
    const key = field(chunk, offset, expected);
    offset += 4 + key.length;
    const value = field(chunk, offset, expected);
    offset += 4 + value.length;
    pairs.push({ key, value });
  }
  if (offset !== chunk.length) throw malformed(expected, "pair lengths do not add up to the chunk's size");
  return flags === lastFlag;
}

function field(chunk: Uint8Array, offset: number, sequence: number): Uint8Array {
  if (offset + 4 > chunk.length) throw malformed(sequence, "a pair runs past the end of the chunk");
  const length = readU32(chunk, offset);
  if (offset + 4 + length > chunk.length) throw malformed(sequence, "a pair runs past the end of the chunk");
  // A copy (Buffer's slice would be a view), so the caller may reuse the chunk's memory.
  return new Uint8Array(chunk.subarray(offset + 4, offset + 4 + length));
}

function malformed(sequence: number, problem: string): MillraceError {
  return new MillraceError(ErrorCode.INVALID_ARGUMENT, `snapshot chunk ${sequence} is malformed: ${problem}`);
}

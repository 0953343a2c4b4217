import { ErrorCode, MillraceError, concatBytes } from "@millrace/common";
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
    sawLast = decodeChunkPairs(chunk, expected, pairs);
    expected += 1;
  }
  if (!sawLast) throw malformed(expected, "the sequence ends without a chunk flagged last");
  return pairs;
}

/**
 * Verifies chunk number `expected` of a sequence and appends its pairs (copies) to `pairs`; returns whether
 * it is flagged last. Throws INVALID_ARGUMENT, having appended nothing, if it is malformed.
 */
export function decodeChunk(chunk: Uint8Array, expected: number, pairs: KeyValue[]): boolean {
  const before = pairs.length;
  try {
    return decodeChunkPairs(chunk, expected, pairs);
  } catch (error) {
    pairs.length = before;
    throw error;
  }
}

function decodeChunkPairs(chunk: Uint8Array, expected: number, pairs: KeyValue[]): boolean {
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

/**
 * A snapshot as one byte stream, for a transfer that cuts it wherever it likes: each chunk preceded by its
 * length (u32). Yields the length and the chunk as separate pieces, so no chunk is copied.
 */
export async function* framedChunks(
  chunks: AsyncIterable<Uint8Array> | Iterable<Uint8Array>,
): AsyncGenerator<Uint8Array> {
  for await (const chunk of chunks) {
    const length = new Uint8Array(4);
    writeU32(length, 0, chunk.length);
    yield length;
    yield chunk;
  }
}

/**
 * Cuts a framedChunks stream, arriving in pieces of any size, back into chunks. It holds at most one
 * chunk, of at most `chunkBytesMax` (a longer length is refused as malformed), and only the bytes of it
 * that have arrived: a length alone allocates nothing.
 */
export class FramedChunkReader {
  private readonly header = new Uint8Array(4);
  private headerFilled = 0;
  /** The length of the chunk being read, once its header is complete. */
  private length: number | undefined = undefined;
  private parts: Uint8Array[] = [];
  private partsBytes = 0;

  constructor(private readonly chunkBytesMax: number) {}

  /** Bytes of an unfinished chunk (with its length) held: 0 only between chunks. */
  get heldBytes(): number {
    return this.length === undefined ? this.headerFilled : 4 + this.partsBytes;
  }

  /** Takes the next piece of the stream (copying what it keeps); returns the chunks it completed, in order. */
  push(piece: Uint8Array): Uint8Array[] {
    const done: Uint8Array[] = [];
    let at = 0;
    while (at < piece.length || (this.length !== undefined && this.partsBytes === this.length)) {
      if (this.length === undefined) {
        const take = Math.min(4 - this.headerFilled, piece.length - at);
        this.header.set(piece.subarray(at, at + take), this.headerFilled);
        this.headerFilled += take;
        at += take;
        if (this.headerFilled < 4) break;
        const length = readU32(this.header, 0);
        if (length > this.chunkBytesMax) {
          throw new MillraceError(
            ErrorCode.INVALID_ARGUMENT,
            `snapshot stream announces a ${length}-byte chunk, above the ${this.chunkBytesMax} allowed`,
          );
        }
        this.length = length;
        this.headerFilled = 0;
      }
      const take = Math.min(this.length - this.partsBytes, piece.length - at);
      if (take > 0) {
        this.parts.push(piece.slice(at, at + take));
        this.partsBytes += take;
        at += take;
      }
      if (this.partsBytes === this.length) {
        done.push(this.parts.length === 1 ? (this.parts[0] as Uint8Array) : concatBytes(this.parts));
        this.parts = [];
        this.partsBytes = 0;
        this.length = undefined;
      }
    }
    return done;
  }
}

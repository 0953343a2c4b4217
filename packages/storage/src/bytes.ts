import { assert } from "@millrace/common";

const twoTo32 = 0x1_0000_0000;

/**
 * Writes `value` as 8 bytes, big-endian, so byte order equals numeric order. Indexes, terms and node ids
 * are safe integers (below 2^53), so the high word never needs more than 21 bits.
 */
export function writeU64(target: Uint8Array, offset: number, value: number): void {
  assert(
    Number.isSafeInteger(value) && value >= 0,
    () => `u64 field must be a non-negative safe integer, got ${value}`,
  );
  writeU32(target, offset, Math.floor(value / twoTo32));
  writeU32(target, offset + 4, value >>> 0);
}

/** Reads 8 big-endian bytes; undefined when the value is beyond the safe integers (only a damaged record can hold one). */
export function readU64(source: Uint8Array, offset: number): number | undefined {
  const high = readU32(source, offset);
  if (high >= 0x20_0000) return undefined;
  return high * twoTo32 + readU32(source, offset + 4);
}

export function writeU32(target: Uint8Array, offset: number, value: number): void {
  target[offset] = value >>> 24;
  target[offset + 1] = (value >>> 16) & 0xff;
  target[offset + 2] = (value >>> 8) & 0xff;
  target[offset + 3] = value & 0xff;
}

export function readU32(source: Uint8Array, offset: number): number {
  return (
    (((source[offset] as number) << 24) |
      ((source[offset + 1] as number) << 16) |
      ((source[offset + 2] as number) << 8) |
      (source[offset + 3] as number)) >>>
    0
  );
}

/** Lexicographic byte order, LevelDB's default comparator: negative, zero or positive. */
export function compareBytes(a: Uint8Array, b: Uint8Array): number {
  const length = Math.min(a.length, b.length);
  for (let i = 0; i < length; i++) {
    const diff = (a[i] as number) - (b[i] as number);
    if (diff !== 0) return diff;
  }
  return a.length - b.length;
}

/**
 * A plain Uint8Array over the same memory. LevelDB hands out Buffers, whose `slice` is a view rather than
 * a copy; callers of this package get plain arrays so the usual Uint8Array semantics hold.
 */
export function plainView(bytes: Uint8Array, start = 0, end = bytes.length): Uint8Array {
  return new Uint8Array(bytes.buffer, bytes.byteOffset + start, end - start);
}

/**
 * A string whose UTF-16 code units are the bytes, so JS string order equals byte order: a Map key for
 * binary keys that still sorts like LevelDB does.
 */
export function bytesToKeyString(bytes: Uint8Array): string {
  // Not String.fromCharCode.apply(null, bytes): quicker for a lone 26-byte key (220 ns against 280), it
  // raised receive + delete's main-thread CPU in `npm run bench:partition` from 80 to 102 µs per message.
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString("latin1");
}

export function keyStringToBytes(key: string): Uint8Array {
  // A copy: Buffer.from may place small strings in a shared pool that the result would otherwise pin.
  return Uint8Array.from(Buffer.from(key, "latin1"));
}

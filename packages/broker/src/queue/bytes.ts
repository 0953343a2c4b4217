/** Small byte helpers shared by the queue's keys, digests and receipt handles. */

import { assert } from "@millrace/common";

const utf8Encoder = new TextEncoder();
// fatal: a receipt handle or key that is not UTF-8 is malformed input, not something to repair.
const utf8Decoder = new TextDecoder("utf-8", { fatal: true });

export function utf8(text: string): Uint8Array {
  return utf8Encoder.encode(text);
}

/** The text of UTF-8 `bytes`, or undefined when they are not valid UTF-8. */
export function fromUtf8(bytes: Uint8Array): string | undefined {
  try {
    return utf8Decoder.decode(bytes);
  } catch {
    return undefined;
  }
}

export function utf8Length(text: string): number {
  return utf8Encoder.encode(text).length;
}

const hexDigits = "0123456789abcdef";
const hexDigitCodes = Uint16Array.from(hexDigits, (c) => c.charCodeAt(0));
/** Char codes of hex text being built; a longer text gets an array of its own. */
const hexCodes = new Uint16Array(1024);

/** Lowercase hex of `bytes[0, length)`, made as one flat string rather than a concatenation per byte. */
export function toHex(bytes: Uint8Array, length = bytes.length): string {
  const codes = 2 * length <= hexCodes.length ? hexCodes : new Uint16Array(2 * length);
  for (let i = 0; i < length; i++) {
    const byte = bytes[i] as number;
    codes[2 * i] = hexDigitCodes[byte >> 4] as number;
    codes[2 * i + 1] = hexDigitCodes[byte & 15] as number;
  }
  return String.fromCharCode.apply(null, codes.subarray(0, 2 * length) as unknown as number[]);
}

/** Each character code's hex value, or -1 for a character that is not a hex digit. */
const hexValues = new Int8Array(128).fill(-1);
for (let i = 0; i < 16; i++) {
  hexValues[hexDigits.charCodeAt(i)] = i;
  hexValues[hexDigits.toUpperCase().charCodeAt(i)] = i;
}

/**
 * The bytes of lowercase or uppercase hex, or undefined for anything else. By table rather than a regular
 * expression and parseInt per byte: every delete decodes its receipt handle this way on every replica.
 */
export function fromHex(text: string): Uint8Array | undefined {
  if (text.length % 2 !== 0) return undefined;
  const out = new Uint8Array(text.length / 2);
  return readHex(text, out, out.length) ? out : undefined;
}

/** Reads the first `length` bytes of hex `text` into `out`; false if a character is not a hex digit. */
export function readHex(text: string, out: Uint8Array, length: number): boolean {
  for (let i = 0; i < length; i++) {
    const high = hexValues[text.charCodeAt(2 * i)] ?? -1;
    const value = (high << 4) | (hexValues[text.charCodeAt(2 * i + 1)] ?? -1);
    if (value < 0) return false;
    out[i] = value;
  }
  return true;
}

/** Big-endian, so byte order is numeric order in keys. Values must be non-negative safe integers. */
export function u64(value: number): Uint8Array {
  const out = new Uint8Array(8);
  writeU64(out, 0, value);
  return out;
}

const two32 = 0x1_0000_0000;

/**
 * Writes `value` big-endian at `offset`. Two 32-bit halves rather than a BigInt: keys are built for every
 * message on every replica, and the BigInt round trip cost more than the rest of the key.
 */
export function writeU64(out: Uint8Array, offset: number, value: number): void {
  const high = Math.floor(value / two32);
  const low = value - high * two32;
  out[offset] = high >>> 24;
  out[offset + 1] = (high >>> 16) & 0xff;
  out[offset + 2] = (high >>> 8) & 0xff;
  out[offset + 3] = high & 0xff;
  out[offset + 4] = low >>> 24;
  out[offset + 5] = (low >>> 16) & 0xff;
  out[offset + 6] = (low >>> 8) & 0xff;
  out[offset + 7] = low & 0xff;
}

export function readU64(bytes: Uint8Array, offset: number): number {
  const at = (i: number) => bytes[offset + i] as number;
  assert(offset + 8 <= bytes.length, "a u64 past the end of its bytes");
  const high = ((at(0) << 24) | (at(1) << 16) | (at(2) << 8) | at(3)) >>> 0;
  const low = ((at(4) << 24) | (at(5) << 16) | (at(6) << 8) | at(7)) >>> 0;
  return high * two32 + low;
}

export function u32(value: number): Uint8Array {
  // Not a DataView: `out.buffer` would move the array's bytes out of V8's heap (see keys.ts).
  return Uint8Array.of(value >>> 24, (value >>> 16) & 0xff, (value >>> 8) & 0xff, value & 0xff);
}

export function bytesEqual(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

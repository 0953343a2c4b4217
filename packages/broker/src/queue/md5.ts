/**
 * MD5 (RFC 1321) in plain TypeScript. SQS clients verify MD5OfMessageBody and MD5OfMessageAttributes
 * byte for byte, and the broker may not import node:crypto (its state machines must run the same
 * everywhere, the simulator included), so the digest lives here. It is a checksum for compatibility,
 * never a security boundary.
 */

// Per-round left rotations and the sine-derived constants K[i] = floor(abs(sin(i + 1)) * 2^32), as
// tabulated in RFC 1321 §3.4; written out so no floating point runs at load.
const shifts = [
  7, 12, 17, 22, 7, 12, 17, 22, 7, 12, 17, 22, 7, 12, 17, 22, 5, 9, 14, 20, 5, 9, 14, 20, 5, 9, 14, 20, 5, 9,
  14, 20, 4, 11, 16, 23, 4, 11, 16, 23, 4, 11, 16, 23, 4, 11, 16, 23, 6, 10, 15, 21, 6, 10, 15, 21, 6, 10, 15,
  21, 6, 10, 15, 21,
];
const constants = new Uint32Array([
  0xd76aa478, 0xe8c7b756, 0x242070db, 0xc1bdceee, 0xf57c0faf, 0x4787c62a, 0xa8304613, 0xfd469501, 0x698098d8,
  0x8b44f7af, 0xffff5bb1, 0x895cd7be, 0x6b901122, 0xfd987193, 0xa679438e, 0x49b40821, 0xf61e2562, 0xc040b340,
  0x265e5a51, 0xe9b6c7aa, 0xd62f105d, 0x02441453, 0xd8a1e681, 0xe7d3fbc8, 0x21e1cde6, 0xc33707d6, 0xf4d50d87,
  0x455a14ed, 0xa9e3e905, 0xfcefa3f8, 0x676f02d9, 0x8d2a4c8a, 0xfffa3942, 0x8771f681, 0x6d9d6122, 0xfde5380c,
  0xa4beea44, 0x4bdecfa9, 0xf6bb4b60, 0xbebfbc70, 0x289b7ec6, 0xeaa127fa, 0xd4ef3085, 0x04881d05, 0xd9d4d039,
  0xe6db99e5, 0x1fa27cf8, 0xc4ac5665, 0xf4292244, 0x432aff97, 0xab9423a7, 0xfc93a039, 0x655b59c3, 0x8f0ccc92,
  0xffeff47d, 0x85845dd1, 0x6fa87e4f, 0xfe2ce6e0, 0xa3014314, 0x4e0811a1, 0xf7537e82, 0xbd3af235, 0x2ad7d2bb,
  0xeb86d391,
]);

/** Message word used at each step: i, then 5i + 1, 3i + 5 and 7i (mod 16), round by round. */
const wordAt = Int8Array.from({ length: 64 }, (_, i) =>
  i < 16 ? i : i < 32 ? (5 * i + 1) % 16 : i < 48 ? (3 * i + 5) % 16 : (7 * i) % 16,
);

// One digest runs start to end without yielding, so its working state is shared, not made per call:
// every message with attributes is hashed on every replica.
const state = new Int32Array(4);
const words = new Int32Array(16);

/** The 16-byte MD5 digest of `data`. */
export function md5(data: Uint8Array): Uint8Array {
  state[0] = 0x67452301;
  state[1] = 0xefcdab89;
  state[2] = 0x98badcfe;
  state[3] = 0x10325476;
  forEachBlock(data, true, md5Block);
  const out = new Uint8Array(16);
  for (let i = 0; i < 4; i++) {
    const word = state[i] as number;
    out[4 * i] = word & 0xff;
    out[4 * i + 1] = (word >>> 8) & 0xff;
    out[4 * i + 2] = (word >>> 16) & 0xff;
    out[4 * i + 3] = word >>> 24;
  }
  return out;
}

function md5Block(bytes: Uint8Array, offset: number): void {
  for (let i = 0; i < 16; i++) {
    const at = offset + 4 * i;
    words[i] =
      (bytes[at] as number) |
      ((bytes[at + 1] as number) << 8) |
      ((bytes[at + 2] as number) << 16) |
      ((bytes[at + 3] as number) << 24);
  }
  let a = state[0] as number;
  let b = state[1] as number;
  let c = state[2] as number;
  let d = state[3] as number;
  for (let i = 0; i < 64; i++) {
    const f = i < 16 ? (b & c) | (~b & d) : i < 32 ? (d & b) | (~d & c) : i < 48 ? b ^ c ^ d : c ^ (b | ~d);
    const sum = (a + f + (constants[i] as number) + (words[wordAt[i] as number] as number)) | 0;
    a = d;
    d = c;
    c = b;
    b = (b + rotl(sum, shifts[i] as number)) | 0;
  }
  state[0] = ((state[0] as number) + a) | 0;
  state[1] = ((state[1] as number) + b) | 0;
  state[2] = ((state[2] as number) + c) | 0;
  state[3] = ((state[3] as number) + d) | 0;
}

function rotl(x: number, n: number): number {
  return (x << n) | (x >>> (32 - n));
}

/** The last one or two blocks of a digest: the input's tail, then the padding. */
const tail = new Uint8Array(128);

/**
 * Merkle–Damgård padding shared by MD5 and SHA-256, without copying the input: calls `block` with each
 * 64-byte block, those whole in `data` in place, then one or two made of its tail, a 1 bit, zeros to
 * 56 mod 64 bytes, and the length in bits as 64 bits (little-endian for MD5, big-endian for SHA-256).
 */
export function forEachBlock(
  data: Uint8Array,
  littleEndianLength: boolean,
  block: (bytes: Uint8Array, offset: number) => void,
): void {
  const rest = data.length % 64;
  const whole = data.length - rest;
  for (let offset = 0; offset < whole; offset += 64) block(data, offset);
  tail.fill(0);
  for (let i = 0; i < rest; i++) tail[i] = data[whole + i] as number;
  tail[rest] = 0x80;
  const end = rest + 9 <= 64 ? 64 : 128;
  // Lengths in bits above 2^53 cannot occur: messages are capped far below that.
  const bits = data.length * 8;
  const high = Math.floor(bits / 0x1_0000_0000);
  const low = bits >>> 0;
  for (let i = 0; i < 4; i++) {
    const lowByte = (low >>> (8 * i)) & 0xff;
    const highByte = (high >>> (8 * i)) & 0xff;
    if (littleEndianLength) {
      tail[end - 8 + i] = lowByte;
      tail[end - 4 + i] = highByte;
    } else {
      tail[end - 1 - i] = lowByte;
      tail[end - 5 - i] = highByte;
    }
  }
  block(tail, 0);
  if (end === 128) block(tail, 64);
}

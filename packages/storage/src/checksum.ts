import { createRequire } from "node:module";

/**
 * CRC-32C (Castagnoli, polynomial 0x1EDC6F41, reflected 0x82F63B78), the checksum of iSCSI, ext4 and
 * LevelDB itself. Every stored record is checksummed on write and on every read from disk, and in the
 * log-append bench the JavaScript loop below was a tenth of each node's main thread: a Raft entry and
 * the state written from it are each hundreds of KiB under load. So inputs from `nativeFromBytes` up go
 * to `@node-rs/crc32` (the CPU's CRC32 instruction, about 6 GB/s here against 0.9 for the loop); below
 * that the call into native code costs more than it saves. Where its prebuilt binary cannot load (a
 * platform it does not ship for), everything stays on the loop, which gives the same values.
 */

type NativeCrc32c = (input: Uint8Array, initialState?: number) => number;

/** Below this many bytes the loop is as fast as the native call (measured: equal at about 100 bytes). */
const nativeFromBytes = 256;

const native: NativeCrc32c | undefined = loadNative();

function loadNative(): NativeCrc32c | undefined {
  try {
    const loaded = createRequire(import.meta.url)("@node-rs/crc32") as { crc32c?: unknown };
    return typeof loaded.crc32c === "function" ? (loaded.crc32c as NativeCrc32c) : undefined;
  } catch {
    return undefined;
  }
}

/** Whether checksums of large inputs run on the native code (false: all on the loop). */
export const crc32cIsNative = native !== undefined;

/**
 * The CRC-32C of `bytes[start, end)`. Pass a previous result as `crc` to continue it:
 * `crc32c(b, crc32c(a))` equals the CRC of `a` followed by `b`.
 */
export function crc32c(bytes: Uint8Array, crc = 0, start = 0, end = bytes.length): number {
  if (native === undefined || end - start < nativeFromBytes) return crc32cPortable(bytes, crc, start, end);
  const range = start === 0 && end === bytes.length ? bytes : bytes.subarray(start, end);
  return native(range, crc) >>> 0;
}

const polynomial = 0x82f63b78;
const tables = buildTables();

function buildTables(): Uint32Array {
  const t = new Uint32Array(8 * 256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? (c >>> 1) ^ polynomial : c >>> 1;
    t[n] = c >>> 0;
  }
  for (let n = 0; n < 256; n++) {
    let c = t[n] as number;
    for (let k = 1; k < 8; k++) {
      c = (t[c & 0xff] as number) ^ (c >>> 8);
      t[k * 256 + n] = c >>> 0;
    }
  }
  return t;
}

/**
 * The same checksum in JavaScript, table-driven with slicing-by-8 (eight 256-entry tables fold eight bytes
 * per step). Exported so tests hold the two implementations to each other.
 */
export function crc32cPortable(bytes: Uint8Array, crc = 0, start = 0, end = bytes.length): number {
  const t = tables;
  let c = ~crc;
  let i = start;
  // Eight bytes per step, then the tail a byte at a time.
  for (const stop = end - 8; i <= stop; i += 8) {
    const lo =
      c ^
      ((bytes[i] as number) |
        ((bytes[i + 1] as number) << 8) |
        ((bytes[i + 2] as number) << 16) |
        ((bytes[i + 3] as number) << 24));
    const hi =
      (bytes[i + 4] as number) |
      ((bytes[i + 5] as number) << 8) |
      ((bytes[i + 6] as number) << 16) |
      ((bytes[i + 7] as number) << 24);
    c =
      (t[1792 + (lo & 0xff)] as number) ^
      (t[1536 + ((lo >>> 8) & 0xff)] as number) ^
      (t[1280 + ((lo >>> 16) & 0xff)] as number) ^
      (t[1024 + (lo >>> 24)] as number) ^
      (t[768 + (hi & 0xff)] as number) ^
      (t[512 + ((hi >>> 8) & 0xff)] as number) ^
      (t[256 + ((hi >>> 16) & 0xff)] as number) ^
      (t[hi >>> 24] as number);
  }
  for (; i < end; i++) c = (t[(c ^ (bytes[i] as number)) & 0xff] as number) ^ (c >>> 8);
  return ~c >>> 0;
}

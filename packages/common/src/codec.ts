import { C1, FLOAT32_OPTIONS, Packr, type Options } from "msgpackr";
import { assert } from "./assert.js";
import { ErrorCode, MillraceError } from "./errors.js";

/**
 * msgpack for peer frames and stored records. What round-trips: null, undefined, booleans, numbers
 * (−0 becomes 0), well-formed strings, bigints from −2^63 to 2^64 − 1 (written as 64-bit integers),
 * Uint8Array (a Buffer is written as bytes and read back as a plain Uint8Array), Date, arrays and plain
 * objects. Other values are not carried faithfully: a Map decodes as a plain object, a Set as an array,
 * other typed arrays as bytes, and a `__proto__` key comes back as `__proto_` (msgpackr's guard against
 * prototype pollution). Encoding a function or an out-of-range bigint fails instead of losing it silently.
 */
export interface Codec {
  /** Encodes into a fresh, exactly sized buffer. Throws INVALID_ARGUMENT for values it cannot carry. */
  encode(value: unknown): Uint8Array;
  /**
   * Encodes as `encode` does, but returns a view into msgpackr's shared output buffer instead of a copy.
   * The bytes stay as they are (msgpackr only appends, and starts a new buffer when one fills), but the
   * view pins that whole buffer: for values copied at once, such as a StateWriter.put argument.
   */
  encodeView(value: unknown): Uint8Array;
  /** Decodes exactly one value spanning all of `bytes`. Throws INVALID_ARGUMENT for anything malformed. */
  decode(bytes: Uint8Array): unknown;
  /**
   * Decodes as `decode` does, but binary fields are views into `bytes` instead of copies: for input that
   * is never written again (a Raft entry's data, a stored record), read by callers that may let the
   * views pin it. A copy costs a malloc'd backing store per field, 5 µs of CPU for a 1 KiB body here.
   */
  decodeView(bytes: Uint8Array): unknown;
}

export interface CodecOptions {
  /**
   * Key lists of hot record shapes. An object with exactly these keys, in this order, is written as a
   * one-byte record id plus values, without the keys: about a third smaller than a map and up to twice
   * as fast to decode (reference/deps.md). Records refer to a
   * structure by its position, so encoder and decoder must use the same list, and the list is append-only:
   * reordering or removing an entry makes stored data unreadable.
   */
  readonly structures?: readonly (readonly string[])[];
}

/** Past 32 shared structures msgpackr switches to two-byte record ids, a mode this codec neither uses nor tests. */
export const codecStructuresMax = 32;

// Every option is spelled out rather than left to msgpackr's defaults, so an upgrade cannot change the
// bytes we write or what we accept.
const baseOptions = {
  useRecords: false,
  mapsAsObjects: true,
  variableMapSize: false,
  useFloat32: FLOAT32_OPTIONS.NEVER,
  int64AsType: "bigint",
  largeBigIntToFloat: false,
  largeBigIntToString: false,
  useBigIntExtension: false,
  // Without this, decoded binary fields would be views into the input, corrupted when a reader reuses it.
  copyBuffers: true,
  // Typed arrays, Sets and Errors go as plain bytes and arrays, so nothing exotic is written.
  moreTypes: false,
  // Structured clone's reference extensions let input build cyclic values; refuse them on decode.
  structuredClone: false,
  bundleStrings: false,
  encodeUndefinedAsNil: false,
  sequential: false,
  writeFunction: () => {
    throw new TypeError("a function cannot be encoded");
  },
} satisfies Options;

/** A Packr with the project's options, for callers that need msgpackr directly (streams, buffer reuse). */
export function createPackr(options: CodecOptions = {}): Packr {
  return packrWith(options, true);
}

function packrWith(options: CodecOptions, copyBuffers: boolean): Packr {
  const structures = options.structures ?? [];
  assert(structures.length <= codecStructuresMax, () => `at most ${codecStructuresMax} shared structures`);
  if (structures.length === 0) return new Packr({ ...baseOptions, copyBuffers });
  return new Packr({
    ...baseOptions,
    copyBuffers,
    useRecords: true,
    structures: structures.map(sharedStructure),
    // msgpackr would otherwise give new shapes shared ids that no other decoder knows; capped at the list
    // and refused sharing, they are written as self-describing inline records instead.
    maxSharedStructures: structures.length,
    shouldShareStructure: () => false,
  });
}

/**
 * A private copy of one key list (msgpackr annotates the arrays it holds), flagged as shared. msgpackr
 * restores shared entries after every decode; unflagged, an inline record definition in one malformed
 * input would overwrite the entry and silently rename the fields of every later record. msgpackr sets the
 * flag itself only on its getStructures path, which is meant for structures persisted and reloaded
 * through saveStructures, a protocol we do not use.
 */
function sharedStructure(keys: readonly string[]): string[] {
  return Object.assign([...keys], { isShared: true });
}

export function createCodec(options: CodecOptions = {}): Codec {
  const packr = packrWith(options, true);
  const viewPackr = packrWith(options, false);
  const view = (value: unknown): Uint8Array => {
    try {
      return packr.pack(value);
    } catch (cause) {
      throw new MillraceError(ErrorCode.INVALID_ARGUMENT, "value cannot be encoded as msgpack", { cause });
    }
  };
  return {
    // msgpackr returns a view into a shared buffer that grows to the largest value encoded so far; a copy
    // keeps one retained small record from pinning megabytes.
    encode: (value: unknown): Uint8Array => new Uint8Array(view(value)),
    encodeView: view,
    decode: (bytes: Uint8Array): unknown => decodeWith(packr, bytes),
    decodeView: (bytes: Uint8Array): unknown => decodeWith(viewPackr, bytes),
  };
}

function decodeWith(packr: Packr, bytes: Uint8Array): unknown {
  assert(bytes instanceof Uint8Array, "decode takes a Uint8Array");
  // Reading from a plain Uint8Array makes binary fields plain Uint8Arrays too. From a Buffer (as gRPC
  // and LevelDB hand out) they would be Buffers, whose slice() is a view rather than a copy.
  const source =
    bytes.constructor === Uint8Array
      ? bytes
      : new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let value: unknown;
  try {
    value = packr.unpack(source);
  } catch (cause) {
    // msgpackr's message may quote the data, which can be a client's, so only the cause keeps it.
    throw malformed(cause);
  }
  if (!isEncodable(value)) throw malformed(undefined);
  return value;
}

function malformed(cause: unknown): MillraceError {
  return new MillraceError(ErrorCode.INVALID_ARGUMENT, "malformed msgpack data", { cause });
}

/**
 * msgpackr decodes more than we encode: the reserved byte 0xc1 becomes a marker object, and extension
 * types build Errors, RegExps, Sets and other typed arrays from the input. None of those is ever written
 * by `encode`, so finding one means the bytes are not ours. The walk uses an explicit stack because
 * nesting depth is chosen by the input.
 */
function isEncodable(root: unknown): boolean {
  const pending: unknown[] = [root];
  while (pending.length > 0) {
    const value = pending.pop();
    if (typeof value !== "object" || value === null) continue;
    if (value === C1) return false;
    if (Array.isArray(value)) {
      for (const element of value) pending.push(element);
    } else if (value instanceof Uint8Array || value instanceof Date) {
      continue;
    } else if (Object.getPrototypeOf(value) === Object.prototype) {
      for (const key in value) pending.push((value as Record<string, unknown>)[key]);
    } else {
      return false;
    }
  }
  return true;
}

const defaultCodec = createCodec();

/** Encodes with the project's default codec (no shared structures). */
export function encode(value: unknown): Uint8Array {
  return defaultCodec.encode(value);
}

/** `encode` without the copy: see Codec.encodeView, and copy the result before keeping it. */
export function encodeView(value: unknown): Uint8Array {
  return defaultCodec.encodeView(value);
}

/** Decodes with the project's default codec (no shared structures). */
export function decode(bytes: Uint8Array): unknown {
  return defaultCodec.decode(bytes);
}

/** `decode` with binary fields as views into `bytes`: see Codec.decodeView. */
export function decodeView(bytes: Uint8Array): unknown {
  return defaultCodec.decodeView(bytes);
}

/**
 * The replicated log's binary layouts. An append command is laid out so that its tail is, byte for byte,
 * the chunk the log stores: apply writes one value per append, whatever its record count, without
 * decoding and re-encoding the records.
 *
 *   append command  0xc1 | 0x01 | chunk
 *   chunk           count u32 | (length u32 | record bytes) × count
 *
 *   stored chunk    chunk                       (inline: from a snapshot or an old msgpack command)
 *                 | 0xff | raft index u64         (a reference: the append command at that index)
 *
 * 0xc1 is a byte msgpack never writes, so a command starting with it cannot be a msgpack command (the
 * form earlier versions wrote, which still applies). An inline chunk starts with its record count, whose
 * high byte is 0 (counts stay far below 2^24), so 0xff marks a reference. All integers are big-endian.
 */

const layoutTag = 0xc1;
const appendKind = 0x01;
const headerBytes = 2;
const u32Bytes = 4;

/** The append command for `records`, in order. */
export function encodeAppendCommand(records: readonly Uint8Array[]): Uint8Array {
  let size = headerBytes + u32Bytes;
  for (const record of records) size += u32Bytes + record.byteLength;
  const out = new Uint8Array(size);
  const view = new DataView(out.buffer);
  out[0] = layoutTag;
  out[1] = appendKind;
  view.setUint32(headerBytes, records.length);
  let at = headerBytes + u32Bytes;
  for (const record of records) {
    view.setUint32(at, record.byteLength);
    out.set(record, at + u32Bytes);
    at += u32Bytes + record.byteLength;
  }
  return out;
}

const referenceTag = 0xff;
const referenceBytes = 9;
/** The stored value that stands for the chunk of the append command at Raft index `index`. */
export function chunkReference(index: number): Uint8Array {
  const out = new Uint8Array(referenceBytes);
  out[0] = referenceTag;
  new DataView(out.buffer).setBigUint64(1, BigInt(index));
  return out;
}

/** The Raft index a stored chunk value refers to, or undefined when the value is an inline chunk. */
export function referencedIndex(stored: Uint8Array): number | undefined {
  if (stored[0] !== referenceTag) return undefined;
  if (stored.length !== referenceBytes) throw new Error("stored log chunk reference is damaged");
  return Number(new DataView(stored.buffer, stored.byteOffset, stored.byteLength).getBigUint64(1));
}

/** Whether `command` is in a binary layout (rather than msgpack). */
export function isLayoutCommand(command: Uint8Array): boolean {
  return command[0] === layoutTag;
}

/** A chunk checked to be well formed, with its record count and the bytes its records hold. */
export interface CheckedChunk {
  readonly chunk: Uint8Array;
  readonly count: number;
  readonly recordBytes: number;
}

/**
 * The chunk inside a binary append command, or a description of what is wrong with it. Every length is
 * checked against the bytes present, so a damaged or hostile command is refused, never misread.
 */
export function appendChunkOf(command: Uint8Array): CheckedChunk | string {
  if (command.length < headerBytes || command[1] !== appendKind) {
    return `unknown log command layout ${command[1] ?? "(none)"}`;
  }
  const chunk = command.subarray(headerBytes);
  const checked = checkChunk(chunk);
  return typeof checked === "string" ? checked : { chunk, ...checked };
}

/** The record count and record bytes of `chunk`, or what is wrong with it. */
function checkChunk(chunk: Uint8Array): { count: number; recordBytes: number } | string {
  if (chunk.length < u32Bytes) return "append command is cut short";
  const view = new DataView(chunk.buffer, chunk.byteOffset, chunk.byteLength);
  const count = view.getUint32(0);
  let at = u32Bytes;
  let recordBytes = 0;
  for (let i = 0; i < count; i++) {
    if (at + u32Bytes > chunk.length) return `append command ends inside the length of record ${i + 1}`;
    const length = view.getUint32(at);
    at += u32Bytes;
    if (length > chunk.length - at) return `record ${i + 1} runs past the end of the append command`;
    at += length;
    recordBytes += length;
  }
  if (at !== chunk.length) return `append command has ${chunk.length - at} bytes after its ${count} records`;
  return { count, recordBytes };
}

/** The chunk holding `records` (for commands in the old msgpack form, whose records come as a list). */
export function chunkOf(records: readonly Uint8Array[]): Uint8Array {
  return encodeAppendCommand(records).subarray(headerBytes);
}

/**
 * A stored chunk's records from index `skip` on, at most `take` of them, as views into it: a read from the
 * middle of a large chunk builds only what it returns. Stored chunks were checked when
 * appended, so a chunk that does not parse is damaged state: the caller treats the error as corruption.
 */
export function recordsOfChunk(chunk: Uint8Array, skip = 0, take = Number.POSITIVE_INFINITY): Uint8Array[] {
  const count = storedChunkCount(chunk);
  const view = new DataView(chunk.buffer, chunk.byteOffset, chunk.byteLength);
  const records: Uint8Array[] = [];
  let at = u32Bytes;
  for (let i = 0; i < count && records.length < take; i++) {
    const length = view.getUint32(at);
    if (i >= skip) records.push(chunk.subarray(at + u32Bytes, at + u32Bytes + length));
    at += u32Bytes + length;
  }
  return records;
}

/** The record count of a stored chunk, checked as recordsOfChunk checks it. */
export function storedChunkCount(chunk: Uint8Array): number {
  const checked = checkChunk(chunk);
  if (typeof checked === "string") throw new Error(`stored log chunk is damaged: ${checked}`);
  return checked.count;
}

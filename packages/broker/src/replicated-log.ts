import {
  ErrorCode,
  assert,
  decode,
  encode,
  limits,
  shown,
  type ApplyResult,
  type CommittedEntries,
  type StateMachine,
  type StateReader,
  type StateWriter,
} from "@millrace/common";
import {
  appendChunkOf,
  chunkOf,
  chunkReference,
  encodeAppendCommand,
  isLayoutCommand,
  recordsOfChunk,
  referencedIndex,
  storedChunkCount,
  type CheckedChunk,
} from "./log-layouts.js";

/**
 * A replicated append-only log: records get consecutive sequence numbers from 1, can be read by range
 * and trimmed from the front. Streams grow from this; today it proves the machinery end to end.
 *
 * Each append is stored as one chunk, whatever its record count (log-layouts.ts): the log leader folds
 * concurrent appends into one entry, and writing that entry's records as one value rather than one key
 * each saves a LevelDB put, a checksum and a key per record.
 *
 * The records themselves are stored once, in the Raft log: the chunk's value is a reference to the append
 * command's entry, whose tail is the chunk byte for byte. Copying them into the keyspace as well doubled
 * what every replica wrote to LevelDB (and compacted) per record. So the log's Raft entries are kept
 * while a chunk refers to them (logNeededFrom), and a snapshot carries the chunks inline (snapshotValue),
 * since its receiver's log starts after them. Chunks from a snapshot, and from appends in the msgpack form,
 * are stored inline.
 *
 * Keyspace:
 * - `m` → the summary {firstSeq, nextSeq, chunkFirst, legacyEnd, refFrom};
 * - `c` + the chunk's last seq (8 bytes, big-endian) → the chunk, inline or as a reference, so a forward
 *   scan from any seq finds the chunk holding it;
 * - `b` + the chunk's first seq → its last seq, so trimming can walk the chunks from the front with point
 *   reads;
 * - `r` + seq → one record: how versions before chunks stored records. A log written by one keeps those
 *   below `legacyEnd`, read and trimmed as before.
 */
export type LogCommand =
  | { readonly type: "append"; readonly records: readonly Uint8Array[] }
  | { readonly type: "trim"; readonly beforeSeq: number };

/**
 * A command as apply sees it once checked: an append carries its records as the chunk to store, and
 * whether that chunk is the tail of the command itself (the binary form), which a reference can name.
 */
type CheckedCommand =
  | { readonly type: "append"; readonly chunk: Uint8Array; readonly count: number; readonly tail: boolean }
  | { readonly type: "trim"; readonly beforeSeq: number };

export interface AppendResult {
  readonly type: "append";
  /** Sequence of the first record appended; the rest follow consecutively. */
  readonly firstSeq: number;
  readonly count: number;
}

export interface TrimResult {
  readonly type: "trim";
  readonly firstSeq: number;
}

export type LogResult = AppendResult | TrimResult;

interface LogSummary {
  firstSeq: number;
  nextSeq: number;
  chunkFirst?: number;
  legacyEnd?: number;
  /** The Raft index the oldest chunk stored by reference names; absent when none is. */
  refFrom?: number;
}

const metaKey = new Uint8Array([0x6d]);
const recordPrefix = 0x72;
const chunkPrefix = 0x63;
const boundsPrefix = 0x62;
/** Chunks fetched per read of the keyspace while serving a range: a chunk may hold up to a MiB. */
const chunksPerRead = 4;

function seqKey(prefix: number, seq: number): Uint8Array {
  const key = new Uint8Array(9);
  key[0] = prefix;
  new DataView(key.buffer).setBigUint64(1, BigInt(seq));
  return key;
}

function seqOfKey(key: Uint8Array): number {
  return Number(new DataView(key.buffer, key.byteOffset, key.byteLength).getBigUint64(1));
}

/** The key of one record as versions before chunks stored it. */
export function recordKey(seq: number): Uint8Array {
  return seqKey(recordPrefix, seq);
}

export const seqOfRecordKey = seqOfKey;

export function encodeLogCommand(command: LogCommand): Uint8Array {
  return command.type === "append" ? encodeAppendCommand(command.records) : encode(command);
}

export class ReplicatedLog implements StateMachine<LogResult> {
  /** The lowest sequence still stored. */
  firstSeq = 1;
  /** The sequence the next appended record gets. */
  nextSeq = 1;
  /** The first seq of the oldest chunk still stored (nextSeq when there is none). */
  private chunkFirst = 1;
  /** Records below this seq are stored one per key, as versions before chunks wrote them. */
  private legacyEnd = 1;
  /**
   * At most the Raft index of the oldest chunk stored by reference (undefined when none is). References
   * name ever higher indexes as seqs grow, so it is exact while the oldest chunk is a reference, and a
   * safe lower bound while inline chunks from a snapshot still come first.
   */
  private refFrom: number | undefined = undefined;

  apply(index: number, command: Uint8Array, writer: StateWriter): ApplyResult<LogResult> {
    const parsed = parseCommand(command);
    if (!parsed.ok) return parsed;
    const cmd = parsed.value;
    switch (cmd.type) {
      case "append": {
        const firstSeq = this.nextSeq;
        const lastSeq = firstSeq + cmd.count - 1;
        if (cmd.tail) {
          writer.put(seqKey(chunkPrefix, lastSeq), chunkReference(index));
          this.refFrom ??= index;
        } else {
          writer.put(seqKey(chunkPrefix, lastSeq), cmd.chunk);
        }
        writer.put(seqKey(boundsPrefix, firstSeq), u64(lastSeq));
        this.nextSeq = lastSeq + 1;
        this.writeMeta(writer);
        return { ok: true, value: { type: "append", firstSeq, count: cmd.count } };
      }
      case "trim": {
        const until = Math.min(cmd.beforeSeq, this.nextSeq);
        for (let seq = this.firstSeq; seq < Math.min(until, this.legacyEnd); seq++)
          writer.del(recordKey(seq));
        this.dropChunksBelow(until, writer);
        this.firstSeq = Math.max(this.firstSeq, until);
        this.writeMeta(writer);
        return { ok: true, value: { type: "trim", firstSeq: this.firstSeq } };
      }
    }
  }

  async restore(reader: StateReader): Promise<void> {
    const meta = await reader.get(metaKey);
    if (meta === undefined) {
      this.firstSeq = this.nextSeq = this.chunkFirst = this.legacyEnd = 1;
      this.refFrom = undefined;
      return;
    }
    const summary = decode(meta) as LogSummary;
    this.firstSeq = summary.firstSeq;
    this.nextSeq = summary.nextSeq;
    // A summary without chunk fields was written before chunks: every record so far is one per key.
    this.legacyEnd = summary.legacyEnd ?? summary.nextSeq;
    this.chunkFirst = summary.chunkFirst ?? summary.nextSeq;
    this.refFrom = summary.refFrom;
  }

  logNeededFrom(): number | undefined {
    return this.refFrom;
  }

  /** A chunk travels inline, and the summary without refFrom: the receiver's chunks refer to nothing. */
  async snapshotValue(key: Uint8Array, value: Uint8Array, entries: CommittedEntries): Promise<Uint8Array> {
    if (key[0] === chunkPrefix) {
      const resolved = await resolveChunk(value, entries);
      if (resolved === undefined) throw missingEntry(value);
      return resolved.chunk;
    }
    if (key.length === metaKey.length && key[0] === metaKey[0]) {
      const { refFrom: _dropped, ...summary } = decode(value) as LogSummary;
      return encode(summary);
    }
    return value;
  }

  /** Records with fromSeq ≤ seq, at most `limit`, in order; `entries` resolves chunks stored by reference. */
  async read(
    reader: StateReader,
    entries: CommittedEntries,
    fromSeq: number,
    limit: number,
  ): Promise<{ seq: number; record: Uint8Array }[]> {
    const nextSeq = this.nextSeq;
    let seq = Math.max(fromSeq, this.firstSeq);
    const out: { seq: number; record: Uint8Array }[] = [];
    if (seq < this.legacyEnd) {
      const rows = await reader.range(recordKey(seq), recordKey(this.legacyEnd), limit);
      for (const row of rows) out.push({ seq: seqOfKey(row.key), record: row.value });
      seq = this.legacyEnd;
    }
    while (out.length < limit && seq < nextSeq) {
      // Chunks are keyed by their last seq, so the first at or after `seq` is the one holding it.
      const chunks = await reader.range(
        seqKey(chunkPrefix, seq),
        seqKey(chunkPrefix, nextSeq),
        chunksPerRead,
      );
      if (chunks.length === 0) break;
      for (const { key, value } of chunks) {
        const lastSeq = seqOfKey(key);
        const resolved = await resolveChunk(value, entries);
        if (resolved === undefined) {
          // A trim applied since the range was read released the entry: its records are gone anyway.
          if (lastSeq < this.firstSeq) {
            seq = lastSeq + 1;
            continue;
          }
          throw missingEntry(value);
        }
        const { chunk, count } = resolved;
        const chunkFirstSeq = lastSeq - count + 1;
        const skip = Math.max(seq - chunkFirstSeq, 0);
        for (const [i, record] of recordsOfChunk(chunk, skip, limit - out.length).entries()) {
          out.push({ seq: chunkFirstSeq + skip + i, record });
        }
        seq = lastSeq + 1;
        if (out.length >= limit) break;
      }
    }
    return out;
  }

  /**
   * Deletes every chunk whose records all lie below `until`, walking from the oldest by its bounds key.
   * A chunk straddling `until` stays whole; firstSeq hides its trimmed records.
   */
  private dropChunksBelow(until: number, writer: StateWriter): void {
    let dropped = false;
    while (this.chunkFirst < Math.min(until, this.nextSeq)) {
      const lastSeq = this.lastSeqOfChunkAt(this.chunkFirst, writer);
      if (lastSeq >= until) break;
      writer.del(seqKey(chunkPrefix, lastSeq));
      writer.del(seqKey(boundsPrefix, this.chunkFirst));
      this.chunkFirst = lastSeq + 1;
      dropped = true;
    }
    if (dropped && this.refFrom !== undefined) this.refFrom = this.oldestReference(writer);
  }

  /**
   * refFrom once chunks were dropped: the oldest chunk's reference when it is one. An inline oldest chunk
   * keeps the old value, a lower bound (every reference still stored names a later entry).
   */
  private oldestReference(writer: StateWriter): number | undefined {
    if (this.chunkFirst >= this.nextSeq) return undefined;
    const stored = writer.getSync(seqKey(chunkPrefix, this.lastSeqOfChunkAt(this.chunkFirst, writer)));
    assert(stored !== undefined, () => `log chunk at ${this.chunkFirst} is missing`);
    return referencedIndex(stored) ?? this.refFrom;
  }

  private lastSeqOfChunkAt(firstSeq: number, writer: StateWriter): number {
    const bounds = writer.getSync(seqKey(boundsPrefix, firstSeq));
    assert(bounds !== undefined && bounds.length === 8, () => `log chunk at ${firstSeq} has no bounds`);
    return Number(new DataView(bounds.buffer, bounds.byteOffset, 8).getBigUint64(0));
  }

  private writeMeta(writer: StateWriter): void {
    const summary: LogSummary = {
      firstSeq: this.firstSeq,
      nextSeq: this.nextSeq,
      chunkFirst: this.chunkFirst,
      legacyEnd: this.legacyEnd,
      ...(this.refFrom === undefined ? {} : { refFrom: this.refFrom }),
    };
    writer.put(metaKey, encode(summary));
  }
}

/**
 * A stored chunk with its record count: inline as stored, or the tail of the append command its reference
 * names; undefined when the log no longer holds that entry. A reference to an entry that is not an
 * append is damaged state: it throws.
 */
async function resolveChunk(
  stored: Uint8Array,
  entries: CommittedEntries,
): Promise<{ chunk: Uint8Array; count: number } | undefined> {
  const index = referencedIndex(stored);
  if (index === undefined) return { chunk: stored, count: storedChunkCount(stored) };
  const command = await entries.command(index);
  if (command === undefined) return undefined;
  const checked = isLayoutCommand(command) ? appendChunkOf(command) : "it is not a binary append";
  if (typeof checked === "string") {
    throw new Error(`log chunk refers to Raft entry ${index}, which is damaged: ${checked}`);
  }
  return { chunk: checked.chunk, count: checked.count };
}

function u64(value: number): Uint8Array {
  const out = new Uint8Array(8);
  new DataView(out.buffer).setBigUint64(0, BigInt(value));
  return out;
}

/** Validates a command as data from the log: anything malformed is a rejection, never a crash. */
function parseCommand(bytes: Uint8Array): ApplyResult<CheckedCommand> {
  if (isLayoutCommand(bytes)) {
    const checked = appendChunkOf(bytes);
    if (typeof checked === "string") return invalid(checked);
    return checkedAppend(checked, true);
  }
  let value: unknown;
  try {
    value = decode(bytes);
  } catch {
    return invalid("log command is not valid msgpack");
  }
  if (typeof value !== "object" || value === null) return invalid("log command must be an object");
  const cmd = value as Record<string, unknown>;
  if (cmd["type"] === "append") {
    // The msgpack form earlier versions proposed; entries written by them may still be applied.
    const records = cmd["records"];
    if (!Array.isArray(records) || !records.every((r) => r instanceof Uint8Array)) {
      return invalid("records must be a non-empty array of bytes");
    }
    // Counted before packing, so a list far over the limit is refused without copying it.
    const tooMany = countProblem(records.length);
    if (tooMany !== undefined) return invalid(tooMany);
    const recordBytes = records.reduce((sum: number, r: Uint8Array) => sum + r.byteLength, 0);
    return checkedAppend({ chunk: chunkOf(records), count: records.length, recordBytes }, false);
  }
  if (cmd["type"] === "trim") {
    const beforeSeq = cmd["beforeSeq"];
    if (typeof beforeSeq !== "number" || !Number.isSafeInteger(beforeSeq) || beforeSeq < 1) {
      return invalid("beforeSeq must be a positive integer");
    }
    return { ok: true, value: { type: "trim", beforeSeq } };
  }
  return invalid(`unknown log command type ${shown(cmd["type"])}`);
}

/** The bounds every append must keep, whichever form it came in. */
function checkedAppend(append: CheckedChunk, tail: boolean): ApplyResult<CheckedCommand> {
  const tooMany = countProblem(append.count);
  if (tooMany !== undefined) return invalid(tooMany);
  if (append.recordBytes > limits.batchBytesMax) {
    return invalid(`records total ${append.recordBytes} bytes, above the ${limits.batchBytesMax}-byte limit`);
  }
  return { ok: true, value: { type: "append", chunk: append.chunk, count: append.count, tail } };
}

function countProblem(count: number): string | undefined {
  if (count === 0) return "records must be a non-empty array of bytes";
  if (count > limits.logAppendRecordsMax) {
    return `an append holds ${count} records, above the ${limits.logAppendRecordsMax}-record limit`;
  }
  return undefined;
}

function missingEntry(reference: Uint8Array): Error {
  return new Error(
    `log chunk refers to Raft entry ${referencedIndex(reference)}, which the log no longer holds`,
  );
}

function invalid(message: string): ApplyResult<never> {
  return { ok: false, code: ErrorCode.INVALID_ARGUMENT, message };
}

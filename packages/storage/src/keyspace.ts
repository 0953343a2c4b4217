import { assert, ErrorCode, limits, MillraceError } from "@millrace/common";
import { bytesToKeyString, compareBytes, plainView } from "./bytes.js";
import { type Database, type RangeIterator } from "./database.js";
import { type CorruptionError } from "./errors.js";
import { type DurableListener, type WriteBatch } from "./group-commit.js";
import { keyspaceKey, keyspacePrefix, keyspaceRange, type KeyRange, type KeyspaceSlot } from "./keys.js";
import { decodeValue, encodeValue } from "./records.js";
import { decodeChunks, encodeChunk, framedChunks, pairBytes, type KeyValue } from "./snapshot-chunks.js";

/**
 * User keys are bounded so a key always fits a snapshot chunk and an error message; state machines build
 * keys from ids and names that are capped far below this.
 */
export const keyspaceKeyBytesMax = 4096;

/** Pairs fetched from LevelDB per native call while iterating. */
const iteratorBatchPairs = 256;

/** What a keyspace needs from the group that owns it. */
export interface KeyspaceContext {
  readonly groupId: number;
  readonly db: Database;
  readonly batch: WriteBatch;
  /** Throws if the group is closed (an assertion) or damaged (its CorruptionError). */
  check(): void;
  /** Marks the group damaged and returns the error to throw. */
  damaged(error: CorruptionError): CorruptionError;
}

/** A staged write not yet durable: the value, or undefined for a delete. */
interface Pending {
  readonly key: Uint8Array;
  readonly value: Uint8Array | undefined;
}

/** The writes a keyspace staged into one batch generation. */
interface StagedGeneration {
  readonly generation: number;
  readonly writes: Map<string, Pending>;
}

export interface ReadSnapshotOptions {
  /** Target chunk size; defaults to limits.snapshotChunkBytesMax so a chunk fits a peer frame. */
  readonly chunkBytesMax?: number;
  /** The value a pair travels with, given its key and stored value (the stored value when absent). */
  readonly valueFor?: (key: Uint8Array, value: Uint8Array) => Uint8Array | Promise<Uint8Array>;
}

/**
 * A group's state machine keyspace: ordered binary keys under the group's prefix. Writes are staged into
 * the node's WriteBatch, so the state machine's changes for an entry and the applied index that covers
 * them become durable together. Reads see staged writes at once (read-your-writes): staged values are kept
 * in memory until their batch is durable, and merged over what LevelDB holds.
 *
 * Returned keys and values must not be mutated; values passed to `put` are copied.
 */
export class Keyspace implements DurableListener {
  private prefix: Uint8Array;
  private range: KeyRange;
  /**
   * Staged writes by the batch generation they went into, oldest first, each by key (as a latin1 string,
   * which sorts like the bytes); a key's newest write is the one that counts. A generation made durable
   * is dropped whole. Deleting its keys one by one from a single map, after walking every staged write to
   * find them, made staging 3.5% of a queue partition's main thread in npm run bench:partition (a CPU
   * profile: 536 of 15,379 ms); by generation, 1.1% (169 of 15,515 ms).
   */
  private staged: StagedGeneration[] = [];
  /** The generation of a staged clear() that is not yet durable: until it is, stored keys are invisible. */
  private clearedGeneration: number | undefined = undefined;

  constructor(private readonly ctx: KeyspaceContext) {
    this.prefix = keyspacePrefix(ctx.groupId);
    this.range = keyspaceRange(ctx.groupId);
  }

  /**
   * Moves to the keys of another slot (GroupStorage.installStagedSnapshot), forgetting staged writes:
   * they belong to the slot left behind.
   */
  useSlot(slot: KeyspaceSlot): void {
    this.prefix = keyspacePrefix(this.ctx.groupId, slot);
    this.range = keyspaceRange(this.ctx.groupId, slot);
    this.staged = [];
    this.clearedGeneration = undefined;
  }

  /** The value at `key`, or undefined. */
  async get(key: Uint8Array): Promise<Uint8Array | undefined> {
    this.ctx.check();
    checkKey(key);
    const staged = this.stagedWrite(bytesToKeyString(key));
    if (staged !== undefined) return staged.value;
    if (this.clearedGeneration !== undefined) return undefined;
    const fullKey = keyspaceKey(this.prefix, key);
    const record = await this.ctx.db.get(fullKey);
    return record === undefined ? undefined : this.decode(fullKey, record);
  }

  /** The value at `key`, or undefined, read synchronously (for state machines applying a command). */
  getSync(key: Uint8Array): Uint8Array | undefined {
    this.ctx.check();
    checkKey(key);
    const staged = this.stagedWrite(bytesToKeyString(key));
    if (staged !== undefined) return staged.value;
    if (this.clearedGeneration !== undefined) return undefined;
    const fullKey = keyspaceKey(this.prefix, key);
    const record = this.ctx.db.getSync(fullKey);
    return record === undefined ? undefined : this.decode(fullKey, record);
  }

  /**
   * Up to `limit` pairs with keys in [fromKey, toKey) in key order; `toKey` undefined means to the end of
   * the keyspace. The view is taken when this is called.
   */
  async iterate(fromKey: Uint8Array, toKey: Uint8Array | undefined, limit: number): Promise<KeyValue[]> {
    assert(Number.isSafeInteger(limit) && limit > 0, () => `iterate needs a positive limit, got ${limit}`);
    const pairs: KeyValue[] = [];
    if (toKey !== undefined && compareBytes(fromKey, toKey) >= 0) return pairs;
    for await (const pair of this.scan(fromKey, toKey, limit)) {
      pairs.push(pair);
      if (pairs.length >= limit) break;
    }
    return pairs;
  }

  /** Stages `key` = `value`. */
  put(key: Uint8Array, value: Uint8Array): void {
    this.ctx.check();
    checkKey(key);
    this.stagePut(key, value);
  }

  /** Stages the removal of `key` (a no-op if it does not exist). */
  del(key: Uint8Array): void {
    this.ctx.check();
    checkKey(key);
    const fullKey = keyspaceKey(this.prefix, key);
    const batch = this.ctx.batch;
    batch.del(fullKey);
    this.remember(key, undefined);
  }

  /**
   * Stages the removal of every key. It is one range delete in the batch (keys staged after it survive),
   * resolved against LevelDB when the batch commits, so clearing a large keyspace makes that commit slower.
   */
  clear(): void {
    this.ctx.check();
    const batch = this.ctx.batch;
    batch.deleteRange(this.range);
    this.staged = [];
    this.clearedGeneration = batch.generation;
    batch.afterDurable(this);
  }

  /**
   * Streams the whole keyspace as snapshot chunks (see snapshot-chunks.ts), as of the moment this is
   * called: LevelDB's iterator snapshot and the staged writes are both captured now, so call it in the same
   * synchronous run that reads the applied index the snapshot is labelled with. The LevelDB snapshot is
   * held until the stream ends: consume it to the end or call `return()`.
   */
  readSnapshotChunks(options: ReadSnapshotOptions = {}): AsyncIterableIterator<Uint8Array> {
    this.ctx.check();
    const chunkBytesMax = options.chunkBytesMax ?? limits.snapshotChunkBytesMax;
    assert(
      Number.isSafeInteger(chunkBytesMax) && chunkBytesMax > 0,
      "chunkBytesMax must be a positive integer",
    );
    const { pairs, close } = this.scanParts(new Uint8Array(0), undefined);
    const valueFor = options.valueFor;
    const chunks = chunked(valueFor === undefined ? pairs : mapValues(pairs, valueFor), chunkBytesMax);
    return closingUnstarted(chunks, close);
  }

  /** readSnapshotChunks as the byte stream a snapshot transfer carries (framedChunks). */
  readSnapshotStream(options: ReadSnapshotOptions = {}): AsyncIterableIterator<Uint8Array> {
    const chunks = this.readSnapshotChunks(options);
    return closingUnstarted(framedChunks(chunks), () => chunks.return?.());
  }

  /**
   * Replaces the whole keyspace with a snapshot's contents: verifies every chunk first (INVALID_ARGUMENT,
   * with nothing staged, if one is bad), then stages a clear and every pair. Synchronous, so the caller can
   * stage the snapshot's Raft metadata and applied index in the same batch (GroupStorage.installSnapshot
   * does all three). Returns the number of pairs staged.
   */
  installSnapshot(chunks: Iterable<Uint8Array>): number {
    this.ctx.check();
    const pairs = decodeChunks(chunks);
    for (const { key } of pairs) {
      if (key.length > keyspaceKeyBytesMax) {
        throw new MillraceError(
          ErrorCode.INVALID_ARGUMENT,
          `snapshot holds a ${key.length}-byte key, above the limit`,
        );
      }
    }
    this.clear();
    for (const { key, value } of pairs) this.stagePut(key, value);
    return pairs.length;
  }

  onDurable(generation: number): void {
    if (this.clearedGeneration !== undefined && this.clearedGeneration <= generation) {
      this.clearedGeneration = undefined;
    }
    const firstPending = this.staged.findIndex((staged) => staged.generation > generation);
    if (firstPending !== 0) this.staged = firstPending === -1 ? [] : this.staged.slice(firstPending);
  }

  private stagePut(key: Uint8Array, value: Uint8Array): void {
    const fullKey = keyspaceKey(this.prefix, key);
    const record = encodeValue(fullKey, value);
    this.ctx.batch.put(fullKey, record);
    // The staged value is a view of the sealed record, already a copy of the caller's bytes.
    this.remember(key, plainView(record, record.length - value.length));
  }

  private remember(key: Uint8Array, value: Uint8Array | undefined): void {
    const batch = this.ctx.batch;
    const generation = batch.generation;
    let newest = this.staged[this.staged.length - 1];
    if (newest?.generation !== generation) {
      newest = { generation, writes: new Map() };
      this.staged.push(newest);
    }
    newest.writes.set(bytesToKeyString(key), { key: new Uint8Array(key), value });
    batch.afterDurable(this);
  }

  /** The newest staged write at a key (as its latin1 string), or undefined. */
  private stagedWrite(keyString: string): Pending | undefined {
    for (let i = this.staged.length - 1; i >= 0; i--) {
      const write = (this.staged[i] as StagedGeneration).writes.get(keyString);
      if (write !== undefined) return write;
    }
    return undefined;
  }

  /** Every key's newest staged write, by key string. */
  private stagedWrites(): Map<string, Pending> {
    if (this.staged.length === 1) return (this.staged[0] as StagedGeneration).writes;
    const newest = new Map<string, Pending>();
    for (const { writes } of this.staged) for (const [key, write] of writes) newest.set(key, write);
    return newest;
  }

  /**
   * Pairs in [fromKey, toKey) merging staged writes over LevelDB. Both are captured synchronously here; the
   * generator only consumes them. With a `limit` on the pairs wanted, LevelDB is asked for no more stored
   * pairs than could be needed: `limit`, plus one for each staged write in the range (each can hide at most
   * one stored pair). A small read (a receive picking one message) then copies a few pairs out of LevelDB,
   * not a full batch of them.
   */
  private scan(
    fromKey: Uint8Array,
    toKey: Uint8Array | undefined,
    limit = Number.POSITIVE_INFINITY,
  ): AsyncGenerator<KeyValue> {
    return this.scanParts(fromKey, toKey, limit).pairs;
  }

  /** scan's pairs, and how to close its LevelDB iterator should the pairs never be read. */
  private scanParts(
    fromKey: Uint8Array,
    toKey: Uint8Array | undefined,
    limit = Number.POSITIVE_INFINITY,
  ): { pairs: AsyncGenerator<KeyValue>; close: () => Promise<void> } {
    this.ctx.check();
    const staged = [...this.stagedWrites().entries()]
      .filter(
        ([, p]) =>
          compareBytes(p.key, fromKey) >= 0 && (toKey === undefined || compareBytes(p.key, toKey) < 0),
      )
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([, p]) => p);
    const storedMax = limit + staged.length;
    const range = {
      gte: keyspaceKey(this.prefix, fromKey),
      lt: toKey === undefined ? this.range.lt : keyspaceKey(this.prefix, toKey),
    };
    const stored =
      this.clearedGeneration !== undefined
        ? undefined
        : this.ctx.db.iterator(range, Number.isFinite(storedMax) ? { limit: storedMax } : {});
    const pairs = merge(stored, storedMax, staged, this.prefix.length, (fullKey, record) =>
      this.decode(fullKey, record),
    );
    return { pairs, close: async () => await stored?.close() };
  }

  private decode(fullKey: Uint8Array, record: Uint8Array): Uint8Array {
    try {
      return decodeValue(fullKey, record);
    } catch (error) {
      throw this.ctx.damaged(error as CorruptionError);
    }
  }
}

function checkKey(key: Uint8Array): void {
  assert(
    key.length <= keyspaceKeyBytesMax,
    () => `keyspace key of ${key.length} bytes exceeds ${keyspaceKeyBytesMax}`,
  );
}

/** Merges sorted stored pairs with sorted staged writes; a staged write shadows the stored pair at its key. */
async function* merge(
  stored: RangeIterator | undefined,
  storedMax: number,
  staged: readonly Pending[],
  prefixBytes: number,
  decode: (fullKey: Uint8Array, record: Uint8Array) => Uint8Array,
): AsyncGenerator<KeyValue> {
  let s = 0;
  let storedRead = 0;
  try {
    // Once the iterator has given all it was limited to, asking again would only cost a native round trip.
    while (storedRead < storedMax) {
      const want = Math.min(iteratorBatchPairs, storedMax - storedRead);
      const batch = stored === undefined ? [] : await stored.nextv(want);
      if (batch.length === 0) break;
      storedRead += batch.length;
      for (const [fullKey, record] of batch) {
        const key = plainView(fullKey, prefixBytes);
        let order = 1;
        for (; s < staged.length; s++) {
          const next = staged[s] as Pending;
          order = compareBytes(next.key, key);
          if (order > 0) break;
          if (next.value !== undefined) yield { key: next.key, value: next.value };
          if (order === 0) break;
        }
        if (order === 0) {
          s++;
          continue;
        }
        yield { key, value: decode(fullKey, record) };
      }
    }
    for (; s < staged.length; s++) {
      const next = staged[s] as Pending;
      if (next.value !== undefined) yield { key: next.key, value: next.value };
    }
  } finally {
    await stored?.close();
  }
}

/**
 * `inner`, whose `return()` also runs `close` when `inner` was never started: ending an async generator
 * that never ran skips its body, `finally` included, so the LevelDB iterator it was given (which holds a
 * snapshot of the database) would stay open.
 */
function closingUnstarted<T>(
  inner: AsyncGenerator<T>,
  close: () => Promise<unknown> | undefined,
): AsyncIterableIterator<T> {
  let started = false;
  const iterator: AsyncIterableIterator<T> = {
    next: () => {
      started = true;
      return inner.next();
    },
    return: async (value?: unknown) => {
      if (!started) {
        started = true;
        await close();
      }
      return await inner.return(value);
    },
    [Symbol.asyncIterator]: () => iterator,
  };
  return iterator;
}

async function* mapValues(
  pairs: AsyncIterable<KeyValue>,
  valueFor: (key: Uint8Array, value: Uint8Array) => Uint8Array | Promise<Uint8Array>,
): AsyncGenerator<KeyValue> {
  for await (const { key, value } of pairs) yield { key, value: await valueFor(key, value) };
}

/** Packs pairs into snapshot chunks of about `chunkBytesMax`; the last chunk is flagged, even when empty. */
async function* chunked(pairs: AsyncIterable<KeyValue>, chunkBytesMax: number): AsyncGenerator<Uint8Array> {
  let batch: KeyValue[] = [];
  let bytes = 0;
  let sequence = 0;
  for await (const pair of pairs) {
    const size = pairBytes(pair);
    if (batch.length > 0 && bytes + size > chunkBytesMax) {
      yield encodeChunk(sequence++, false, batch);
      batch = [];
      bytes = 0;
    }
    batch.push(pair);
    bytes += size;
  }
  yield encodeChunk(sequence, true, batch);
}

import { assert, ErrorCode, MillraceError } from "@millrace/common";
import { Level } from "level";
import { existsSync } from "node:fs";
import { join } from "node:path";
import { type BatchOp, type BatchWriter } from "./group-commit.js";
import { type KeyRange } from "./keys.js";
import { markDamaged, recoveryDamage, refuseIfMarkedDamaged } from "./wal-recovery.js";

export interface DatabaseOptions {
  /** Create the database when the directory holds none. */
  readonly createIfMissing: boolean;
  /**
   * LevelDB's memtable size. Larger buffers mean fewer, larger level-0 files and fewer write stalls under
   * a sustained log write rate, at the cost of memory and a longer replay of the write-ahead log at open.
   */
  readonly writeBufferBytes?: number;
  /** LevelDB's block cache, for reads that miss the groups' in-memory entry caches. */
  readonly blockCacheBytes?: number;
}

/**
 * A Level database that can also read synchronously (classic-level's getSync), and whose array batch we
 * call below abstract-level (classic-level's `_batch`: see write()).
 */
type SyncLevel = Level<Uint8Array, Uint8Array> & {
  getSync(key: Uint8Array): Uint8Array | undefined;
  _batch(ops: readonly BatchOp[], options: { sync: boolean }): Promise<void>;
};

function isSyncLevel(level: Level<Uint8Array, Uint8Array>): level is SyncLevel {
  const candidate = level as Partial<SyncLevel>;
  return typeof candidate.getSync === "function" && typeof candidate._batch === "function";
}

/**
 * The node's one LevelDB, with binary keys and values, and the few operations the stores use. It is the
 * default BatchWriter: a batch written with `sync: true` (LevelDB's fsync) is the durability point.
 */
export class Database implements BatchWriter {
  private constructor(private readonly level: SyncLevel) {}

  static async open(dir: string, options: DatabaseOptions): Promise<Database> {
    refuseIfMarkedDamaged(dir);
    const level = new Level<Uint8Array, Uint8Array>(dir, {
      keyEncoding: "view",
      valueEncoding: "view",
      createIfMissing: options.createIfMissing,
      ...(options.writeBufferBytes === undefined ? {} : { writeBufferSize: options.writeBufferBytes }),
      ...(options.blockCacheBytes === undefined ? {} : { cacheSize: options.blockCacheBytes }),
    });
    // Raft reads its log synchronously; without getSync the log could not be read past the entry caches.
    assert(
      isSyncLevel(level),
      "the installed level has no getSync() or _batch(); classic-level 3 is required",
    );
    try {
      await level.open();
    } catch (cause) {
      // Most often another process holds the directory's LOCK (a second node on the same data dir).
      const reason =
        cause instanceof Error && cause.cause instanceof Error ? cause.cause.message : String(cause);
      throw new MillraceError(
        ErrorCode.FAILED_PRECONDITION,
        `cannot open the database in ${dir}: ${reason}`,
        {
          cause,
          details: { resource: dir },
        },
      );
    }
    const damage = recoveryDamage(dir);
    if (damage !== undefined) {
      await level.close();
      throw markDamaged(dir, damage);
    }
    return new Database(level);
  }

  /** Whether `dir` holds a LevelDB at all, without creating one. */
  static exists(dir: string): boolean {
    return existsSync(join(dir, "CURRENT"));
  }

  /** A synchronous point read, for Raft's Storage methods, which cannot wait. */
  getSync(key: Uint8Array): Uint8Array | undefined {
    return this.level.getSync(key);
  }

  /** A point read from a snapshot taken when it is called. */
  async get(key: Uint8Array): Promise<Uint8Array | undefined> {
    // level's typings omit the undefined that abstract-level 3 returns for a missing key.
    return await this.level.get(key);
  }

  /**
   * A key-value iterator over a range. The database snapshot it reads from is taken now, synchronously,
   * so later writes are invisible to it however slowly it is consumed.
   */
  iterator(range: KeyRange, options: { reverse?: boolean; limit?: number } = {}): RangeIterator {
    return this.level.iterator({
      gte: range.gte,
      lt: range.lt,
      reverse: options.reverse ?? false,
      limit: options.limit ?? -1,
    });
  }

  /** A key iterator that can seek, for scans that skip ahead. */
  keyIterator(range: KeyRange): KeyIterator {
    return this.level.keys({ gte: range.gte, lt: range.lt });
  }

  /** Whether the database holds no key at all. */
  async isEmpty(): Promise<boolean> {
    const [first] = await this.level.keys({ limit: 1 }).all();
    return first === undefined;
  }

  /** The keys in a range, in order: all of them, or the first `limit`. */
  async keys(range: KeyRange, limit = -1): Promise<Uint8Array[]> {
    return await this.level.keys({ gte: range.gte, lt: range.lt, limit }).all();
  }

  async write(ops: readonly BatchOp[], sync: boolean): Promise<void> {
    // classic-level's own array batch, not a chained batch and not abstract-level's batch(array).
    // A chained batch's native copy of its values lives until V8 collects the JS batch object, so each
    // write's copy landed in fresh memory that had to be faulted in: with a 600 KB log entry per sync
    // write, that measured about 3.4 ms of CPU per write against 1.7 ms this way, where the native
    // batch is freed as soon as the write ends. abstract-level's batch(array) validates and copies every
    // op first (about 2.5 times slower per op). Skipping abstract-level skips its check that the
    // database is open, so it is made here: a closed handle must refuse, not reach the native code.
    if (this.level.status !== "open") {
      throw new MillraceError(ErrorCode.UNAVAILABLE, `the database is ${this.level.status}, not open`);
    }
    await this.level._batch(ops, { sync });
  }

  async close(): Promise<void> {
    await this.level.close();
  }
}

export interface RangeIterator {
  nextv(size: number): Promise<[Uint8Array, Uint8Array][]>;
  close(): Promise<void>;
}

export interface KeyIterator {
  next(): Promise<Uint8Array | undefined>;
  seek(target: Uint8Array): void;
  close(): Promise<void>;
}

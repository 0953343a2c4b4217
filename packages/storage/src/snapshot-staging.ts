import { ErrorCode, MillraceError } from "@millrace/common";
import { type Database } from "./database.js";
import { type WriteBatch } from "./group-commit.js";
import { keyAfter, keyspaceKey, type KeyRange } from "./keys.js";
import { keyspaceKeyBytesMax } from "./keyspace.js";
import { encodeValue } from "./records.js";
import { FramedChunkReader, decodeChunk, type KeyValue } from "./snapshot-chunks.js";

/**
 * The largest snapshot chunk a stream may carry: a chunk is about limits.snapshotChunkBytesMax, plus one
 * pair that did not fit, and no stored value comes near this. It bounds what a receiver holds per transfer.
 */
export const stagedChunkBytesMax = 64 * 1024 * 1024;

/**
 * Keys deleted per commit when a range is cleared (a keyspace slot, a destroyed group): a bounded batch
 * that other groups' commits interleave with, instead of one holding every key.
 */
export const clearKeysPerCommit = 2_048;

/** What a staging needs from the group that owns it. */
export interface StagingContext {
  readonly db: Database;
  readonly batch: WriteBatch;
  /** Throws unless this staging is still the group's current one and the group is open and undamaged. */
  check(staging: SnapshotStaging): void;
}

/**
 * A snapshot from the leader being written, as it arrives, into the keyspace slot the state machine does
 * not use (GroupStorage.beginSnapshotStaging). Each piece of the framedChunks stream is verified chunk by
 * chunk and its pairs written with the node's next commit, so memory holds one chunk at most, whatever the
 * snapshot's size. GroupStorage.installStagedSnapshot then switches slots in one batch.
 */
export class SnapshotStaging {
  private readonly reader = new FramedChunkReader(stagedChunkBytesMax);
  private sequence = 0;
  private sawLast = false;
  private pairCount = 0;

  constructor(
    private readonly ctx: StagingContext,
    /** Where the snapshot's pairs go: the prefix of the slot being written. */
    private readonly prefix: Uint8Array,
  ) {}

  /** Pairs written so far. */
  get pairs(): number {
    return this.pairCount;
  }

  /** Whether the whole snapshot has arrived: its last chunk, and nothing after it. */
  get complete(): boolean {
    return this.sawLast && this.reader.heldBytes === 0;
  }

  /**
   * Takes the next piece of the stream and resolves once its complete chunks are durable. Rejects with
   * INVALID_ARGUMENT for a malformed chunk, with nothing of it written.
   */
  async write(piece: Uint8Array): Promise<void> {
    this.ctx.check(this);
    const pairs: KeyValue[] = [];
    for (const chunk of this.reader.push(piece)) {
      if (this.sawLast) throw malformed("a chunk follows the one flagged last");
      this.sawLast = decodeChunk(chunk, this.sequence, pairs);
      this.sequence += 1;
    }
    for (const { key } of pairs) {
      if (key.length > keyspaceKeyBytesMax) throw malformed(`a ${key.length}-byte key, above the limit`);
    }
    if (pairs.length === 0) return;
    const batch = this.ctx.batch;
    for (const { key, value } of pairs) {
      const fullKey = keyspaceKey(this.prefix, key);
      batch.put(fullKey, encodeValue(fullKey, value));
    }
    this.pairCount += pairs.length;
    // Fsynced, not left to the install's fsync: LevelDB closes a log file without one when it moves to
    // a new memtable, so a later synced write makes earlier ones durable only within the same log file.
    await batch.commit();
  }
}

function malformed(problem: string): MillraceError {
  return new MillraceError(ErrorCode.INVALID_ARGUMENT, `snapshot stream is malformed: ${problem}`);
}

/**
 * Deletes every key in `range`, `keysPerCommit` per fsynced commit (what is written next may rely on
 * the range being empty; see SnapshotStaging.write on why each is fsynced). `check` runs before each round is
 * staged and throws to stop (the group closed, or the slot is no longer the one to clear). With
 * `flushFirst`, what is already staged is written before the first scan, so the scans see it.
 */
export async function clearRange(
  db: Database,
  batch: WriteBatch,
  range: KeyRange,
  check: () => void,
  options: { keysPerCommit?: number; flushFirst?: boolean } = {},
): Promise<void> {
  const keysPerCommit = options.keysPerCommit ?? clearKeysPerCommit;
  if (options.flushFirst ?? true) await batch.commit();
  // Each scan starts after the last key deleted, not over the tombstones left behind.
  let from = range.gte;
  for (;;) {
    const keys = await db.keys({ gte: from, lt: range.lt }, keysPerCommit);
    const last = keys.at(-1);
    if (last === undefined) return;
    check();
    for (const key of keys) batch.del(key);
    await batch.commit();
    from = keyAfter(last);
  }
}

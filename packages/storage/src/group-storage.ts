import { assert, ErrorCode, MillraceError } from "@millrace/common";
import {
  CompactedError,
  SnapshotOutOfDateError,
  UnavailableError,
  emptyConfState,
  emptyHardState,
  entrySize,
  type ConfState,
  type Entry,
  type HardState,
  type Snapshot,
  type SnapshotMetadata,
  type Storage,
} from "@millrace/raft";
import { type Database } from "./database.js";
import { CorruptionError } from "./errors.js";
import { type DurableListener, type WriteBatch } from "./group-commit.js";
import {
  appliedKey,
  entryIndexOf,
  entryKey,
  entryRange,
  hardStateKey,
  keyspacePrefix,
  keyspaceRange,
  keyspaceSlotKey,
  otherSlot,
  snapshotKey,
  truncatedKey,
  type KeyspaceSlot,
} from "./keys.js";
import { Keyspace } from "./keyspace.js";
import { SnapshotStaging, clearRange } from "./snapshot-staging.js";
import { TermRuns } from "./term-runs.js";
import {
  corrupt,
  decodeApplied,
  decodeEntry,
  decodeEntryTerm,
  decodeHardState,
  decodeKeyspaceSlot,
  decodeSnapshotMetadata,
  decodeTruncated,
  encodeApplied,
  encodeConfState,
  encodeEntry,
  encodeHardState,
  encodeKeyspaceSlot,
  encodeSnapshotMetadata,
  encodeTruncated,
  type Applied,
  type Truncated,
} from "./records.js";

/** How many of a group's most recent log entries stay in memory. */
export interface EntryCacheOptions {
  /**
   * Entries kept per group. Raft reads every entry back at least once (to apply it, after it is stable),
   * and a leader reads recent entries to replicate them; the cache serves both without a disk read. Older
   * entries (a lagging follower's catch-up) are read with a synchronous LevelDB get.
   */
  readonly entriesMax: number;
  /** Payload bytes kept per group; with thousands of groups per node, memory is groups × this at worst. */
  readonly bytesMax: number;
  /**
   * Payload bytes of entries not yet applied that are kept beyond the bounds above. An entry is read
   * once more to be applied, and under load a log group's entries are up to a MiB each: the bounds alone
   * evicted an entry as it became durable, before it committed, and applying it read the MiB back from
   * disk and checksummed it again. Raft bounds what is unapplied (uncommitted bytes on a leader, in-flight
   * bytes to a follower); this caps what the cache keeps of it, in case the state machine falls behind.
   * At most entriesMax unapplied entries are kept this way.
   */
  readonly unappliedBytesMax: number;
}

export const defaultEntryCache: EntryCacheOptions = Object.freeze({
  entriesMax: 1024,
  bytesMax: 1024 * 1024,
  unappliedBytesMax: 16 * 1024 * 1024,
});

/** What a group needs from its node. */
export interface GroupContext {
  readonly db: Database;
  readonly batch: WriteBatch;
  readonly cache: EntryCacheOptions;
}

const noData = new Uint8Array(0);

/**
 * The durable side of one Raft group: the Storage Raft reads through, plus methods that stage what a Ready
 * says to persist into the node's shared WriteBatch. Created or loaded by NodeStore.
 *
 * Raft's Storage is synchronous and LevelDB is not, so the group's metadata (hard state, snapshot
 * metadata, truncation point, applied index) and its most recent entries are held in memory, loaded at
 * open; older entries are read with LevelDB's synchronous get. Staging updates the in-memory view at once,
 * so Raft sees new entries after `advance()`; the host must not call `advance()` (or send anything that
 * depends on the Ready) before `commit()` has resolved.
 *
 * Invariant: the entry keys on disk are exactly (truncated.index, lastIndex], each batch keeping it.
 * Entries staged but not yet durable are always in the cache, so a disk read never sees a stale entry.
 *
 * A checksum failure or malformed record marks the group damaged: every later read and stage throws the
 * CorruptionError, and the host must stop the group.
 */
export class GroupStorage implements Storage, DurableListener {
  readonly keyspace: Keyspace;
  private hard: HardState = emptyHardState;
  private snapshotMetadata: SnapshotMetadata = { index: 0, term: 0, confState: emptyConfState };
  private truncated: Truncated = { index: 0, term: 0 };
  private applied: Applied = { index: 0, confState: emptyConfState };
  private last = 0;
  /** The newest entries, cache[i] holding index cacheStart + i; it always ends at `last`. */
  private cache: Entry[] = [];
  private cacheStart = 1;
  private cacheBytes = 0;
  /** The terms of every entry staged (or loaded into the cache) since open, so term() rarely reads disk. */
  private readonly terms = new TermRuns();
  /** For each generation not yet durable, the lowest entry index it writes: those must stay cached. */
  private readonly pendingFrom = new Map<number, number>();
  private appliedConf: { readonly confState: ConfState; readonly bytes: Uint8Array } | undefined = undefined;
  /** The keyspace slot the state machine uses; a snapshot being received goes to the other. */
  private slot: KeyspaceSlot = 0;
  /** The snapshot being received, if any: only the latest begun may write or be installed. */
  private staging: SnapshotStaging | undefined = undefined;
  /** Clearing the other slot (after an install, or before a staging): one at a time, in order. */
  private otherSlotClearing: Promise<void> = Promise.resolve();
  private damage: CorruptionError | undefined = undefined;
  private closed = false;

  private constructor(
    readonly groupId: number,
    private readonly ctx: GroupContext,
  ) {
    this.keyspace = new Keyspace({
      groupId,
      db: ctx.db,
      batch: ctx.batch,
      check: () => this.check(),
      damaged: (error) => this.markDamaged(error),
    });
  }

  /** A new, empty group; its existence becomes durable with the next commit. */
  static create(groupId: number, ctx: GroupContext): GroupStorage {
    const group = new GroupStorage(groupId, ctx);
    const key = truncatedKey(groupId);
    ctx.batch.put(key, encodeTruncated(key, group.truncated));
    return group;
  }

  /**
   * Loads a stored group. Corruption found while loading does not throw: the group comes back damaged
   * (isDamaged), so the host can report it and keep serving the node's other groups.
   */
  static async load(groupId: number, ctx: GroupContext): Promise<GroupStorage> {
    const group = new GroupStorage(groupId, ctx);
    try {
      await group.loadState();
    } catch (error) {
      if (!(error instanceof CorruptionError)) throw error;
      group.markDamaged(error);
      return group;
    }
    // What a crash left in the unused slot (a transfer cut short, a clearing not finished) goes now,
    // not when the group's next snapshot comes, which may be never. Usually the slot is empty: one scan.
    group
      .clearOtherSlot(() => group.check(), false)
      .catch(() => {
        // Closed or fenced meanwhile: the next open, or the next staging, clears it.
      });
    return group;
  }

  // Storage: what Raft reads.

  initialState(): { hardState: HardState; confState: ConfState } {
    this.check();
    // Membership changes applied after the snapshot are recorded with the applied index, so a restart
    // resumes from the applied index without replaying them.
    const confState =
      this.applied.index > this.snapshotMetadata.index
        ? this.applied.confState
        : this.snapshotMetadata.confState;
    return { hardState: this.hard, confState };
  }

  entries(lo: number, hi: number, maxSize: number): Entry[] {
    this.check();
    if (lo <= this.truncated.index) throw new CompactedError(lo);
    if (hi > this.last + 1) throw new UnavailableError(hi - 1);
    if (lo >= this.cacheStart)
      return limitCopy(this.cache, lo - this.cacheStart, hi - this.cacheStart, maxSize);
    const result: Entry[] = [];
    let size = 0;
    for (let index = lo; index < hi; index++) {
      const entry =
        index >= this.cacheStart ? (this.cache[index - this.cacheStart] as Entry) : this.readEntry(index);
      size += entrySize(entry);
      if (result.length > 0 && size > maxSize) break;
      result.push(entry);
    }
    return result;
  }

  /**
   * The data of the entry at `index`, read without blocking (from the cache, else from LevelDB on its
   * thread pool) and checksummed; undefined when the log does not hold it (compacted, or past the end).
   * For state machines that read the entries their keyspace refers to, e.g. to serve a read.
   */
  async entryData(index: number): Promise<Uint8Array | undefined> {
    this.check();
    if (index <= this.truncated.index || index > this.last) return undefined;
    if (index >= this.cacheStart) return (this.cache[index - this.cacheStart] as Entry).data;
    const key = entryKey(this.groupId, index);
    const record = await this.ctx.db.get(key);
    // Compacted while the read ran: gone, as if asked a moment later.
    if (record === undefined) return undefined;
    return this.guard(() => decodeEntry(key, record, index)).data;
  }

  term(index: number): number {
    this.check();
    if (index < this.truncated.index) throw new CompactedError(index);
    if (index > this.last) throw new UnavailableError(index);
    if (index === this.truncated.index) return this.truncated.term;
    if (index >= this.cacheStart) return (this.cache[index - this.cacheStart] as Entry).term;
    const known = this.terms.termOf(index);
    if (known !== undefined) return known;
    const key = entryKey(this.groupId, index);
    return this.guard(() => decodeEntryTerm(key, this.readRecord(key)));
  }

  lastIndex(): number {
    this.check();
    return this.last;
  }

  firstIndex(): number {
    this.check();
    return this.truncated.index + 1;
  }

  /**
   * The latest snapshot's metadata. The data is empty: a snapshot's contents are the group's keyspace,
   * streamed with keyspace.readSnapshotChunks() when one is sent.
   */
  snapshot(): Snapshot {
    this.check();
    return { metadata: this.snapshotMetadata, data: noData };
  }

  // Staging: what a Ready says to persist.

  /**
   * Stages entries, replacing any stored at or after the first one's index: the deletes of a conflicting
   * suffix go into the same batch as the new entries, so no crash can leave stale entries past the new
   * last index. Entries at or below the truncation point are ignored (as MemoryStorage.append does).
   */
  stageEntries(entries: readonly Entry[]): void {
    this.check();
    const firstNew = entries[0];
    if (firstNew === undefined) return;
    const first = this.truncated.index + 1;
    const lastNew = (entries[entries.length - 1] as Entry).index;
    if (lastNew < first) return;
    const skip = Math.max(0, first - firstNew.index);
    const from = firstNew.index + skip;
    assert(from <= this.last + 1, () => `missing log entry [last: ${this.last}, append at: ${from}]`);
    const batch = this.ctx.batch;
    for (let i = skip; i < entries.length; i++) {
      const entry = entries[i] as Entry;
      assert(entry.index === from + i - skip, () => `entries are not contiguous at ${entry.index}`);
      const key = entryKey(this.groupId, entry.index);
      batch.put(key, encodeEntry(key, entry));
    }
    for (let index = lastNew + 1; index <= this.last; index++) batch.del(entryKey(this.groupId, index));
    batch.countEntries(entries.length - skip);

    if (from < this.cacheStart) {
      this.cache = [];
      this.cacheBytes = 0;
      this.cacheStart = from;
    } else {
      for (let i = from - this.cacheStart; i < this.cache.length; i++) {
        this.cacheBytes -= (this.cache[i] as Entry).data.length;
      }
      this.cache.length = from - this.cacheStart;
    }
    for (let i = skip; i < entries.length; i++) {
      const entry = entries[i] as Entry;
      this.cache.push(entry);
      this.cacheBytes += entry.data.length;
    }
    this.terms.record(from, entries, skip);
    this.last = lastNew;
    this.notePending(from);
  }

  stageHardState(hardState: HardState): void {
    this.check();
    const key = hardStateKey(this.groupId);
    this.ctx.batch.put(key, encodeHardState(key, hardState));
    this.hard = hardState;
  }

  /**
   * Stages a snapshot received from the leader: it replaces the whole log (every stored entry is deleted,
   * and the snapshot's index and term become the truncation point) and records its metadata. Throws
   * SnapshotOutOfDateError if it is not newer than the stored one. The state machine's contents and the
   * applied index are the caller's (see installSnapshot, which stages all three).
   */
  stageSnapshot(snapshot: Snapshot): void {
    this.check();
    const { metadata } = snapshot;
    const current = this.snapshotMetadata.index;
    if (metadata.index <= current) throw new SnapshotOutOfDateError(metadata.index, current);
    const batch = this.ctx.batch;
    for (let index = this.truncated.index + 1; index <= this.last; index++)
      batch.del(entryKey(this.groupId, index));
    this.putSnapshotMetadata(metadata);
    this.putTruncated({ index: metadata.index, term: metadata.term });
    this.cache = [];
    this.cacheBytes = 0;
    this.cacheStart = metadata.index + 1;
    this.terms.reset();
    this.last = metadata.index;
  }

  /**
   * Stages a snapshot installation in one synchronous run: the keyspace replaced by the chunks' contents
   * (verified first; INVALID_ARGUMENT with nothing staged if one is bad), the log replaced as
   * stageSnapshot does, and the applied index set to the snapshot's. One commit makes all three durable,
   * so a crash can never pair a new keyspace with an old applied index.
   */
  installSnapshot(snapshot: Snapshot, chunks: Iterable<Uint8Array>): void {
    this.check();
    const current = this.snapshotMetadata.index;
    if (snapshot.metadata.index <= current)
      throw new SnapshotOutOfDateError(snapshot.metadata.index, current);
    this.keyspace.installSnapshot(chunks);
    this.stageSnapshot(snapshot);
    this.putApplied(snapshot.metadata.index, snapshot.metadata.confState);
  }

  /**
   * Starts receiving a snapshot from the leader into the keyspace slot the state machine does not use,
   * clearing what an earlier transfer or a crash left there first. A later call supersedes this one: the
   * earlier staging's writes and install are refused from then on.
   */
  async beginSnapshotStaging(): Promise<SnapshotStaging> {
    this.checkReceiving();
    const target = otherSlot(this.slot);
    const staging = new SnapshotStaging(
      {
        db: this.ctx.db,
        batch: this.ctx.batch,
        check: (current) => this.checkStaging(current),
      },
      keyspacePrefix(this.groupId, target),
    );
    this.staging = staging;
    await this.clearOtherSlot(() => this.checkStaging(staging));
    this.checkStaging(staging);
    return staging;
  }

  /**
   * Gives up a staging that will not be installed (its transfer failed or was dropped): what it wrote is
   * cleared in the background, rather than left on disk until the group's next snapshot, which may never
   * come. Does nothing for a staging that is no longer the current one.
   */
  abandonSnapshotStaging(staging: SnapshotStaging): void {
    if (this.closed || staging !== this.staging) return;
    this.staging = undefined;
    this.clearOtherSlot(() => this.check()).catch(() => {
      // Closed or fenced: what is left is cleared before the next staging writes there.
    });
  }

  /**
   * Installs a snapshot received whole through `staging`, in one synchronous run: the slot it was written
   * to becomes the keyspace, the log is replaced as stageSnapshot does, and the applied index is set to
   * the snapshot's, so one commit switches all three and a crash never pairs a keyspace with another
   * applied index. The slot left behind is cleared in the background. Throws SnapshotOutOfDateError if the
   * snapshot is not newer than the stored one; a staging that is incomplete or superseded is a bug.
   */
  installStagedSnapshot(snapshot: Snapshot, staging: SnapshotStaging): void {
    this.check();
    assert(staging === this.staging, "installing a snapshot staging that is not the current one");
    assert(staging.complete, "installing a snapshot that has not arrived whole");
    const current = this.snapshotMetadata.index;
    if (snapshot.metadata.index <= current)
      throw new SnapshotOutOfDateError(snapshot.metadata.index, current);
    const slot = otherSlot(this.slot);
    const key = keyspaceSlotKey(this.groupId);
    this.ctx.batch.put(key, encodeKeyspaceSlot(key, slot));
    this.slot = slot;
    this.staging = undefined;
    this.keyspace.useSlot(slot);
    this.stageSnapshot(snapshot);
    this.putApplied(snapshot.metadata.index, snapshot.metadata.confState);
    this.clearOtherSlot(() => this.check()).catch(() => {
      // Closed or fenced: what is left is cleared before the next staging writes there.
    });
  }

  /**
   * Records a snapshot of the state machine at `index` (applied) with membership `confState`, as
   * MemoryStorage.createSnapshot does; the log is left to stageCompact. Throws SnapshotOutOfDateError if
   * not newer than the stored snapshot. The returned snapshot's data is empty (see snapshot()).
   */
  createSnapshot(index: number, confState: ConfState): Snapshot {
    this.check();
    const current = this.snapshotMetadata.index;
    if (index <= current) throw new SnapshotOutOfDateError(index, current);
    assert(index <= this.last, () => `snapshot ${index} is beyond the last index ${this.last}`);
    this.putSnapshotMetadata({ index, term: this.term(index), confState });
    return this.snapshot();
  }

  /**
   * Discards entries up to and including `compactIndex`, whose index and term become the truncation point
   * (MemoryStorage.compact's placeholder); firstIndex() becomes compactIndex + 1. Throws CompactedError if
   * already compacted that far. Compacting past the snapshot is refused: a follower that needs an entry
   * older than the log's first could then never catch up, since no snapshot would reach it.
   */
  stageCompact(compactIndex: number): void {
    this.check();
    if (compactIndex <= this.truncated.index) throw new CompactedError(compactIndex);
    assert(
      compactIndex <= this.last,
      () => `compact ${compactIndex} is out of bound lastindex(${this.last})`,
    );
    assert(
      compactIndex <= this.snapshotMetadata.index,
      () => `compact ${compactIndex} is past the snapshot at ${this.snapshotMetadata.index}`,
    );
    const term = this.term(compactIndex);
    const batch = this.ctx.batch;
    for (let index = this.truncated.index + 1; index <= compactIndex; index++) {
      batch.del(entryKey(this.groupId, index));
    }
    this.putTruncated({ index: compactIndex, term });
    this.terms.dropBefore(compactIndex + 1);
    if (compactIndex >= this.cacheStart) {
      const drop = compactIndex - this.cacheStart + 1;
      for (let i = 0; i < drop; i++) this.cacheBytes -= (this.cache[i] as Entry).data.length;
      this.cache.splice(0, drop);
      this.cacheStart = compactIndex + 1;
    }
  }

  /**
   * Stages the applied index and the membership in force at it. Stage it in the same synchronous run as
   * the state machine writes of the entries it covers, so they become durable together.
   */
  stageApplied(index: number, confState: ConfState): void {
    this.check();
    assert(
      index >= this.applied.index,
      () => `applied index moves back from ${this.applied.index} to ${index}`,
    );
    this.putApplied(index, confState);
    // Entries kept only because they were not yet applied can go now.
    this.trimCache();
  }

  // Status.

  get hardState(): HardState {
    return this.hard;
  }

  /** The last applied index as staged (durable once the batch holding it commits). */
  get appliedIndex(): number {
    return this.applied.index;
  }

  get appliedConfState(): ConfState {
    return this.applied.confState;
  }

  get isDamaged(): boolean {
    return this.damage !== undefined;
  }

  /** The corruption that damaged the group, if any. */
  get damageError(): CorruptionError | undefined {
    return this.damage;
  }

  /** Entries and payload bytes held in memory. */
  get cachedEntries(): { readonly entries: number; readonly bytes: number } {
    return { entries: this.cache.length, bytes: this.cacheBytes };
  }

  onDurable(generation: number): void {
    for (const pendingGeneration of this.pendingFrom.keys()) {
      if (pendingGeneration <= generation) this.pendingFrom.delete(pendingGeneration);
    }
    this.trimCache();
  }

  /** Called by NodeStore when the group is closed or destroyed; any later use is a programming error. */
  close(): void {
    this.closed = true;
    this.staging = undefined;
  }

  /**
   * Like check, but a group closed meanwhile is an error, not a bug: a transfer arrives from a peer at any
   * time, also while its group is being dropped here.
   */
  private checkReceiving(): void {
    if (this.closed) {
      throw new MillraceError(ErrorCode.UNAVAILABLE, `group ${this.groupId} is closed on this node`);
    }
    if (this.damage !== undefined) throw this.damage;
  }

  private checkStaging(staging: SnapshotStaging): void {
    this.checkReceiving();
    if (staging !== this.staging) {
      throw new MillraceError(
        ErrorCode.ABORTED,
        `group ${this.groupId}: a newer snapshot transfer replaced this one`,
      );
    }
  }

  /** Resolves once the clearing of the unused slot that is running or queued has ended, however it ended. */
  otherSlotCleared(): Promise<void> {
    return this.otherSlotClearing;
  }

  /**
   * Deletes the unused slot's keys after any clearing already running; `check` throws to stop. Without
   * `flushFirst`, what is staged is not written first (nothing can be staged into the slot at load).
   */
  private clearOtherSlot(check: () => void, flushFirst = true): Promise<void> {
    const run = async (): Promise<void> => {
      check();
      const range = keyspaceRange(this.groupId, otherSlot(this.slot));
      await clearRange(this.ctx.db, this.ctx.batch, range, check, { flushFirst });
    };
    const cleared = this.otherSlotClearing.then(run, run);
    this.otherSlotClearing = cleared.catch(() => undefined);
    return cleared;
  }

  private check(): void {
    assert(!this.closed, () => `group ${this.groupId} is closed`);
    if (this.damage !== undefined) throw this.damage;
  }

  private markDamaged(error: CorruptionError): CorruptionError {
    this.damage ??= error;
    return this.damage;
  }

  /** Runs a disk read; a CorruptionError from it damages the group. */
  private guard<T>(read: () => T): T {
    try {
      return read();
    } catch (error) {
      if (error instanceof CorruptionError) throw this.markDamaged(error);
      throw error;
    }
  }

  private readRecord(key: Uint8Array): Uint8Array {
    const record = this.ctx.db.getSync(key);
    if (record === undefined) throw corrupt(key, "the record is missing");
    return record;
  }

  private readEntry(index: number): Entry {
    const key = entryKey(this.groupId, index);
    return this.guard(() => decodeEntry(key, this.readRecord(key), index));
  }

  private putSnapshotMetadata(metadata: SnapshotMetadata): void {
    const key = snapshotKey(this.groupId);
    this.ctx.batch.put(key, encodeSnapshotMetadata(key, metadata));
    this.snapshotMetadata = metadata;
  }

  private putTruncated(truncated: Truncated): void {
    const key = truncatedKey(this.groupId);
    this.ctx.batch.put(key, encodeTruncated(key, truncated));
    this.truncated = truncated;
  }

  private putApplied(index: number, confState: ConfState): void {
    // Membership rarely changes, so its encoding is reused while the caller passes the same object.
    if (this.appliedConf?.confState !== confState)
      this.appliedConf = { confState, bytes: encodeConfState(confState) };
    const key = appliedKey(this.groupId);
    this.ctx.batch.put(key, encodeApplied(key, index, this.appliedConf.bytes));
    this.applied = { index, confState };
  }

  private notePending(from: number): void {
    const batch = this.ctx.batch;
    const generation = batch.generation;
    const previous = this.pendingFrom.get(generation);
    this.pendingFrom.set(generation, previous === undefined ? from : Math.min(previous, from));
    batch.afterDurable(this);
  }

  /**
   * Drops the oldest cached entries beyond the bounds, but never one whose batch is not yet durable, nor
   * one not yet applied while those fit in unappliedBytesMax.
   */
  private trimCache(): void {
    const { entriesMax, bytesMax } = this.ctx.cache;
    let keepFrom = Number.POSITIVE_INFINITY;
    for (const from of this.pendingFrom.values()) keepFrom = Math.min(keepFrom, from);
    if (this.unappliedFits()) keepFrom = Math.min(keepFrom, this.applied.index + 1);
    let drop = 0;
    while (
      drop < this.cache.length &&
      (this.cache.length - drop > entriesMax || this.cacheBytes > bytesMax) &&
      this.cacheStart + drop < keepFrom
    ) {
      this.cacheBytes -= (this.cache[drop] as Entry).data.length;
      drop++;
    }
    if (drop === 0) return;
    this.cache.splice(0, drop);
    this.cacheStart += drop;
  }

  /**
   * Whether the cached entries after the applied index fit in unappliedBytesMax and number at most
   * entriesMax (which also bounds this loop).
   */
  private unappliedFits(): boolean {
    const { entriesMax, unappliedBytesMax } = this.ctx.cache;
    let bytes = 0;
    for (let i = this.cache.length - 1; i >= 0 && this.cacheStart + i > this.applied.index; i--) {
      bytes += (this.cache[i] as Entry).data.length;
      if (bytes > unappliedBytesMax || this.cache.length - i > entriesMax) return false;
    }
    return true;
  }

  private async loadState(): Promise<void> {
    const db = this.ctx.db;
    const id = this.groupId;
    const read = (key: Uint8Array) => db.getSync(key);
    const truncatedRecord = read(truncatedKey(id));
    if (truncatedRecord === undefined)
      throw corrupt(truncatedKey(id), "the group's truncation record is missing");
    this.truncated = decodeTruncated(truncatedKey(id), truncatedRecord);
    const hardRecord = read(hardStateKey(id));
    if (hardRecord !== undefined) this.hard = decodeHardState(hardStateKey(id), hardRecord);
    const snapshotRecord = read(snapshotKey(id));
    if (snapshotRecord !== undefined)
      this.snapshotMetadata = decodeSnapshotMetadata(snapshotKey(id), snapshotRecord);
    const appliedRecord = read(appliedKey(id));
    if (appliedRecord !== undefined) this.applied = decodeApplied(appliedKey(id), appliedRecord);
    const slotRecord = read(keyspaceSlotKey(id));
    if (slotRecord !== undefined) this.slot = decodeKeyspaceSlot(keyspaceSlotKey(id), slotRecord);
    this.keyspace.useSlot(this.slot);
    await this.loadEntries();
  }

  /** Reads the newest entries into the cache and checks the entry keys span (truncated.index, last]. */
  private async loadEntries(): Promise<void> {
    const range = entryRange(this.groupId);
    const { entriesMax, bytesMax } = this.ctx.cache;
    const newest = this.ctx.db.iterator(range, { reverse: true, limit: Math.max(1, entriesMax) });
    const loaded: Entry[] = [];
    let bytes = 0;
    try {
      let full = false;
      while (!full) {
        const pairs = await newest.nextv(256);
        if (pairs.length === 0) break;
        for (const [key, record] of pairs) {
          const index = entryIndexOf(key);
          if (index === undefined) throw corrupt(key, "malformed entry key");
          const expected = loaded.length === 0 ? index : (loaded[loaded.length - 1] as Entry).index - 1;
          if (index !== expected) throw corrupt(key, `entry ${expected} is missing`);
          const entry = decodeEntry(key, record, index);
          // The newest entry is always loaded, whatever its size: it fixes the last index.
          if (loaded.length > 0 && bytes + entry.data.length > bytesMax) {
            full = true;
            break;
          }
          loaded.push(entry);
          bytes += entry.data.length;
        }
      }
    } finally {
      await newest.close();
    }
    loaded.reverse();
    const firstLoaded = loaded[0];
    this.last = loaded.length === 0 ? this.truncated.index : (loaded[loaded.length - 1] as Entry).index;
    await this.checkLogStart();
    if (firstLoaded !== undefined && firstLoaded.index <= this.truncated.index) {
      throw corrupt(
        entryKey(this.groupId, firstLoaded.index),
        `entry at or below the truncation point ${this.truncated.index}`,
      );
    }
    this.cache = loaded;
    this.cacheBytes = bytes;
    this.cacheStart = this.last + 1 - loaded.length;
    this.terms.record(this.cacheStart, loaded);
  }

  /** The oldest entry key must be the one right after the truncation point (or there must be none). */
  private async checkLogStart(): Promise<void> {
    const oldest = this.ctx.db.iterator(entryRange(this.groupId), { limit: 1 });
    try {
      const [pair] = await oldest.nextv(1);
      if (pair === undefined) return;
      const index = entryIndexOf(pair[0]);
      if (index !== this.truncated.index + 1) {
        throw corrupt(
          pair[0],
          `the log starts at ${index ?? "?"}, not right after the truncation point ${this.truncated.index}`,
        );
      }
    } finally {
      await oldest.close();
    }
  }
}

/** A copy of cache[from, to) bounded by `maxSize` as limitSize bounds it: at least one entry. */
function limitCopy(cache: readonly Entry[], from: number, to: number, maxSize: number): Entry[] {
  const result: Entry[] = [];
  let size = 0;
  for (let i = from; i < to; i++) {
    const entry = cache[i] as Entry;
    size += entrySize(entry);
    if (result.length > 0 && size > maxSize) break;
    result.push(entry);
  }
  return result;
}

import { assert, ErrorCode, MillraceError } from "@millrace/common";
import { Database } from "./database.js";
import { WriteBatch, type BatchWriter, type CommitStats } from "./group-commit.js";
import {
  GroupStorage,
  defaultEntryCache,
  type EntryCacheOptions,
  type GroupContext,
} from "./group-storage.js";
import {
  allGroupsRange,
  assertGroupId,
  destroyingGroupOf,
  destroyingKey,
  destroyingRange,
  groupIdMax,
  groupIdOf,
  groupPrefix,
  groupRange,
  identityKey,
  isGroupId,
} from "./keys.js";
import {
  checkIdentity,
  checkSameIdentity,
  decodeIdentity,
  encodeIdentity,
  type NodeIdentity,
} from "./node-identity.js";
import { corrupt } from "./records.js";
import { clearKeysPerCommit, clearRange } from "./snapshot-staging.js";

export interface NodeStoreOptions {
  /** Who this node is. A fresh directory gets it written; a directory holding another identity is refused. */
  readonly identity: NodeIdentity;
  /** Per-group entry cache bounds (defaultEntryCache otherwise). */
  readonly entryCache?: Partial<EntryCacheOptions>;
  /**
   * LevelDB's memtable. The default is larger than LevelDB's 4 MiB because the Raft log is written
   * continuously: bigger memtables mean fewer level-0 files and fewer write stalls (see bench/).
   */
  readonly writeBufferBytes?: number;
  /** LevelDB's block cache, for reads that miss the entry caches. */
  readonly blockCacheBytes?: number;
  /** Wraps the writer commits go through, to inject faults (a full disk, EIO) or latency in tests. */
  readonly wrapWriter?: (writer: BatchWriter) => BatchWriter;
  /** A monotonic clock in milliseconds for the commit stats; performance.now() otherwise. */
  readonly now?: () => number;
  /** Keys of a destroyed group deleted per commit (defaultDestroyKeysPerCommit otherwise). */
  readonly destroyKeysPerCommit?: number;
}

export const defaultWriteBufferBytes = 64 * 1024 * 1024;
export const defaultBlockCacheBytes = 64 * 1024 * 1024;
/**
 * A destroyed group's keys go a few thousand per commit: deleting a 1,000,000-key group in one batch
 * held every key in memory (813 MiB more RSS) and held up every other group's commit for 2.9 s.
 */
export const defaultDestroyKeysPerCommit = clearKeysPerCommit;

/**
 * A broker node's storage: one LevelDB holding every Raft group the node hosts, and the group commit that
 * makes their writes durable together. Open it once at startup, then open (or create) each group's
 * GroupStorage; stage each Ready into it, call `commit()`, and only then send and advance.
 */
export class NodeStore {
  /** The shared batch every group stages into; `commit()` writes it. */
  readonly batch: WriteBatch;
  /** Groups that exist: found at open, or created since, minus those destroyed. */
  private readonly known: Set<number>;
  private readonly groups = new Map<number, GroupStorage>();
  private readonly loading = new Set<number>();
  /** Destroyed groups whose keys are being deleted: settles when they are all gone. */
  private readonly destroying = new Map<number, Promise<void>>();
  private readonly destroyKeysPerCommit: number;
  private readonly context: GroupContext;
  private closed = false;

  private constructor(
    readonly dir: string,
    readonly identity: NodeIdentity,
    private readonly db: Database,
    known: Set<number>,
    options: NodeStoreOptions,
  ) {
    this.known = known;
    this.destroyKeysPerCommit = options.destroyKeysPerCommit ?? defaultDestroyKeysPerCommit;
    assert(
      Number.isSafeInteger(this.destroyKeysPerCommit) && this.destroyKeysPerCommit > 0,
      "destroyKeysPerCommit must be a positive integer",
    );
    const writer = options.wrapWriter?.(db) ?? db;
    this.batch = new WriteBatch(writer, options.now === undefined ? {} : { now: options.now });
    const cache = { ...defaultEntryCache, ...options.entryCache };
    assert(
      Number.isSafeInteger(cache.entriesMax) &&
        cache.entriesMax >= 0 &&
        Number.isSafeInteger(cache.bytesMax) &&
        cache.bytesMax >= 0 &&
        Number.isSafeInteger(cache.unappliedBytesMax) &&
        cache.unappliedBytesMax >= 0,
      "entry cache bounds must be non-negative integers",
    );
    this.context = { db, batch: this.batch, cache };
  }

  /**
   * Opens (or creates) the node's database in `dir` and checks its identity: a fresh directory gets
   * `options.identity` written; one holding another cluster's or another node's data is refused with
   * FAILED_PRECONDITION naming both, and so is one holding data but no identity.
   */
  static async open(dir: string, options: NodeStoreOptions): Promise<NodeStore> {
    checkIdentity(options.identity);
    const db = await Database.open(dir, {
      createIfMissing: true,
      writeBufferBytes: options.writeBufferBytes ?? defaultWriteBufferBytes,
      blockCacheBytes: options.blockCacheBytes ?? defaultBlockCacheBytes,
    });
    try {
      await claimIdentity(db, dir, options.identity);
      const destroyed = await listDestroyedGroups(db);
      const known = await listGroups(db);
      for (const groupId of destroyed) known.delete(groupId);
      const store = new NodeStore(dir, options.identity, db, known, options);
      // A crash or stop interrupted these deletions: they carry on where they were.
      for (const groupId of destroyed) store.startDeleting(groupId);
      return store;
    } catch (error) {
      await db.close();
      throw error;
    }
  }

  /**
   * The identity stored in `dir`, or undefined for a directory with no database: what the server reads to
   * decide between restarting under the stored id and joining as a new node.
   */
  static async readIdentity(dir: string): Promise<NodeIdentity | undefined> {
    if (!Database.exists(dir)) return undefined;
    const db = await Database.open(dir, { createIfMissing: false });
    try {
      const record = db.getSync(identityKey);
      return record === undefined ? undefined : decodeIdentity(dir, record);
    } finally {
      await db.close();
    }
  }

  /** Ids of every group stored (or created), ascending. */
  groupIds(): number[] {
    return [...this.known].sort((a, b) => a - b);
  }

  hasGroup(groupId: number): boolean {
    return this.known.has(groupId);
  }

  /** The open GroupStorage of a group, if it is open. */
  group(groupId: number): GroupStorage | undefined {
    return this.groups.get(groupId);
  }

  /**
   * Loads a stored group. A group found corrupt comes back damaged (isDamaged) rather than throwing, so
   * the node keeps serving its other groups.
   */
  async openGroup(groupId: number): Promise<GroupStorage> {
    this.checkOpen();
    assertGroupId(groupId);
    if (!this.known.has(groupId)) {
      throw new MillraceError(ErrorCode.NOT_FOUND, `group ${groupId} is not stored on this node`);
    }
    assert(!this.groups.has(groupId) && !this.loading.has(groupId), () => `group ${groupId} is already open`);
    this.loading.add(groupId);
    try {
      const group = await GroupStorage.load(groupId, this.context);
      this.groups.set(groupId, group);
      return group;
    } finally {
      this.loading.delete(groupId);
    }
  }

  /**
   * Creates an empty group, open at once; it is durable once the next commit resolves. Refused with
   * UNAVAILABLE while the keys of an earlier group with this id are still being deleted (whenDestroyed).
   */
  createGroup(groupId: number): GroupStorage {
    this.checkOpen();
    assertGroupId(groupId);
    if (this.known.has(groupId)) {
      throw new MillraceError(ErrorCode.ALREADY_EXISTS, `group ${groupId} already exists on this node`);
    }
    if (this.destroying.has(groupId)) {
      throw new MillraceError(
        ErrorCode.UNAVAILABLE,
        `group ${groupId} was destroyed on this node and its data is still being deleted`,
      );
    }
    const group = GroupStorage.create(groupId, this.context);
    this.known.add(groupId);
    this.groups.set(groupId, group);
    return group;
  }

  /**
   * Closes a group's GroupStorage (to stop a damaged group, or one moving away) without touching its data;
   * what it staged stays staged. It can be opened again.
   */
  closeGroup(groupId: number): void {
    const group = this.groups.get(groupId);
    assert(group !== undefined, () => `group ${groupId} is not open`);
    group.close();
    this.groups.delete(groupId);
  }

  /**
   * Destroys a group: closes it at once and stages a marker, atomic with the rest of the next commit,
   * that the group is gone. Its keys (log, metadata, keyspace) are then deleted in the background,
   * `destroyKeysPerCommit` per commit, so a large group costs neither a batch holding every key nor a
   * commit that stalls every other group; a restart resumes the deletion. The id can be created again
   * once whenDestroyed resolves.
   */
  destroyGroup(groupId: number): void {
    this.checkOpen();
    assertGroupId(groupId);
    if (!this.known.has(groupId)) {
      throw new MillraceError(ErrorCode.NOT_FOUND, `group ${groupId} is not stored on this node`);
    }
    assert(!this.loading.has(groupId), () => `group ${groupId} is being opened`);
    this.groups.get(groupId)?.close();
    this.groups.delete(groupId);
    this.known.delete(groupId);
    this.batch.put(destroyingKey(groupId), new Uint8Array(0));
    this.startDeleting(groupId);
  }

  /**
   * Resolves once no key of a destroyed group with this id is left (at once if none is being deleted);
   * rejects if the deletion failed (the store is fenced or closed).
   */
  whenDestroyed(groupId: number): Promise<void> {
    return this.destroying.get(groupId) ?? Promise.resolve();
  }

  /** Ids of destroyed groups whose keys are still being deleted, ascending. */
  destroyingGroupIds(): number[] {
    return [...this.destroying.keys()].sort((a, b) => a - b);
  }

  /** Commits everything staged by every group in one fsynced batch; see WriteBatch.commit. */
  commit(): Promise<CommitStats> {
    return this.batch.commit();
  }

  /**
   * Waits for commits in flight, then closes the database. Writes staged but not committed are dropped,
   * as a crash would drop them.
   */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    // Closed groups stop clearing their unused keyspace slots after the current round; deletions of
    // destroyed groups too, and their markers make the next open resume them.
    const groups = [...this.groups.values()];
    for (const group of groups) group.close();
    this.groups.clear();
    await Promise.allSettled([...this.destroying.values(), ...groups.map((g) => g.otherSlotCleared())]);
    await this.batch.settled();
    await this.db.close();
  }

  private checkOpen(): void {
    assert(!this.closed, "the node store is closed");
  }

  private startDeleting(groupId: number): void {
    const deletion = this.deleteGroupKeys(groupId).then(() => {
      this.destroying.delete(groupId);
    });
    // A failed deletion stays in the map, so the id is not created again over what is left; it is
    // reported by whenDestroyed, and resumed at the next open.
    deletion.catch(() => undefined);
    this.destroying.set(groupId, deletion);
  }

  /**
   * Deletes a destroyed group's keys, a bounded round at a time, then its marker. Each round is fsynced
   * (see clearRange), so once the marker's removal is durable every delete before it is too; a crash
   * before that leaves the marker, and the next open deletes the rest.
   */
  private async deleteGroupKeys(groupId: number): Promise<void> {
    await clearRange(
      this.db,
      this.batch,
      groupRange(groupId),
      () => {
        if (this.closed) {
          throw new MillraceError(
            ErrorCode.UNAVAILABLE,
            `the store closed while group ${groupId}'s data was being deleted; the next open resumes it`,
          );
        }
      },
      { keysPerCommit: this.destroyKeysPerCommit },
    );
    this.batch.del(destroyingKey(groupId));
    await this.batch.commit();
  }
}

async function claimIdentity(db: Database, dir: string, expected: NodeIdentity): Promise<void> {
  const record = db.getSync(identityKey);
  if (record !== undefined) {
    checkSameIdentity(dir, decodeIdentity(dir, record), expected);
    // After a process crash, writes the OS accepted but never fsynced are read back as if durable. Sync
    // them before acting on any (a vote recovered from the OS cache and then lost to a power loss could
    // be cast twice): rewriting the identity with sync fsyncs everything LevelDB holds.
    await db.write([{ type: "put", key: identityKey, value: record }], true);
    return;
  }
  if (!(await db.isEmpty())) {
    throw new MillraceError(
      ErrorCode.FAILED_PRECONDITION,
      `data dir ${dir} holds data but no node identity; refusing to adopt it as cluster ` +
        `"${expected.clusterId}" node ${expected.nodeId}`,
      { details: { resource: dir } },
    );
  }
  await db.write([{ type: "put", key: identityKey, value: encodeIdentity(expected) }], true);
}

/** Groups destroyed whose keys were not all deleted yet (their markers). */
async function listDestroyedGroups(db: Database): Promise<number[]> {
  const ids: number[] = [];
  for (const key of await db.keys(destroyingRange)) {
    const groupId = destroyingGroupOf(key);
    if (groupId === undefined || !isGroupId(groupId)) throw corrupt(key, "malformed destroyed-group marker");
    ids.push(groupId);
  }
  return ids;
}

/** Every group with at least one key, found by seeking from one group's prefix to the next. */
async function listGroups(db: Database): Promise<Set<number>> {
  const ids = new Set<number>();
  const keys = db.keyIterator(allGroupsRange);
  try {
    for (;;) {
      const key = await keys.next();
      if (key === undefined) break;
      const groupId = groupIdOf(key);
      if (groupId === undefined || !isGroupId(groupId)) throw corrupt(key, "key outside the storage layout");
      ids.add(groupId);
      if (groupId === groupIdMax) break;
      keys.seek(groupPrefix(groupId + 1));
    }
  } finally {
    await keys.close();
  }
  return ids;
}

import { CompactedError, SnapshotOutOfDateError, UnavailableError } from "@millrace/raft";
import { describe, expect, it, vi } from "vitest";
import { Database } from "../src/database.js";
import {
  CorruptionError,
  entryIndexOf,
  entryKey,
  entryRange,
  type GroupStorage,
  type NodeStore,
} from "../src/index.js";
import {
  bytes,
  conf,
  entries,
  entry,
  openStore,
  plain,
  tempDir,
  text,
  thrown,
  withRawDb,
} from "./helpers.js";

async function reopenGroup(
  dir: string,
  groupId: number,
  cache = {},
): Promise<{ store: NodeStore; group: GroupStorage }> {
  const store = await openStore(dir, { entryCache: cache });
  return { store, group: await store.openGroup(groupId) };
}

/** Every entry index stored for the group, read from the raw database. */
async function storedIndexes(dir: string, groupId: number): Promise<number[]> {
  const indexes: number[] = [];
  await withRawDb(dir, async (db) => {
    const range = entryRange(groupId);
    for await (const key of db.keys({ gte: range.gte, lt: range.lt })) indexes.push(entryIndexOf(key) ?? -1);
  });
  return indexes;
}

describe("GroupStorage durability", () => {
  it("recovers everything committed after a restart", async () => {
    const dir = tempDir();
    const store = await openStore(dir);
    const group = store.createGroup(7);
    group.stageEntries(entries(1, 30, 1));
    group.stageEntries([entry(31, 2, new Uint8Array(5000)), entry(32, 2, "")]);
    group.stageHardState({ term: 2, vote: 3, commit: 31 });
    group.createSnapshot(10, conf(1, 2, 3));
    group.stageCompact(5);
    group.stageApplied(20, conf(1, 2, 3, 4));
    await store.commit();
    await store.close();

    const { group: again } = await reopenGroup(dir, 7, { entriesMax: 4 });
    expect(again.isDamaged).toBe(false);
    expect(again.hardState).toEqual({ term: 2, vote: 3, commit: 31 });
    expect(again.firstIndex()).toBe(6);
    expect(again.lastIndex()).toBe(32);
    expect(again.term(5)).toBe(1);
    expect(() => again.term(4)).toThrow(CompactedError);
    expect(again.snapshot().metadata).toEqual({ index: 10, term: 1, confState: conf(1, 2, 3) });
    expect(again.appliedIndex).toBe(20);
    // The membership at the applied index is newer than the snapshot's, so a restart starts from it.
    expect(again.initialState()).toEqual({
      hardState: { term: 2, vote: 3, commit: 31 },
      confState: conf(1, 2, 3, 4),
    });
    const all = again.entries(6, 33, Number.MAX_SAFE_INTEGER);
    expect(plain(all)).toEqual(
      plain([...entries(6, 30, 1), entry(31, 2, new Uint8Array(5000)), entry(32, 2, "")]),
    );
    expect(again.cachedEntries.entries).toBeLessThanOrEqual(4);
  });

  it("truncates a conflicting suffix atomically with the new entries", async () => {
    const dir = tempDir();
    const store = await openStore(dir);
    const group = store.createGroup(1);
    group.stageEntries(entries(1, 10, 1));
    await store.commit();
    // A new leader's entries conflict from index 6 on: 6 and 7 replace 6..10.
    group.stageEntries(entries(6, 7, 2));
    expect(group.lastIndex()).toBe(7);
    await store.commit();
    await store.close();

    expect(await storedIndexes(dir, 1)).toEqual([1, 2, 3, 4, 5, 6, 7]);
    const { group: again } = await reopenGroup(dir, 1);
    expect(again.lastIndex()).toBe(7);
    expect(() => again.term(8)).toThrow(UnavailableError);
    expect(plain(again.entries(4, 8, Number.MAX_SAFE_INTEGER))).toEqual(
      plain([...entries(4, 5, 1), ...entries(6, 7, 2)]),
    );
  });

  it("loses a truncation that was staged but never committed, and nothing else", async () => {
    const dir = tempDir();
    const store = await openStore(dir);
    const group = store.createGroup(1);
    group.stageEntries(entries(1, 10, 1));
    await store.commit();
    group.stageEntries(entries(3, 4, 2));
    await store.close();

    const { group: again } = await reopenGroup(dir, 1);
    expect(plain(again.entries(1, 11, Number.MAX_SAFE_INTEGER))).toEqual(plain(entries(1, 10, 1)));
  });

  it("keeps entries staged during an in-flight commit cached until their own commit is durable", async () => {
    const dir = tempDir();
    const store = await openStore(dir, {
      entryCache: { entriesMax: 2, bytesMax: 1024, unappliedBytesMax: 0 },
    });
    const group = store.createGroup(1);
    await store.commit();
    group.stageEntries(entries(1, 10, 1));
    const first = store.commit();
    // While the first commit is in flight, a conflicting suffix arrives; it goes into the next batch.
    group.stageEntries(entries(5, 12, 2));
    await first;
    // The first commit's durability trims the cache, but must not evict 5..12: on disk 5..10 are still term 1.
    expect(plain(group.entries(1, 13, Number.MAX_SAFE_INTEGER))).toEqual(
      plain([...entries(1, 4, 1), ...entries(5, 12, 2)]),
    );
    await store.commit();
    expect(group.cachedEntries.entries).toBe(2);
    expect(plain(group.entries(1, 13, Number.MAX_SAFE_INTEGER))).toEqual(
      plain([...entries(1, 4, 1), ...entries(5, 12, 2)]),
    );
    await store.close();
    const { group: again } = await reopenGroup(dir, 1);
    expect(plain(again.entries(1, 13, Number.MAX_SAFE_INTEGER))).toEqual(
      plain([...entries(1, 4, 1), ...entries(5, 12, 2)]),
    );
  });

  it("bounds the entry cache by entries and by bytes", async () => {
    const store = await openStore(tempDir(), {
      entryCache: { entriesMax: 100, bytesMax: 1000, unappliedBytesMax: 0 },
    });
    const group = store.createGroup(1);
    for (let round = 0; round < 20; round++) {
      const from = round * 10 + 1;
      group.stageEntries(Array.from({ length: 10 }, (_, i) => entry(from + i, 1, new Uint8Array(30))));
      await store.commit();
    }
    expect(group.cachedEntries).toEqual({ entries: 33, bytes: 990 });
    expect(group.entries(1, 201, Number.MAX_SAFE_INTEGER)).toHaveLength(200);
    // entries() honours maxSize across the disk and cache parts: 46 bytes each with framing.
    expect(group.entries(160, 201, 46 * 30)).toHaveLength(30);
    expect(group.entries(160, 201, 0)).toHaveLength(1);
  });
});

describe("GroupStorage entry cache and apply", () => {
  it("keeps entries not yet applied cached past its bounds, up to unappliedBytesMax, so applying reads no disk", async () => {
    const store = await openStore(tempDir(), {
      entryCache: { entriesMax: 10, bytesMax: 100, unappliedBytesMax: 1000 },
    });
    const group = store.createGroup(1);
    const sized = (from: number, to: number) =>
      Array.from({ length: to - from + 1 }, (_, i) => entry(from + i, 1, new Uint8Array(100)));
    group.stageEntries(sized(1, 8));
    await store.commit();
    // Durable but not applied: all 8 (800 bytes) stay, though the bounds say 1 entry of 100 bytes.
    expect(group.cachedEntries).toEqual({ entries: 8, bytes: 800 });
    const reads = vi.spyOn(Database.prototype, "getSync");
    try {
      expect(group.entries(1, 9, Number.MAX_SAFE_INTEGER)).toHaveLength(8);
      expect(reads).not.toHaveBeenCalled();
    } finally {
      reads.mockRestore();
    }
    // Once applied, the next durable commit trims them to the bounds.
    group.stageApplied(8, conf(1));
    await store.commit();
    expect(group.cachedEntries).toEqual({ entries: 1, bytes: 100 });
    // Past bytesMax + unappliedBytesMax (1,100 bytes), unapplied entries are evicted too.
    group.stageEntries(sized(9, 20));
    await store.commit();
    expect(group.cachedEntries).toEqual({ entries: 1, bytes: 100 });
    expect(group.entries(9, 21, Number.MAX_SAFE_INTEGER)).toHaveLength(12);
    await store.close();
  });
});

describe("GroupStorage terms", () => {
  it("answers the term of an entry evicted from the cache without reading the entry from disk", async () => {
    const dir = tempDir();
    const store = await openStore(dir, {
      entryCache: { entriesMax: 2, bytesMax: 1024, unappliedBytesMax: 0 },
    });
    const group = store.createGroup(1);
    group.stageEntries([...entries(1, 10, 1), ...entries(11, 20, 2)]);
    await store.commit();
    expect(group.cachedEntries.entries).toBe(2);
    const reads = vi.spyOn(Database.prototype, "getSync");
    try {
      expect([group.term(1), group.term(10), group.term(11), group.term(18)]).toEqual([1, 1, 2, 2]);
      // A new leader's entries replace 13.. with term 3; a compaction drops the front.
      group.stageEntries(entries(13, 14, 3));
      group.createSnapshot(5, conf(1));
      group.stageCompact(5);
      await store.commit();
      expect([group.term(5), group.term(6), group.term(12), group.term(13), group.term(14)]).toEqual([
        1, 1, 2, 3, 3,
      ]);
      expect(() => group.term(4)).toThrow(CompactedError);
      expect(() => group.term(15)).toThrow(UnavailableError);
      expect(reads).not.toHaveBeenCalled();
    } finally {
      reads.mockRestore();
    }
    await store.close();
    // After a restart only the cached entries' terms are known; older ones are read from disk, the same.
    const { group: again } = await reopenGroup(dir, 1, { entriesMax: 2 });
    expect([again.term(5), again.term(6), again.term(12), again.term(13), again.term(14)]).toEqual([
      1, 1, 2, 3, 3,
    ]);
  });
});

describe("GroupStorage snapshots and compaction", () => {
  it("replaces the whole log with a received snapshot", async () => {
    const dir = tempDir();
    const store = await openStore(dir);
    const group = store.createGroup(3);
    group.stageEntries(entries(1, 20, 1));
    await store.commit();
    group.stageSnapshot({ metadata: { index: 15, term: 4, confState: conf(1, 2) }, data: new Uint8Array(0) });
    expect(group.firstIndex()).toBe(16);
    expect(group.lastIndex()).toBe(15);
    expect(group.term(15)).toBe(4);
    await store.commit();
    await store.close();
    expect(await storedIndexes(dir, 3)).toEqual([]);
    const { group: again } = await reopenGroup(dir, 3);
    expect(again.firstIndex()).toBe(16);
    expect(again.term(15)).toBe(4);
    expect(again.initialState().confState).toEqual(conf(1, 2));
    expect(() =>
      again.stageSnapshot({ metadata: { index: 15, term: 4, confState: conf(1) }, data: new Uint8Array(0) }),
    ).toThrow(SnapshotOutOfDateError);
  });

  it("compacts like MemoryStorage, but never past the snapshot", async () => {
    const dir = tempDir();
    const store = await openStore(dir);
    const group = store.createGroup(3);
    group.stageEntries(entries(1, 20, 1));
    group.createSnapshot(10, conf(1));
    expect(() => group.createSnapshot(10, conf(1))).toThrow(SnapshotOutOfDateError);
    expect(() => group.stageCompact(11)).toThrow(/past the snapshot/);
    group.stageCompact(8);
    expect(() => group.stageCompact(8)).toThrow(CompactedError);
    await store.commit();
    await store.close();
    expect(await storedIndexes(dir, 3)).toEqual(Array.from({ length: 12 }, (_, i) => i + 9));
  });

  it("installs a snapshot with its keyspace, log and applied index in one batch", async () => {
    const dir = tempDir();
    const store = await openStore(dir);
    const source = store.createGroup(1);
    source.keyspace.put(bytes("a"), bytes("1"));
    source.keyspace.put(bytes("b"), bytes("2"));
    const target = store.createGroup(2);
    target.stageEntries(entries(1, 5, 1));
    target.keyspace.put(bytes("stale"), bytes("x"));
    await store.commit();

    const chunks = [];
    for await (const chunk of source.keyspace.readSnapshotChunks()) chunks.push(chunk);
    const snapshot = { metadata: { index: 9, term: 2, confState: conf(1, 2, 3) }, data: new Uint8Array(0) };
    target.installSnapshot(snapshot, chunks);
    const stats = await store.commit();
    expect(stats.rangeDeletedKeys).toBe(1);
    await store.close();

    const { group: again } = await reopenGroup(dir, 2);
    expect(again.appliedIndex).toBe(9);
    expect(again.firstIndex()).toBe(10);
    expect(text(await again.keyspace.get(bytes("a")))).toBe("1");
    expect(await again.keyspace.get(bytes("stale"))).toBeUndefined();
    expect((await again.keyspace.iterate(new Uint8Array(0), undefined, 10)).map((p) => text(p.key))).toEqual([
      "a",
      "b",
    ]);
  });
});

describe("GroupStorage corruption", () => {
  async function damageEntry(dir: string, groupId: number, index: number): Promise<void> {
    await withRawDb(dir, async (db) => {
      const key = entryKey(groupId, index);
      const value = await db.get(key);
      if (value === undefined) throw new Error("no such entry");
      const damaged = Uint8Array.from(value);
      damaged[damaged.length - 1] = (damaged[damaged.length - 1] as number) ^ 0x01;
      await db.put(key, damaged);
    });
  }

  async function twoGroups(dir: string): Promise<void> {
    const store = await openStore(dir);
    for (const id of [1, 2]) {
      const group = store.createGroup(id);
      group.stageEntries(entries(1, 20, 1));
      group.stageHardState({ term: 1, vote: 1, commit: 20 });
    }
    await store.commit();
    await store.close();
  }

  it("marks a group damaged when an entry loaded at open fails its checksum; other groups still work", async () => {
    const dir = tempDir();
    await twoGroups(dir);
    await damageEntry(dir, 1, 19);

    const store = await openStore(dir);
    const damaged = await store.openGroup(1);
    const healthy = await store.openGroup(2);
    expect(damaged.isDamaged).toBe(true);
    expect(damaged.damageError?.message).toMatch(/g\/1\/e\/19 in group 1: checksum mismatch/);
    expect(thrown(() => damaged.entries(1, 21, Number.MAX_SAFE_INTEGER))).toBeInstanceOf(CorruptionError);
    expect(thrown(() => damaged.lastIndex())).toBeInstanceOf(CorruptionError);
    expect(thrown(() => damaged.stageEntries([entry(21, 1)]))).toBeInstanceOf(CorruptionError);

    expect(healthy.isDamaged).toBe(false);
    expect(healthy.entries(1, 21, Number.MAX_SAFE_INTEGER)).toHaveLength(20);
    healthy.stageEntries([entry(21, 1)]);
    expect((await store.commit()).entries).toBe(1);
    store.closeGroup(1);
  });

  it("detects a damaged entry read from disk, then refuses every read of that group", async () => {
    const dir = tempDir();
    await twoGroups(dir);
    await damageEntry(dir, 1, 3);

    const { store, group } = await reopenGroup(dir, 1, { entriesMax: 5 });
    expect(group.isDamaged).toBe(false);
    expect(group.entries(16, 21, Number.MAX_SAFE_INTEGER)).toHaveLength(5);
    const error = thrown(() => group.entries(1, 5, Number.MAX_SAFE_INTEGER));
    expect(error).toBeInstanceOf(CorruptionError);
    expect((error as CorruptionError).groupId).toBe(1);
    expect(group.isDamaged).toBe(true);
    // Even reads the cache could answer are refused now: the group must be stopped, not half served.
    expect(thrown(() => group.term(20))).toBe(error);
    const other = await store.openGroup(2);
    expect(other.term(3)).toBe(1);
  });

  it("reads an entry's data without blocking, checksummed, and undefined where the log holds none", async () => {
    const dir = tempDir();
    await twoGroups(dir);
    await damageEntry(dir, 1, 3);
    const { store, group } = await reopenGroup(dir, 1, { entriesMax: 5 });
    const text = (data: Uint8Array | undefined) =>
      data === undefined ? undefined : new TextDecoder().decode(data);
    const reads = vi.spyOn(Database.prototype, "getSync");
    try {
      // Entry 20 is cached, 4 is on disk only; neither read blocks on LevelDB.
      expect([text(await group.entryData(20)), text(await group.entryData(4))]).toEqual(["e20", "e4"]);
      expect(reads).not.toHaveBeenCalled();
    } finally {
      reads.mockRestore();
    }
    expect(await group.entryData(21)).toBeUndefined();
    group.createSnapshot(2, conf(1));
    group.stageCompact(2);
    await store.commit();
    expect(await group.entryData(2)).toBeUndefined();
    // A damaged entry is refused and damages the group, as a synchronous read of it does.
    await expect(group.entryData(3)).rejects.toBeInstanceOf(CorruptionError);
    expect(group.isDamaged).toBe(true);
  });

  it("reports a missing entry inside the log as corruption", async () => {
    const dir = tempDir();
    await twoGroups(dir);
    await withRawDb(dir, (db) => db.del(entryKey(2, 4)));
    const { group } = await reopenGroup(dir, 2, { entriesMax: 5 });
    expect(thrown(() => group.term(4))).toBeInstanceOf(CorruptionError);
    expect(group.isDamaged).toBe(true);
  });

  it("reports a gap in the cached tail of the log when loading", async () => {
    const dir = tempDir();
    await twoGroups(dir);
    await withRawDb(dir, (db) => db.del(entryKey(2, 18)));
    const { group } = await reopenGroup(dir, 2);
    expect(group.isDamaged).toBe(true);
    expect(group.damageError?.message).toMatch(/entry 18 is missing/);
  });
});

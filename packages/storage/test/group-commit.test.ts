import { describe, expect, it } from "vitest";
import {
  StorageFencedError,
  WriteBatch,
  isStorageFencedError,
  type BatchOp,
  type BatchWriter,
  type KeyRange,
} from "../src/index.js";
import { bytes, entries, openStore, plain, tempDir, thrown } from "./helpers.js";

/** An in-memory writer that records each batch, and can be told to fail or hold its writes. */
class FakeWriter implements BatchWriter {
  readonly data = new Map<string, Uint8Array>();
  readonly batches: BatchOp[][] = [];
  failWith: Error | undefined = undefined;
  private release: (() => void) | undefined = undefined;
  holding = false;

  readonly syncs: boolean[] = [];

  async write(ops: readonly BatchOp[], sync: boolean): Promise<void> {
    this.syncs.push(sync);
    if (this.holding) await new Promise<void>((resolve) => (this.release = resolve));
    if (this.failWith !== undefined) throw this.failWith;
    this.batches.push([...ops]);
    for (const op of ops) {
      const key = Buffer.from(op.key).toString("latin1");
      if (op.type === "put") this.data.set(key, op.value);
      else this.data.delete(key);
    }
  }

  keys(range: KeyRange): Promise<Uint8Array[]> {
    const keys = [...this.data.keys()]
      .map((k) => Uint8Array.from(Buffer.from(k, "latin1")))
      .filter((k) => Buffer.compare(k, range.gte) >= 0 && Buffer.compare(k, range.lt) < 0);
    return Promise.resolve(keys);
  }

  finish(): void {
    this.holding = false;
    this.release?.();
  }

  get(key: string): string | undefined {
    const value = this.data.get(key);
    return value === undefined ? undefined : Buffer.from(value).toString();
  }
}

const tick = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

describe("WriteBatch", () => {
  it("writes everything staged in one batch and reports it", async () => {
    const writer = new FakeWriter();
    let clock = 0;
    const batch = new WriteBatch(writer, { now: () => (clock += 5) });
    batch.put(bytes("a"), bytes("1"));
    batch.put(bytes("b"), bytes("22"));
    batch.del(bytes("c"));
    batch.countEntries(2);
    const stats = await batch.commit();
    expect(writer.batches).toHaveLength(1);
    expect(stats).toEqual({
      generation: 1,
      ops: 3,
      entries: 2,
      bytes: 6,
      rangeDeletedKeys: 0,
      fsyncMs: 5,
      synced: true,
      durationMs: 15,
    });
    expect(batch.durableGeneration).toBe(1);
  });

  it("resolves an empty commit at once without writing", async () => {
    const writer = new FakeWriter();
    const batch = new WriteBatch(writer);
    expect((await batch.commit()).ops).toBe(0);
    expect(writer.batches).toHaveLength(0);
  });

  it("stages into the next batch while a commit is in flight, and shares that next commit", async () => {
    const writer = new FakeWriter();
    const batch = new WriteBatch(writer);
    writer.holding = true;
    batch.put(bytes("a"), bytes("1"));
    const first = batch.commit();
    expect(batch.inFlight).toBe(true);
    batch.put(bytes("b"), bytes("2"));
    const second = batch.commit();
    batch.put(bytes("c"), bytes("3"));
    const third = batch.commit();
    // Everything staged while the first commit runs goes in one more batch, shared by every caller.
    expect(third).toBe(second);
    await tick();
    writer.finish();
    expect((await first).generation).toBe(1);
    const next = await second;
    expect(next.generation).toBe(2);
    expect(next.ops).toBe(2);
    expect(writer.batches.map((ops) => ops.map((op) => Buffer.from(op.key).toString()))).toEqual([
      ["a"],
      ["b", "c"],
    ]);
  });

  // An unsynced write is not made durable by a later fsync once LevelDB has moved to a new log file: a
  // power loss could drop it and keep the writes after it. No write goes unsynced, shared or not.
  it("fsyncs every batch it writes, the one in flight and the one queued behind it", async () => {
    const writer = new FakeWriter();
    const batch = new WriteBatch(writer);
    batch.put(bytes("a"), bytes("1"));
    expect((await batch.commit()).synced).toBe(true);
    writer.holding = true;
    batch.put(bytes("b"), bytes("2"));
    const first = batch.commit();
    batch.put(bytes("c"), bytes("3"));
    const second = batch.commit();
    expect(batch.commit()).toBe(second);
    await tick();
    writer.finish();
    expect((await first).synced).toBe(true);
    expect((await second).synced).toBe(true);
    expect(writer.syncs).toEqual([true, true, true]);
  });

  it("calls durability listeners once per batch they staged into, after the write", async () => {
    const writer = new FakeWriter();
    const batch = new WriteBatch(writer);
    const heard: number[] = [];
    const listener = { onDurable: (generation: number) => heard.push(generation) };
    batch.put(bytes("a"), bytes("1"));
    batch.afterDurable(listener);
    batch.afterDurable(listener);
    const first = batch.commit();
    batch.put(bytes("b"), bytes("2"));
    batch.afterDurable(listener);
    expect(heard).toEqual([]);
    await first;
    expect(heard).toEqual([1]);
    await batch.commit();
    expect(heard).toEqual([1, 2]);
  });

  it("applies a range delete in order: earlier stages in the range are dropped, later ones survive", async () => {
    const writer = new FakeWriter();
    const batch = new WriteBatch(writer);
    batch.put(bytes("k1"), bytes("old"));
    batch.put(bytes("k2"), bytes("old"));
    batch.put(bytes("z"), bytes("outside"));
    await batch.commit();
    batch.put(bytes("k3"), bytes("staged before"));
    batch.deleteRange({ gte: bytes("k"), lt: bytes("l") });
    batch.put(bytes("k2"), bytes("new"));
    const stats = await batch.commit();
    expect(stats.rangeDeletedKeys).toBe(2);
    expect([...writer.data.keys()].sort()).toEqual(["k2", "z"]);
    expect(writer.get("k2")).toBe("new");
  });

  it("fences after a failed write: that commit, queued ones, later ones and later stages all fail", async () => {
    const writer = new FakeWriter();
    const batch = new WriteBatch(writer);
    writer.holding = true;
    writer.failWith = new Error("EIO: i/o error, write");
    batch.put(bytes("a"), bytes("1"));
    const failing = batch.commit();
    batch.put(bytes("b"), bytes("2"));
    const queued = batch.commit();
    await tick();
    writer.finish();
    const error = await failing.catch((e: unknown) => e);
    expect(error).toBeInstanceOf(StorageFencedError);
    expect((error as StorageFencedError).code).toBe("UNAVAILABLE");
    expect(((error as StorageFencedError).cause as Error).message).toMatch(/EIO/);
    await expect(queued).rejects.toBe(error);
    await expect(batch.commit()).rejects.toBe(error);
    expect(thrown(() => batch.put(bytes("c"), bytes("3")))).toBe(error);
    expect(batch.fenced).toBe(error);
    expect(writer.batches).toHaveLength(0);
  });
});

describe("group commit across groups", () => {
  it("makes 100 groups' entries durable with one commit", async () => {
    const dir = tempDir();
    const store = await openStore(dir);
    for (let id = 1; id <= 100; id++) store.createGroup(id);
    await store.commit();
    for (let id = 1; id <= 100; id++) {
      const group = store.group(id);
      group?.stageEntries(entries(1, 5, 1));
      group?.stageHardState({ term: 1, vote: id, commit: 0 });
    }
    const stats = await store.commit();
    expect(stats.entries).toBe(500);
    expect(stats.ops).toBe(600);
    expect(stats.fsyncMs).toBeGreaterThan(0);
    await store.close();

    const again = await openStore(dir);
    expect(again.groupIds()).toEqual(Array.from({ length: 100 }, (_, i) => i + 1));
    for (let id = 1; id <= 100; id++) {
      const group = await again.openGroup(id);
      expect(plain(group.entries(1, 6, Number.MAX_SAFE_INTEGER))).toEqual(plain(entries(1, 5, 1)));
      expect(group.hardState.vote).toBe(id);
    }
  });

  it("fences the store when the database fails underneath a commit", async () => {
    let database: BatchWriter | undefined;
    const store = await openStore(tempDir(), {
      wrapWriter: (writer) => {
        database = writer;
        return writer;
      },
    });
    const group = store.createGroup(1);
    await store.commit();
    // Closing the database underneath makes the next batch write fail, as an IO error would.
    await (database as unknown as { close(): Promise<void> }).close();
    group.stageEntries(entries(1, 3, 1));
    const error = await store.commit().catch((e: unknown) => e);
    expect(isStorageFencedError(error)).toBe(true);
    await expect(store.commit()).rejects.toBe(error);
    expect(thrown(() => group.stageHardState({ term: 1, vote: 1, commit: 0 }))).toBe(error);
  });
});

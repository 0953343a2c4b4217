import { SnapshotOutOfDateError } from "@millrace/raft";
import { describe, expect, it } from "vitest";
import {
  FramedChunkReader,
  framedChunks,
  keyspaceRange,
  type GroupStorage,
  type KeyRange,
  type NodeStore,
  type SnapshotStaging,
} from "../src/index.js";
import { bytes, conf, entries, openStore, tempDir, text, withRawDb } from "./helpers.js";

/** A group's keyspace as a snapshot stream, cut into pieces of `pieceBytes` as a transfer would. */
async function streamOf(
  group: GroupStorage,
  chunkBytesMax: number,
  pieceBytes: number,
): Promise<Uint8Array[]> {
  const whole: number[] = [];
  for await (const piece of framedChunks(group.keyspace.readSnapshotChunks({ chunkBytesMax })))
    whole.push(...piece);
  const all = Uint8Array.from(whole);
  const pieces: Uint8Array[] = [];
  for (let at = 0; at < all.length; at += pieceBytes) pieces.push(all.subarray(at, at + pieceBytes));
  return pieces;
}

async function writeAll(staging: SnapshotStaging, pieces: readonly Uint8Array[]): Promise<void> {
  for (const piece of pieces) await staging.write(piece);
}

async function contents(group: GroupStorage): Promise<Record<string, string>> {
  const pairs = await group.keyspace.iterate(new Uint8Array(0), undefined, 100_000);
  return Object.fromEntries(pairs.map(({ key, value }) => [text(key) ?? "", text(value) ?? ""]));
}

async function rawCount(dir: string, range: KeyRange): Promise<number> {
  let count = 0;
  await withRawDb(dir, async (db) => {
    for await (const _ of db.keys({ gte: range.gte, lt: range.lt })) count++;
  });
  return count;
}

const snapshotAt = (index: number) => ({
  metadata: { index, term: 2, confState: conf(1, 2, 3) },
  data: new Uint8Array(0),
});

/** A source group holding `count` pairs `key-i` = `label-i`, and a target group with a log and old state. */
async function groups(
  store: NodeStore,
  count: number,
  label: string,
): Promise<{ source: GroupStorage; target: GroupStorage }> {
  const source = store.createGroup(1);
  for (let i = 0; i < count; i++) source.keyspace.put(bytes(`key-${i}`), bytes(`${label}-${i}`));
  const target = store.createGroup(2);
  target.stageEntries(entries(1, 5, 1));
  for (let i = 0; i < 50; i++) target.keyspace.put(bytes(`stale-${i}`), bytes("x"));
  await store.commit();
  return { source, target };
}

describe("receiving a snapshot into the other keyspace slot", () => {
  it("installs a streamed snapshot whole, with log and applied index, and it survives a reopen", async () => {
    const dir = tempDir();
    const store = await openStore(dir);
    const { source, target } = await groups(store, 2_000, "v");
    const expected = await contents(source);

    const staging = await target.beginSnapshotStaging();
    // Pieces cut across chunk and length boundaries alike.
    const pieces = await streamOf(source, 4_000, 777);
    expect(pieces.length).toBeGreaterThan(50);
    await writeAll(staging, pieces);
    expect(staging.complete).toBe(true);
    expect(staging.pairs).toBe(2_000);
    // Until installed, the state machine still reads its own keyspace.
    expect(Object.keys(await contents(target))).toHaveLength(50);

    target.installStagedSnapshot(snapshotAt(9), staging);
    expect(await contents(target)).toEqual(expected);
    await store.commit();
    expect(target.appliedIndex).toBe(9);
    expect(target.firstIndex()).toBe(10);
    await target.otherSlotCleared();
    await store.close();

    const again = await openStore(dir);
    const reopened = await again.openGroup(2);
    expect(reopened.appliedIndex).toBe(9);
    expect(reopened.lastIndex()).toBe(9);
    expect(await contents(reopened)).toEqual(expected);
    await again.close();
    // The slot left behind was cleared in the background.
    expect(await rawCount(dir, keyspaceRange(2, 0))).toBe(0);
    expect(await rawCount(dir, keyspaceRange(2, 1))).toBe(2_000);
  });

  it("switches back and forth: a second snapshot goes into the first slot, cleared of the old state", async () => {
    const store = await openStore(tempDir());
    const { source, target } = await groups(store, 300, "first");
    const first = await target.beginSnapshotStaging();
    await writeAll(first, await streamOf(source, 1_000, 4_096));
    target.installStagedSnapshot(snapshotAt(9), first);
    await store.commit();

    for (let i = 0; i < 300; i += 2) source.keyspace.del(bytes(`key-${i}`));
    source.keyspace.put(bytes("added"), bytes("new"));
    await store.commit();
    const expected = await contents(source);
    const second = await target.beginSnapshotStaging();
    await writeAll(second, await streamOf(source, 1_000, 4_096));
    target.installStagedSnapshot(snapshotAt(20), second);
    await store.commit();
    expect(await contents(target)).toEqual(expected);
    expect(Object.keys(expected)).toHaveLength(151);
  });

  it("refuses a superseded transfer's writes and keeps none of them", async () => {
    const store = await openStore(tempDir());
    const { source, target } = await groups(store, 500, "v");
    const pieces = await streamOf(source, 1_000, 2_000);
    const older = await target.beginSnapshotStaging();
    await writeAll(older, pieces.slice(0, pieces.length / 2));
    const newer = await target.beginSnapshotStaging();
    await expect(older.write(pieces[pieces.length - 1] as Uint8Array)).rejects.toMatchObject({
      code: "ABORTED",
    });
    expect(() => target.installStagedSnapshot(snapshotAt(9), older)).toThrow(/not the current one/);

    source.keyspace.put(bytes("only-in-newer"), bytes("yes"));
    await store.commit();
    const expected = await contents(source);
    await writeAll(newer, await streamOf(source, 1_000, 2_000));
    target.installStagedSnapshot(snapshotAt(9), newer);
    await store.commit();
    expect(await contents(target)).toEqual(expected);
  });

  it("rejects a damaged stream with INVALID_ARGUMENT, and an incomplete one cannot be installed", async () => {
    const store = await openStore(tempDir());
    const { source, target } = await groups(store, 200, "v");
    const pieces = (await streamOf(source, 1_000, 100_000)).map((piece) => Uint8Array.from(piece));
    const staging = await target.beginSnapshotStaging();
    expect(() => target.installStagedSnapshot(snapshotAt(9), staging)).toThrow(/not arrived whole/);
    const damaged = pieces[0] as Uint8Array;
    damaged[damaged.length - 3] = (damaged[damaged.length - 3] as number) ^ 0xff;
    await expect(staging.write(damaged)).rejects.toMatchObject({
      code: "INVALID_ARGUMENT",
      message: expect.stringMatching(/checksum mismatch/) as string,
    });
    // A length no chunk can have is refused before anything is allocated for it.
    const fresh = await target.beginSnapshotStaging();
    await expect(fresh.write(Uint8Array.of(0xff, 0xff, 0xff, 0xff))).rejects.toMatchObject({
      code: "INVALID_ARGUMENT",
      message: expect.stringMatching(/announces a 4294967295-byte chunk/) as string,
    });
    expect(Object.keys(await contents(target))).toHaveLength(50);
  });

  it("keeps the old state after a crash mid-transfer, and clears what the transfer left at the next open", async () => {
    const dir = tempDir();
    const store = await openStore(dir);
    const { source, target } = await groups(store, 1_000, "v");
    const pieces = await streamOf(source, 1_000, 3_000);
    const staging = await target.beginSnapshotStaging();
    await writeAll(staging, pieces.slice(0, pieces.length / 2));
    await store.close();
    expect(await rawCount(dir, keyspaceRange(2, 1))).toBeGreaterThan(0);

    // Opening the group clears what the transfer left, rather than keep it until the next snapshot.
    const cleared = await openStore(dir);
    await (await cleared.openGroup(2)).otherSlotCleared();
    await cleared.close();
    expect(await rawCount(dir, keyspaceRange(2, 1))).toBe(0);

    const again = await openStore(dir);
    const reopened = await again.openGroup(2);
    expect(Object.keys(await contents(reopened))).toHaveLength(50);
    expect(reopened.appliedIndex).toBe(0);
    const other = await again.openGroup(1);
    other.keyspace.put(bytes("key-0"), bytes("changed"));
    await again.commit();
    const expected = await contents(other);
    const retry = await reopened.beginSnapshotStaging();
    await writeAll(retry, await streamOf(other, 1_000, 3_000));
    reopened.installStagedSnapshot(snapshotAt(12), retry);
    await again.commit();
    expect(await contents(reopened)).toEqual(expected);
  });

  it("refuses a snapshot no newer than the one stored", async () => {
    const store = await openStore(tempDir());
    const { source, target } = await groups(store, 10, "v");
    const first = await target.beginSnapshotStaging();
    await writeAll(first, await streamOf(source, 1_000, 1_000));
    target.installStagedSnapshot(snapshotAt(9), first);
    await store.commit();
    const again = await target.beginSnapshotStaging();
    await writeAll(again, await streamOf(source, 1_000, 1_000));
    expect(() => target.installStagedSnapshot(snapshotAt(9), again)).toThrow(SnapshotOutOfDateError);
  });
});

describe("a snapshot arriving while its group is dropped", () => {
  it("is refused with UNAVAILABLE, not an assertion, whether it is starting or writing", async () => {
    const store = await openStore(tempDir());
    const { source, target } = await groups(store, 100, "v");
    const pieces = await streamOf(source, 1_000, 1_000);
    const staging = await target.beginSnapshotStaging();
    await staging.write(pieces[0] as Uint8Array);
    const starting = target.beginSnapshotStaging();
    store.destroyGroup(2);
    await expect(starting).rejects.toMatchObject({ code: "UNAVAILABLE" });
    await expect(staging.write(pieces[1] as Uint8Array)).rejects.toMatchObject({ code: "UNAVAILABLE" });
    await expect(target.beginSnapshotStaging()).rejects.toMatchObject({ code: "UNAVAILABLE" });
    await store.whenDestroyed(2);
  });
});

describe("a snapshot transfer given up", () => {
  it("has what it wrote cleared, and only the current staging can be given up", async () => {
    const dir = tempDir();
    const store = await openStore(dir);
    const { source, target } = await groups(store, 500, "v");
    const pieces = await streamOf(source, 1_000, 2_000);
    const older = await target.beginSnapshotStaging();
    await writeAll(older, pieces.slice(0, 3));
    const current = await target.beginSnapshotStaging();
    await writeAll(current, pieces.slice(0, 3));
    // The superseded one is not the current staging: giving it up leaves the current one writing.
    target.abandonSnapshotStaging(older);
    await writeAll(current, pieces.slice(3));
    expect(current.complete).toBe(true);

    target.abandonSnapshotStaging(current);
    await expect(current.write(new Uint8Array(1))).rejects.toMatchObject({ code: "ABORTED" });
    await target.otherSlotCleared();
    await store.close();
    expect(await rawCount(dir, keyspaceRange(2, 1))).toBe(0);
    expect(await rawCount(dir, keyspaceRange(2, 0))).toBe(50);
  });
});

describe("FramedChunkReader", () => {
  it("rebuilds chunks from pieces of any size, holding only the bytes that arrived", () => {
    const first = Uint8Array.from({ length: 300 }, (_, i) => i % 251);
    const second = Uint8Array.of(7, 8, 9);
    const stream = Uint8Array.of(0, 0, 1, 44, ...first, 0, 0, 0, 3, ...second);
    const reader = new FramedChunkReader(1_000);
    const chunks: Uint8Array[] = [];
    for (const byte of stream.subarray(0, 14)) chunks.push(...reader.push(Uint8Array.of(byte)));
    // A 300-byte chunk announced and 10 bytes of it in: 14 bytes held, not 304.
    expect(reader.heldBytes).toBe(14);
    chunks.push(...reader.push(stream.subarray(14)));
    expect(chunks).toEqual([first, second]);
    expect(reader.heldBytes).toBe(0);
  });
});

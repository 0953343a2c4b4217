import { existsSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { MillraceError } from "@millrace/common";
import {
  NodeStore,
  describeKey,
  destroyingRange,
  groupIdMax,
  groupIdOf,
  groupRange,
  type KeyRange,
} from "../src/index.js";
import { bytes, entries, identity, openStore, tempDir, text, thrown, withRawDb } from "./helpers.js";

/** The keys a closed store's directory holds in `range`. */
async function rawKeys(dir: string, range: KeyRange): Promise<Uint8Array[]> {
  const keys: Uint8Array[] = [];
  await withRawDb(dir, async (db) => {
    for await (const key of db.keys({ gte: range.gte, lt: range.lt })) keys.push(key);
  });
  return keys;
}

async function refusal(dir: string, clusterId: string, nodeId: number): Promise<MillraceError> {
  const error = await NodeStore.open(dir, { identity: { clusterId, nodeId } }).catch((e: unknown) => e);
  expect(error).toBeInstanceOf(MillraceError);
  return error as MillraceError;
}

describe("node identity", () => {
  it("writes the identity into a fresh directory and accepts it again", async () => {
    const dir = tempDir();
    expect(await NodeStore.readIdentity(dir)).toBeUndefined();
    const store = await openStore(dir);
    expect(store.identity).toEqual(identity);
    await store.close();
    expect(await NodeStore.readIdentity(dir)).toEqual(identity);
    const again = await openStore(dir);
    expect(again.identity).toEqual(identity);
  });

  it("reads no identity from a directory without a database, and creates none", async () => {
    const dir = join(tempDir(), "absent");
    expect(await NodeStore.readIdentity(dir)).toBeUndefined();
    expect(existsSync(dir)).toBe(false);
  });

  it("refuses another cluster's data, naming both cluster ids", async () => {
    const dir = tempDir();
    await (await openStore(dir)).close();
    const error = await refusal(dir, "other-cluster", 1);
    expect(error.code).toBe("FAILED_PRECONDITION");
    expect(error.message).toContain('"test-cluster"');
    expect(error.message).toContain('"other-cluster"');
    expect(error.details.field).toBe("clusterId");
  });

  it("refuses another node's data, naming both node ids", async () => {
    const dir = tempDir();
    await (await openStore(dir)).close();
    const error = await refusal(dir, "test-cluster", 2);
    expect(error.code).toBe("FAILED_PRECONDITION");
    expect(error.message).toMatch(/belongs to node 1 .* configured as node 2/);
    expect(error.details.field).toBe("nodeId");
  });

  it("refuses a directory that holds data but no identity", async () => {
    const dir = tempDir();
    await withRawDb(dir, (db) => db.put(bytes("something"), bytes("else")));
    const error = await refusal(dir, "test-cluster", 1);
    expect(error.code).toBe("FAILED_PRECONDITION");
    expect(error.message).toMatch(/holds data but no node identity/);
  });

  it("refuses a directory another process (or store) has open", async () => {
    const dir = tempDir();
    await openStore(dir);
    const error = await refusal(dir, "test-cluster", 1);
    expect(error.code).toBe("FAILED_PRECONDITION");
    expect(error.message).toMatch(/cannot open the database in .*lock/i);
  });

  it("refuses an invalid identity before touching the disk", async () => {
    const dir = join(tempDir(), "db");
    expect((await refusal(dir, "", 1)).code).toBe("INVALID_ARGUMENT");
    expect((await refusal(dir, "c", 0)).details.field).toBe("nodeId");
    expect(existsSync(dir)).toBe(false);
  });
});

describe("NodeStore groups", () => {
  it("lists the stored groups at open, including the largest id", async () => {
    const dir = tempDir();
    const store = await openStore(dir);
    for (const id of [5, 1, groupIdMax, 300]) store.createGroup(id);
    await store.commit();
    await store.close();
    const again = await openStore(dir);
    expect(again.groupIds()).toEqual([1, 5, 300, groupIdMax]);
    expect(again.hasGroup(5)).toBe(true);
    expect(again.hasGroup(6)).toBe(false);
  });

  it("refuses to create a group twice or open one it does not hold", async () => {
    const store = await openStore(tempDir());
    store.createGroup(1);
    expect(() => store.createGroup(1)).toThrow(/already exists/);
    await expect(store.openGroup(2)).rejects.toThrow(/not stored/);
  });

  it("destroys every key of a group and nothing of its neighbours", async () => {
    const dir = tempDir();
    const store = await openStore(dir);
    for (const id of [1, 2, 3]) {
      const group = store.createGroup(id);
      group.stageEntries(entries(1, 10, 1));
      group.stageHardState({ term: 1, vote: 1, commit: 10 });
      group.keyspace.put(bytes("k"), bytes(`v${id}`));
    }
    await store.commit();
    // Writes staged for the group before its destruction go with it.
    store.group(2)?.keyspace.put(bytes("late"), bytes("x"));
    store.destroyGroup(2);
    expect(store.group(2)).toBeUndefined();
    expect(store.groupIds()).toEqual([1, 3]);
    await store.commit();
    await store.whenDestroyed(2);
    expect(store.destroyingGroupIds()).toEqual([]);
    await store.close();

    expect(await rawKeys(dir, groupRange(2))).toEqual([]);
    expect(await rawKeys(dir, destroyingRange)).toEqual([]);
    const again = await openStore(dir);
    expect(again.groupIds()).toEqual([1, 3]);
    for (const id of [1, 3]) {
      const group = await again.openGroup(id);
      expect(group.lastIndex()).toBe(10);
      expect(text(await group.keyspace.get(bytes("k")))).toBe(`v${id}`);
    }
  });

  it("creates a destroyed group's id again only once its data is gone, and then empty", async () => {
    const dir = tempDir();
    const store = await openStore(dir);
    const old = store.createGroup(4);
    old.stageEntries(entries(1, 5, 1));
    old.keyspace.put(bytes("k"), bytes("old"));
    await store.commit();
    store.destroyGroup(4);
    const refused = thrown(() => store.createGroup(4));
    expect(refused).toBeInstanceOf(MillraceError);
    expect((refused as MillraceError).code).toBe("UNAVAILABLE");
    expect((refused as MillraceError).message).toMatch(/still being deleted/);
    await store.whenDestroyed(4);
    store.createGroup(4).keyspace.put(bytes("fresh"), bytes("new"));
    await store.commit();
    await store.close();
    const group = await (await openStore(dir)).openGroup(4);
    expect(group.lastIndex()).toBe(0);
    expect(await group.keyspace.get(bytes("k"))).toBeUndefined();
    expect(text(await group.keyspace.get(bytes("fresh")))).toBe("new");
  });

  it("deletes a large group a bounded number of keys per commit while other groups commit", async () => {
    const dir = tempDir();
    const keysPerCommit = 100;
    const deletesPerWrite: number[] = [];
    let otherCommitsDuringDeletion = 0;
    const store = await openStore(dir, {
      destroyKeysPerCommit: keysPerCommit,
      wrapWriter: (writer) => ({
        keys: (range) => writer.keys(range),
        write: (ops, sync) => {
          const deletes = ops.filter((op) => op.type === "del" && groupIdOf(op.key) === 2).length;
          if (deletes > 0) deletesPerWrite.push(deletes);
          return writer.write(ops, sync);
        },
      }),
    });
    const big = store.createGroup(2);
    const other = store.createGroup(3);
    big.stageEntries(entries(1, 50, 1));
    for (let i = 0; i < 1_500; i++) big.keyspace.put(bytes(`key-${i}`), bytes(`value-${i}`));
    await store.commit();

    store.destroyGroup(2);
    const deleted = store.whenDestroyed(2);
    let done = false;
    void deleted.finally(() => (done = true));
    // Another group's commits go on between the deletion's rounds rather than wait for all of them.
    for (let i = 0; !done && i < 1_000; i++) {
      other.keyspace.put(bytes(`k${i}`), bytes("v"));
      await store.commit();
      if (!done) otherCommitsDuringDeletion++;
    }
    await deleted;

    // 50 entries, 1,500 keyspace keys and the group's metadata (truncation point, hard state...).
    const total = deletesPerWrite.reduce((sum, n) => sum + n, 0);
    expect(total).toBeGreaterThanOrEqual(1_550);
    expect(Math.max(...deletesPerWrite)).toBeLessThanOrEqual(keysPerCommit);
    expect(deletesPerWrite.length).toBeGreaterThanOrEqual(Math.ceil(1_550 / keysPerCommit));
    expect(otherCommitsDuringDeletion).toBeGreaterThan(1);
    await store.close();
    expect(await rawKeys(dir, groupRange(2))).toEqual([]);
    expect((await rawKeys(dir, groupRange(3))).length).toBeGreaterThan(0);
  });

  it("resumes an interrupted deletion at the next open, and the id stays unusable until it ends", async () => {
    const dir = tempDir();
    let rounds = 0;
    let interrupted!: () => void;
    const interruption = new Promise<void>((resolve) => (interrupted = resolve));
    const store = await openStore(dir, {
      destroyKeysPerCommit: 100,
      wrapWriter: (writer) => ({
        keys: (range) => writer.keys(range),
        write: async (ops, sync) => {
          await writer.write(ops, sync);
          if (ops.some((op) => op.type === "del" && groupIdOf(op.key) === 2) && ++rounds === 3) interrupted();
        },
      }),
    });
    const group = store.createGroup(2);
    for (let i = 0; i < 1_000; i++) group.keyspace.put(bytes(`key-${i}`), bytes("value"));
    store.createGroup(3).keyspace.put(bytes("k"), bytes("kept"));
    await store.commit();
    store.destroyGroup(2);
    await interruption;
    await store.close();
    await expect(store.whenDestroyed(2)).rejects.toThrow(/next open resumes it/);

    const left = (await rawKeys(dir, groupRange(2))).length;
    expect(left).toBeGreaterThan(0);
    expect(left).toBeLessThan(1_000);
    expect(await rawKeys(dir, destroyingRange)).toHaveLength(1);

    const again = await openStore(dir);
    expect(again.groupIds()).toEqual([3]);
    expect(again.hasGroup(2)).toBe(false);
    await again.whenDestroyed(2);
    expect(again.destroyingGroupIds()).toEqual([]);
    again.createGroup(2);
    await again.commit();
    await again.close();
    // Only what the new group wrote is left under its id, and the neighbour is untouched.
    const keys = await rawKeys(dir, groupRange(2));
    expect(keys.map((key) => describeKey(key))).toEqual(["g/2/t"]);
    expect(await rawKeys(dir, destroyingRange)).toEqual([]);
    const reopened = await openStore(dir);
    expect(text(await (await reopened.openGroup(3)).keyspace.get(bytes("k")))).toBe("kept");
  });

  it("closes a group without touching its data", async () => {
    const store = await openStore(tempDir());
    store.createGroup(1).stageEntries(entries(1, 3, 1));
    await store.commit();
    const closed = store.group(1);
    store.closeGroup(1);
    expect(() => closed?.lastIndex()).toThrow(/closed/);
    expect((await store.openGroup(1)).lastIndex()).toBe(3);
  });
});

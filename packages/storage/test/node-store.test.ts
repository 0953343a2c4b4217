import { existsSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { MillraceError } from "@millrace/common";
import { NodeStore, groupIdMax, groupRange } from "../src/index.js";
import { bytes, entries, identity, openStore, tempDir, text, withRawDb } from "./helpers.js";

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
    // Writes staged for the group before its destruction are dropped with it.
    store.group(2)?.keyspace.put(bytes("late"), bytes("x"));
    store.destroyGroup(2);
    expect(store.group(2)).toBeUndefined();
    expect(store.groupIds()).toEqual([1, 3]);
    const stats = await store.commit();
    expect(stats.rangeDeletedKeys).toBe(13);
    await store.close();

    let remaining = 0;
    await withRawDb(dir, async (db) => {
      const range = groupRange(2);
      for await (const _ of db.keys({ gte: range.gte, lt: range.lt })) remaining++;
    });
    expect(remaining).toBe(0);
    const again = await openStore(dir);
    expect(again.groupIds()).toEqual([1, 3]);
    for (const id of [1, 3]) {
      const group = await again.openGroup(id);
      expect(group.lastIndex()).toBe(10);
      expect(text(await group.keyspace.get(bytes("k")))).toBe(`v${id}`);
    }
  });

  it("can recreate a destroyed group in the same batch, starting empty", async () => {
    const dir = tempDir();
    const store = await openStore(dir);
    const old = store.createGroup(4);
    old.stageEntries(entries(1, 5, 1));
    old.keyspace.put(bytes("k"), bytes("old"));
    await store.commit();
    store.destroyGroup(4);
    store.createGroup(4).keyspace.put(bytes("fresh"), bytes("new"));
    await store.commit();
    await store.close();
    const group = await (await openStore(dir)).openGroup(4);
    expect(group.lastIndex()).toBe(0);
    expect(await group.keyspace.get(bytes("k"))).toBeUndefined();
    expect(text(await group.keyspace.get(bytes("fresh")))).toBe("new");
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

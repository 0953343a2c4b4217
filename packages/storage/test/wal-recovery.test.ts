import { existsSync, readdirSync, readFileSync, truncateSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { MillraceError } from "@millrace/common";
import { NodeStore, damageMarkerName } from "../src/index.js";
import { entries, openStore, tempDir } from "./helpers.js";

/** A store whose group 7 holds entries 1..50, each written by its own fsynced commit, then closed. */
async function storeWithLog(): Promise<string> {
  const dir = tempDir();
  const store = await openStore(dir);
  const group = store.createGroup(7);
  for (let index = 1; index <= 50; index++) {
    group.stageEntries(entries(index, index, 1));
    await store.commit();
  }
  await store.close();
  return dir;
}

/** The write-ahead log LevelDB replays at the next open. */
function walOf(dir: string): string {
  const name = readdirSync(dir).find((file) => file.endsWith(".log"));
  expect(name).toBeDefined();
  return join(dir, name!);
}

async function refusal(dir: string): Promise<MillraceError> {
  const error = await openStore(dir).catch((e: unknown) => e);
  expect(error).toBeInstanceOf(MillraceError);
  return error as MillraceError;
}

// LevelDB skips a log record that fails its checksum, and the rest of its block, and opens anyway: before,
// a node opened on such a log came back without acknowledged entries, as if it had never written them.
describe("a write-ahead log damaged between runs", () => {
  it("is refused at open, naming what LevelDB dropped, and stays refused on every later open", async () => {
    const dir = await storeWithLog();
    const wal = walOf(dir);
    const log = readFileSync(wal);
    const middle = Math.floor(log.length / 2);
    log[middle] = (log[middle] as number) ^ 0xff;
    writeFileSync(wal, log);

    const error = await refusal(dir);
    expect(error.code).toBe("FAILED_PRECONDITION");
    expect(error.message).toMatch(/lost acknowledged data: LevelDB dropped \d+ bytes .*checksum mismatch/);
    expect(error.message).toContain("joins as a new node");
    expect(existsSync(join(dir, damageMarkerName))).toBe(true);
    // LevelDB deleted the damaged log once it had recovered: only the marker remembers.
    expect(existsSync(wal)).toBe(false);
    expect((await refusal(dir)).message).toMatch(/LevelDB dropped \d+ bytes/);
    await expect(NodeStore.readIdentity(dir)).rejects.toThrow(/lost acknowledged data/);
  });

  it("is not mistaken for a log cut short mid-record, which is what a crash leaves", async () => {
    const dir = await storeWithLog();
    const wal = walOf(dir);
    truncateSync(wal, readFileSync(wal).length - 3);
    const store = await openStore(dir);
    try {
      const group = await store.openGroup(7);
      // The torn last record (entry 50's commit) is gone, as after a crash mid-write; the rest is whole.
      expect(group.lastIndex()).toBe(49);
    } finally {
      await store.close();
    }
    expect(existsSync(join(dir, damageMarkerName))).toBe(false);
  });
});

import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { EntryType, type ConfState, type Entry } from "@millrace/raft";
import { Level } from "level";
import { afterEach } from "vitest";
import { NodeStore, type NodeIdentity, type NodeStoreOptions } from "../src/index.js";

export const identity: NodeIdentity = { clusterId: "test-cluster", nodeId: 1 };

const dirs: string[] = [];
const stores: NodeStore[] = [];

/** A fresh directory under the OS temp dir, removed (with any store still open in it closed) after the test. */
export function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), "millrace-storage-"));
  dirs.push(dir);
  return dir;
}

afterEach(async () => {
  for (const store of stores.splice(0)) await store.close().catch(() => undefined);
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** Opens a store that is closed after the test even if the test fails. */
export async function openStore(dir: string, options: Partial<NodeStoreOptions> = {}): Promise<NodeStore> {
  const store = await NodeStore.open(dir, { identity, ...options });
  stores.push(store);
  return store;
}

export function entry(index: number, term: number, data: string | Uint8Array = `e${index}`): Entry {
  return {
    index,
    term,
    type: EntryType.Normal,
    data: typeof data === "string" ? new TextEncoder().encode(data) : data,
  };
}

/** Entries [from, to] all in `term`. */
export function entries(from: number, to: number, term: number): Entry[] {
  const result: Entry[] = [];
  for (let index = from; index <= to; index++) result.push(entry(index, term));
  return result;
}

export function conf(...voters: number[]): ConfState {
  return { voters, learners: [], votersOutgoing: [], learnersNext: [], autoLeave: false };
}

export function bytes(text: string): Uint8Array {
  return new TextEncoder().encode(text);
}

export function text(value: Uint8Array | undefined): string | undefined {
  return value === undefined ? undefined : new TextDecoder().decode(value);
}

/** What comparing entries should look at: plain fields and the data as an array. */
export function plain(
  list: readonly Entry[],
): { index: number; term: number; type: number; data: number[] }[] {
  return list.map((e) => ({ index: e.index, term: e.term, type: e.type, data: [...e.data] }));
}

/** The thrown value of `fn`, or undefined. */
export function thrown(fn: () => unknown): unknown {
  try {
    fn();
  } catch (error) {
    return error;
  }
  return undefined;
}

/** Opens the store's LevelDB directly (the store must be closed), for tests that damage it on purpose. */
export async function withRawDb(
  dir: string,
  fn: (db: Level<Uint8Array, Uint8Array>) => Promise<void>,
): Promise<void> {
  const db = new Level<Uint8Array, Uint8Array>(dir, { keyEncoding: "view", valueEncoding: "view" });
  await db.open();
  try {
    await fn(db);
  } finally {
    await db.close();
  }
}

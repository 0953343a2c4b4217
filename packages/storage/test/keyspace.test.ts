import { rmSync } from "node:fs";
import fc from "fast-check";
import { describe, expect, it, vi } from "vitest";
import { Database, type RangeIterator } from "../src/database.js";
import { CorruptionError, NodeStore, keyspaceKey, keyspacePrefix, type Keyspace } from "../src/index.js";
import { bytes, identity, openStore, tempDir, text, thrown, withRawDb } from "./helpers.js";

async function all(keyspace: Keyspace): Promise<[string, string][]> {
  const pairs = await keyspace.iterate(new Uint8Array(0), undefined, 1_000_000);
  return pairs.map((p) => [text(p.key) ?? "", text(p.value) ?? ""]);
}

async function collect(chunks: AsyncIterable<Uint8Array>): Promise<Uint8Array[]> {
  const result: Uint8Array[] = [];
  for await (const chunk of chunks) result.push(chunk);
  return result;
}

describe("Keyspace", () => {
  it("reads its own staged writes before, and after, they are committed", async () => {
    const dir = tempDir();
    const store = await openStore(dir);
    const { keyspace } = store.createGroup(1);
    keyspace.put(bytes("a"), bytes("1"));
    keyspace.put(bytes("b"), bytes("2"));
    expect(text(await keyspace.get(bytes("a")))).toBe("1");
    await store.commit();
    keyspace.del(bytes("a"));
    keyspace.put(bytes("b"), bytes("3"));
    expect(await keyspace.get(bytes("a"))).toBeUndefined();
    expect(text(await keyspace.get(bytes("b")))).toBe("3");
    await store.commit();
    expect(await keyspace.get(bytes("a"))).toBeUndefined();
    await store.close();
    const again = await openStore(dir);
    const group = await again.openGroup(1);
    expect(await all(group.keyspace)).toEqual([["b", "3"]]);
  });

  it("copies values on put, so the caller may reuse its buffer", async () => {
    const store = await openStore(tempDir());
    const { keyspace } = store.createGroup(1);
    const value = bytes("abc");
    keyspace.put(bytes("k"), value);
    value.fill(0);
    expect(text(await keyspace.get(bytes("k")))).toBe("abc");
    await store.commit();
    expect(text(await keyspace.get(bytes("k")))).toBe("abc");
  });

  it("iterates [from, to) in key order, merging staged writes over stored ones", async () => {
    const store = await openStore(tempDir());
    const { keyspace } = store.createGroup(1);
    for (const k of ["a", "c", "e", "g"]) keyspace.put(bytes(k), bytes(`stored ${k}`));
    await store.commit();
    keyspace.put(bytes("b"), bytes("staged b"));
    keyspace.del(bytes("c"));
    keyspace.put(bytes("e"), bytes("staged e"));
    keyspace.put(bytes("h"), bytes("staged h"));
    expect(await all(keyspace)).toEqual([
      ["a", "stored a"],
      ["b", "staged b"],
      ["e", "staged e"],
      ["g", "stored g"],
      ["h", "staged h"],
    ]);
    const some = await keyspace.iterate(bytes("b"), bytes("g"), 10);
    expect(some.map((p) => text(p.key))).toEqual(["b", "e"]);
    const limited = await keyspace.iterate(bytes("a"), undefined, 3);
    expect(limited.map((p) => text(p.key))).toEqual(["a", "b", "e"]);
    expect(await keyspace.iterate(bytes("x"), bytes("b"), 10)).toEqual([]);
  });

  it("returns what an unlimited read would, cut to the limit, however many staged deletes hide stored pairs", async () => {
    const store = await openStore(tempDir());
    // Few keys, half the staged writes deletes: staged writes often land on stored keys and hide them.
    const key = fc.constantFrom(..."abcdefghij");
    const write = fc.record({ key, value: fc.constantFrom(undefined, "x", "y") });
    let groupId = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.uniqueArray(key, { maxLength: 10 }),
        fc.array(write, { maxLength: 10 }),
        key,
        fc.option(key, { nil: undefined }),
        fc.integer({ min: 1, max: 8 }),
        async (storedKeys, staged, from, to, limit) => {
          const { keyspace } = store.createGroup(++groupId);
          const model = new Map<string, string>();
          for (const k of storedKeys) {
            keyspace.put(bytes(k), bytes(`stored ${k}`));
            model.set(k, `stored ${k}`);
          }
          await store.commit();
          // Staged and not yet committed: the read merges these over what LevelDB holds.
          for (const w of staged) {
            if (w.value === undefined) {
              keyspace.del(bytes(w.key));
              model.delete(w.key);
            } else {
              keyspace.put(bytes(w.key), bytes(w.value));
              model.set(w.key, w.value);
            }
          }
          const expected = [...model.entries()]
            .filter(([k]) => k >= from && (to === undefined || k < to))
            .sort(([a], [b]) => (a < b ? -1 : 1))
            .slice(0, limit);
          const got = await keyspace.iterate(bytes(from), to === undefined ? undefined : bytes(to), limit);
          expect(got.map((p) => [text(p.key), text(p.value)])).toEqual(expected);
        },
      ),
      // The case a limit must not get wrong, always tried: staged deletes hide the first stored pairs.
      {
        numRuns: 200,
        examples: [
          [
            ["a", "b", "c", "d"],
            [
              { key: "a", value: undefined },
              { key: "b", value: undefined },
            ],
            "a",
            undefined,
            2,
          ],
        ],
      },
    );
    await store.close();
  });

  it("clears: stored keys vanish at once, writes staged after the clear survive", async () => {
    const dir = tempDir();
    const store = await openStore(dir);
    const { keyspace } = store.createGroup(1);
    const other = store.createGroup(2).keyspace;
    for (const k of ["a", "b", "c"]) keyspace.put(bytes(k), bytes("old"));
    other.put(bytes("a"), bytes("other"));
    await store.commit();
    keyspace.put(bytes("d"), bytes("staged before the clear"));
    keyspace.clear();
    keyspace.put(bytes("b"), bytes("new"));
    expect(await keyspace.get(bytes("a"))).toBeUndefined();
    expect(await all(keyspace)).toEqual([["b", "new"]]);
    await store.commit();
    expect(await all(keyspace)).toEqual([["b", "new"]]);
    await store.close();
    const again = await openStore(dir);
    expect(await all((await again.openGroup(1)).keyspace)).toEqual([["b", "new"]]);
    expect(await all((await again.openGroup(2)).keyspace)).toEqual([["a", "other"]]);
  });

  it("keeps reading staged writes made while an earlier commit is in flight", async () => {
    const store = await openStore(tempDir());
    const { keyspace } = store.createGroup(1);
    keyspace.put(bytes("a"), bytes("1"));
    keyspace.put(bytes("c"), bytes("1"));
    const first = store.commit();
    keyspace.del(bytes("a"));
    keyspace.put(bytes("b"), bytes("2"));
    keyspace.put(bytes("c"), bytes("2"));
    // Both generations are staged: the newer write at a key counts.
    expect(text(keyspace.getSync(bytes("a")))).toBeUndefined();
    expect(text(keyspace.getSync(bytes("c")))).toBe("2");
    await first;
    // The first batch is durable; the second's writes must still shadow it.
    expect(await keyspace.get(bytes("a"))).toBeUndefined();
    expect(await all(keyspace)).toEqual([
      ["b", "2"],
      ["c", "2"],
    ]);
    const second = store.commit();
    keyspace.clear();
    keyspace.put(bytes("d"), bytes("3"));
    await second;
    expect(await all(keyspace)).toEqual([["d", "3"]]);
    await store.commit();
    expect(await all(keyspace)).toEqual([["d", "3"]]);
  });

  it("marks the group damaged when a stored value fails its checksum", async () => {
    const dir = tempDir();
    const store = await openStore(dir);
    store.createGroup(1).keyspace.put(bytes("k"), bytes("value"));
    await store.commit();
    await store.close();
    await withRawDb(dir, async (db) => {
      const key = keyspaceKey(keyspacePrefix(1), bytes("k"));
      const record = Uint8Array.from((await db.get(key)) ?? []);
      record[5] = (record[5] as number) ^ 0x40;
      await db.put(key, record);
    });
    const again = await openStore(dir);
    const group = await again.openGroup(1);
    await expect(group.keyspace.get(bytes("k"))).rejects.toBeInstanceOf(CorruptionError);
    expect(group.isDamaged).toBe(true);
    expect(thrown(() => group.keyspace.put(bytes("x"), bytes("y")))).toBeInstanceOf(CorruptionError);
  });
});

describe("Keyspace snapshots", () => {
  it("streams one group's keyspace and installs it into another, with equal contents", async () => {
    const dir = tempDir();
    const store = await openStore(dir);
    const source = store.createGroup(1).keyspace;
    const target = store.createGroup(2).keyspace;
    for (let i = 0; i < 300; i++)
      source.put(bytes(`key-${String(i).padStart(4, "0")}`), new Uint8Array(i % 50).fill(i % 256));
    target.put(bytes("stale"), bytes("gone after install"));
    await store.commit();
    // Some of the source's state is staged but not yet committed; the snapshot includes it.
    source.put(bytes("key-staged"), bytes("staged"));
    source.del(bytes("key-0000"));

    const chunks = await collect(source.readSnapshotChunks({ chunkBytesMax: 1000 }));
    expect(chunks.length).toBeGreaterThan(5);
    expect(Math.max(...chunks.map((c) => c.length))).toBeLessThanOrEqual(1000 + 13);
    expect(target.installSnapshot(chunks)).toBe(300);
    await store.commit();

    const expected = await all(source);
    expect(await all(target)).toEqual(expected);
    await store.close();
    const again = await openStore(dir);
    expect(await all((await again.openGroup(2)).keyspace)).toEqual(expected);
  });

  it("streams the keyspace as it was when the stream was requested", async () => {
    const store = await openStore(tempDir());
    const { keyspace } = store.createGroup(1);
    keyspace.put(bytes("a"), bytes("1"));
    await store.commit();
    const stream = keyspace.readSnapshotChunks();
    keyspace.put(bytes("b"), bytes("2"));
    keyspace.del(bytes("a"));
    await store.commit();
    const target = store.createGroup(2).keyspace;
    target.installSnapshot(await collect(stream));
    expect(await all(target)).toEqual([["a", "1"]]);
  });

  it("streams an empty keyspace as one empty last chunk", async () => {
    const store = await openStore(tempDir());
    const chunks = await collect(store.createGroup(1).keyspace.readSnapshotChunks());
    expect(chunks).toHaveLength(1);
    const target = store.createGroup(2).keyspace;
    target.put(bytes("x"), bytes("y"));
    expect(target.installSnapshot(chunks)).toBe(0);
    expect(await all(target)).toEqual([]);
  });

  it("refuses damaged, missing, repeated or reordered chunks and stages nothing", async () => {
    const store = await openStore(tempDir());
    const source = store.createGroup(1).keyspace;
    for (let i = 0; i < 50; i++) source.put(bytes(`k${i}`), new Uint8Array(40));
    const chunks = await collect(source.readSnapshotChunks({ chunkBytesMax: 200 }));
    expect(chunks.length).toBeGreaterThan(3);
    const target = store.createGroup(2).keyspace;
    target.put(bytes("keep"), bytes("me"));
    const flipped = chunks.map((c) => Uint8Array.from(c));
    const damaged = flipped[1] as Uint8Array;
    damaged[20] = (damaged[20] as number) ^ 1;
    const cases: [string, Uint8Array[]][] = [
      ["checksum mismatch", flipped],
      ["sequence number 2 out of order", [chunks[0], ...chunks.slice(2)] as Uint8Array[]],
      ["sequence number 0 out of order", [chunks[0], ...chunks] as Uint8Array[]],
      ["without a chunk flagged last", chunks.slice(0, -1)],
      ["without a chunk flagged last", []],
    ];
    for (const [problem, bad] of cases) {
      const error = thrown(() => target.installSnapshot(bad));
      expect((error as Error).message).toContain(problem);
      expect((error as { code?: string }).code).toBe("INVALID_ARGUMENT");
    }
    expect(await all(target)).toEqual([["keep", "me"]]);
  });
});

type KeyspaceStep =
  | { kind: "put"; key: string; value: string }
  | { kind: "del"; key: string }
  | { kind: "clear" }
  | { kind: "commit" }
  | { kind: "commit-behind" }
  | { kind: "reopen" }
  | { kind: "crash" };

const key = fc.constantFrom("a", "b", "ba", "c", "d", "e\u0000", "\u00ff");
const keyspaceStep: fc.Arbitrary<KeyspaceStep> = fc.oneof(
  {
    arbitrary: fc.record({ kind: fc.constant("put" as const), key, value: fc.string({ maxLength: 4 }) }),
    weight: 6,
  },
  { arbitrary: fc.record({ kind: fc.constant("del" as const), key }), weight: 3 },
  { arbitrary: fc.constant({ kind: "clear" as const }), weight: 1 },
  { arbitrary: fc.constant({ kind: "commit" as const }), weight: 3 },
  // A commit left in flight while later steps stage more: reads then merge two generations of writes.
  { arbitrary: fc.constant({ kind: "commit-behind" as const }), weight: 2 },
  { arbitrary: fc.constant({ kind: "reopen" as const }), weight: 1 },
  { arbitrary: fc.constant({ kind: "crash" as const }), weight: 1 },
);

function sortedEntries(model: Map<string, string>): [string, string][] {
  const keys = [...model.keys()].sort((a, b) => Buffer.compare(bytes(a), bytes(b)));
  return keys.map((k) => [k, model.get(k) ?? ""]);
}

describe("Keyspace snapshot streams ended early", () => {
  /** Whether each LevelDB iterator opened while `fn` runs was closed by the time it returned. */
  async function iteratorsClosedAfter(fn: () => Promise<void>): Promise<boolean[]> {
    const spy = vi.spyOn(Database.prototype, "iterator");
    try {
      await fn();
      const iterators = spy.mock.results.map((result) => result.value as RangeIterator);
      // A closed iterator refuses to be read; an open one answers, if only with nothing.
      return await Promise.all(
        iterators.map((it) =>
          it.nextv(1).then(
            () => false,
            () => true,
          ),
        ),
      );
    } finally {
      spy.mockRestore();
    }
  }

  // A transfer that ends before it reads anything (joined to one in flight, refused at once) ends its
  // stream unread; the LevelDB iterator, and the database snapshot it holds, must be closed all the same.
  it("close their LevelDB iterator whether or not they were read", async () => {
    const store = await openStore(tempDir());
    const { keyspace } = store.createGroup(1);
    for (let i = 0; i < 100; i++) keyspace.put(bytes(`k${i}`), bytes("v"));
    await store.commit();
    const unread = await iteratorsClosedAfter(async () => {
      await keyspace.readSnapshotStream().return?.();
      await keyspace.readSnapshotChunks().return?.();
    });
    expect(unread).toEqual([true, true]);
    const partlyRead = await iteratorsClosedAfter(async () => {
      const stream = keyspace.readSnapshotStream({ chunkBytesMax: 100 });
      await stream.next();
      await stream.return?.();
    });
    expect(partlyRead).toEqual([true]);
  });
});

describe("Keyspace against a Map", () => {
  it("reads like a Map after any puts, deletes, clears, commits (some left in flight), reopens and crashes", async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(keyspaceStep, { maxLength: 40, size: "max" }), async (steps) => {
        const dir = tempDir();
        let store = await NodeStore.open(dir, { identity });
        let keyspace = store.createGroup(1).keyspace;
        await store.commit();
        let model = new Map<string, string>();
        let durable = new Map<string, string>();
        /** A commit not yet awaited, and the model as it staged it. */
        let behind: { done: Promise<unknown>; model: Map<string, string> } | undefined;
        const settle = async () => {
          if (behind === undefined) return;
          await behind.done;
          durable = behind.model;
          behind = undefined;
        };
        try {
          for (const s of steps) {
            if (s.kind !== "put" && s.kind !== "del" && s.kind !== "clear") await settle();
            switch (s.kind) {
              case "put":
                keyspace.put(bytes(s.key), bytes(s.value));
                model.set(s.key, s.value);
                break;
              case "del":
                keyspace.del(bytes(s.key));
                model.delete(s.key);
                break;
              case "clear":
                keyspace.clear();
                model.clear();
                break;
              case "commit":
                await store.commit();
                durable = new Map(model);
                break;
              case "commit-behind":
                behind = { done: store.commit(), model: new Map(model) };
                break;
              case "reopen":
              case "crash":
                if (s.kind === "reopen") {
                  await store.commit();
                  durable = new Map(model);
                }
                await store.close();
                store = await NodeStore.open(dir, { identity });
                keyspace = (await store.openGroup(1)).keyspace;
                model = new Map(durable);
                break;
            }
            // Synchronous reads first: nothing in flight can become durable before they are done.
            for (const k of ["a", "ba", "zz"]) expect(text(keyspace.getSync(bytes(k)))).toBe(model.get(k));
            expect(await all(keyspace)).toEqual(sortedEntries(model));
            for (const k of ["a", "ba", "zz"]) expect(text(await keyspace.get(bytes(k)))).toBe(model.get(k));
          }
        } finally {
          await settle();
          await store.close();
          rmSync(dir, { recursive: true, force: true });
        }
      }),
      { numRuns: 40 },
    );
  }, 120_000);
});

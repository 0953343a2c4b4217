import { SeededRandom } from "@millrace/common";
import { MemoryStorage, emptyConfState, type Entry } from "@millrace/raft";
import { describe, expect, it } from "vitest";
import { SimDisk } from "../src/index.js";

const confState = { ...emptyConfState, voters: [1, 2, 3] };

function entries(from: number, to: number, term: number): Entry[] {
  const out: Entry[] = [];
  for (let index = from; index <= to; index++)
    out.push({ index, term, type: 0, data: new TextEncoder().encode(`e${index}`) });
  return out;
}

function newDisk(seed = 1, syncDelay = 3, partialPowerLossRate = 0): SimDisk {
  const disk = new SimDisk({
    random: new SeededRandom(seed),
    syncDelayMin: syncDelay,
    syncDelayMax: syncDelay,
    partialPowerLossRate,
  });
  disk.applySnapshot({ metadata: { index: 1, term: 1, confState }, data: new Uint8Array(0) });
  disk.flush();
  return disk;
}

describe("SimDisk", () => {
  it("reads see writes at once, before any sync", () => {
    const disk = newDisk();
    disk.write({ entries: entries(2, 4, 1), hardState: { term: 1, vote: 1, commit: 3 } });
    expect(disk.lastIndex()).toBe(4);
    expect(disk.term(3)).toBe(1);
    expect(disk.initialState().hardState).toEqual({ term: 1, vote: 1, commit: 3 });
    expect(disk.durable.lastIndex()).toBe(1);
    expect(disk.unsyncedWrites).toBe(1);
  });

  it("a sync completes only after its delay, and then the writes before it are durable", () => {
    const disk = newDisk(1, 3);
    disk.append(entries(2, 3, 1));
    const ticket = disk.sync(10);
    disk.append(entries(4, 4, 1)); // after the sync was requested: not covered
    expect(disk.isSynced(ticket, 12)).toBe(false);
    expect(disk.durable.lastIndex()).toBe(1);
    expect(disk.isSynced(ticket, 13)).toBe(true);
    expect(disk.durable.lastIndex()).toBe(3);
    expect(disk.unsyncedWrites).toBe(1);
  });

  it("power loss drops every write not covered by a completed sync", () => {
    const disk = newDisk(2, 5);
    disk.write({ entries: entries(2, 3, 1), hardState: { term: 1, vote: 2, commit: 1 } });
    const done = disk.sync(0);
    expect(disk.isSynced(done, 5)).toBe(true);
    disk.write({ entries: entries(4, 6, 2), hardState: { term: 2, vote: 3, commit: 3 } });
    const inFlight = disk.sync(5);
    expect(disk.powerLoss()).toBe(1);
    expect(disk.lastIndex()).toBe(3);
    expect(disk.initialState().hardState).toEqual({ term: 1, vote: 2, commit: 1 });
    // The sync in flight never completes, even after its time.
    expect(disk.isSynced(inFlight, 100)).toBe(false);
    const after = disk.sync(100);
    expect(disk.isSynced(after, 105)).toBe(true);
  });

  it("a process crash keeps what the OS got, and in-flight syncs still complete", () => {
    const disk = newDisk(3, 4);
    disk.write({ entries: entries(2, 5, 1), hardState: { term: 1, vote: 1, commit: 0 } });
    const ticket = disk.sync(0);
    disk.append(entries(6, 6, 1));
    disk.crash();
    expect(disk.lastIndex()).toBe(6);
    expect(disk.isSynced(ticket, 4)).toBe(true);
    expect(disk.durable.lastIndex()).toBe(5);
    // The write after the sync is still only in the OS: a later power loss takes it.
    disk.powerLoss();
    expect(disk.lastIndex()).toBe(5);
  });

  it("each write is atomic: a partial power loss keeps a prefix of whole writes", () => {
    for (let seed = 1; seed <= 30; seed++) {
      const disk = newDisk(seed, 1, 1);
      disk.write({ entries: entries(2, 3, 1), hardState: { term: 1, vote: 1, commit: 2 } });
      disk.write({ entries: entries(4, 5, 1), hardState: { term: 1, vote: 1, commit: 4 } });
      disk.write({ entries: entries(6, 7, 1), hardState: { term: 1, vote: 1, commit: 6 } });
      disk.powerLoss();
      const last = disk.lastIndex();
      expect([1, 3, 5, 7]).toContain(last);
      // The hard state always comes from the same write as the last entries.
      expect(disk.initialState().hardState.commit).toBe(last === 1 ? 0 : last - 1);
    }
  });

  it("syncs complete in the order requested, and a slow disk takes longer", () => {
    const disk = new SimDisk({ random: new SeededRandom(4), syncDelayMin: 1, syncDelayMax: 10 });
    const tickets = [disk.sync(0), disk.sync(1), disk.sync(2)];
    let previous = 0;
    for (const ticket of tickets) {
      let t = 0;
      while (!disk.isSynced(ticket, t)) t++;
      expect(t).toBeGreaterThanOrEqual(previous);
      previous = t;
    }
    const fast = new SimDisk({ random: new SeededRandom(5), syncDelayMin: 2, syncDelayMax: 2 });
    fast.setSlowFactor(10);
    const slow = fast.sync(0);
    expect(fast.isSynced(slow, 19)).toBe(false);
    expect(fast.isSynced(slow, 20)).toBe(true);
  });

  it("behaves like MemoryStorage for reads, appends, overwrites, snapshots and compaction", () => {
    const disk = newDisk();
    const memory = new MemoryStorage();
    memory.applySnapshot({ metadata: { index: 1, term: 1, confState }, data: new Uint8Array(0) });
    const both = (f: (s: SimDisk | MemoryStorage) => void) => {
      f(disk);
      f(memory);
    };
    both((s) => s.append(entries(2, 10, 1)));
    both((s) => s.append(entries(6, 8, 2))); // overwrites 6..10
    expect(disk.lastIndex()).toBe(memory.lastIndex());
    expect(disk.entries(2, 9, Number.MAX_SAFE_INTEGER)).toEqual(
      memory.entries(2, 9, Number.MAX_SAFE_INTEGER),
    );
    expect(disk.entries(2, 9, 40)).toEqual(memory.entries(2, 9, 40));
    disk.createSnapshot(7, confState, new Uint8Array([7]), 5);
    memory.createSnapshot(7, confState, new Uint8Array([7]));
    memory.compact(5);
    expect(disk.firstIndex()).toBe(memory.firstIndex());
    expect(disk.term(5)).toBe(memory.term(5));
    expect(() => disk.term(4)).toThrow(/compaction/);
    expect(() => disk.entries(2, 4, 100)).toThrow(/compaction/);
    expect(() => disk.entries(6, 10, 100)).toThrow(/unavailable/);
    expect(disk.snapshot()).toEqual(memory.snapshot());
  });
});

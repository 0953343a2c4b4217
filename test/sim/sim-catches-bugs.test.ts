import { SeededRandom } from "@millrace/common";
import { MemoryStorage, RawNode, raftConfig, type Ready } from "@millrace/raft";
import { describe, expect, it } from "vitest";
import { runSeed } from "./run-seed.js";

/**
 * The simulator must be able to fail: with a known Raft bug injected at run time, some of the first seeds
 * must report the invariant that bug breaks. If this test fails, a checker (or the fault model) has gone
 * blind. The patches are undone whatever happens.
 */

interface RaftLogMethods {
  maybeAppend: (
    this: RaftLogMethods,
    index: number,
    logTerm: number,
    committed: number,
    entries: readonly unknown[],
  ) => number | undefined;
  termOrUndefined(index: number): number | undefined;
  lastIndex(): number;
}

function firstFailure(seeds: number): string | undefined {
  for (let seed = 1; seed <= seeds; seed++) {
    const result = runSeed(seed);
    if (!result.ok) return result.reason;
  }
  return undefined;
}

describe("the simulator catches injected Raft bugs", () => {
  it("sending a Ready's messages before its entries and vote are synced (mustSync ignored)", () => {
    const proto = RawNode.prototype as unknown as { ready: (this: RawNode) => Ready };
    const original = proto.ready;
    proto.ready = function (this: RawNode): Ready {
      return { ...original.call(this), mustSync: false };
    };
    try {
      expect(firstFailure(40)).toMatch(
        /safety .*(durability|acknowledged-lost|state-machine-safety|election-safety)/,
      );
    } finally {
      proto.ready = original;
    }
  });

  it("a follower appending entries whose predecessor does not match (log matching check skipped)", () => {
    // Any node will do: only the prototype of its RaftLog is wanted.
    const probe = new RawNode(
      raftConfig({ id: 1, storage: new MemoryStorage(), random: new SeededRandom(1) }),
    );
    const proto = Object.getPrototypeOf(probe.raft.raftLog) as RaftLogMethods;
    const original = proto.maybeAppend;
    proto.maybeAppend = function (this: RaftLogMethods, index, logTerm, committed, entries) {
      const appended = original.call(this, index, logTerm, committed, entries);
      if (appended !== undefined || index > this.lastIndex()) return appended;
      const ours = this.termOrUndefined(index);
      // Pretend our entry at `index` matched the leader's.
      return ours === undefined ? undefined : original.call(this, index, ours, committed, entries);
    };
    try {
      expect(firstFailure(150)).toMatch(/safety .*(log-matching|state-machine-safety|leader-completeness)/);
    } finally {
      proto.maybeAppend = original;
    }
  });
});

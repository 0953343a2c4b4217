import { type ConfState } from "@millrace/raft";
import { describe, expect, it } from "vitest";
import { handoverTarget } from "../src/node/reconciler.js";

const voters = (ids: number[]): ConfState => ({
  voters: ids,
  learners: [],
  votersOutgoing: [],
  learnersNext: [],
  autoLeave: false,
});

const progress = (entries: [number, number, boolean][]) =>
  new Map(entries.map(([id, match, recentActive]) => [id, { match, recentActive }]));

// A leader removed from its group hands leadership over first. Under a steady write load every follower
// trails the leader's last index (which runs ahead of their acknowledgements); a "caught up" bar left the
// removed leader in charge forever, and the membership cluster test timed out waiting for the new voters.
describe("the removed leader's handover target", () => {
  it("is the wanted voter with the longest log, however far behind the leader it is", () => {
    const target = handoverTarget(
      2,
      voters([1, 2, 3, 4]),
      [1, 3, 4],
      progress([
        [1, 900, true],
        [2, 5000, true],
        [3, 4700, true],
        [4, 4100, true],
      ]),
      0,
    );
    expect(target).toBe(3);
  });

  it("is never a voter out of touch, an unwanted one, or the leader itself", () => {
    const target = handoverTarget(
      2,
      voters([1, 2, 3, 4, 5]),
      [1, 3, 4],
      progress([
        [1, 10, true],
        [2, 5000, true],
        [3, 4900, false],
        [5, 4950, true],
      ]),
      0,
    );
    expect(target).toBe(1);
    expect(handoverTarget(2, voters([2, 3]), [3], progress([[3, 10, false]]), 0)).toBeUndefined();
  });

  it("stays with a transfer under way while its target is still wanted and in touch", () => {
    const state = progress([
      [1, 100, true],
      [3, 4000, true],
    ]);
    expect(handoverTarget(2, voters([1, 2, 3]), [1, 3], state, 1)).toBe(1);
    // Not once that target is gone from what the controller wants.
    expect(handoverTarget(2, voters([1, 2, 3]), [3], state, 1)).toBe(3);
  });
});

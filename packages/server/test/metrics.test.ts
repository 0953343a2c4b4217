import { describe, expect, it } from "vitest";
import { NodeMetrics } from "../src/metrics.js";

/** The `group` labels present in the exposition, per metric name. */
async function groupsOf(metrics: NodeMetrics, name: string): Promise<string[]> {
  const text = await metrics.registry.metrics();
  return text
    .split("\n")
    .filter((line) => line.startsWith(`${name}{`))
    .map((line) => /group="([^"]*)"/.exec(line)?.[1] ?? "")
    .sort();
}

describe("a node's per-group metrics", () => {
  // Before, a group that moved to other nodes kept its last values on the node it left: that node
  // still reported leading it, beside the node that does.
  it("drop the series of a group the node no longer hosts, and keep the others", async () => {
    const metrics = new NodeMetrics();
    for (const group of ["1", "7"]) {
      metrics.raftTerm.set({ group }, 3);
      metrics.raftIsLeader.set({ group }, 1);
      metrics.raftCommitIndex.set({ group }, 10);
      metrics.raftAppliedLag.set({ group }, 0);
      metrics.raftLogEntries.set({ group }, 5);
      metrics.leaderChanges.inc({ group });
      metrics.proposalQueueDepth.set({ group }, 0);
      metrics.longPollsWaiting.set({ group }, 2);
    }
    metrics.keepGroups(["1", "7"]);
    expect(await groupsOf(metrics, "millrace_raft_is_leader")).toEqual(["1", "7"]);
    metrics.keepGroups(["1"]);
    for (const name of [
      "millrace_raft_term",
      "millrace_raft_is_leader",
      "millrace_raft_commit_index",
      "millrace_raft_applied_lag_entries",
      "millrace_raft_log_entries",
      "millrace_raft_leader_changes_total",
      "millrace_proposal_queue_depth",
      "millrace_queue_long_polls_waiting",
    ]) {
      expect(await groupsOf(metrics, name), name).toEqual(["1"]);
    }
  });
});

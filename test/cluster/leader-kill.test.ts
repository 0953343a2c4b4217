import { logGroupId } from "@millrace/testkit";
import { describe, expect, it } from "vitest";
import { appendWorkload, fullRestart, healDrainAndCheck, trackClusters } from "./harness.js";

const newCluster = trackClusters();

// raft-reliability.md §4.3 #2 (kill -9 of one node repeatedly, leaders included) and #18 (full restart).
describe("kill -9 of the log group's leader, again and again", () => {
  it("loses no acknowledged append across three leader crashes and a full-cluster restart", async () => {
    const cluster = newCluster({ nodes: 3, name: "leader-kill" });
    await cluster.start();
    const { history, workload } = appendWorkload(cluster, { clients: 5 });
    workload.start();
    await workload.waitForAcks(100);

    const killed: number[] = [];
    for (let round = 0; round < 3; round++) {
      const { leaderId, term } = await cluster.waitForLeader(logGroupId);
      await cluster.kill(leaderId);
      killed.push(leaderId);
      // The two survivors elect a new leader and keep acknowledging.
      const next = await cluster.waitForLeader(logGroupId, { exclude: [leaderId] });
      expect(next.term).toBeGreaterThan(term);
      await workload.waitForAcks(50);
      await cluster.restart(leaderId);
      await workload.waitForAcks(50);
    }

    // Full-cluster restart under load: every node stops gracefully (SIGTERM) and starts again.
    await fullRestart(cluster, false);
    await workload.waitForAcks(50);
    await workload.stop();

    const stats = await healDrainAndCheck(cluster, history, [1, 2, 3]);
    expect(killed).toHaveLength(3);
    expect(stats.ok).toBeGreaterThanOrEqual(400);
  });
});

import { describe, expect, it } from "vitest";
import { appendWorkload, fullRestart, healDrainAndCheck, trackClusters } from "./harness.js";

const newCluster = trackClusters();

// raft-reliability.md §4.3 #8/#18: every node killed with SIGKILL at once, under load, twice; the cluster
// recovers from LevelDB alone. Compaction is lowered so recovery goes through snapshots and log tails.
describe("a full-cluster crash", () => {
  it("recovers every acknowledged append from disk after SIGKILL of all nodes", async () => {
    const cluster = newCluster({
      nodes: 3,
      name: "full-restart",
      compactEveryEntries: 300,
      compactRetainEntries: 50,
    });
    await cluster.start();
    const { history, workload } = appendWorkload(cluster, { clients: 6 });
    workload.start();
    for (let round = 0; round < 2; round++) {
      await workload.waitForAcks(400);
      await fullRestart(cluster, true);
    }
    await workload.waitForAcks(100);
    await workload.stop();
    const stats = await healDrainAndCheck(cluster, history, [1, 2, 3]);
    expect(stats.ok).toBeGreaterThanOrEqual(900);
  });
});

import { describe, expect, it } from "vitest";
import { appendWorkload, healDrainAndCheck, trackClusters } from "./harness.js";

const newCluster = trackClusters();

describe("a local cluster without faults", () => {
  it("acknowledges concurrent appends and every replica holds them in order", async () => {
    const cluster = newCluster({ nodes: 3, name: "smoke" });
    await cluster.start();
    const { history, workload } = appendWorkload(cluster, { clients: 4 });
    workload.start();
    await workload.waitForAcks(300);
    await workload.stop();
    const stats = await healDrainAndCheck(cluster, history, [1, 2, 3]);
    expect(stats.ok).toBeGreaterThanOrEqual(300);
    expect(stats.replicas).toBe(3);
    // All peer traffic went through the proxies (--peer-address-override), so partitions are real.
    for (const from of [1, 2, 3]) {
      for (const to of [1, 2, 3]) {
        if (from !== to) expect(cluster.proxies.link(from, to).stats.bytes).toBeGreaterThan(0);
      }
    }
  });
});

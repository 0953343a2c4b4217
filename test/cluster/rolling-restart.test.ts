import { logGroupId } from "@millrace/testkit";
import { describe, expect, it } from "vitest";
import { appendWorkload, healDrainAndCheck, trackClusters } from "./harness.js";

const newCluster = trackClusters();

// TESTING.md, "rolling and full restarts": what an upgrade does, every node in turn stopped with SIGTERM
// and started again on its data, under load.
describe("a rolling restart under load", () => {
  it("stops each node in turn gracefully while the others keep acknowledging, and loses nothing", async () => {
    const cluster = newCluster({ nodes: 3, name: "rolling-restart" });
    await cluster.start();
    const { history, workload } = appendWorkload(cluster, { clients: 4 });
    workload.start();
    await workload.waitForAcks(100);
    // The log group's leader first, so a handover happens under load.
    const first = (await cluster.waitForLeader(logGroupId)).leaderId;
    for (const id of [first, ...cluster.memberIds().filter((m) => m !== first)]) {
      // A graceful stop: leadership handed over, what is staged flushed, the process exits by itself.
      expect(await cluster.stop(id)).toEqual({ graceful: true, code: 0 });
      // The other two lead and acknowledge without it.
      await cluster.waitForLeader(logGroupId, { exclude: [id] });
      await workload.waitForAcks(50);
      await cluster.restart(id);
      await workload.waitForAcks(50);
    }
    await workload.stop();
    const stats = await healDrainAndCheck(cluster, history, [1, 2, 3]);
    expect(stats.ok).toBeGreaterThanOrEqual(400);
  });
});

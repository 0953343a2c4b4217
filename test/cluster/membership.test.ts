import { logGroupId, metaGroupId } from "@millrace/testkit";
import { describe, expect, it } from "vitest";
import { appendWorkload, healDrainAndCheck, trackClusters } from "./harness.js";

const newCluster = trackClusters();

// raft-reliability.md §4.3 #12: membership changes under load. A fourth node joins and becomes a voter
// while a founder is down; then the log group's leader (a founder) is removed; appends go on throughout.
describe("adding and removing nodes while appending", () => {
  it("keeps every acknowledged append on the remaining replicas", async () => {
    const cluster = newCluster({ nodes: 3, maxNodes: 4, name: "membership" });
    await cluster.start();
    const { history, workload } = appendWorkload(cluster, { clients: 5 });
    workload.start();
    await workload.waitForAcks(100);

    const added = await cluster.addNode();
    expect(added).toBe(4);
    // A founder crashes while the new node is caught up and promoted; the change goes through without it.
    const { leaderId } = await cluster.waitForLeader(logGroupId);
    const crashed = [1, 2, 3].find((id) => id !== leaderId) as number;
    await cluster.kill(crashed);
    await cluster.waitForVoters(logGroupId, [1, 2, 3, 4]);
    await cluster.waitForVoters(metaGroupId, [1, 2, 3, 4]);
    await workload.waitForAcks(100);
    await cluster.restart(crashed);
    await workload.waitForAcks(100);

    const { leaderId: removed } = await cluster.waitForLeader(logGroupId);
    await cluster.removeNode(removed);
    const remaining = [1, 2, 3, 4].filter((id) => id !== removed);
    await cluster.waitForVoters(logGroupId, remaining);
    await cluster.waitForVoters(metaGroupId, remaining);
    await workload.waitForAcks(100);

    // The removed node dropped its replicas and, stopped, leaves the others undisturbed.
    await cluster.stop(removed);
    await workload.waitForAcks(50);
    await workload.stop();
    const stats = await healDrainAndCheck(cluster, history, remaining);
    expect(stats.replicas).toBe(3);
  });
});

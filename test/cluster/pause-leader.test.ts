import { logGroupId, sleep, waitFor } from "@millrace/testkit";
import { describe, expect, it } from "vitest";
import { appendWorkload, healDrainAndCheck, trackClusters } from "./harness.js";

const newCluster = trackClusters();

// raft-reliability.md §4.3 #3: the leader frozen (SIGSTOP) past the election timeout, then thawed: a stale
// leader. Its in-flight appends must fail or be committed; nothing acknowledged may be lost.
describe("the log group's leader paused past the election timeout", () => {
  it("is replaced, steps down when resumed, and loses no acknowledged append", async () => {
    const cluster = newCluster({ nodes: 3, name: "pause-leader" });
    await cluster.start();
    const { history, workload } = appendWorkload(cluster, { clients: 5 });
    workload.start();
    await workload.waitForAcks(100);

    const old = await cluster.waitForLeader(logGroupId);
    cluster.pause(old.leaderId);
    const others = [1, 2, 3].filter((id) => id !== old.leaderId);
    const fresh = await cluster.waitForLeader(logGroupId, { among: others, exclude: [old.leaderId] });
    expect(fresh.term).toBeGreaterThan(old.term);
    await workload.waitForAcks(100);
    // Frozen well past the election timeout (10 ticks of 50 ms), then thawed.
    await sleep(1500);
    cluster.resume(old.leaderId);
    await waitFor(`node ${old.leaderId} to follow`, { timeoutMs: 15_000 }, async () => {
      const group = await cluster.group(old.leaderId, logGroupId);
      return group !== undefined && group.leaderNodeId !== old.leaderId && Number(group.term) >= fresh.term
        ? true
        : undefined;
    });
    await workload.waitForAcks(100);
    await workload.stop();
    await healDrainAndCheck(cluster, history, [1, 2, 3]);
  });
});

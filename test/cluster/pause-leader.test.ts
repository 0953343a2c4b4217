import { logGroupId, sleep, waitFor } from "@millrace/testkit";
import { describe, expect, it } from "vitest";
import { appendWorkload, healDrainAndCheck, staleReadProbe, trackClusters } from "./harness.js";

const newCluster = trackClusters();

// raft-reliability.md §4.3 #3: the leader frozen (SIGSTOP) past the election timeout, then thawed: a stale
// leader. Its in-flight appends must fail or be committed; nothing acknowledged may be lost; and a read it
// receives while it still believes it leads must not be served from its stale state (ReadIndex, no lease).
describe("the log group's leader paused past the election timeout", () => {
  it("is replaced, serves no stale read, follows when it hears the new leader, loses nothing", async () => {
    const cluster = newCluster({ nodes: 3, name: "pause-leader" });
    await cluster.start();
    const { history, workload } = appendWorkload(cluster, { clients: 5 });
    workload.start();
    await workload.waitForAcks(100);

    const old = await cluster.waitForLeader(logGroupId);
    cluster.pause(old.leaderId);
    // Also cut it off, so that when it is thawed it goes on believing it leads until CheckQuorum says no.
    const others = [1, 2, 3].filter((id) => id !== old.leaderId);
    cluster.partition([[old.leaderId], others], "drop");
    const fresh = await cluster.waitForLeader(logGroupId, { among: others, exclude: [old.leaderId] });
    expect(fresh.term).toBeGreaterThan(old.term);
    await workload.waitForAcks(100);
    // Frozen well past the election timeout (10 ticks of 50 ms). The read is queued before the thaw.
    await sleep(500);
    const probe = staleReadProbe(cluster, history, cluster.clientAddress(old.leaderId));
    await sleep(100);
    cluster.resume(old.leaderId);
    expect(await probe.check()).toBe("refused");

    // Reconnected, it learns of the new term and follows.
    cluster.heal();
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

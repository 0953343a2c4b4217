import { logGroupId, recordedAppend, waitFor, type LocalCluster, type LogHistory } from "@millrace/testkit";
import { describe, expect, it } from "vitest";
import { appendWorkload, healDrainAndCheck, staleReadProbe, trackClusters } from "./harness.js";

const newCluster = trackClusters();

// raft-reliability.md §4.3 #4: the leader isolated in a minority. Links are blackholed ("drop"): the
// old leader's streams stay open but carry nothing, so only CheckQuorum can tell it that it is alone.
describe("the log group's leader isolated in a minority", () => {
  it("steps down, the majority elects a new leader and goes on, and nothing the old leader could not commit survives", async () => {
    const cluster = newCluster({ nodes: 3, name: "partition" });
    await cluster.start();
    const { history, workload } = appendWorkload(cluster, { clients: 5 });
    workload.start();
    await workload.waitForAcks(100);

    const old = await cluster.waitForLeader(logGroupId);
    const majority = [1, 2, 3].filter((id) => id !== old.leaderId);
    cluster.partition([[old.leaderId], majority], "drop");
    const cutAt = Date.now();

    // Appends sent straight to the isolated leader right after the cut: it cannot commit them.
    const oldLeaderAddress = cluster.clientAddress(old.leaderId);
    const direct = appendsTo(cluster, history, oldLeaderAddress, "direct", 10);

    // The majority elects a new leader in a higher term and keeps acknowledging appends.
    const fresh = await cluster.waitForLeader(logGroupId, { among: majority, exclude: [old.leaderId] });
    expect(fresh.term).toBeGreaterThan(old.term);
    await workload.waitForAcks(100);
    // A read at the old leader (deposed or not yet aware of it) never misses what the majority acknowledged.
    await staleReadProbe(cluster, history, oldLeaderAddress).check();

    // The old leader notices it lost its quorum (CheckQuorum) and steps down by itself.
    await waitFor(`node ${old.leaderId} to step down`, { timeoutMs: 15_000 }, async () => {
      const group = await cluster.group(old.leaderId, logGroupId);
      return group !== undefined && group.leaderNodeId !== old.leaderId ? true : undefined;
    });
    // Once it has stepped down it acknowledges nothing: it can only try to forward to a leader it cannot
    // reach, and the caller learns the outcome is unknown (or NOT_LEADER), never success.
    await appendsTo(cluster, history, oldLeaderAddress, "late", 3);
    const late = history.operations.filter((op) => op.records[0]?.startsWith("late-"));
    expect(late.length).toBe(3);
    expect(late.some((op) => op.status === "ok")).toBe(false);

    await direct;
    const healAt = Date.now();
    cluster.heal();
    await workload.waitForAcks(100);
    await workload.stop();

    // Nothing sent to the old leader during the partition was acknowledged: it could commit nothing.
    const ackedByIsolated = history.operations.filter(
      (op) =>
        op.target === oldLeaderAddress &&
        op.invokedAt >= cutAt &&
        op.invokedAt < healAt &&
        op.status === "ok",
    );
    expect(ackedByIsolated).toEqual([]);
    const stats = await healDrainAndCheck(cluster, history, [1, 2, 3]);
    expect(stats.failed + stats.unknown).toBeGreaterThan(0);
  });
});

/** `count` appends (one at a time) straight to one node, recorded in the history as client -1. */
async function appendsTo(
  cluster: LocalCluster,
  history: LogHistory,
  address: string,
  prefix: string,
  count: number,
): Promise<void> {
  for (let n = 0; n < count; n++) {
    await recordedAppend(cluster.clients, history, -1, address, [`${prefix}-${n}`], 2000);
  }
}

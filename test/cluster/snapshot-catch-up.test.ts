import { logGroupId, waitFor } from "@millrace/testkit";
import { describe, expect, it } from "vitest";
import { appendWorkload, healDrainAndCheck, trackClusters } from "./harness.js";

const newCluster = trackClusters();

// raft-reliability.md §4.3 #13: a follower down while the leader compacts past its index catches up by
// snapshot. Compaction is lowered (every 400 applied entries, keeping 100) so a few thousand appends and
// a trim of the log do. A leader keeps the log a lagging follower lacks, up to --compact-lag-bytes-max:
// with 0 it keeps none and the follower needs a snapshot; with the default (128 MiB) the follower
// catches up from the log.
// The follower is killed rather than paused: a paused follower still has the leader's pipelined appends
// (up to the inflight window) queued in its socket buffers and may catch up from those.
describe("a follower down while the leader compacts its log", () => {
  it("installs a snapshot when it comes back and ends with the same log as the others", async () => {
    await followerKilledWhileTheLogMovesOn({ compactLagBytesMax: 0, catchesUpBySnapshot: true });
  });

  it("catches up from the log, without a snapshot, when the leader keeps what it lacks", async () => {
    await followerKilledWhileTheLogMovesOn({ catchesUpBySnapshot: false });
  });
});

async function followerKilledWhileTheLogMovesOn(o: {
  compactLagBytesMax?: number;
  catchesUpBySnapshot: boolean;
}): Promise<void> {
  const cluster = newCluster({
    nodes: 3,
    name: "snapshot",
    compactEveryEntries: 400,
    compactRetainEntries: 100,
    extraArgs:
      o.compactLagBytesMax === undefined ? [] : ["--compact-lag-bytes-max", String(o.compactLagBytesMax)],
  });
  await cluster.start();
  const { history, workload } = appendWorkload(cluster, { clients: 8, recordsPerAppend: [1, 1] });
  workload.start();
  await workload.waitForAcks(50);

  const { leaderId } = await cluster.waitForLeader(logGroupId);
  const follower = [1, 2, 3].find((id) => id !== leaderId) as number;
  const before = Number((await cluster.group(follower, logGroupId))?.appliedIndex);
  const snapshotsBefore = installedSnapshots(cluster.logLines(follower, '"installed a snapshot"'));
  await cluster.kill(follower);
  // Far more entries than the leader keeps behind a compaction. Appends arriving together share an entry
  // (the log leader folds them), so this waits on the leader's applied index, not on a count of appends.
  const leader = await cluster.waitForLeader(logGroupId, { exclude: [follower] });
  let target = 0;
  await waitFor(
    `the log leader to apply 600 entries past node ${follower}`,
    { timeoutMs: 60_000 },
    async () => {
      target = Number((await cluster.group(leader.leaderId, logGroupId))?.appliedIndex);
      return target - before > 600 ? true : undefined;
    },
  );
  expect(target - before).toBeGreaterThan(400 + 100);
  // The log's Raft entries hold its records, so they are compacted only once trimmed: trim below the
  // latest acknowledged append, whose entry lies far past the follower's index.
  const latest = Math.max(
    ...history.operations.filter((op) => op.status === "ok").map((op) => op.firstSeq as number),
  );
  const trim = await cluster.clients.trim(cluster.clientAddress(leader.leaderId), latest);
  expect(Number(trim.firstSeq)).toBe(latest);
  history.trimmed(latest);
  await cluster.restart(follower);

  // The follower catches up past where the leader was when it came back...
  await waitFor(`node ${follower} to apply index ${target}`, { timeoutMs: 30_000 }, async () => {
    const group = await cluster.group(follower, logGroupId);
    return Number(group?.appliedIndex) >= target ? true : undefined;
  });
  const installedSince = () =>
    installedSnapshots(cluster.logLines(follower, '"installed a snapshot"')).filter(
      (s) =>
        s.group === logGroupId &&
        s.index > before &&
        !snapshotsBefore.some((b) => b.index === s.index && b.term === s.term),
    );
  // ...by installing a snapshot of the log group when its log was compacted past the follower's index.
  // (The host logs "installed a snapshot", packages/server/src/host/raft-host.ts. Nodes log
  // asynchronously: the line may reach the file a little after the fact.)
  if (o.catchesUpBySnapshot) {
    await waitFor(
      `node ${follower} to log a snapshot of group ${logGroupId} installed`,
      { timeoutMs: 10_000 },
      () => (installedSince().length > 0 ? true : undefined),
    );
    // Operators see it in /metrics too (updated a few times a second).
    const httpPort = cluster.status().find((s) => s.id === follower)?.httpPort;
    await waitFor(`node ${follower}'s /metrics to count the snapshot`, { timeoutMs: 10_000 }, async () => {
      const text = await (await fetch(`http://127.0.0.1:${httpPort}/metrics`)).text();
      const value = (series: string) =>
        Number(
          text
            .split("\n")
            .find((line) => line.startsWith(`${series} `))
            ?.split(" ")[1] ?? 0,
        );
      return value('millrace_snapshots_total{outcome="received"}') >= 1 &&
        value('millrace_snapshot_bytes_total{direction="received"}') > 0
        ? true
        : undefined;
    });
  }

  await workload.waitForAcks(50);
  await workload.stop();
  const stats = await healDrainAndCheck(cluster, history, [1, 2, 3]);
  // Every replica, the follower's included, holds the records from the trim on.
  expect(Object.values(stats.recordsPerReplica).every((n) => n > 0)).toBe(true);
  // ...and, with the log kept, none came by snapshot (seconds after the catch-up, its line would show).
  if (!o.catchesUpBySnapshot) expect(installedSince()).toEqual([]);
}

function installedSnapshots(lines: string[]): { group: number; index: number; term: number }[] {
  return lines.map((line) => JSON.parse(line) as { group: number; index: number; term: number });
}

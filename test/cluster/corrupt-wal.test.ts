import { readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { assertLogHistoryValid, logGroupId, metaGroupId } from "@millrace/testkit";
import { describe, expect, it } from "vitest";
import { appendWorkload, trackClusters } from "./harness.js";

const newCluster = trackClusters();

/** Flips one byte in the middle of each write-ahead log LevelDB will replay at the node's next start. */
function damageWal(dataDir: string): number {
  const db = join(dataDir, "db");
  const logs = readdirSync(db).filter((file) => file.endsWith(".log"));
  for (const name of logs) {
    const bytes = readFileSync(join(db, name));
    const middle = Math.floor(bytes.length / 2);
    bytes[middle] = (bytes[middle] as number) ^ 0xff;
    writeFileSync(join(db, name), bytes);
  }
  return logs.length;
}

// TESTING.md's "a minority's files corrupted (detected by checksums, never spread, never elected)", for
// the file LevelDB itself would forgive: its write-ahead log. LevelDB skips the damaged records and opens;
// the node must refuse to start rather than rejoin with fewer entries than it acknowledged.
describe("a node whose write-ahead log is damaged while it is down", () => {
  it("refuses to start, and the others keep every acknowledged append", async () => {
    const cluster = newCluster({ nodes: 3, maxNodes: 3, name: "corrupt-wal" });
    await cluster.start();
    const { history, workload } = appendWorkload(cluster, { clients: 4 });
    workload.start();
    await workload.waitForAcks(200);

    // A follower of the log group: it holds (and acknowledged) entries the leader counted as committed.
    const { leaderId } = await cluster.waitForLeader(logGroupId);
    const victim = cluster.memberIds().find((id) => id !== leaderId)!;
    const stopped = await cluster.stop(victim);
    expect(stopped.graceful).toBe(true);
    const node = cluster.status().find((n) => n.id === victim)!;
    expect(damageWal(node.dataDir)).toBeGreaterThan(0);

    await expect(cluster.restart(victim)).rejects.toThrow(/exited/);
    expect(cluster.logLines(victim, "lost acknowledged data").length).toBeGreaterThan(0);
    expect(cluster.status().find((n) => n.id === victim)?.state).toBe("down");

    // The other two are a quorum: they keep acknowledging, and hold everything acknowledged.
    await workload.waitForAcks(100);
    await workload.stop();
    const healthy = cluster.memberIds().filter((id) => id !== victim);
    await cluster.waitForLeader(metaGroupId, { among: healthy });
    await cluster.waitForLeader(logGroupId, { among: healthy });
    for (const id of healthy) history.replica(await cluster.readReplica(id));
    const stats = assertLogHistoryValid(history);
    expect(stats.ok).toBeGreaterThanOrEqual(300);
    expect(cluster.electionSafetyViolations()).toEqual([]);
  });
});

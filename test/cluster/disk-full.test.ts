import { execFileSync } from "node:child_process";
import { closeSync, mkdirSync, mkdtempSync, openSync, rmdirSync, unlinkSync, writeSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { logGroupId, waitFor } from "@millrace/testkit";
import { describe, expect, it } from "vitest";
import { appendWorkload, healDrainAndCheck, trackClusters } from "./harness.js";

const newCluster = trackClusters();

/** Each node's data directory is its own tmpfs of this size, so one node's disk can fill alone. */
const diskBytes = 256 * 1024 * 1024;

/**
 * Whether this machine lets the test mount a tmpfs (root, Linux, and mount(8) permitted), and if not why:
 * a real full disk needs its own small file system.
 */
function mountProblem(): string | undefined {
  if (process.platform !== "linux") return `mounting a tmpfs needs Linux, this is ${process.platform}`;
  const probe = mkdtempSync(join(tmpdir(), "millrace-mount-probe-"));
  try {
    execFileSync("mount", ["-t", "tmpfs", "-o", "size=1m", "tmpfs", probe], { stdio: "pipe" });
    execFileSync("umount", [probe], { stdio: "pipe" });
    return undefined;
  } catch (error) {
    return `cannot mount a tmpfs here (needs root and mount permission): ${(error as Error).message.split("\n")[0]}`;
  } finally {
    rmdirSync(probe);
  }
}

/** Writes `path` until the file system holding it is full; returns the bytes written. */
function fillDisk(path: string): number {
  const chunk = Buffer.alloc(1024 * 1024, 0x5a);
  const fd = openSync(path, "w");
  let written = 0;
  try {
    for (;;) written += writeSync(fd, chunk);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "ENOSPC") throw error;
  } finally {
    closeSync(fd);
  }
  return written;
}

const problem = mountProblem();
if (problem !== undefined) process.stdout.write(`disk-full.test.ts skipped: ${problem}\n`);

// TESTING.md's "disk full (the node stops acknowledging rather than lying)", on a real file system that
// runs out of space under a real node: LevelDB's write fails with ENOSPC, the node's group commit fences
// it, and it stops serving; the others elect a leader and carry on; nothing acknowledged is lost, and
// once there is room again the node restarts and catches up.
describe.skipIf(problem !== undefined)("a node whose disk fills up", () => {
  it("stops acknowledging, the others carry on, and nothing acknowledged is lost", async () => {
    const mounted: string[] = [];
    const cluster = newCluster({
      nodes: 3,
      maxNodes: 3,
      name: "disk-full",
      prepareDataDir: (_id, dataDir) => {
        mkdirSync(dataDir, { recursive: true });
        execFileSync("mount", ["-t", "tmpfs", "-o", `size=${diskBytes}`, "tmpfs", dataDir], {
          stdio: "pipe",
        });
        mounted.push(dataDir);
      },
    });
    try {
      await cluster.start();
      const { history, workload } = appendWorkload(cluster, { clients: 4 });
      workload.start();
      await workload.waitForAcks(100);

      // The log group's leader is the one that must not acknowledge what it cannot store.
      const { leaderId: full, term } = await cluster.waitForLeader(logGroupId);
      const node = cluster.status().find((n) => n.id === full)!;
      const filler = join(node.dataDir, "filler");
      expect(fillDisk(filler)).toBeGreaterThan(0);

      const healthz = `http://127.0.0.1:${node.httpPort}/healthz`;
      const refusal = await waitFor(
        `node ${full} to report its storage failed`,
        { timeoutMs: 30_000, intervalMs: 200 },
        async () => {
          const response = await fetch(healthz, { signal: AbortSignal.timeout(1000) });
          const text = await response.text();
          return response.ok ? undefined : { status: response.status, text };
        },
      );
      expect(refusal.text).toContain("storage failed");
      expect(cluster.logLines(full, "raft host stopped: storage failure").length).toBeGreaterThan(0);

      // The others elect a leader among themselves and keep acknowledging.
      const next = await cluster.waitForLeader(logGroupId, { exclude: [full], timeoutMs: 30_000 });
      expect(next.term).toBeGreaterThan(term);
      await workload.waitForAcks(100);
      // The full node stays up, refusing, rather than crashing.
      expect(cluster.status().find((n) => n.id === full)?.state).toBe("running");

      // Room again: the node restarts on its data and catches up.
      unlinkSync(filler);
      await cluster.restart(full);
      await workload.waitForAcks(50);
      await workload.stop();
      const stats = await healDrainAndCheck(cluster, history, [1, 2, 3]);
      expect(stats.ok).toBeGreaterThanOrEqual(250);
    } finally {
      // Kill the nodes before unmounting; lazily, so open files cannot block it. cleanup() then removes
      // the emptied directories.
      for (const id of cluster.runningIds()) await cluster.kill(id);
      for (const dir of mounted) execFileSync("umount", ["-l", dir], { stdio: "pipe" });
    }
  });
});

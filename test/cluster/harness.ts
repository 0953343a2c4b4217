import {
  AppendWorkload,
  LocalCluster,
  LogHistory,
  assertLogHistoryValid,
  logGroupId,
  metaGroupId,
  type AppendWorkloadOptions,
  type LocalClusterOptions,
  type LogHistoryStats,
} from "@millrace/testkit";
import { afterEach } from "vitest";

/** Workloads started by `appendWorkload`, stopped after each test. */
const workloads: AppendWorkload[] = [];

/**
 * Registers an afterEach that prints the tail of every node's log when the test failed, then cleans
 * up (kills every process by pid, removes the temp dir). Returns a factory for clusters it will clean.
 */
export function trackClusters(): (options: LocalClusterOptions) => LocalCluster {
  const clusters: LocalCluster[] = [];
  afterEach(async (context) => {
    // A test that failed midway leaves its workload running: stop it first (bounded by its call deadline).
    await Promise.all(workloads.splice(0).map((w) => w.stop()));
    for (const cluster of clusters.splice(0)) {
      if (context.task.result?.state === "fail") {
        process.stdout.write(`\n${cluster.logTails(60)}`);
        process.stdout.write(`cluster status: ${JSON.stringify(cluster.status())}\n`);
      }
      await cluster.cleanup();
    }
  });
  return (options) => {
    const cluster = new LocalCluster(options);
    clusters.push(cluster);
    return cluster;
  };
}

/** A history and a workload of concurrent appending clients against the cluster (stopped after each test). */
export function appendWorkload(
  cluster: LocalCluster,
  options: Omit<AppendWorkloadOptions, "prefix"> & { prefix?: string },
): { history: LogHistory; workload: AppendWorkload } {
  const history = new LogHistory();
  const workload = new AppendWorkload(cluster.clients, () => cluster.endpoints(), history, {
    prefix: options.prefix ?? `w${Date.now().toString(36)}`,
    ...options,
  });
  workloads.push(workload);
  return { history, workload };
}

/**
 * The end of every cluster test: heal the network, resume paused nodes, restart nodes that are down,
 * wait for leaders, read the log from every replica in `replicas` (each made leader in turn) and check
 * the history against them; also check that no two nodes saw different leaders in one term (from the
 * nodes' "leader changed" log lines). Returns the history's stats.
 */
export async function healDrainAndCheck(
  cluster: LocalCluster,
  history: LogHistory,
  replicas: readonly number[],
): Promise<LogHistoryStats> {
  cluster.heal();
  for (const node of cluster.status()) if (node.state === "paused") cluster.resume(node.id);
  await cluster.restartAllDown();
  await cluster.waitForLeader(metaGroupId);
  await cluster.waitForLeader(logGroupId);
  for (const id of replicas) history.replica(await cluster.readReplica(id));
  const stats = assertLogHistoryValid(history);
  const violations = cluster.electionSafetyViolations();
  if (violations.length > 0) throw new Error(`two leaders in one term:\n  ${violations.join("\n  ")}`);
  process.stdout.write(`history: ${JSON.stringify(stats)}\n`);
  return stats;
}

/** Stops every member (SIGTERM, or SIGKILL when `crash`), then starts them all again and waits for leaders. */
export async function fullRestart(cluster: LocalCluster, crash: boolean): Promise<void> {
  const ids = cluster.memberIds();
  if (crash) await Promise.all(ids.map((id) => cluster.kill(id)));
  else {
    const results = await Promise.all(ids.map((id) => cluster.stop(id)));
    const forced = ids.filter((_, i) => !results[i]?.graceful);
    if (forced.length > 0) throw new Error(`nodes ${forced.join(",")} did not stop on SIGTERM`);
  }
  await cluster.restartAllDown();
  await cluster.waitForLeader(metaGroupId, { timeoutMs: 30_000 });
  await cluster.waitForLeader(logGroupId, { timeoutMs: 30_000 });
}

/**
 * A linearizability probe for reads (raft-reliability.md §4.3 #3/#4, ReadIndex): sends a Read to the node at
 * `address` and, if it answers, checks that it saw every append acknowledged before the read was sent. A
 * stale leader serving from its own state would miss the new leader's appends. The read is sent at once;
 * `check()` awaits it and resolves with "refused" or "served", or throws on a stale read.
 */
export function staleReadProbe(
  cluster: LocalCluster,
  history: LogHistory,
  address: string,
): { check: () => Promise<"refused" | "served"> } {
  let highest = 0;
  for (const op of history.operations) {
    if (op.status === "ok") highest = Math.max(highest, (op.firstSeq as number) + op.records.length - 1);
  }
  const read = cluster.clients.read(address, Math.max(highest, 1), 1, 5000);
  return {
    check: async () => {
      let response;
      try {
        response = await read;
      } catch {
        return "refused";
      }
      if (Number(response.nextSeq) <= highest) {
        throw new Error(
          `stale read from ${address}: nextSeq ${response.nextSeq}, but seq ${highest} was acknowledged before the read`,
        );
      }
      return "served";
    },
  };
}

import { connect, type MillraceClient } from "@millrace/client";
import { waitFor, type LocalCluster } from "@millrace/testkit";
import { afterEach, describe, expect, it } from "vitest";
import { appendWorkload, healDrainAndCheck, trackClusters } from "./harness.js";

const newCluster = trackClusters();
const clients: MillraceClient[] = [];
afterEach(async () => {
  await Promise.all(clients.splice(0).map((c) => c.close()));
});

async function sdk(cluster: LocalCluster): Promise<MillraceClient> {
  const client = await connect({ endpoints: cluster.endpoints(), deadlineMs: 30_000 });
  clients.push(client);
  return client;
}

/** Replica and leader counts per node over one queue's partitions, from the routing table. */
async function spread(client: MillraceClient, queue: string) {
  const table = await client.admin.routingTable();
  const routes = table.routes.filter(
    (r) => r.kind === "GROUP_KIND_QUEUE_PARTITION" && r.resourceName === queue,
  );
  const replicas = new Map<number, number>();
  for (const r of routes) for (const id of r.replicaNodeIds) replicas.set(id, (replicas.get(id) ?? 0) + 1);
  // Leadership is spread over every group the cluster runs (the meta group and the log included).
  const leaders = new Map<number, number>();
  for (const r of table.routes) {
    if (r.leaderNodeId !== 0) leaders.set(r.leaderNodeId, (leaders.get(r.leaderNodeId) ?? 0) + 1);
  }
  return { routes, replicas, leaders };
}

/**
 * Callers using the SDK keep sending to a standard queue while the cluster changes under them. The SDK
 * retries what is retryable inside each call's deadline, so a caller must never see an error.
 */
function sdkSenders(client: MillraceClient, queue: string, callers: number) {
  let running = true;
  const errors: unknown[] = [];
  let acknowledged = 0;
  const loops = Array.from({ length: callers }, async (_, c) => {
    for (let i = 0; running && i < 100_000; i++) {
      try {
        await client.queue(queue).send(`caller-${c}-${i}`);
        acknowledged += 1;
      } catch (error) {
        errors.push(error);
      }
    }
  });
  return {
    errors,
    acknowledged: () => acknowledged,
    stop: async () => {
      running = false;
      await Promise.all(loops);
    },
  };
}

function withinOne(counts: Iterable<number>): boolean {
  const values = [...counts];
  return Math.max(...values) - Math.min(...values) <= 1;
}

describe("the controller places and moves replicas", () => {
  it("spreads replicas and leaders onto two new nodes under load, even when the meta leader dies mid-way", async () => {
    const cluster = newCluster({ nodes: 3, name: "scale-out" });
    await cluster.start();
    const client = await sdk(cluster);
    await client.createQueue("spread", { attributes: { Partitions: "5" } });
    const { history, workload } = appendWorkload(cluster, { clients: 2 });
    workload.start();
    const senders = sdkSenders(client, "spread", 3);
    await workload.waitForAcks(50);

    const four = await cluster.addNode();
    // The meta leader is killed while it moves replicas onto the new node; the next leader finishes.
    const metaLeader = await cluster.waitForLeader(1);
    await cluster.kill(metaLeader.leaderId);
    const five = await cluster.addNode();
    await cluster.restart(metaLeader.leaderId);

    // 5 partitions × 3 replicas over 5 nodes: every node holds 3. 7 groups in all (with the meta group
    // and the log): every node leads 1 or 2.
    let last: Awaited<ReturnType<typeof spread>> | undefined;
    const settled = await waitFor(
      "replicas and leaders to spread over 5 nodes",
      { timeoutMs: 90_000, intervalMs: 500 },
      async () => {
        const s = await spread(client, "spread");
        last = s;
        const nodes = [1, 2, 3, four, five];
        if (s.routes.length !== 5 || s.routes.some((r) => r.replicaNodeIds.length !== 3)) return undefined;
        if (!nodes.every((id) => s.replicas.get(id) === 3)) return undefined;
        if (!nodes.every((id) => (s.leaders.get(id) ?? 0) >= 1)) return undefined;
        if (!withinOne(nodes.map((id) => s.leaders.get(id) ?? 0))) return undefined;
        return s;
      },
    ).catch((error: unknown) => {
      // What it last saw, so a failure says which part never settled.
      const seen = last && {
        replicas: [...last.replicas].sort(([a], [b]) => a - b),
        leaders: [...last.leaders].sort(([a], [b]) => a - b),
        routes: last.routes.map((r) => `${r.groupId}:${r.replicaNodeIds.join(",")}@${r.leaderNodeId}`),
      };
      throw new Error(`${(error as Error).message}; last seen ${JSON.stringify(seen)}`);
    });
    expect(withinOne(settled.replicas.values())).toBe(true);
    for (const r of settled.routes) expect(new Set(r.replicaNodeIds).size).toBe(3);

    await senders.stop();
    await workload.stop();
    expect(senders.errors).toEqual([]);
    expect(senders.acknowledged()).toBeGreaterThan(20);
    // Every message the SDK callers had acknowledged is still in the queue.
    const attributes = await client.queue("spread").getAttributes(["ApproximateNumberOfMessages"]);
    expect(Number(attributes["ApproximateNumberOfMessages"])).toBeGreaterThanOrEqual(senders.acknowledged());
    await healDrainAndCheck(cluster, history, [1, 2, 3, four, five]);
  });

  it("re-places the replicas of a removed node on the others", async () => {
    const cluster = newCluster({ nodes: 4, name: "remove" });
    await cluster.start();
    const client = await sdk(cluster);
    await client.createQueue("moving", { attributes: { Partitions: "4" } });
    const before = await waitFor(
      "queue partitions to be placed",
      { timeoutMs: 30_000, intervalMs: 300 },
      async () => {
        const s = await spread(client, "moving");
        return s.routes.length === 4 && s.routes.every((r) => r.leaderNodeId !== 0) ? s : undefined;
      },
    );
    const victim = [...before.replicas.entries()].sort((a, b) => b[1] - a[1])[0]![0];
    const { history, workload } = appendWorkload(cluster, { clients: 2 });
    workload.start();
    const senders = sdkSenders(client, "moving", 2);
    await workload.waitForAcks(30);

    await cluster.removeNode(victim);
    const remaining = [1, 2, 3, 4].filter((id) => id !== victim);
    await waitFor(`node ${victim}'s replicas to move`, { timeoutMs: 60_000, intervalMs: 500 }, async () => {
      const s = await spread(client, "moving");
      const placed = s.routes.every(
        (r) =>
          r.replicaNodeIds.length === 3 && !r.replicaNodeIds.includes(victim) && r.leaderNodeId !== victim,
      );
      return placed ? true : undefined;
    });

    await senders.stop();
    await workload.stop();
    expect(senders.errors).toEqual([]);
    await healDrainAndCheck(cluster, history, remaining);
  });
});

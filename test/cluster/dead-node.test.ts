import { connect, type MillraceClient } from "@millrace/client";
import { waitFor } from "@millrace/testkit";
import { afterEach, describe, expect, it } from "vitest";
import { appendWorkload, healDrainAndCheck, trackClusters } from "./harness.js";

const newCluster = trackClusters();
const clients: MillraceClient[] = [];
afterEach(async () => {
  await Promise.all(clients.splice(0).map((c) => c.close()));
});

/** How long a silent node counts as alive; short here so the test does not wait out the 60 s default. */
const deadNodeAfterMs = 6000;

describe("a node that dies for good", () => {
  it("has its replicas re-placed on the live nodes once it has been silent past --dead-node-after-ms", async () => {
    const cluster = newCluster({
      nodes: 4,
      name: "dead-node",
      extraArgs: ["--dead-node-after-ms", String(deadNodeAfterMs)],
    });
    await cluster.start();
    const client = await connect({ endpoints: cluster.endpoints(), deadlineMs: 30_000 });
    clients.push(client);
    // A receive whose answer is lost to the kill hides its messages until their visibility runs out: keep
    // that short, so the final drain sees them again.
    await client.createQueue("survivor", { attributes: { Partitions: "4", VisibilityTimeout: "5" } });
    const partitions = async () =>
      (await client.admin.routingTable()).routes.filter(
        (r) => r.kind === "GROUP_KIND_QUEUE_PARTITION" && r.resourceName === "survivor",
      );
    const placed = await waitFor(
      "the queue's partitions to be placed and led",
      { timeoutMs: 30_000, intervalMs: 300 },
      async () => {
        const routes = await partitions();
        return routes.length === 4 && routes.every((r) => r.leaderNodeId !== 0) ? routes : undefined;
      },
    );
    // The victim holds replicas of the queue (4 partitions × 3 replicas over 4 nodes: every node does).
    const victim = placed[0]!.replicaNodeIds[0]!;
    const { history, workload } = appendWorkload(cluster, { clients: 2 });
    workload.start();
    const queue = client.queue("survivor");
    const sent: string[] = [];
    for (let i = 0; i < 20; i++) {
      const body = `before-${i}`;
      await queue.send(body);
      sent.push(body);
    }
    await workload.waitForAcks(20);

    // SIGKILL, and no restart: only the planner's dead-node rule can move its replicas.
    await cluster.kill(victim);
    const survivors = cluster.memberIds().filter((id) => id !== victim);
    const replaced = await waitFor(
      `node ${victim}'s replicas to be re-placed on the live nodes`,
      { timeoutMs: deadNodeAfterMs + 60_000, intervalMs: 500 },
      async () => {
        const routes = await partitions();
        const done = routes.every(
          (r) =>
            r.replicaNodeIds.length === 3 &&
            !r.replicaNodeIds.includes(victim) &&
            r.leaderNodeId !== 0 &&
            r.leaderNodeId !== victim,
        );
        return done ? routes : undefined;
      },
    );
    for (const r of replaced) expect(new Set(r.replicaNodeIds)).toEqual(new Set(survivors));
    // Status says so too: the silent node is unreachable, still a member, and the rest are healthy.
    const nodes = await client.admin.nodes();
    expect(nodes.find((n) => n.nodeId === victim)).toMatchObject({ state: "NODE_STATE_UNREACHABLE" });
    expect(nodes.find((n) => n.nodeId === victim)!.lastHeartbeatAgeMs).toBeGreaterThan(deadNodeAfterMs);
    expect(nodes.filter((n) => n.state === "NODE_STATE_ACTIVE").map((n) => n.nodeId)).toEqual(survivors);
    expect(await client.admin.status()).toMatchObject({ nodeCount: 4, healthyNodeCount: 3 });

    // The queue works on its new replicas, and kept every message acknowledged before the death.
    for (let i = 0; i < 20; i++) {
      const body = `after-${i}`;
      await queue.send(body);
      sent.push(body);
    }
    const received = new Set<string>();
    const drainUntil = Date.now() + 45_000;
    while (Date.now() < drainUntil && !sent.every((b) => received.has(b))) {
      const messages = await queue.receive({ maxMessages: 10, waitSeconds: 1 });
      for (const m of messages) received.add(m.body.toString());
      if (messages.length > 0) await queue.deleteBatch(messages.map((m) => m.receiptHandle));
    }
    const counts = await queue.getAttributes(["All"]);
    expect({ missing: sent.filter((b) => !received.has(b)), counts }).toEqual({
      missing: [],
      counts: expect.objectContaining({ ApproximateNumberOfMessages: "0" }) as unknown,
    });
    expect([...received].sort()).toEqual([...sent].sort());

    // The log's appends (replicated on the meta-chosen voters) lost nothing either.
    await workload.stop();
    await healDrainAndCheck(cluster, history, survivors);
  });
});

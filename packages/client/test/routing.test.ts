import { partitionOfKey } from "@millrace/common";
import type { v1 } from "@millrace/proto";
import { afterEach, describe, expect, it } from "vitest";
import { connect, type MillraceClient, type StatusEvent } from "../src/index.js";
import {
  FakeRouting,
  deadAddress,
  eventually,
  millraceError,
  sendOk,
  startServer,
  type FakeServer,
} from "./fake-cluster.js";

const cleanup: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const c of cleanup.splice(0).reverse()) await c();
});

/** Three fake nodes sharing one routing table; each records the sends it receives. */
async function threeNodes(queue: Partial<v1.QueueServiceHandlers> = {}, watch = true) {
  const routing = new FakeRouting();
  const nodes: FakeServer[] = [];
  for (let i = 0; i < 3; i++) {
    const node = await startServer({
      admin: routing.handlers({ watch }),
      queue: {
        SendMessage: (_call, callback) => callback(null, sendOk(`m-${i + 1}`)),
        ...queue,
      },
    });
    nodes.push(node);
    cleanup.push(() => node.stop());
  }
  const ids = nodes.map((n, i) => ({ nodeId: i + 1, address: n.address }));
  return { routing, nodes, ids };
}

async function open(endpoints: string[], events: StatusEvent[] = [], extra = {}): Promise<MillraceClient> {
  const client = await connect({ endpoints, retry: { initialBackoffMs: 5, maxBackoffMs: 20 }, ...extra });
  client.on("status", (e) => events.push(e));
  cleanup.push(() => client.close());
  return client;
}

function sendsTo(node: FakeServer): v1.SendMessageRequest__Output[] {
  return node.calls
    .filter((c) => c.method === "SendMessage")
    .map((c) => c.request as v1.SendMessageRequest__Output);
}

describe("routing", () => {
  it("sends each FIFO message group to the leader of the partition that owns it", async () => {
    const { routing, nodes, ids } = await threeNodes();
    routing.set(ids, [
      { resourceName: "orders.fifo", partition: 0, leaderNodeId: 1 },
      { resourceName: "orders.fifo", partition: 1, leaderNodeId: 2 },
      { resourceName: "orders.fifo", partition: 2, leaderNodeId: 3 },
    ]);
    const client = await open([nodes[0]!.address]);
    const queue = client.queue("orders.fifo", { deduplication: "generate" });
    const groups = Array.from({ length: 30 }, (_, i) => `customer-${i}`);
    for (const groupId of groups) await queue.send("hello", { groupId });

    nodes.forEach((node, i) => {
      const received = sendsTo(node).map((r) => r.messageGroupId);
      const expected = groups.filter((g) => partitionOfKey(g, 3) === i);
      expect(received).toEqual(expected);
    });
  });

  it("spreads standard-queue sends over the nodes leading the queue's partitions only", async () => {
    const { routing, nodes, ids } = await threeNodes();
    routing.set(ids, [
      { resourceName: "jobs", partition: 0, leaderNodeId: 2 },
      { resourceName: "jobs", partition: 1, leaderNodeId: 3 },
    ]);
    const client = await open([nodes[0]!.address]);
    for (let i = 0; i < 10; i++) await client.queue("jobs").send(`job ${i}`);
    expect(sendsTo(nodes[0]!)).toHaveLength(0);
    expect(sendsTo(nodes[1]!).length).toBeGreaterThan(0);
    expect(sendsTo(nodes[2]!).length).toBeGreaterThan(0);
  });

  // Before, every call on a receipt handle went to any leader of the queue, which forwarded it (two
  // times in three on a 3-partition queue) to the leader of the partition that issued the handle.
  it("sends deletes and visibility changes to the leader of the partition their handles name", async () => {
    const { routing, nodes, ids } = await threeNodes({
      DeleteMessage: (_call, callback) => callback(null, {}),
      ChangeMessageVisibility: (_call, callback) => callback(null, {}),
      DeleteMessageBatch: (call, callback) =>
        callback(null, { successfulIds: call.request.entries.map((e) => e.id), failed: [] }),
      ChangeMessageVisibilityBatch: (call, callback) =>
        callback(null, { successfulIds: call.request.entries.map((e) => e.id), failed: [] }),
    });
    // Groups 10, 11 and 12: "a", "b" and "c" in base 36, as receipt handles name them.
    routing.set(ids, [
      { resourceName: "jobs", partition: 0, leaderNodeId: 2 },
      { resourceName: "jobs", partition: 1, leaderNodeId: 3 },
      { resourceName: "other", partition: 0, leaderNodeId: 1 },
    ]);
    const client = await open([nodes[0]!.address]);
    const queue = client.queue("jobs");
    const handlesAt = (node: FakeServer) =>
      node.calls.flatMap((c) => {
        const r = c.request as { receiptHandle?: string; entries?: { receiptHandle: string }[] };
        return r.receiptHandle !== undefined
          ? [r.receiptHandle]
          : (r.entries?.map((e) => e.receiptHandle) ?? []);
      });

    await queue.delete("a.1");
    await queue.changeVisibility("b.2", 5);
    await queue.deleteBatch(["b.3", "b.4"]);
    await queue.changeVisibilityBatch([{ receiptHandle: "a.5", visibilityTimeoutSeconds: 5 }]);
    expect(handlesAt(nodes[1]!)).toEqual(["a.1", "a.5"]);
    expect(handlesAt(nodes[2]!)).toEqual(["b.2", "b.3", "b.4"]);

    // Handles of several partitions, of another queue's group, or of no group: wherever reads go (a
    // leader of the queue), never to the node leading only the other queue.
    await queue.deleteBatch(["a.6", "b.7"]);
    await queue.delete("c.8");
    await queue.delete("not-a-handle");
    expect(handlesAt(nodes[0]!)).toEqual([]);
    expect([...handlesAt(nodes[1]!), ...handlesAt(nodes[2]!)].sort()).toEqual(
      ["a.1", "a.5", "a.6", "b.7", "b.2", "b.3", "b.4", "c.8", "not-a-handle"].sort(),
    );
  });

  it("follows the watched routing table when a leader moves", async () => {
    const { routing, nodes, ids } = await threeNodes();
    routing.set(ids, [{ resourceName: "jobs", partition: 0, leaderNodeId: 1 }]);
    const events: StatusEvent[] = [];
    const client = await open([nodes[0]!.address], events);
    await client.queue("jobs").send("one");
    expect(sendsTo(nodes[0]!)).toHaveLength(1);

    routing.set(ids, [{ resourceName: "jobs", partition: 0, leaderNodeId: 3 }]);
    await eventually(() => client.routingVersion === 2n);
    await client.queue("jobs").send("two");
    expect(sendsTo(nodes[2]!).map((r) => r.messageBody)).toEqual(["two"]);
    expect(events).toContainEqual(expect.objectContaining({ type: "routing-updated", version: "2" }));
    expect(events).toContainEqual(
      expect.objectContaining({
        type: "leader-changed",
        resourceName: "jobs",
        previousLeaderNodeId: 1,
        leaderNodeId: 3,
        reason: "routing-table",
      }),
    );
  });

  it("falls back to polling the routing table when the servers cannot stream it", async () => {
    const { routing, nodes, ids } = await threeNodes({}, false);
    routing.set(ids, [{ resourceName: "jobs", partition: 0, leaderNodeId: 1 }]);
    const events: StatusEvent[] = [];
    const client = await open([nodes[0]!.address], events, { routingPollIntervalMs: 20 });
    routing.set(ids, [{ resourceName: "jobs", partition: 0, leaderNodeId: 2 }]);
    await eventually(() => client.routingVersion === 2n);
    await client.queue("jobs").send("after the move");
    expect(sendsTo(nodes[1]!)).toHaveLength(1);
    expect(events).toContainEqual(expect.objectContaining({ type: "connected", mode: "poll" }));
  });

  it("redirects at once to the leader a NOT_LEADER names, and sends there next time", async () => {
    const routing = new FakeRouting();
    const leader = await startServer({
      admin: routing.handlers(),
      queue: { SendMessage: (_call, callback) => callback(null, sendOk("from-leader")) },
    });
    cleanup.push(() => leader.stop());
    const stale = await startServer({
      admin: routing.handlers(),
      queue: {
        SendMessage: (_call, callback) =>
          callback(millraceError("NOT_LEADER", { leaderId: 2, leaderAddress: leader.address })),
      },
    });
    cleanup.push(() => stale.stop());
    const ids = [
      { nodeId: 1, address: stale.address },
      { nodeId: 2, address: leader.address },
    ];
    routing.set(ids, [{ resourceName: "orders.fifo", partition: 0, leaderNodeId: 1 }]);
    const events: StatusEvent[] = [];
    const client = await open([stale.address], events);
    const queue = client.queue("orders.fifo", { deduplication: "generate" });

    await expect(queue.send("a", { groupId: "g" })).resolves.toMatchObject({ messageId: "from-leader" });
    await expect(queue.send("b", { groupId: "g" })).resolves.toMatchObject({ messageId: "from-leader" });
    expect(sendsTo(stale)).toHaveLength(1);
    expect(sendsTo(leader).map((r) => r.messageBody)).toEqual(["a", "b"]);
    expect(events).toContainEqual(
      expect.objectContaining({ type: "leader-changed", leaderNodeId: 2, reason: "redirect" }),
    );
  });

  it("connects through the next endpoint when the first is down", async () => {
    const { routing, nodes, ids } = await threeNodes();
    routing.set(ids, []);
    const dead = await deadAddress();
    const client = await open([dead, nodes[1]!.address]);
    const result = await client.queue("jobs").send("x");
    expect(result.messageId).toMatch(/^m-/);
  });

  it("rejects connect() with UNAVAILABLE when no endpoint answers", async () => {
    const dead = await deadAddress();
    await expect(
      connect({ endpoints: [dead], connectTimeoutMs: 300, retry: { initialBackoffMs: 5, maxBackoffMs: 20 } }),
    ).rejects.toMatchObject({ code: "UNAVAILABLE" });
  });

  it("reports disconnected when the watched node goes away, then reconnects to another", async () => {
    const { routing, nodes, ids } = await threeNodes();
    routing.set(ids, []);
    const events: StatusEvent[] = [];
    const client = await open([nodes[0]!.address], events);
    await eventually(() => events.some((e) => e.type === "connected"));
    const first = events.find((e) => e.type === "connected");
    expect(first).toMatchObject({ mode: "watch" });
    const watched = first?.type === "connected" ? first.address : "";
    const watchedNode = nodes.find((n) => n.address === watched);
    expect(watchedNode).toBeDefined();

    await watchedNode!.stop();
    await eventually(() => events.filter((e) => e.type === "connected").length >= 2);
    expect(events).toContainEqual(expect.objectContaining({ type: "disconnected", address: watched }));
    const again = events.filter((e) => e.type === "connected")[1];
    expect(again).toMatchObject({ mode: "watch" });
    expect(again).not.toMatchObject({ address: watched });
    await client.close();
    expect(events.at(-1)).toEqual({ type: "closed" });
  });

  it("status() iterates events until the client closes", async () => {
    const { routing, nodes, ids } = await threeNodes();
    routing.set(ids, []);
    const client = await connect({ endpoints: [nodes[0]!.address] });
    const seen: string[] = [];
    const reading = (async () => {
      for await (const event of client.status()) seen.push(event.type);
    })();
    routing.set(ids, [{ resourceName: "jobs", partition: 0, leaderNodeId: 1 }]);
    await eventually(() => seen.includes("routing-updated"));
    await client.close();
    await reading;
    expect(seen.at(-1)).toBe("closed");
  });
});

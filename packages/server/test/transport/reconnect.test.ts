import type { NodeId } from "@millrace/raft";
import { afterEach, describe, expect, it } from "vitest";
import { appendMessage, startNode, stopAll, waitFor, type TestNode } from "./harness.js";

const started: TestNode[] = [];
afterEach(() => stopAll(started));

async function restart(node: TestNode, addresses: Map<NodeId, string>, port: number): Promise<TestNode> {
  await node.transport.stop();
  started.splice(started.indexOf(node), 1);
  return startNode({ nodeId: node.nodeId, addresses, port }, started);
}

describe("PeerTransport reconnection", () => {
  it("reconnects after the receiver is stopped and restarted on the same port", async () => {
    const addresses = new Map<NodeId, string>();
    const a = await startNode({ nodeId: 1, addresses }, started);
    const b = await startNode({ nodeId: 2, addresses }, started);
    const port = b.transport.port;
    a.transport.send(2, 1, appendMessage(1, 2, 1));
    await waitFor("the first message", () => b.received().length === 1);

    await b.transport.stop();
    started.splice(started.indexOf(b), 1);
    await waitFor("the link to notice", () => a.transport.stats().peers[2]?.state !== "connected");
    for (let index = 2; index <= 11; index++) a.transport.send(2, 1, appendMessage(1, 2, index));

    const b2 = await startNode({ nodeId: 2, addresses, port }, started);
    await waitFor("the queued messages on the new receiver", () => b2.received().length === 10);
    expect(b2.received().map((item) => item.message.entries[0]?.index)).toEqual(
      Array.from({ length: 10 }, (_, i) => i + 2),
    );
    const stats = a.transport.stats().peers[2];
    expect(stats?.state).toBe("connected");
    expect(stats?.reconnects).toBe(1);
    expect(stats?.messagesDropped).toBe(0);
    expect(a.unreachable).toEqual([]);
  });

  it("connects at once when the peer it is backing off from dials in, rather than after the backoff", async () => {
    const addresses = new Map<NodeId, string>();
    // A minute's backoff: only the peer's own dial can bring the link up within the test.
    const timing = { reconnectBackoffBaseMs: 60_000, reconnectBackoffMaxMs: 120_000 };
    const a = await startNode({ nodeId: 1, addresses, timing }, started);
    const b = await startNode({ nodeId: 2, addresses }, started);
    const port = b.transport.port;
    await b.transport.stop();
    started.splice(started.indexOf(b), 1);
    a.transport.send(2, 1, appendMessage(1, 2, 1));
    await waitFor("the link to back off", () => a.transport.stats().peers[2]?.state === "backoff");

    const b2 = await startNode({ nodeId: 2, addresses, port }, started);
    b2.transport.send(1, 1, appendMessage(2, 1, 1));
    await waitFor("node 2's message", () => a.received().length === 1);
    await waitFor("the queued message on the restarted node", () => b2.received().length === 1, 3_000);
    expect(a.transport.stats().peers[2]?.state).toBe("connected");
  });

  it("bounds the queue while the peer is down, reports dropped groups unreachable, then delivers the rest", async () => {
    const addresses = new Map<NodeId, string>();
    const a = await startNode({ nodeId: 1, addresses, limits: { queueItemsMax: 100 } }, started);
    const b = await startNode({ nodeId: 2, addresses }, started);
    const port = b.transport.port;
    await b.transport.stop();
    started.splice(started.indexOf(b), 1);

    // One message per group, 150 groups: the first 100 fit, the last 50 are dropped.
    for (let groupId = 0; groupId < 150; groupId++) a.transport.send(2, groupId, appendMessage(1, 2, 1));
    await waitFor("the unreachable report", () => a.unreachable.length > 0);
    expect(a.unreachable).toEqual([{ to: 2, groupIds: Array.from({ length: 50 }, (_, i) => 100 + i) }]);
    let stats = a.transport.stats().peers[2];
    expect(stats?.messagesDropped).toBe(50);
    expect(stats?.queueItems).toBe(100);

    // Still down: more sends are dropped too, and reported again in their own turn.
    a.transport.send(2, 500, appendMessage(1, 2, 1));
    await waitFor("the second report", () => a.unreachable.length === 2);
    expect(a.unreachable[1]).toEqual({ to: 2, groupIds: [500] });
    await waitFor("a few failed attempts", () => (a.transport.stats().peers[2]?.connectFailures ?? 0) >= 2);

    const b2 = await startNode({ nodeId: 2, addresses, port }, started);
    await waitFor("the queued 100", () => b2.received().length === 100);
    expect(b2.received().map((item) => item.groupId)).toEqual(Array.from({ length: 100 }, (_, i) => i));
    stats = a.transport.stats().peers[2];
    expect(stats?.queueItems).toBe(0);
    expect(stats?.messagesDropped).toBe(51);
  });

  it("bounds the queue by bytes as well as by items", async () => {
    const addresses = new Map<NodeId, string>();
    const limits = { frameBytesMax: 64 * 1024, snapshotChunkBytes: 32 * 1024, queueBytesMax: 64 * 1024 };
    const a = await startNode({ nodeId: 1, addresses, limits }, started);
    addresses.set(2, "127.0.0.1:1");
    for (let index = 1; index <= 100; index++) a.transport.send(2, 1, appendMessage(1, 2, index, 4_096));
    await waitFor("the unreachable report", () => a.unreachable.length > 0);
    const stats = a.transport.stats().peers[2];
    expect(stats?.queueBytes).toBeLessThanOrEqual(64 * 1024);
    expect((stats?.queueItems ?? 0) + (stats?.messagesDropped ?? 0)).toBe(100);
    expect(stats?.messagesDropped).toBeGreaterThan(80);
    expect(a.unreachable).toEqual([{ to: 2, groupIds: [1] }]);
  });

  it("follows a peer to a new address", async () => {
    const addresses = new Map<NodeId, string>();
    const a = await startNode({ nodeId: 1, addresses }, started);
    const b = await startNode({ nodeId: 2, addresses }, started);
    a.transport.send(2, 1, appendMessage(1, 2, 1));
    await waitFor("the first message", () => b.received().length === 1);
    // Node 2 comes back on another port; resolveAddress answers with the new one.
    const b2 = await restart(b, addresses, 0);
    a.transport.send(2, 1, appendMessage(1, 2, 2));
    await waitFor("the message at the new address", () => b2.received().length === 1);
    expect(b2.received()[0]?.message.entries[0]?.index).toBe(2);
  });

  it("flushes queued messages on stop", async () => {
    const addresses = new Map<NodeId, string>();
    const a = await startNode({ nodeId: 1, addresses }, started);
    const b = await startNode({ nodeId: 2, addresses }, started);
    a.transport.send(2, 1, appendMessage(1, 2, 1));
    await waitFor("the link to come up", () => b.received().length === 1);
    for (let index = 2; index <= 501; index++) a.transport.send(2, 1, appendMessage(1, 2, index, 1_024));
    // Stop in the same turn: nothing has been flushed yet.
    await a.transport.stop();
    await waitFor("the flushed messages", () => b.received().length === 501);
    expect(a.transport.stats().peers[2]?.state).toBe("stopped");
    a.transport.send(2, 1, appendMessage(1, 2, 502));
    expect(a.transport.stats().peers[2]?.messagesDropped).toBe(1);
  });
});

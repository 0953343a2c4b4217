import { encode } from "@millrace/common";
import { describe, expect, it } from "vitest";
import { MemoryKeyspace } from "@millrace/testkit";
import { MetaStateMachine, encodeMetaCommand, type MetaCommand } from "../src/index.js";

const bootstrap: MetaCommand = {
  type: "bootstrap",
  clusterId: "c-1",
  nowMs: 1000,
  nodes: [1, 2, 3].map((nodeId) => ({
    nodeId,
    peerAddress: `p${nodeId}`,
    clientAddress: `c${nodeId}`,
    httpAddress: `h${nodeId}`,
  })),
  groups: [
    { groupId: 1, kind: "meta", voters: [1, 2, 3] },
    { groupId: 2, kind: "log", voters: [1, 2, 3] },
  ],
};

const join = (joinToken: string): MetaCommand => ({
  type: "register-node",
  nowMs: 2000,
  joinToken,
  peerAddress: "p",
  clientAddress: "c",
  httpAddress: "h",
});

describe("MetaStateMachine", () => {
  it("bootstraps once and assigns joining nodes fresh ids that are never reused", async () => {
    const meta = new MetaStateMachine();
    const ks = new MemoryKeyspace();
    expect(meta.apply(1, encodeMetaCommand(bootstrap), ks).ok).toBe(true);
    expect(meta.apply(2, encodeMetaCommand(bootstrap), ks)).toMatchObject({
      ok: false,
      code: "ALREADY_EXISTS",
    });
    expect(meta.apply(3, encodeMetaCommand(join("a")), ks)).toMatchObject({
      ok: true,
      value: { node: { nodeId: 4 } },
    });
    // A retried join with the same token is the same node.
    expect(meta.apply(4, encodeMetaCommand(join("a")), ks)).toMatchObject({
      ok: true,
      value: { node: { nodeId: 4 } },
    });
    expect(meta.apply(5, encodeMetaCommand({ type: "remove-node", nodeId: 4 }), ks)).toMatchObject({
      ok: true,
      value: { node: { nodeId: 4, state: "removed" } },
    });
    // A node that lost its disk joins again with a new token and gets a new id, never its old one.
    expect(meta.apply(6, encodeMetaCommand(join("b")), ks)).toMatchObject({
      ok: true,
      value: { node: { nodeId: 5 } },
    });

    const restored = new MetaStateMachine();
    await restored.restore(ks);
    expect(restored.cluster).toEqual(meta.cluster);
    expect(restored.activeNodes().map((n) => n.nodeId)).toEqual([1, 2, 3, 5]);
    expect(restored.nodes.get(4)?.state).toBe("removed");
    expect(restored.apply(7, encodeMetaCommand(join("a")), ks)).toMatchObject({
      value: { node: { nodeId: 4 } },
    });
    expect(restored.groups.get(2)?.voters).toEqual([1, 2, 3]);
  });

  it("rejects malformed commands with the same answer on every replica and changes nothing", () => {
    const meta = new MetaStateMachine();
    const ks = new MemoryKeyspace();
    for (const bad of [
      new Uint8Array([0xc1]),
      encode(7),
      encode({ type: "bootstrap", clusterId: "", nodes: [] }),
      encode({ type: "register-node", joinToken: "x" }),
      encode({ type: "remove-node", nodeId: 9 }),
      encode({ type: "nope" }),
    ]) {
      expect(meta.apply(1, bad, ks).ok).toBe(false);
    }
    expect(ks.rows.size).toBe(0);
  });

  it("updates an active node's addresses and refuses a removed one's", () => {
    const meta = new MetaStateMachine();
    const ks = new MemoryKeyspace();
    meta.apply(1, encodeMetaCommand(bootstrap), ks);
    const update = (nodeId: number): MetaCommand => ({
      type: "set-node-addresses",
      nodeId,
      peerAddress: "p:1",
      clientAddress: "c:1",
      httpAddress: "h:1",
    });
    expect(meta.apply(2, encodeMetaCommand(update(2)), ks)).toMatchObject({
      ok: true,
      value: { node: { nodeId: 2, clientAddress: "c:1" } },
    });
    meta.apply(3, encodeMetaCommand({ type: "remove-node", nodeId: 3 }), ks);
    expect(meta.apply(4, encodeMetaCommand(update(3)), ks)).toMatchObject({ ok: false, code: "NOT_FOUND" });
  });

  it("records the voters a group should have", () => {
    const meta = new MetaStateMachine();
    const ks = new MemoryKeyspace();
    meta.apply(1, encodeMetaCommand(bootstrap), ks);
    meta.apply(2, encodeMetaCommand(join("d")), ks);
    expect(
      meta.apply(3, encodeMetaCommand({ type: "set-group-voters", groupId: 2, voters: [3, 1, 4] }), ks),
    ).toMatchObject({
      value: { group: { voters: [1, 3, 4], initialVoters: [1, 2, 3] } },
    });
    // Voters are active members: never a node that does not exist or has been removed.
    expect(
      meta.apply(4, encodeMetaCommand({ type: "set-group-voters", groupId: 2, voters: [1, 2, 9] }), ks),
    ).toMatchObject({ ok: false, code: "FAILED_PRECONDITION" });
    expect(
      meta.apply(3, encodeMetaCommand({ type: "set-group-voters", groupId: 2, voters: [0] }), ks).ok,
    ).toBe(false);
  });
});

describe("MetaStateMachine restore", () => {
  it("reads records written before the catalog existed", async () => {
    const ks = new MemoryKeyspace();
    const enc = (s: string) => new TextEncoder().encode(s);
    ks.put(new Uint8Array([0x63]), encode({ clusterId: "old", nextNodeId: 4, createdAtMs: 5 }));
    ks.put(
      enc("n0000000001"),
      encode({
        nodeId: 1,
        peerAddress: "p",
        clientAddress: "c",
        httpAddress: "h",
        state: "active",
        joinedAtMs: 5,
      }),
    );
    ks.put(enc("g0000000002"), encode({ groupId: 2, kind: "log", voters: [1] }));
    const meta = new MetaStateMachine();
    await meta.restore(ks);
    expect(meta.cluster).toMatchObject({ nextGroupId: 3, routingVersion: 1 });
    expect(meta.nodes.get(1)?.lastHeartbeatMs).toBe(5);
    expect(meta.groups.get(2)).toMatchObject({
      voters: [1],
      initialVoters: [1],
      state: "active",
      actualVoters: [],
    });
    expect(
      meta.apply(1, encodeMetaCommand({ type: "create-resource", nowMs: 6, kind: "queue", name: "q" }), ks),
    ).toMatchObject({ ok: true, value: { resource: { groupIds: [3], replicationFactor: 1 } } });
  });
});

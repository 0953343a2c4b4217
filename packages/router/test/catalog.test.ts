import { encode, limits } from "@millrace/common";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { MemoryKeyspace } from "@millrace/testkit";
import {
  MetaStateMachine,
  catalogLimits,
  metaCommandTypes,
  routingTable,
  type MetaCommand,
} from "../src/index.js";
import { cluster, dump, Harness } from "./helpers.js";

const three = () => cluster([{}, {}, {}]);
const createQueue = (name: string, extra: Partial<Extract<MetaCommand, { type: "create-resource" }>> = {}) =>
  ({ type: "create-resource", nowMs: 10_000, kind: "queue", name, ...extra }) as MetaCommand;

describe("the catalog", () => {
  it("creates a resource with fresh group ids above the system groups, placed on distinct nodes", () => {
    const h = three();
    const result = h.ok(createQueue("orders", { partitions: 4, attributes: { VisibilityTimeout: "30" } }));
    expect(result).toMatchObject({
      type: "create-resource",
      created: true,
      resource: {
        kind: "queue",
        name: "orders",
        partitions: 4,
        replicationFactor: 3,
        groupIds: [3, 4, 5, 6],
      },
    });
    const groups = h.meta.groupsOfResource("queue", "orders");
    expect(groups.map((g) => [g.kind, g.partition, g.voters, g.initialVoters, g.state])).toEqual(
      [0, 1, 2, 3].map((p) => ["queue-partition", p, [1, 2, 3], [1, 2, 3], "active"]),
    );
    // Leadership preferences are spread from the start: 4 groups over 3 nodes.
    const leaders = groups.map((g) => g.preferredLeader);
    for (const id of [1, 2, 3]) expect(leaders.filter((l) => l === id).length).toBeGreaterThanOrEqual(1);
    expect(h.meta.cluster?.nextGroupId).toBe(7);
    // Ids are never reused, even after a delete.
    h.ok({ type: "delete-resource", nowMs: 20_000, kind: "queue", name: "orders" });
    expect(h.ok(createQueue("other"))).toMatchObject({ resource: { groupIds: [7] } });
  });

  it("answers a repeated create with the same resource, and a conflicting one with ALREADY_EXISTS", () => {
    const h = three();
    const first = h.ok(createQueue("q", { attributes: { a: "1", b: "2" }, tags: { team: "x" } }));
    const before = h.meta.cluster;
    // Same attributes in another order, different tags: the same queue, as CreateQueue promises.
    expect(h.ok(createQueue("q", { attributes: { b: "2", a: "1" }, tags: { other: "y" } }))).toEqual({
      ...first,
      created: false,
    });
    expect(h.meta.cluster).toEqual(before);
    expect(h.run(createQueue("q", { attributes: { a: "1" } }))).toMatchObject({
      ok: false,
      code: "ALREADY_EXISTS",
    });
    expect(h.run(createQueue("q", { attributes: { a: "1", b: "2" }, partitions: 2 }))).toMatchObject({
      ok: false,
      code: "ALREADY_EXISTS",
    });
    // Kinds have separate namespaces.
    expect(h.ok({ type: "create-resource", nowMs: 1, kind: "topic", name: "q" })).toMatchObject({
      created: true,
    });
  });

  it("quarantines a deleted queue's name for the reuse delay, but not a topic's", () => {
    const h = three();
    h.ok(createQueue("q"));
    h.ok({ type: "delete-resource", nowMs: 50_000, kind: "queue", name: "q" });
    expect(h.meta.resource("queue", "q")).toBeUndefined();
    expect(h.run({ type: "delete-resource", nowMs: 50_001, kind: "queue", name: "q" })).toMatchObject({
      code: "NOT_FOUND",
    });
    expect(h.run(createQueue("q", { nowMs: 50_000 + limits.queueNameReuseDelayMs - 1 }))).toMatchObject({
      ok: false,
      code: "QUEUE_DELETED_RECENTLY",
    });
    expect(h.ok(createQueue("q", { nowMs: 50_000 + limits.queueNameReuseDelayMs }))).toMatchObject({
      created: true,
    });
    expect(h.meta.tombstones.size).toBe(0);

    h.ok({ type: "create-resource", nowMs: 1, kind: "topic", name: "t" });
    h.ok({ type: "delete-resource", nowMs: 2, kind: "topic", name: "t" });
    expect(h.ok({ type: "create-resource", nowMs: 3, kind: "topic", name: "t" })).toMatchObject({
      created: true,
    });
  });

  it("marks a deleted resource's groups deleting, stops routing them, and drops them on request", () => {
    const h = three();
    h.ok(createQueue("q", { partitions: 2 }));
    h.ok({ type: "delete-resource", nowMs: 70_000, kind: "queue", name: "q" });
    expect([3, 4].map((id) => h.meta.groups.get(id)?.state)).toEqual(["deleting", "deleting"]);
    expect(routingTable(h.meta).routes.map((r) => r.groupId)).toEqual([1, 2]);
    expect(h.meta.groupsHostedBy(1).map((g) => g.groupId)).toEqual([1, 2]);
    expect(h.run({ type: "drop-group", groupId: 1 })).toMatchObject({
      ok: false,
      code: "FAILED_PRECONDITION",
    });
    expect(h.ok({ type: "drop-group", groupId: 3 })).toEqual({ type: "drop-group", groupId: 3 });
    expect(h.meta.groups.has(3)).toBe(false);
    // Dropping again is harmless; an id never allocated is not.
    expect(h.run({ type: "drop-group", groupId: 3 }).ok).toBe(true);
    expect(h.run({ type: "drop-group", groupId: 99 })).toMatchObject({ code: "NOT_FOUND" });
  });

  it("merges attributes and tags, and removes tags", () => {
    const h = three();
    h.ok(createQueue("q", { attributes: { a: "1" }, tags: { x: "1" } }));
    expect(
      h.ok({
        type: "set-resource-attributes",
        nowMs: 12_000,
        kind: "queue",
        name: "q",
        attributes: { b: "2", a: "3" },
      }),
    ).toMatchObject({
      resource: { attributes: { a: "3", b: "2" }, createdAtMs: 10_000, modifiedAtMs: 12_000 },
    });
    h.ok({ type: "tag-resource", kind: "queue", name: "q", tags: { y: "2" } });
    expect(h.ok({ type: "untag-resource", kind: "queue", name: "q", tagKeys: ["x", "nope"] })).toMatchObject({
      resource: { tags: { y: "2" } },
    });
    const tooMany = Object.fromEntries(
      Array.from({ length: catalogLimits.tagsMax }, (_, i) => [`k${i}`, "v"]),
    );
    expect(h.run({ type: "tag-resource", kind: "queue", name: "q", tags: tooMany })).toMatchObject({
      ok: false,
      code: "INVALID_ARGUMENT",
    });
    expect(h.run({ type: "tag-resource", kind: "queue", name: "nope", tags: {} })).toMatchObject({
      code: "NOT_FOUND",
    });
    // Attribute changes are not routing changes.
    const version = h.meta.cluster?.routingVersion;
    h.ok({ type: "set-resource-attributes", kind: "queue", name: "q", attributes: { c: "1" } });
    expect(h.meta.cluster?.routingVersion).toBe(version);
  });

  it("validates names, counts and the replication factor", () => {
    const h = three();
    for (const bad of [
      createQueue(""),
      createQueue("has space"),
      createQueue("x".repeat(81)),
      createQueue("q", { partitions: 0 }),
      createQueue("q", { partitions: catalogLimits.partitionsMax + 1 }),
      createQueue("q", { replicationFactor: 6 }),
      { type: "create-resource", nowMs: 1, kind: "stream", name: "a/b" },
      { type: "create-resource", nowMs: 1, kind: "table", name: "a" },
    ] as MetaCommand[]) {
      expect(h.run(bad)).toMatchObject({ ok: false, code: "INVALID_ARGUMENT" });
    }
    expect(h.ok(createQueue("ok.fifo"))).toMatchObject({ created: true });
    expect(h.ok({ type: "create-resource", nowMs: 1, kind: "stream", name: "s.1" })).toMatchObject({
      created: true,
    });
    // Asking for more replicas than live nodes is refused, not silently under-replicated.
    const refused = h.run(createQueue("big", { replicationFactor: 4 }));
    expect(refused).toMatchObject({ ok: false, code: "FAILED_PRECONDITION" });
    expect(refused.ok ? "" : refused.message).toMatch(/replicationFactor 4 .* 3/);
    // With a liveness window, nodes not heard from are not candidates.
    h.ok({ type: "node-heartbeat", nodeId: 1, nowMs: 100_000, groups: [] });
    expect(
      h.run(createQueue("late", { nowMs: 100_000, deadAfterMs: 10_000, replicationFactor: 2 })),
    ).toMatchObject({
      code: "FAILED_PRECONDITION",
    });
    // Without an explicit factor a small cluster gets what it can hold.
    const single = cluster([{}]);
    expect(single.ok(createQueue("solo"))).toMatchObject({ resource: { replicationFactor: 1 } });
  });

  it("bumps the routing version exactly when routes change", () => {
    const h = three();
    const version = () => h.meta.cluster?.routingVersion ?? -1;
    const table = () => JSON.stringify({ ...routingTable(h.meta), version: 0 });
    const steps: [MetaCommand, boolean][] = [
      [createQueue("q"), true],
      [createQueue("q"), false],
      [{ type: "node-heartbeat", nodeId: 1, nowMs: 2_000, groups: [] }, false],
      [
        {
          type: "node-heartbeat",
          nodeId: 1,
          nowMs: 3_000,
          groups: [{ groupId: 3, term: 2, leader: true, voters: [1, 2, 3], learners: [] }],
        },
        true,
      ],
      [
        {
          type: "node-heartbeat",
          nodeId: 1,
          nowMs: 4_000,
          groups: [{ groupId: 3, term: 2, leader: true, voters: [1, 2, 3], learners: [] }],
        },
        false,
      ],
      // A stale report (older term) changes nothing.
      [
        {
          type: "node-heartbeat",
          nodeId: 2,
          nowMs: 4_000,
          groups: [{ groupId: 3, term: 1, leader: true, voters: [2], learners: [] }],
        },
        false,
      ],
      [
        {
          type: "node-heartbeat",
          nodeId: 2,
          nowMs: 5_000,
          groups: [{ groupId: 3, term: 3, leader: true, voters: [1, 2, 3], learners: [] }],
        },
        true,
      ],
      // Learners are not routes.
      [
        {
          type: "node-heartbeat",
          nodeId: 2,
          nowMs: 6_000,
          groups: [{ groupId: 3, term: 3, leader: true, voters: [1, 2, 3], learners: [4] }],
        },
        false,
      ],
      [{ type: "set-preferred-leader", groupId: 3, nodeId: 3 }, false],
      [{ type: "set-node-zone", nodeId: 1, zone: "a" }, false],
      [
        { type: "set-node-addresses", nodeId: 1, peerAddress: "p1", clientAddress: "c1", httpAddress: "x" },
        false,
      ],
      [
        { type: "set-node-addresses", nodeId: 1, peerAddress: "p1", clientAddress: "c9", httpAddress: "x" },
        true,
      ],
      [{ type: "set-group-voters", groupId: 1, voters: [1, 2] }, true],
      [{ type: "set-group-voters", groupId: 1, voters: [2, 1] }, false],
      [{ type: "remove-node", nodeId: 3 }, true],
      [{ type: "remove-node", nodeId: 3 }, false],
      [{ type: "delete-resource", nowMs: 7_000, kind: "queue", name: "q" }, true],
    ];
    for (const [command, changes] of steps) {
      const [v, t] = [version(), table()];
      h.ok(command);
      expect({ command, bumped: version() > v }).toEqual({ command, bumped: changes });
      expect({ command, changed: table() !== t }).toEqual({ command, changed: changes });
      if (changes) expect(version()).toBe(v + 1);
    }
    expect(routingTable(h.meta)).toMatchObject({
      version: version(),
      nodes: [{ nodeId: 1, clientAddress: "c9" }, { nodeId: 2 }],
    });
  });

  it("records leaders and configurations from heartbeats, and who hosts what", () => {
    const h = cluster([{}, {}, {}, {}]);
    h.ok(createQueue("q", { replicationFactor: 3 }));
    const group = h.meta.groupsOfResource("queue", "q")[0];
    const id = group?.groupId ?? 0;
    const outsider = [1, 2, 3, 4].find((n) => !(group?.voters ?? []).includes(n)) ?? 0;
    expect(h.meta.groupsHostedBy(outsider).map((g) => g.groupId)).not.toContain(id);
    h.ok({
      type: "node-heartbeat",
      nodeId: group?.voters[0] ?? 0,
      nowMs: 5_000,
      groups: [{ groupId: id, term: 7, leader: true, voters: group?.voters ?? [], learners: [outsider] }],
    });
    expect(h.meta.groups.get(id)).toMatchObject({
      leader: group?.voters[0],
      leaderTerm: 7,
      actualLearners: [outsider],
    });
    expect(h.meta.groupsHostedBy(outsider).map((g) => g.groupId)).toContain(id);
    expect(h.meta.nodes.get(group?.voters[0] ?? 0)?.lastHeartbeatMs).toBe(5_000);
    // A removed node's heartbeat is refused.
    h.ok({ type: "remove-node", nodeId: outsider });
    expect(h.run({ type: "node-heartbeat", nodeId: outsider, nowMs: 6_000, groups: [] })).toMatchObject({
      code: "NOT_FOUND",
    });
  });

  it("restores exactly the state it had before a restart", async () => {
    const h = cluster([{ zone: "a" }, { zone: "b" }, { zone: "c" }, {}]);
    h.ok(createQueue("q", { partitions: 3, attributes: { a: "1" }, tags: { t: "1" } }));
    h.ok({
      type: "create-resource",
      nowMs: 1,
      kind: "stream",
      name: "s",
      partitions: 2,
      replicationFactor: 2,
    });
    h.ok(createQueue("gone"));
    h.ok({ type: "delete-resource", nowMs: 11_000, kind: "queue", name: "gone" });
    h.ok({
      type: "node-heartbeat",
      nodeId: 2,
      nowMs: 12_000,
      groups: [{ groupId: 3, term: 4, leader: true, voters: [1, 2, 3], learners: [4] }],
    });
    h.ok({ type: "set-node-zone", nodeId: 4, zone: "d" });
    h.ok({ type: "remove-node", nodeId: 4 });
    const restored = await h.restarted();
    expect(dump(restored)).toEqual(dump(h.meta));
    expect(routingTable(restored)).toEqual(routingTable(h.meta));
    // A replica that restarted writes the same bytes as one that did not (state hashes must agree).
    const [mine, theirs] = [new MemoryKeyspace(), new MemoryKeyspace()];
    for (const [k, v] of h.ks.rows) [mine, theirs].forEach((ks) => ks.rows.set(k, v));
    const next = encode({
      type: "node-heartbeat",
      nodeId: 1,
      nowMs: 13_000,
      groups: [{ groupId: 4, term: 5, leader: true, voters: [1, 2], learners: [] }],
    });
    const twin = await h.restarted();
    expect(twin.apply(50, next, theirs)).toEqual(h.meta.apply(50, next, mine));
    expect(theirs.rows).toEqual(mine.rows);
    // And it keeps applying identically: the quarantine and the id counter survived.
    expect(restored.apply(100, encode(createQueue("gone", { nowMs: 12_000 })), h.ks)).toMatchObject({
      code: "QUEUE_DELETED_RECENTLY",
    });
    expect(restored.apply(101, encode(createQueue("new")), h.ks)).toMatchObject({
      value: { resource: { groupIds: [h.meta.cluster?.nextGroupId] } },
    });
  });

  // Found by the property below in CI: String() throws on an object whose toString is not a function, and
  // error messages quoted untrusted fields with String(), so such a command threw out of apply.
  it("answers a field that cannot be turned into a string with a rejection, not a throw", () => {
    const h = three();
    h.ok(createQueue("q"));
    const hostile = { toString: false, valueOf: false };
    const fields = { nodeId: hostile, groupId: hostile, taskHandle: hostile, sourceQueue: "q", voters: [1] };
    const commands = [
      ...metaCommandTypes.map((type) => ({ ...fields, type })),
      { type: hostile },
      { type: "bootstrap", clusterId: "c", nowMs: 1, nodes: [{ nodeId: hostile }] },
    ];
    // A fresh machine too, so bootstrap gets past "already bootstrapped" to the hostile node id.
    const fresh = { meta: new MetaStateMachine(), ks: new MemoryKeyspace() };
    for (const { meta, ks } of [h, fresh]) {
      for (const command of commands) {
        const result = meta.apply(1, encode(command), ks);
        const what = JSON.stringify(command.type);
        expect(result.ok, what).toBe(false);
        expect(typeof (result as { message?: unknown }).message, what).toBe("string");
      }
    }
  });

  it("rejects garbage commands with a returned value, writing nothing", async () => {
    const h = three();
    h.ok(createQueue("q"));
    const before = new Map(h.ks.rows);
    const plain = (): unknown => JSON.parse(JSON.stringify(dump(h.meta)));
    const snapshot = plain();
    const types = metaCommandTypes;
    const junk = fc.oneof(
      fc.constant(undefined),
      fc.constant(null),
      fc.boolean(),
      fc.integer(),
      fc.double(),
      fc.bigInt({ min: 0n, max: 2n ** 64n - 1n }),
      fc.string(),
      fc.array(fc.integer({ min: -1, max: 5 })),
      fc.array(fc.anything(), { maxLength: 3 }),
      fc.dictionary(fc.string(), fc.anything(), { maxKeys: 3 }),
      fc.constant([{ groupId: 3, term: "x", leader: true, voters: [1], learners: [] }]),
      fc.constant({ a: 5 }),
    );
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...types),
        fc.record(
          {
            nodeId: junk,
            groupId: junk,
            nowMs: junk,
            kind: fc.oneof(junk, fc.constantFrom("queue", "topic", "stream")),
            name: fc.oneof(junk, fc.constant("q")),
            voters: junk,
            expectVoters: junk,
            groups: junk,
            nodes: junk,
            attributes: junk,
            tags: junk,
            tagKeys: junk,
            partitions: junk,
            replicationFactor: junk,
            zone: junk,
            joinToken: junk,
            clusterId: junk,
          },
          { requiredKeys: [] },
        ),
        async (type, fields) => {
          const result = h.meta.apply(1, encode({ ...fields, type }), h.ks);
          if (result.ok) {
            // Some junk happens to be a valid command; put the previous state back.
            h.ks.rows.clear();
            for (const [k, v] of before) h.ks.rows.set(k, v);
            await h.meta.restore(h.ks);
            return;
          }
          expect(typeof result.message).toBe("string");
          expect(h.ks.rows).toEqual(before);
          expect(plain()).toEqual(snapshot);
        },
      ),
      { numRuns: 2_000 },
    );
  });

  it("refuses commands before the cluster is bootstrapped", () => {
    const h = new Harness();
    expect(h.run(createQueue("q"))).toMatchObject({ ok: false, code: "FAILED_PRECONDITION" });
    expect(h.ks.rows.size).toBe(0);
  });
});

import { type ReceivedMessage } from "@millrace/client";
import { type v1 } from "@millrace/proto";
import { describe, expect, it } from "vitest";
import { formatGroups, groupRows } from "../../src/cli/groups-command.js";
import { describeTransfer } from "../../src/cli/leader-command.js";
import { describeNodeChange } from "../../src/cli/node-admin-command.js";
import { formatNodes, heardAgo } from "../../src/cli/nodes-command.js";
import { formatAttributes } from "../../src/cli/queue-attributes-command.js";
import { formatReceived } from "../../src/cli/queue-receive-command.js";
import { batchBodies } from "../../src/cli/queue-send-command.js";
import { formatResources, resourcesOf } from "../../src/cli/resources-command.js";
import { formatReplicas } from "../../src/cli/status-command.js";

function node(id: number, overrides: Partial<v1.Node__Output> = {}): v1.Node__Output {
  return {
    nodeId: id,
    clientAddress: `10.0.0.${id}:7400`,
    peerAddress: `10.0.0.${id}:7401`,
    httpAddress: `10.0.0.${id}:7480`,
    state: "NODE_STATE_ACTIVE",
    metaVoter: true,
    replicaCount: 3,
    leaderCount: 1,
    lastHeartbeatAgeMs: 0,
    version: "0.1.0",
    ...overrides,
  };
}

function group(id: string, overrides: Partial<v1.Group__Output> = {}): v1.Group__Output {
  return {
    groupId: id,
    kind: "GROUP_KIND_LOG",
    resourceName: "meta",
    partition: "0",
    leaderNodeId: 1,
    term: "4",
    commitIndex: "20",
    appliedIndex: "19",
    replicas: [
      {
        nodeId: 1,
        role: "REPLICA_ROLE_VOTER",
        matchIndex: "20",
        recentlyActive: true,
        receivingSnapshot: false,
      },
      {
        nodeId: 2,
        role: "REPLICA_ROLE_LEARNER",
        matchIndex: "3",
        recentlyActive: true,
        receivingSnapshot: true,
      },
    ],
    quiesced: false,
    ...overrides,
  };
}

function route(
  id: string,
  kind: v1.Route__Output["kind"],
  name: string,
  partition: number,
): v1.Route__Output {
  return {
    groupId: id,
    kind,
    resourceName: name,
    partition,
    leaderNodeId: 2,
    replicaNodeIds: [1, 2, 3],
    leaderTerm: "7",
  };
}

describe("millrace nodes", () => {
  it("prints one aligned row per node, states in lower case", () => {
    const text = formatNodes([
      node(1, { lastHeartbeatAgeMs: 420 }),
      node(2, {
        state: "NODE_STATE_UNREACHABLE",
        httpAddress: "",
        leaderCount: 0,
        lastHeartbeatAgeMs: 75_000,
      }),
      node(3, { state: "NODE_STATE_REMOVED", replicaCount: 0, leaderCount: 0, lastHeartbeatAgeMs: 9e6 }),
    ]);
    expect(text.split("\n")).toEqual([
      "id  state        client         peer           http           replicas  leaders  heard",
      "1   active       10.0.0.1:7400  10.0.0.1:7401  10.0.0.1:7480  3         1        0.4s ago",
      "2   unreachable  10.0.0.2:7400  10.0.0.2:7401  -              3         0        75s ago",
      "3   removed      10.0.0.3:7400  10.0.0.3:7401  10.0.0.3:7480  0         0        -",
      "",
    ]);
  });

  it("says when a node was last heard from in the unit that reads best", () => {
    expect([0, 9_949, 10_000, 119_999, 120_000, 7_199_999, 7_200_000].map(heardAgo)).toEqual([
      "0.0s ago",
      "9.9s ago",
      "10s ago",
      "119s ago",
      "2m ago",
      "119m ago",
      "2h ago",
    ]);
  });

  it("describes a membership change by the node the server returned", () => {
    expect(describeNodeChange("remove", 2, node(2, { state: "NODE_STATE_DRAINING" }))).toBe(
      "removed node 2: draining, client 10.0.0.2:7400, peer 10.0.0.2:7401\n",
    );
    expect(describeNodeChange("add", 4, null)).toBe("added node 4\n");
  });
});

describe("millrace groups", () => {
  const routes = [
    route("1", "GROUP_KIND_META", "", 0),
    route("3", "GROUP_KIND_QUEUE_PARTITION", "jobs", 0),
    route("4", "GROUP_KIND_QUEUE_PARTITION", "jobs", 1),
  ];

  it("takes kind, resource and partition from the routing table and indexes from ListGroups", () => {
    // ListGroups' own labels lose to the routing table's, which is the meta group's catalog.
    const rows = groupRows([group("3"), group("1", { kind: "GROUP_KIND_META" })], routes, {
      kind: undefined,
      nodeId: undefined,
    });
    expect(rows.map((r) => [r.groupId, r.kind, r.resourceName, r.partition, r.commitIndex])).toEqual([
      ["1", "GROUP_KIND_META", "", "0", "20"],
      ["3", "GROUP_KIND_QUEUE_PARTITION", "jobs", "0", "20"],
      // Not hosted by the answering node: known from the routing table only.
      ["4", "GROUP_KIND_QUEUE_PARTITION", "jobs", "1", null],
    ]);
  });

  it("keeps a group the routing table does not list yet as ListGroups describes it", () => {
    const [row] = groupRows([group("9", { resourceName: "default-log" })], [], {
      kind: undefined,
      nodeId: undefined,
    });
    expect(row).toMatchObject({
      groupId: "9",
      kind: "GROUP_KIND_LOG",
      resourceName: "default-log",
      partition: "0",
    });
  });

  it("filters by kind and by a replica on the node, whatever the server did with the filter", () => {
    const groups = [group("3"), group("1", { kind: "GROUP_KIND_META" })];
    const queues = groupRows(groups, routes, { kind: "GROUP_KIND_QUEUE_PARTITION", nodeId: undefined });
    expect(queues.map((r) => r.groupId)).toEqual(["3", "4"]);
    const onNode3 = groupRows(groups, routes, { kind: undefined, nodeId: 3 });
    expect(onNode3.map((r) => r.groupId)).toEqual(["4"]);
    expect(groupRows(groups, routes, { kind: "GROUP_KIND_STREAM_SHARD", nodeId: undefined })).toEqual([]);
  });

  it("prints short kinds, dashes for what is unknown, learners marked", () => {
    const rows = groupRows([group("3", { leaderNodeId: 0 })], routes.slice(1), {
      kind: undefined,
      nodeId: undefined,
    });
    expect(formatGroups(rows).split("\n")).toEqual([
      "group  kind   resource  partition  leader  term  commit  applied  replicas",
      "3      queue  jobs      0          -       4     20      19       1,2(l)",
      "4      queue  jobs      1          2       7     -       -        1,2,3",
      "",
    ]);
  });
});

describe("millrace resources", () => {
  it("lists every queue, with its partitions from the routing table, then topics and streams", () => {
    const resources = resourcesOf(
      ["orders", "jobs"],
      [
        route("8", "GROUP_KIND_STREAM_SHARD", "clicks", 0),
        route("4", "GROUP_KIND_QUEUE_PARTITION", "jobs", 1),
        route("3", "GROUP_KIND_QUEUE_PARTITION", "jobs", 0),
        route("1", "GROUP_KIND_META", "", 0),
        route("2", "GROUP_KIND_LOG", "", 0),
        route("6", "GROUP_KIND_TOPIC_PARTITION", "events", 0),
      ],
    );
    expect(resources.map((r) => [r.kind, r.name, r.partitions.map((p) => p.groupId)])).toEqual([
      ["GROUP_KIND_QUEUE_PARTITION", "jobs", ["3", "4"]],
      ["GROUP_KIND_QUEUE_PARTITION", "orders", []],
      ["GROUP_KIND_TOPIC_PARTITION", "events", ["6"]],
      ["GROUP_KIND_STREAM_SHARD", "clicks", ["8"]],
    ]);
    expect(formatResources(resources).split("\n")).toEqual([
      "kind    name    partition  group  leader  replicas",
      "queue   jobs    0          3      2       1,2,3",
      "queue   jobs    1          4      2       1,2,3",
      "queue   orders  -          -      -       -",
      "topic   events  0          6      2       1,2,3",
      "stream  clicks  0          8      2       1,2,3",
      "",
    ]);
  });
});

describe("millrace queue", () => {
  it("prints a received message as one JSON line with the fields a script needs", () => {
    const message = {
      messageId: "m-1",
      receiptHandle: "r-1",
      body: Buffer.from('say "hi"\n'),
      text: () => 'say "hi"\n',
      receiveCount: 2,
    } as unknown as ReceivedMessage;
    const line = formatReceived(message);
    expect(line.endsWith("\n")).toBe(true);
    expect(line.trimEnd()).not.toContain("\n");
    expect(JSON.parse(line)).toEqual({
      messageId: "m-1",
      body: 'say "hi"\n',
      receiveCount: 2,
      receiptHandle: "r-1",
    });
  });

  it("prints attributes in name order", () => {
    expect(formatAttributes({ VisibilityTimeout: "30", DelaySeconds: "0" })).toBe(
      "attribute          value\nDelaySeconds       0\nVisibilityTimeout  30\n",
    );
  });

  it("batches bodies by count and by bytes, in order, skipping empty lines", async () => {
    const collect = async (bodies: string[], bounds: { entriesMax: number; bytesMax: number }) => {
      const batches: string[][] = [];
      for await (const batch of batchBodies(bodies, bounds)) batches.push(batch);
      return batches;
    };
    const lines = Array.from({ length: 23 }, (_, i) => String(i + 1));
    const batches = await collect(lines, { entriesMax: 10, bytesMax: 1024 });
    expect(batches.map((b) => b.length)).toEqual([10, 10, 3]);
    expect(batches.flat()).toEqual(lines);
    expect(
      await collect(["aaaa", "", "bbbb", "cc", "dddddddd", "e"], { entriesMax: 10, bytesMax: 8 }),
    ).toEqual([["aaaa", "bbbb"], ["cc"], ["dddddddd"], ["e"]]);
    expect(await collect(["", ""], { entriesMax: 10, bytesMax: 8 })).toEqual([]);
  });

  it("batches an async source such as stdin lines", async () => {
    // Lines that arrive one at a time, as readline gives them.
    async function* lines() {
      for (const line of ["x", "é"]) yield await Promise.resolve(line);
    }
    const batches: string[][] = [];
    for await (const batch of batchBodies(lines(), { entriesMax: 10, bytesMax: 2 })) batches.push(batch);
    // "é" is two UTF-8 bytes: bytes, not characters, count.
    expect(batches).toEqual([["x"], ["é"]]);
  });
});

describe("millrace leader transfer", () => {
  it("says the transfer was requested, and which leader the server reported at the time", () => {
    expect(describeTransfer({ groupId: "3", toNodeId: 2 }, { leaderNodeId: 1, term: "5" })).toBe(
      "group 3: transfer to node 2 requested; leader was node 1 (term 5)\n",
    );
    expect(describeTransfer({ groupId: "3", toNodeId: 0 }, { leaderNodeId: 1, term: "5" })).toContain(
      "transfer to a voter the leader picks",
    );
  });
});

describe("millrace status", () => {
  it("lists each node's replicas, and a node that did not answer with its reason below the table", () => {
    const text = formatReplicas([
      { nodeId: 1, groups: [group("1")] },
      { nodeId: 3, error: "No connection established. Last error: connect ECONNREFUSED 10.0.0.3:7400" },
    ]);
    expect(text.split("\n")).toEqual([
      "group  name  on node  leader       term  commit  applied  lag  replicas",
      "1      meta  1        1            4     20      19       1    1,2(l)",
      "?      ?     3        unreachable",
      "",
      "node 3 unreachable: No connection established. Last error: connect ECONNREFUSED 10.0.0.3:7400",
    ]);
  });
});

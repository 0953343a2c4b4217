import { type RoutingTable as MetaRoutingTable } from "@millrace/router";
import { describe, expect, it } from "vitest";
import { RoutingTable } from "../src/node/routing-table.js";

describe("the routing table a node serves", () => {
  // Founders are recorded from --bootstrap with no client address until each registers; an SDK once
  // took the empty address for one and failed with "Could not parse target name".
  it("lists only nodes a client can reach, and still routes to groups they lead", () => {
    const source: MetaRoutingTable = {
      version: 3,
      routes: [
        {
          groupId: 1,
          kind: "meta",
          resourceName: "",
          partition: 0,
          leaderNodeId: 2,
          leaderTerm: 1,
          replicaNodeIds: [1, 2, 3],
        },
      ],
      nodes: [
        { nodeId: 1, clientAddress: "127.0.0.1:7400" },
        { nodeId: 2, clientAddress: "" },
        { nodeId: 3, clientAddress: "127.0.0.1:7420" },
      ],
    };
    const table = new RoutingTable(() => source).current();
    expect(table.nodes).toEqual([
      { nodeId: 1, clientAddress: "127.0.0.1:7400" },
      { nodeId: 3, clientAddress: "127.0.0.1:7420" },
    ]);
    expect(table.routes.map((r) => r.leaderNodeId)).toEqual([2]);
    expect(table.version).toBe("3");
  });
});

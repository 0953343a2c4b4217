import type { v1 } from "@millrace/proto";
import { describe, expect, it } from "vitest";
import { Router } from "../src/routing.js";

const target = { type: "group", kind: "GROUP_KIND_LOG", resourceName: "", partition: 0 } as const;

function table(nodes: { nodeId: number; clientAddress: string }[], leaderNodeId: number) {
  return {
    version: "2",
    nodes,
    routes: [{ kind: "GROUP_KIND_LOG", resourceName: "", partition: 0, leaderNodeId }],
  } as unknown as v1.RoutingTable__Output;
}

describe("Router", () => {
  it("never routes to a node listed without a client address (one the cluster has not recorded yet)", () => {
    const router = new Router(["127.0.0.1:7400"], () => {});
    router.update(
      table(
        [
          { nodeId: 1, clientAddress: "127.0.0.1:7400" },
          { nodeId: 2, clientAddress: "" },
        ],
        2,
      ),
    );
    // gRPC refuses an empty target ("Could not parse target name"): the leader is unknown, not "".
    expect(router.pick(target)).toBe("127.0.0.1:7400");
    expect(router.candidates()).toEqual(["127.0.0.1:7400"]);
    for (let i = 0; i < 5; i++) expect(router.pickAny()).toBe("127.0.0.1:7400");
  });
});

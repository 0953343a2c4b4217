import { ErrorCode } from "@millrace/common";
import { describe, expect, it } from "vitest";
import { PartitionRouter } from "../src/node/partition-router.js";

/** A router on node 1 for group 7, which node 1 does not host; the routing table names `leader`. */
function routerOnNode1(leader: number) {
  const looked = { replica: 0, forwarded: 0 };
  const router = new PartitionRouter({
    nodeId: 1,
    clusterId: "c",
    replica: () => {
      looked.replica += 1;
      return undefined;
    },
    route: () => ({ leader, replicas: [1, 2, 3] }),
    executor: () => undefined,
    forward: () => {
      looked.forwarded += 1;
      return Promise.reject(new Error("a redirected call must not be forwarded"));
    },
  });
  return { router, looked };
}

const redirected = { deadlineMs: Date.now() + 60_000, redirect: true };

// The cluster smoke test caught this: a call asking to be redirected went round the router's retry loop
// until its deadline (10 s there), and its caller heard NOT_LEADER just before it, or, a moment later,
// DEADLINE_EXCEEDED with no leader named.
describe("a call that asks to be redirected to the leader", () => {
  it("is refused NOT_LEADER naming the leader, at once: looked up once, never forwarded", async () => {
    const { router, looked } = routerOnNode1(2);
    await expect(router.call(7, { type: "append" }, redirected, { idempotent: false })).rejects.toMatchObject(
      {
        code: ErrorCode.NOT_LEADER,
        details: { leaderHint: { nodeId: 2 } },
      },
    );
    expect(looked).toEqual({ replica: 1, forwarded: 0 });
  });

  it("is refused NOT_LEADER without a hint when no leader is known, rather than waiting for one", async () => {
    const { router, looked } = routerOnNode1(0);
    const refusal = router.call(7, { type: "append" }, redirected, { idempotent: true });
    await expect(refusal).rejects.toMatchObject({ code: ErrorCode.NOT_LEADER, details: {} });
    expect(looked).toEqual({ replica: 1, forwarded: 0 });
  });
});

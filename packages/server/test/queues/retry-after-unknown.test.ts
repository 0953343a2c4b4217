import { ErrorCode, MillraceError, decode, encode } from "@millrace/common";
import { describe, expect, it } from "vitest";
import { PartitionRouter } from "../../src/node/partition-router.js";
import { isIdempotent, type QueueOp } from "../../src/queues/queue-ops.js";

/**
 * A router on node 1 for a group led by node 2, whose forward runs the call "on node 2" and then, the
 * first time, loses the answer (the peer link broke after the leader applied it).
 */
function routerLosingFirstAnswer(run: (op: QueueOp) => unknown) {
  let calls = 0;
  const router = new PartitionRouter({
    nodeId: 1,
    clusterId: "c",
    replica: () => undefined,
    route: () => ({ leader: 2, replicas: [1, 2, 3] }),
    executor: () => undefined,
    forward: (_to, request) => {
      calls += 1;
      const result = run((decode(request.request as Uint8Array) as { op: QueueOp }).op);
      if (calls === 1) return Promise.reject(new MillraceError(ErrorCode.UNAVAILABLE, "link broke"));
      return Promise.resolve(encode(result));
    },
  });
  return { router, calls: () => calls };
}

const call = (router: PartitionRouter, op: QueueOp) =>
  router.call(7, op, { deadlineMs: Date.now() + 5_000 }, { idempotent: isIdempotent(op) });

// The queue fault test caught this: a consumer's ChangeMessageVisibility(0) made the message visible, the
// answer was lost, the router ran it again, and the second run's MESSAGE_NOT_INFLIGHT reached the consumer,
// who was told the change failed although it had worked.
describe("retrying a partition call whose answer was lost", () => {
  it("never turns a visibility change that worked into a reported failure", async () => {
    let inFlight = true;
    const { router, calls } = routerLosingFirstAnswer(() => {
      if (!inFlight) return [{ entryId: "e0", ok: false, code: "MESSAGE_NOT_INFLIGHT", message: "not" }];
      inFlight = false;
      return [{ entryId: "e0", ok: true }];
    });
    const op: QueueOp = {
      type: "change-visibility",
      entries: [{ entryId: "e0", receiptHandle: "h", visibilityTimeoutSeconds: 0 }],
    };
    // The caller hears that the outcome is unknown (retryable), not a definite failure.
    await expect(call(router, op)).rejects.toMatchObject({ code: ErrorCode.UNAVAILABLE });
    expect(calls()).toBe(1);
  });

  it("retries a delete, whose second run answers as the first would have", async () => {
    const { router, calls } = routerLosingFirstAnswer(() => [{ entryId: "e0", ok: true }]);
    const op: QueueOp = { type: "delete", entries: [{ entryId: "e0", receiptHandle: "h" }] };
    await expect(call(router, op)).resolves.toEqual([{ entryId: "e0", ok: true }]);
    expect(calls()).toBe(2);
  });

  it("counts only reads, deletes and configuration as safe to run twice", () => {
    const safe = (op: QueueOp) => isIdempotent(op);
    expect(safe({ type: "stats" })).toBe(true);
    expect(safe({ type: "wait", waitMs: 10 })).toBe(true);
    expect(safe({ type: "delete", entries: [] })).toBe(true);
    expect(safe({ type: "change-visibility", entries: [] })).toBe(false);
    expect(safe({ type: "receive", max: 1 })).toBe(false);
    expect(safe({ type: "send", queueName: "q", entries: [] })).toBe(false);
    expect(safe({ type: "purge" })).toBe(false);
  });
});

import { setMaxListeners } from "node:events";
import { ErrorCode, type MillraceError } from "@millrace/common";
import { QueuePartition, defaultQueueConfig } from "@millrace/broker";
import { MetaStateMachine } from "@millrace/router";
import { type NodeId } from "@millrace/raft";
import { afterEach, describe, expect, it } from "vitest";
import { metaExecutor } from "../src/node/controller.js";
import { serveForward } from "../src/node/forward-service.js";
import { metaGroupId } from "../src/node/group-ids.js";
import { PartitionRouter, type GroupExecutor } from "../src/node/partition-router.js";
import { PartitionLeader, queueExecutor } from "../src/queues/queue-executor.js";
import { type ReceivedMessage, type SendOutcome } from "../src/queues/queue-ops.js";
import { StartedGroups } from "./single-node-group.js";
import { clusterId, startNode, stopAll, type TestNode } from "./transport/harness.js";

const queueGroupId = 30;
const testTimeoutMs = 30_000;

const groups = new StartedGroups();
const transports: TestNode[] = [];
afterEach(async () => {
  await stopAll(transports);
  await groups.stopAll();
});

/**
 * Node 1 leads a queue partition and the meta group and serves PeerService.Forward as a node does; node 2
 * hosts neither, so its partition router forwards every call to node 1 over a real peer link (gRPC,
 * msgpack, error trailers and all). Returns node 2's way to call, and the entries each group applied.
 */
async function twoNodes() {
  const partition = new QueuePartition();
  const queue = await groups.start(queueGroupId, partition);
  const leader = new PartitionLeader(queueGroupId, partition, queue.host);
  await leader.run(queue.replica, { type: "configure", queueName: "q", config: defaultQueueConfig(false) });
  const metaState = new MetaStateMachine();
  const meta = await groups.start(metaGroupId, metaState);
  const executors = new Map<number, GroupExecutor>([
    [queueGroupId, queueExecutor(() => leader)],
    [metaGroupId, metaExecutor(meta.host, metaState)],
  ]);
  const replicas = new Map([
    [queueGroupId, queue.replica],
    [metaGroupId, meta.replica],
  ]);
  const router1 = new PartitionRouter({
    nodeId: 1,
    clusterId,
    replica: (groupId) => replicas.get(groupId),
    route: () => ({ leader: 1, replicas: [1] }),
    executor: (groupId) => executors.get(groupId),
    forward: () => Promise.reject(new Error("node 1 leads every group")),
  });
  const addresses = new Map<NodeId, string>();
  await startNode(
    { nodeId: 1, addresses, forward: (call, callback) => serveForward(router1, call, callback) },
    transports,
  );
  const node2 = await startNode({ nodeId: 2, addresses }, transports);
  const router2 = new PartitionRouter({
    nodeId: 2,
    clusterId,
    replica: () => undefined,
    route: () => ({ leader: 1, replicas: [1] }),
    executor: () => undefined,
    forward: (to, request, deadlineMs, signal) => node2.transport.forward(to, request, deadlineMs, signal),
  });
  queue.applied.entries = 0;
  meta.applied.entries = 0;
  const call = (groupId: number, op: unknown, signal?: AbortSignal) =>
    router2.call(
      groupId,
      op,
      { deadlineMs: Date.now() + 10_000, ...(signal === undefined ? {} : { signal }) },
      { idempotent: false },
    );
  return { call, applied: { queue: queue.applied, meta: meta.applied }, leader };
}

async function refusal(promise: Promise<unknown>): Promise<MillraceError> {
  return promise.then(
    () => {
      throw new Error("expected a refusal");
    },
    (error: unknown) => error as MillraceError,
  );
}

async function expectRefused(promise: Promise<unknown>, field: string): Promise<void> {
  const error = await refusal(promise);
  expect(error.code, error.message).toBe(ErrorCode.INVALID_ARGUMENT);
  expect(error.details.field, error.message).toBe(field);
}

describe("ops forwarded over the peer link are checked by the leader", () => {
  it(
    "refuses malformed queue ops with INVALID_ARGUMENT naming the field, applying nothing, and serves well-formed ones",
    async () => {
      const { call, applied, leader } = await twoNodes();
      try {
        await expectRefused(call(queueGroupId, { type: "receive", max: 1e9 }), "max");
        await expectRefused(call(queueGroupId, { type: "wait", waitMs: Number.POSITIVE_INFINITY }), "waitMs");
        await expectRefused(
          call(queueGroupId, { type: "send", queueName: "q", entries: [{ entryId: "e0", body: "hi" }] }),
          "entries[0].body",
        );
        await expectRefused(
          call(queueGroupId, {
            type: "change-visibility",
            entries: [{ entryId: "e0", receiptHandle: "h", visibilityTimeoutSeconds: -5 }],
          }),
          "entries[0].visibilityTimeoutSeconds",
        );
        await expectRefused(
          call(queueGroupId, { type: "configure", queueName: "q", config: null }),
          "config",
        );
        await expectRefused(call(queueGroupId, { type: "bogus" }), "type");
        await expectRefused(call(queueGroupId, null), "op");
        expect(applied.queue.entries).toBe(0);

        // What a gateway sends gets through the wire and the check: bytes arrive as bytes.
        const sent = (await call(queueGroupId, {
          type: "send",
          queueName: "q",
          entries: [{ entryId: "e0", body: Buffer.from("hello"), delaySeconds: 0 }],
        })) as SendOutcome[];
        expect(sent.map((o) => o.ok)).toEqual([true]);
        const received = (await call(queueGroupId, {
          type: "receive",
          max: 10,
          visibilityTimeoutSeconds: 30,
        })) as ReceivedMessage[];
        expect(received.map((m) => new TextDecoder().decode(m.body))).toEqual(["hello"]);
      } finally {
        leader.stepDown();
      }
    },
    testTimeoutMs,
  );

  it(
    "refuses malformed meta ops with INVALID_ARGUMENT naming the field, proposing nothing",
    async () => {
      const { call, applied } = await twoNodes();
      await expectRefused(call(metaGroupId, { type: "propose", command: null }), "command");
      await expectRefused(call(metaGroupId, { type: "propose", command: { type: "bogus" } }), "command.type");
      await expectRefused(call(metaGroupId, { type: "resource", kind: 5, name: "q" }), "kind");
      await expectRefused(
        call(metaGroupId, { type: "resource", kind: "queue", name: { toString: 1 } }),
        "name",
      );
      await expectRefused(call(metaGroupId, { type: "move-tasks", sourceQueue: null }), "sourceQueue");
      await expectRefused(call(metaGroupId, { type: "move-task", taskHandle: 7 }), "taskHandle");
      await expectRefused(call(metaGroupId, { type: "bogus" }), "type");
      await expectRefused(call(metaGroupId, 7), "op");
      expect(applied.meta.entries).toBe(0);

      // Well-formed ones reach the meta group: a lookup answers, and a command is the state machine's to judge.
      expect(await call(metaGroupId, { type: "resource", kind: "queue", name: "q" })).toBeNull();
      expect(await call(metaGroupId, { type: "move-tasks", sourceQueue: "q" })).toEqual([]);
      expect(await call(metaGroupId, { type: "move-task", taskHandle: "no-such-task" })).toBeNull();
      // A name that breaks the naming rules (one taken from an ARN, say) names nothing: not found, as before.
      expect(await call(metaGroupId, { type: "resource", kind: "queue", name: "a b/c" })).toBeNull();
      await expectRefused(
        call(metaGroupId, { type: "resource", kind: "queue", name: "q".repeat(1025) }),
        "name",
      );
      const notBootstrapped = await refusal(
        call(metaGroupId, { type: "propose", command: { type: "remove-node", nodeId: 3 } }),
      );
      expect(notBootstrapped.code).toBe(ErrorCode.FAILED_PRECONDITION);
    },
    testTimeoutMs,
  );
});

// A long poll through another node: before, cancelling it there left the leader's wait (and its timer)
// running for the whole wait, so a client could pile waits up on the leader by cancelling.
describe("a forwarded long poll whose caller goes away", () => {
  it(
    "ends on the leader too",
    async () => {
      const { call } = await twoNodes();
      const timers = () => process.getActiveResourcesInfo().filter((r) => r === "Timeout").length;
      const before = timers();
      const gone = new AbortController();
      // One signal for all 20 calls: without this, Node warns of a listener leak at the 11th.
      setMaxListeners(20, gone.signal);
      const waits = Array.from({ length: 20 }, () =>
        call(queueGroupId, { type: "wait", waitMs: 20_000 }, gone.signal).catch(() => "cancelled"),
      );
      await expect.poll(timers, { timeout: 5_000 }).toBeGreaterThanOrEqual(before + 20);
      gone.abort();
      expect(await Promise.all(waits)).toEqual(Array(20).fill("cancelled"));
      // The leader's waits are gone as well as the callers': left alone, they would hold their timers
      // for 20 s, past this bounded wait.
      await expect.poll(timers, { timeout: 8_000 }).toBeLessThan(before + 5);
    },
    testTimeoutMs,
  );
});

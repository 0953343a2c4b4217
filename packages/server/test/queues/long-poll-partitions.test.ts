import { getEventListeners } from "node:events";
import { type GatewayCallContext } from "@millrace/gateway";
import { describe, expect, it } from "vitest";
import { type QueueOp } from "../../src/queues/queue-ops.js";
import { backendForwardingEverything, callContext } from "./forwarding-backend.js";

const receive = {
  queueName: "orders",
  attributeNames: [],
  messageSystemAttributeNames: [],
  messageAttributeNames: [],
  receiveRequestAttemptId: "",
};

/** The queue's partition calls, in order, as "receive 2", "wait 3" or "replay 4" (a replay-only receive). */
function partitionCalls(forwarded: readonly { groupId: number; op: unknown }[], partitions: number[]) {
  return forwarded
    .filter((f) => partitions.includes(f.groupId))
    .map((f) => {
      const op = f.op as QueueOp;
      const name = op.type === "receive" && op.replayOnly === true ? "replay" : op.type;
      return `${name} ${f.groupId}`;
    });
}

/** One long poll (up to 5 s, for 1 message) on a new 3-partition queue: its answer and partition calls. */
async function longPollOnce(setup: ReturnType<typeof backendForwardingEverything>) {
  const { backend, forwarded, groupsOf } = setup;
  const ctx = callContext();
  await backend.CreateQueue({ queueName: "orders", attributes: { Partitions: "3" }, tags: {} }, ctx);
  const partitions = groupsOf("orders");
  const before = forwarded.length;
  const response = await backend.ReceiveMessage(
    { ...receive, maxNumberOfMessages: 1, waitTimeSeconds: 5 },
    ctx,
  );
  const messageIds = (response.messages ?? []).map((m) => m.messageId);
  return { messageIds, calls: partitionCalls(forwarded.slice(before), partitions), partitions };
}

// Every partition here is led by another node, so each call is forwarded to its leader: what a consumer
// connected to a node that leads none of them costs the cluster.
describe("a receive over a queue's partitions", () => {
  it("long-polling, looks at one partition before waiting on all, and takes the message a wait found", async () => {
    // The stand-in leaders have no message until a wait ran; then each wait answers at once.
    const { messageIds, calls, partitions } = await longPollOnce(backendForwardingEverything());
    expect(partitions).toHaveLength(3);
    expect(messageIds).toEqual(["m-1"]);
    // One empty receive, not one per partition, then a wait on each, then the receive that found it.
    expect(calls.filter((c) => c.startsWith("receive"))).toHaveLength(2);
    expect(calls.slice(0, 1)).toEqual([expect.stringMatching(/^receive /)]);
    expect(calls.slice(1, 4).sort()).toEqual(partitions.map((g) => `wait ${g}`).sort());
    expect(calls[4]).toMatch(/^receive /);
  });

  it("woken for a message another receive took first, waits again rather than sweep every partition", async () => {
    // The first receive after a wait finds nothing: the message that ended the wait went to another.
    const setup = backendForwardingEverything({
      answer: (_groupId, op, before) => {
        const ops = before.map((f) => (f.op as QueueOp).type);
        const afterWait = ops.slice(ops.indexOf("wait"));
        return op.type === "receive" && ops.includes("wait") && !afterWait.includes("receive")
          ? []
          : undefined;
      },
    });
    const { messageIds, calls } = await longPollOnce(setup);
    expect(messageIds).toEqual(["m-1"]);
    const kinds = calls.map((c) => c.split(" ")[0]);
    // One empty receive; a wait on each; the woken partition's receive, empty; the waits again (before:
    // an empty receive from each other partition first); the receive that found it.
    expect(kinds).toEqual(["receive", "wait", "wait", "wait", "receive", "wait", "wait", "wait", "receive"]);
    expect(calls[4]).toBe(calls[8]);
  });

  it("short-polling, or out of time to wait, looks at every partition", async () => {
    const { backend, forwarded, groupsOf } = backendForwardingEverything();
    const ctx = callContext();
    await backend.CreateQueue({ queueName: "orders", attributes: { Partitions: "3" }, tags: {} }, ctx);
    const partitions = groupsOf("orders");
    /** The partition calls of a receive that finds nothing (no wait runs, so the stand-ins have none). */
    const callsOf = async (waitTimeSeconds: number, context: GatewayCallContext) => {
      const before = forwarded.length;
      const response = await backend.ReceiveMessage(
        { ...receive, maxNumberOfMessages: 1, waitTimeSeconds },
        context,
      );
      expect(response.messages).toEqual([]);
      return partitionCalls(forwarded.slice(before), partitions).sort();
    };
    const everyPartition = partitions.map((g) => `receive ${g}`).sort();
    expect(await callsOf(0, ctx)).toEqual(everyPartition);
    // A long poll whose caller's deadline leaves no time to wait is a short poll: every partition is seen.
    expect(await callsOf(5, { ...ctx, deadlineMs: Date.now() + 400 })).toEqual(everyPartition);
  });

  it("with a FIFO receive attempt id, first asks every partition to replay it, then receives", async () => {
    const { backend, forwarded, groupsOf } = backendForwardingEverything();
    const ctx = callContext();
    await backend.CreateQueue(
      { queueName: "jobs.fifo", attributes: { FifoQueue: "true", Partitions: "3" }, tags: {} },
      ctx,
    );
    const partitions = groupsOf("jobs.fifo");
    const before = forwarded.length;
    const attempt = {
      ...receive,
      queueName: "jobs.fifo",
      maxNumberOfMessages: 1,
      receiveRequestAttemptId: "a-1",
    };
    // The stand-in leaders have no record of the attempt (nothing until a wait ran), so it goes on to
    // receive, waiting as any long poll does.
    const response = await backend.ReceiveMessage({ ...attempt, waitTimeSeconds: 5 }, ctx);
    expect((response.messages ?? []).map((m) => m.messageId)).toEqual(["m-1"]);
    const calls = partitionCalls(forwarded.slice(before), partitions);
    expect(calls.slice(0, 3).sort()).toEqual(partitions.map((g) => `replay ${g}`).sort());
    expect(calls[3]).toMatch(/^receive /);
    // Retried: every partition replays what it has (here each answers with its message), and that is
    // the answer, with nothing new received.
    const mark = forwarded.length;
    const retried = await backend.ReceiveMessage({ ...attempt, waitTimeSeconds: 5 }, ctx);
    expect(retried.messages).toHaveLength(3);
    expect(partitionCalls(forwarded.slice(mark), partitions).sort()).toEqual(
      partitions.map((g) => `replay ${g}`).sort(),
    );
  });

  it("with a FIFO receive attempt id on the client's first try, asks no partition to replay it", async () => {
    const { backend, forwarded, groupsOf } = backendForwardingEverything();
    const ctx = { ...callContext(), firstTry: true };
    await backend.CreateQueue(
      { queueName: "jobs.fifo", attributes: { FifoQueue: "true", Partitions: "3" }, tags: {} },
      ctx,
    );
    const partitions = groupsOf("jobs.fifo");
    const before = forwarded.length;
    await backend.ReceiveMessage(
      {
        ...receive,
        queueName: "jobs.fifo",
        maxNumberOfMessages: 1,
        receiveRequestAttemptId: "a-1",
        waitTimeSeconds: 5,
      },
      ctx,
    );
    const calls = partitionCalls(forwarded.slice(before), partitions);
    expect(calls.filter((c) => c.startsWith("replay"))).toEqual([]);
    expect(calls[0]).toMatch(/^receive /);
  });

  // Before, a stopping node held its long polls until it cancelled them after its drain time, and each
  // answered an error; and one listener per waiting poll on the node's signal would be hundreds.
  it("ends every waiting long poll with no messages once the node stops, through one listener", async () => {
    const stopping = new AbortController();
    // An idle queue: receives find nothing, and waits last until they are ended.
    const { backend, forwarded } = backendForwardingEverything({
      answer: (_groupId, op) => (op.type === "receive" ? [] : undefined),
      waitsHang: true,
      stopping: stopping.signal,
    });
    const ctx = callContext();
    await backend.CreateQueue({ queueName: "orders", attributes: { Partitions: "3" }, tags: {} }, ctx);
    const waitsSeen = () => forwarded.filter((f) => (f.op as QueueOp).type === "wait").length;
    const poll = () =>
      backend.ReceiveMessage({ ...receive, maxNumberOfMessages: 1, waitTimeSeconds: 20 }, callContext());
    const polls = Array.from({ length: 12 }, poll);
    while (waitsSeen() < 12 * 3) await new Promise((r) => setTimeout(r, 5));
    expect(getEventListeners(stopping.signal, "abort")).toHaveLength(1);
    stopping.abort();
    expect((await Promise.all(polls)).map((r) => r.messages)).toEqual(Array(12).fill([]));
    // A poll that comes after the stop answers at once, waiting on no partition.
    const after = await poll();
    expect(after.messages).toEqual([]);
    expect(waitsSeen()).toBe(12 * 3);
  });
});

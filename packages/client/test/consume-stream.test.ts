import { ErrorCode } from "@millrace/common";
import type { v1 } from "@millrace/proto";
import { afterEach, describe, expect, it } from "vitest";
import { connect } from "../src/index.js";
import { FakeRouting, eventually, startServer, type FakeHandlers } from "./fake-cluster.js";

const cleanup: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const c of cleanup.splice(0).reverse()) await c();
});

type QueueHandlers = NonNullable<FakeHandlers["queue"]>;
type StreamCall = Parameters<v1.QueueServiceHandlers["ConsumeStream"]>[0];
type Frame = v1.ConsumeStreamRequest__Output;
type Answer = (frame: Frame, call: StreamCall) => void;

/** What a node that does everything at once answers to a frame. */
function ok(frame: Frame, node: string): v1.ConsumeStreamResponse {
  const { frameId } = frame;
  if (frame.receive) {
    const messages = [{ messageId: `${node}:${frame.receive.queueName}`, receiptHandle: "h", body: "b" }];
    return { frameId, receive: { messages } };
  }
  const entries = frame.deleteBatch?.entries ?? frame.changeVisibilityBatch?.entries ?? [];
  const result = { successfulIds: entries.map((e) => e.id), failed: [] };
  return frame.deleteBatch ? { frameId, deleteBatch: result } : { frameId, changeVisibilityBatch: result };
}

/** A fake node serving ConsumeStream with `answer`, counting its streams, frames and any unary call. */
function consumeNode(name: string, answer: Answer = (f, call) => call.write(ok(f, name))) {
  const seen = { streams: 0, frames: [] as Frame[], unary: [] as string[] };
  const unary =
    (method: string) =>
    (_call: unknown, callback: (e: null, r: object) => void): void => {
      seen.unary.push(method);
      callback(null, method === "ReceiveMessage" ? { messages: [] } : { successfulIds: ["0"], failed: [] });
    };
  const queue: QueueHandlers = {
    ConsumeStream: (call) => {
      seen.streams++;
      call.on("data", (f: Frame) => {
        seen.frames.push(f);
        answer(f, call);
      });
      call.on("end", () => call.end());
    },
    ReceiveMessage: unary("ReceiveMessage"),
    DeleteMessageBatch: unary("DeleteMessageBatch"),
    ChangeMessageVisibilityBatch: unary("ChangeMessageVisibilityBatch"),
  };
  return { queue, seen };
}

/** One fake node and a client of it. */
async function clientOf(queue: QueueHandlers) {
  const routing = new FakeRouting();
  const node = await startServer({ admin: routing.handlers(), queue });
  cleanup.push(() => node.stop());
  routing.set([{ nodeId: 1, address: node.address }], []);
  const client = await connect({ endpoints: [node.address] });
  cleanup.push(() => client.close());
  return client;
}

/** A client of a node that ends its first stream, cleanly, on the first frame, and serves the next. */
async function clientOfNodeEndingFirstStream() {
  let streams = 0;
  const node = consumeNode("n1");
  const client = await clientOf({
    ...node.queue,
    ConsumeStream: (call) => {
      streams++;
      if (streams === 1) call.on("data", () => call.end());
      else node.queue.ConsumeStream!(call);
    },
  });
  return { client, streams: () => streams };
}

describe("receives, deletes and visibility changes over ConsumeStream", () => {
  it("sends them as frames of one stream to the node, and reads each answer's result", async () => {
    const node = consumeNode("n1");
    const client = await clientOf(node.queue);
    const queue = client.queue("jobs");
    const [received, deleted, changed] = await Promise.all([
      queue.receive({ maxMessages: 10, waitSeconds: 1 }),
      queue.deleteBatch(["h1", "h2"]),
      queue.changeVisibilityBatch([{ receiptHandle: "h3", visibilityTimeoutSeconds: 30 }]),
    ]);
    expect(received.map((m) => m.messageId)).toEqual(["n1:jobs"]);
    expect(deleted.map((r) => r.ok)).toEqual([true, true]);
    expect(changed.map((r) => r.ok)).toEqual([true]);
    expect(node.seen.streams).toBe(1);
    expect(node.seen.unary).toEqual([]);
    expect(node.seen.frames.map((f) => f.call).sort()).toEqual([
      "changeVisibilityBatch",
      "deleteBatch",
      "receive",
    ]);
  });

  it("marks a FIFO receive's first try on its frame, as a unary call's metadata would", async () => {
    const node = consumeNode("n1");
    const client = await clientOf(node.queue);
    await client.queue("jobs.fifo").receive({ waitSeconds: 0 });
    await client.queue("jobs").receive({ waitSeconds: 0 });
    expect(node.seen.frames.map((f) => [f.receive?.queueName, f.firstTry])).toEqual([
      ["jobs.fifo", true],
      ["jobs", false],
    ]);
  });

  it("sends unary calls to a node that has no ConsumeStream", async () => {
    const { ConsumeStream: _none, ...older } = consumeNode("old").queue;
    const seen: string[] = [];
    const queue: QueueHandlers = {
      ...older,
      DeleteMessageBatch: (call, callback) => {
        seen.push("DeleteMessageBatch");
        callback(null, { successfulIds: call.request.entries.map((e) => e.id), failed: [] });
      },
    };
    const client = await clientOf(queue);
    const results = await client.queue("jobs").deleteBatch(["h1"]);
    expect(results.map((r) => r.ok)).toEqual([true]);
    await client.queue("jobs").deleteBatch(["h2"]);
    expect(seen).toEqual(["DeleteMessageBatch", "DeleteMessageBatch"]);
  });

  it("rejects with the code and field of a frame's error", async () => {
    const node = consumeNode("n1", (f, call) =>
      call.write({
        frameId: f.frameId,
        error: {
          code: "RECEIPT_HANDLE_INVALID",
          message: "the receipt handle is not valid",
          fieldViolations: [{ field: "entries[0].receipt_handle", description: "not valid" }],
        },
      }),
    );
    const client = await clientOf(node.queue);
    const error = await client
      .queue("jobs")
      .deleteBatch(["bad"])
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ code: "RECEIPT_HANDLE_INVALID", field: "entries[0].receipt_handle" });
  });

  // Long polls may hold their frames for 20 s each. Were deletes to share their slots, a consumer with
  // as many polls waiting as the node takes would have its deletes (and so its handlers) stall.
  it("keeps at most 64 receives unanswered on a stream, and deletes still go while they wait", async () => {
    const held: { frame: Frame; call: StreamCall }[] = [];
    const node = consumeNode("n1", (frame, call) => {
      if (frame.receive) held.push({ frame, call });
      else call.write(ok(frame, "n1"));
    });
    const client = await clientOf(node.queue);
    // Two queues, as one queue's frames take at most 48 of a lane's 64 slots.
    const polls = Array.from({ length: 70 }, (_, i) =>
      client.queue(i % 2 === 0 ? "jobs" : "other").receive({ waitSeconds: 20 }),
    );
    await eventually(() => held.length === 64);
    const deleted = await client.queue("jobs").deleteBatch(["h1"]);
    expect(deleted.map((r) => r.ok)).toEqual([true]);
    await new Promise((r) => setTimeout(r, 100));
    expect(held).toHaveLength(64);
    for (const { frame, call } of held.splice(0)) call.write(ok(frame, "n1"));
    await eventually(() => held.length === 6);
    for (const { frame, call } of held.splice(0)) call.write(ok(frame, "n1"));
    expect((await Promise.all(polls)).map((m) => m.length)).toEqual(Array(70).fill(1));
  });

  it("writes frames that waited for a slot in the order they were made, whatever their queue", async () => {
    const held: { frame: Frame; call: StreamCall }[] = [];
    const node = consumeNode("n1", (frame, call) => held.push({ frame, call }));
    const client = await clientOf(node.queue);
    const fill = Array.from({ length: 64 }, (_, i) =>
      client.queue(i % 2 === 0 ? "jobs" : "other").receive({ waitSeconds: 20 }),
    );
    await eventually(() => held.length === 64);
    const waiting = ["x", "y", "x", "z", "y"].map((name) => client.queue(name).receive({ waitSeconds: 20 }));
    for (const { frame, call } of held.splice(0)) call.write(ok(frame, "n1"));
    await eventually(() => held.length === 5);
    expect(held.map((h) => h.frame.receive?.queueName)).toEqual(["x", "y", "x", "z", "y"]);
    for (const { frame, call } of held.splice(0)) call.write(ok(frame, "n1"));
    expect((await Promise.all([...fill, ...waiting])).every((m) => m.length === 1)).toBe(true);
  });

  // Before, an aborted receive left its long poll waiting on the node, free to take messages nobody read.
  it("tells the node to cancel a receive whose caller gave up", async () => {
    const held: { frame: Frame; call: StreamCall }[] = [];
    const node = consumeNode("n1", (frame, call) => held.push({ frame, call }));
    const client = await clientOf(node.queue);
    const stop = new AbortController();
    const poll = client
      .queue("jobs")
      .receive({ waitSeconds: 20, signal: stop.signal })
      .catch((e: unknown) => e);
    await eventually(() => held.length === 1);
    stop.abort();
    expect(await poll).toMatchObject({ code: ErrorCode.CANCELLED });
    await eventually(() => held.length === 2);
    expect(held[1]!.frame).toMatchObject({ frameId: held[0]!.frame.frameId, cancel: true });
    expect(held[1]!.frame.receive ?? null).toBeNull();
  });

  // A visibility change to 0 must not run twice (another consumer may have the message by then), so it
  // is sent again only when its first try surely did not run: here, a frame the node ended its stream
  // without answering (it answers every frame it read first). Before, such a frame failed as UNAVAILABLE.
  it("sends again a visibility change to 0 that the node ended its stream without running", async () => {
    const { client, streams } = await clientOfNodeEndingFirstStream();
    const results = await client
      .queue("jobs")
      .changeVisibilityBatch([{ receiptHandle: "h", visibilityTimeoutSeconds: 0 }]);
    expect(results.map((r) => r.ok)).toEqual([true]);
    expect(streams()).toBe(2);
  });

  it("retries a receive whose stream the node ended before answering it", async () => {
    const { client, streams } = await clientOfNodeEndingFirstStream();
    const received = await client.queue("jobs").receive({ waitSeconds: 0 });
    expect(received.map((m) => m.messageId)).toEqual(["n1:jobs"]);
    expect(streams()).toBe(2);
  });

  it("rejects an unanswered frame at the call's deadline", async () => {
    const node = consumeNode("n1", () => {});
    const client = await clientOf(node.queue);
    const error = await client
      .queue("jobs")
      .deleteBatch(["h"], { deadlineMs: 300 })
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ code: ErrorCode.DEADLINE_EXCEEDED });
  });
});

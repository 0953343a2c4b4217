import { ErrorCode } from "@millrace/common";
import type { v1 } from "@millrace/proto";
import { Metadata, credentials, status } from "@grpc/grpc-js";
import { afterEach, describe, expect, it } from "vitest";
import { MillraceClientError, connect } from "../src/index.js";
import { ChannelPool } from "../src/channels.js";
import { FrameStreamPool, sendStreamMethod, unaryOnlyMs } from "../src/frame-streams.js";
import { FakeRouting, eventually, startServer, type FakeHandlers } from "./fake-cluster.js";

const cleanup: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const c of cleanup.splice(0).reverse()) await c();
});

type QueueHandlers = NonNullable<FakeHandlers["queue"]>;
type StreamCall = Parameters<v1.QueueServiceHandlers["SendMessageStream"]>[0];
type Answer = (frame: v1.SendMessageStreamRequest__Output, call: StreamCall, streamIndex: number) => void;

const ok = (frame: v1.SendMessageStreamRequest__Output, node: string): v1.SendMessageStreamResponse => ({
  frameId: frame.frameId,
  batch: {
    successful: (frame.batch?.entries ?? []).map((e) => ({
      id: e.id,
      messageId: `${node}:${e.messageBody}`,
    })),
    failed: [],
  },
});

/** A fake node serving SendMessageStream with `answer` (and, to see any unary call, SendMessageBatch). */
function streamNode(name: string, answer: Answer = (f, call) => call.write(ok(f, name))) {
  const seen = { streams: 0, frames: [] as number[], unary: 0, closedStreams: 0 };
  const queue: QueueHandlers = {
    SendMessageStream: (call) => {
      const index = seen.streams++;
      call.on("data", (f: v1.SendMessageStreamRequest__Output) => {
        seen.frames.push(f.frameId);
        answer(f, call, index);
      });
      call.on("end", () => call.end());
      call.on("cancelled", () => seen.closedStreams++);
    },
    SendMessageBatch: (call, callback) => {
      seen.unary++;
      callback(null, {
        successful: call.request.entries.map((e) => ({
          id: e.id,
          messageId: `${name}-unary:${e.messageBody}`,
        })),
        failed: [],
      });
    },
  };
  return { queue, seen };
}

/** Fake nodes sharing one routing table, and a client of the first. */
async function cluster(queues: QueueHandlers[]) {
  const routing = new FakeRouting();
  const nodes = [];
  for (const queue of queues) {
    const node = await startServer({ admin: routing.handlers(), queue });
    cleanup.push(() => node.stop());
    nodes.push(node);
  }
  routing.set(
    nodes.map((n, i) => ({ nodeId: i + 1, address: n.address })),
    [],
  );
  const client = await connect({ endpoints: [nodes[0]!.address] });
  cleanup.push(() => client.close());
  return { client, addresses: nodes.map((n) => n.address) };
}

const bodies = (results: readonly { ok: boolean; result?: { messageId: string } }[]) =>
  results.map((r) => (r.ok ? r.result?.messageId : "failed"));

describe("sendBatch over SendMessageStream", () => {
  it("sends concurrent batches as frames of one stream to the node", async () => {
    const node = streamNode("n1");
    const { client } = await cluster([node.queue]);
    const queue = client.queue("jobs");
    const results = await Promise.all([
      queue.sendBatch([{ body: "a" }, { body: "b" }]),
      queue.sendBatch([{ body: "c" }]),
      queue.sendBatch([{ body: "d" }]),
    ]);
    expect(results.map(bodies)).toEqual([["n1:a", "n1:b"], ["n1:c"], ["n1:d"]]);
    expect(node.seen).toMatchObject({ streams: 1, unary: 0 });
    expect(new Set(node.seen.frames).size).toBe(3);
  });

  it("sends unary calls to a node that has no SendMessageStream", async () => {
    const unaryOnly: QueueHandlers = { SendMessageBatch: streamNode("old").queue.SendMessageBatch! };
    const { client } = await cluster([unaryOnly]);
    const queue = client.queue("jobs");
    expect(bodies(await queue.sendBatch([{ body: "a" }]))).toEqual(["old-unary:a"]);
    expect(bodies(await queue.sendBatch([{ body: "b" }]))).toEqual(["old-unary:b"]);
  });

  // Before, a node that once refused the stream got unary calls until the client restarted, even after
  // a rolling upgrade gave it SendMessageStream.
  it("tries the stream again unaryOnlyMs after a node refused it", async () => {
    const node = streamNode("n1");
    let upgraded = false;
    const queue: QueueHandlers = {
      ...node.queue,
      SendMessageStream: (call) => {
        if (upgraded) node.queue.SendMessageStream!(call);
        else call.emit("error", { code: status.UNIMPLEMENTED, details: "unknown method" });
      },
    };
    const { addresses } = await cluster([queue]);
    const channels = new ChannelPool(credentials.createInsecure());
    cleanup.push(() => Promise.resolve(channels.close()));
    let nowMs = 1_000_000;
    const pool = new FrameStreamPool(
      sendStreamMethod,
      channels,
      () => new Metadata(),
      () => nowMs,
    );
    cleanup.push(() => Promise.resolve(pool.close()));
    const unary = () =>
      Promise.resolve<v1.SendMessageBatchResponse__Output>({
        successful: [
          {
            id: "0",
            messageId: "unary",
            md5OfMessageBody: "",
            md5OfMessageAttributes: "",
            md5OfMessageSystemAttributes: "",
            sequenceNumber: "",
          },
        ],
        failed: [],
      });
    const send = async () => {
      const request = { queueName: "jobs", entries: [{ id: "0", messageBody: "x" }] };
      const response = await pool.send(
        addresses[0]!,
        { payload: { batch: request }, resultField: "batch", lane: "send", queueName: "jobs" },
        { deadline: Date.now() + 5_000 },
        unary,
      );
      return response.successful.map((s) => s.messageId);
    };
    expect(await send()).toEqual(["unary"]);
    upgraded = true;
    nowMs += unaryOnlyMs - 1;
    expect(await send()).toEqual(["unary"]);
    nowMs += 1;
    expect(await send()).toEqual(["n1:x"]);
    expect(node.seen.streams).toBe(1);
  });

  it("rejects with the code, message and field of a frame's error", async () => {
    const node = streamNode("n1", (f, call) =>
      call.write({
        frameId: f.frameId,
        error: {
          code: "INVALID_ARGUMENT",
          message: "entries[0].delay_seconds must be from 0 to 900",
          fieldViolations: [{ field: "entries[0].delay_seconds", description: "too long" }],
        },
      }),
    );
    const { client } = await cluster([node.queue]);
    const error = await client
      .queue("jobs")
      .sendBatch([{ body: "a" }])
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(MillraceClientError);
    expect(error).toMatchObject({
      code: ErrorCode.INVALID_ARGUMENT,
      message: "entries[0].delay_seconds must be from 0 to 900",
      field: "entries[0].delay_seconds",
    });
    expect(node.seen.frames).toHaveLength(1);
  });

  it("follows a frame's NOT_LEADER answer to the leader it names", async () => {
    const leader = streamNode("n2");
    let leaderAddress = "";
    const follower = streamNode("n1", (f, call) =>
      call.write({
        frameId: f.frameId,
        error: {
          code: "NOT_LEADER",
          message: "not the leader",
          retryable: true,
          leaderHint: { nodeId: 2, address: leaderAddress },
        },
      }),
    );
    const { client, addresses } = await cluster([follower.queue, leader.queue]);
    leaderAddress = addresses[1]!;
    expect(bodies(await client.queue("jobs").sendBatch([{ body: "a" }]))).toEqual(["n2:a"]);
    expect(follower.seen.frames).toHaveLength(1);
    expect(leader.seen.frames).toHaveLength(1);
  });

  it("sends again a frame left unanswered by a node that ended its stream", async () => {
    const node = streamNode("n1", (f, call, streamIndex) => {
      if (streamIndex === 0) call.end();
      else call.write(ok(f, "n1"));
    });
    const { client } = await cluster([node.queue]);
    expect(bodies(await client.queue("jobs").sendBatch([{ body: "a" }]))).toEqual(["n1:a"]);
    expect(node.seen.streams).toBe(2);
  });

  it("rejects a frame the node never answers at the call's deadline", async () => {
    const node = streamNode("n1", () => {});
    const { client } = await cluster([node.queue]);
    const started = Date.now();
    const error = await client
      .queue("jobs")
      .sendBatch([{ body: "a" }], { deadlineMs: 300 })
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ code: ErrorCode.DEADLINE_EXCEEDED });
    expect(Date.now() - started).toBeLessThan(5_000);
  });

  // Before, every frame was written at once: frames past the node's bound waited in its buffers, and a
  // frame whose caller had given up was still sent.
  it("writes at most 64 unanswered frames to a node, and never one whose caller gave up while it waited", async () => {
    const held: { frame: v1.SendMessageStreamRequest__Output; call: StreamCall }[] = [];
    const node = streamNode("n1", (frame, call) => held.push({ frame, call }));
    const { client } = await cluster([node.queue]);
    const queue = client.queue("jobs");
    // Two queues, as one queue's frames take at most 48 of the 64 slots.
    const sends = Array.from({ length: 64 }, (_, i) =>
      client.queue(i < 32 ? "jobs" : "other").sendBatch([{ body: `m${i}` }]),
    );
    const abandoned = new AbortController();
    const gaveUp = queue
      .sendBatch([{ body: "abandoned" }], { signal: abandoned.signal })
      .catch((e: unknown) => e);
    await eventually(() => held.length === 64);
    await new Promise((r) => setTimeout(r, 100));
    expect(held).toHaveLength(64);
    abandoned.abort();
    expect(await gaveUp).toMatchObject({ code: ErrorCode.CANCELLED });
    const last = queue.sendBatch([{ body: "last" }]);
    const first = held[0]!;
    first.call.write(ok(first.frame, "n1"));
    await eventually(() => held.length === 65);
    expect(held[64]!.frame.batch?.entries[0]?.messageBody).toBe("last");
    for (const { frame, call } of held.slice(1)) call.write(ok(frame, "n1"));
    expect(bodies(await last)).toEqual(["n1:last"]);
    expect((await Promise.all(sends)).map(bodies).flat()).toHaveLength(64);
    await new Promise((r) => setTimeout(r, 50));
    expect(held.map((h) => h.frame.batch?.entries[0]?.messageBody)).not.toContain("abandoned");
  });

  // A queue whose partition has no leader holds its frames' slots until their deadlines; before, its
  // frames could take every slot and stall the sends of every other queue on that node.
  it("lets one queue's frames take at most 48 of a node's 64 slots, so other queues' frames pass", async () => {
    const held: { frame: v1.SendMessageStreamRequest__Output; call: StreamCall }[] = [];
    const node = streamNode("n1", (frame, call) => {
      if (frame.batch?.queueName === "healthy") call.write(ok(frame, "n1"));
      else held.push({ frame, call });
    });
    const { client } = await cluster([node.queue]);
    const stuck = Array.from({ length: 60 }, (_, i) =>
      client
        .queue("stuck")
        .sendBatch([{ body: `s${i}` }], { deadlineMs: 3_000 })
        .catch((e: unknown) => e),
    );
    await eventually(() => held.length === 48);
    expect(bodies(await client.queue("healthy").sendBatch([{ body: "h" }]))).toEqual(["n1:h"]);
    expect(held).toHaveLength(48);
    for (const { frame, call } of held.splice(0)) call.write(ok(frame, "n1"));
    await eventually(() => held.length === 12);
    for (const { frame, call } of held.splice(0)) call.write(ok(frame, "n1"));
    expect((await Promise.all(stuck)).every((r) => Array.isArray(r))).toBe(true);
  });

  it("ends its streams when the client closes", async () => {
    const node = streamNode("n1");
    const { client } = await cluster([node.queue]);
    await client.queue("jobs").sendBatch([{ body: "a" }]);
    await client.close();
    await eventually(() => node.seen.closedStreams === 1);
  });
});

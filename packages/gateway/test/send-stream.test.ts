import { type v1 } from "@millrace/proto";
import { describe, expect, it } from "vitest";
import { type GatewayCallContext, type QueueBackend } from "../src/index.js";
import { serveStream, until } from "./stream-server.js";

interface Started {
  readonly request: v1.SendMessageBatchRequest__Output;
  readonly ctx: GatewayCallContext;
  readonly startedMs: number;
  finish(): void;
}

/** A node whose SendMessageBatch waits until the test finishes it, recording every batch it started. */
async function startNode(framesInFlightMax?: number) {
  const started: Started[] = [];
  const backend = {
    SendMessageBatch: (request: v1.SendMessageBatchRequest__Output, ctx: GatewayCallContext) =>
      new Promise<v1.SendMessageBatchResponse>((resolve) => {
        started.push({
          request,
          ctx,
          startedMs: Date.now(),
          finish: () =>
            resolve({
              successful: request.entries.map((e) => ({ id: e.id, messageId: `m-${e.messageBody}` })),
              failed: [],
            }),
        });
      }),
  } as unknown as QueueBackend;
  const served = await serveStream<v1.SendMessageStreamRequest, v1.SendMessageStreamResponse__Output>(
    backend,
    "sendMessageStream",
    { send: framesInFlightMax },
  );
  return { started, ...served };
}

const frame = (frameId: number, body = String(frameId), timeoutMs = 0): v1.SendMessageStreamRequest => ({
  frameId,
  batch: { queueName: "q", entries: [{ id: "0", messageBody: body }] },
  timeoutMs,
});

describe("SendMessageStream", () => {
  it("answers each frame with its id, in the order the sends complete", async () => {
    const node = await startNode();
    node.stream.write(frame(7, "a"));
    node.stream.write(frame(8, "b"));
    await until(() => node.started.length === 2, "both frames to start");
    node.started[1]!.finish();
    node.started[0]!.finish();
    await until(() => node.answers.length === 2, "both answers");
    expect(node.answers.map((a) => [a.frameId, a.result, a.batch?.successful[0]?.messageId])).toEqual([
      [8, "batch", "m-b"],
      [7, "batch", "m-a"],
    ]);
  });

  it("answers a frame that fails as a whole with its error, and goes on with the next", async () => {
    const node = await startNode();
    node.stream.write({ frameId: 1, batch: { queueName: "q", entries: [] } });
    node.stream.write({ frameId: 2 });
    node.stream.write({
      frameId: 3,
      batch: { queueName: "no such/queue", entries: [{ id: "0", messageBody: "x" }] },
    });
    node.stream.write(frame(4));
    await until(() => node.started.length === 1, "the good frame to start");
    node.started[0]!.finish();
    await until(() => node.answers.length === 4, "every answer");
    const byId = new Map(node.answers.map((a) => [a.frameId, a]));
    expect(byId.get(1)?.error).toMatchObject({ code: "EMPTY_BATCH", retryable: false });
    expect(byId.get(1)?.error?.fieldViolations[0]?.field).toBe("entries");
    expect(byId.get(2)?.error).toMatchObject({ code: "INVALID_ARGUMENT" });
    expect(byId.get(2)?.error?.fieldViolations[0]?.field).toBe("batch");
    expect(byId.get(3)?.error?.fieldViolations[0]?.field).toBe("queue_name");
    expect(byId.get(4)?.result).toBe("batch");
    expect(node.started.map((s) => s.request.entries[0]?.messageBody)).toEqual(["4"]);
  });

  it("works on at most its bound of frames at once, and reads the next when one is answered", async () => {
    const node = await startNode(4);
    for (let i = 0; i < 10; i++) node.stream.write(frame(i));
    await until(() => node.started.length === 4, "four frames to start");
    await new Promise((r) => setTimeout(r, 100));
    expect(node.started).toHaveLength(4);
    node.started[0]!.finish();
    await until(() => node.started.length === 5, "a fifth frame once one was answered");
    await new Promise((r) => setTimeout(r, 100));
    expect(node.started).toHaveLength(5);
  });

  it("gives each frame its own deadline, capped at the server's 30 s", async () => {
    const node = await startNode();
    node.stream.write(frame(1, "short", 2_000));
    node.stream.write(frame(2, "default", 0));
    node.stream.write(frame(3, "long", 600_000));
    await until(() => node.started.length === 3, "three frames");
    const budget = (s: Started) => s.ctx.deadlineMs - s.startedMs;
    const [short, fallback, long] = node.started;
    expect(budget(short!)).toBeGreaterThan(1_900);
    expect(budget(short!)).toBeLessThanOrEqual(2_000);
    expect(budget(fallback!)).toBeGreaterThan(29_900);
    expect(budget(long!)).toBeLessThanOrEqual(30_000);
  });

  it("answers DEADLINE_EXCEEDED at a frame's deadline and frees its slot for the next frame", async () => {
    const node = await startNode(1);
    node.stream.write(frame(1, "stuck", 200));
    node.stream.write(frame(2, "next", 0));
    await until(() => node.answers.length === 1, "the stuck frame's answer");
    expect(node.answers[0]).toMatchObject({ frameId: 1, error: { code: "DEADLINE_EXCEEDED" } });
    await until(() => node.started.length === 2, "the next frame to start");
    node.started[1]!.finish();
    await until(() => node.answers.length === 2, "the next frame's answer");
  });

  // Before, a client that wrote frames but read no answers had the node buffer answers without bound.
  it("reads no more frames while the client takes no answers, and goes on once it does", async () => {
    const node = await startNode();
    node.stream.pause();
    const frames = 60;
    const big = "b".repeat(200_000);
    for (let i = 0; i < frames; i++) node.stream.write(frame(i, `${i}${big}`));
    const finishAll = setInterval(() => node.started.forEach((s) => s.finish()), 5);
    try {
      await until(() => node.started.length >= 10, "frames to start");
      await new Promise((r) => setTimeout(r, 500));
      expect(node.started.length).toBeLessThan(frames);
      node.stream.resume();
      await until(() => node.answers.length === frames, "every frame's answer");
    } finally {
      clearInterval(finishAll);
    }
  });

  it("drained, answers what it read, reads nothing more, and ends with status OK", async () => {
    const node = await startNode();
    for (let i = 0; i < 2; i++) node.stream.write(frame(i));
    await until(() => node.started.length === 2, "two frames to start");
    let drained = false;
    const draining = node.streams.drain().then((counts) => {
      drained = true;
      return counts;
    });
    for (let i = 2; i < 5; i++) node.stream.write(frame(i));
    await new Promise((r) => setTimeout(r, 100));
    expect(drained).toBe(false);
    expect(node.started).toHaveLength(2);
    node.started[0]!.finish();
    node.started[1]!.finish();
    expect(await draining).toEqual({ ended: 1, cancelled: 0 });
    expect((await node.ended).code).toBe(0);
    expect(node.answers.map((a) => a.frameId).sort()).toEqual([0, 1]);
    expect(node.started).toHaveLength(2);
    expect(node.streams.size).toBe(0);
  });

  it("tells the backend when the client cancels, and forgets the stream", async () => {
    const node = await startNode();
    node.stream.write(frame(1));
    await until(() => node.started.length === 1, "the frame to start");
    const ctx = node.started[0]!.ctx;
    const signal = ctx.signal;
    expect(ctx.aborted).toBe(false);
    node.stream.cancel();
    await until(() => ctx.aborted && signal.aborted, "the frame's context to see the cancel");
    await until(() => node.streams.size === 0, "the stream to be forgotten");
    node.started[0]!.finish();
  });

  it("ends once the client has half-closed and every frame it sent is answered", async () => {
    const node = await startNode();
    node.stream.write(frame(1));
    node.stream.end();
    await until(() => node.started.length === 1, "the frame to start");
    node.started[0]!.finish();
    expect((await node.ended).code).toBe(0);
    expect(node.answers.map((a) => a.frameId)).toEqual([1]);
  });
});

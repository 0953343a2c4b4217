import { type v1 } from "@millrace/proto";
import { describe, expect, it } from "vitest";
import { type GatewayCallContext, type QueueBackend } from "../src/index.js";
import { serveStream, until } from "./stream-server.js";

interface Started {
  readonly method: string;
  readonly request: { queueName: string };
  readonly ctx: GatewayCallContext;
  finish(): void;
}

/**
 * A node whose ReceiveMessage, DeleteMessageBatch and ChangeMessageVisibilityBatch wait until the test
 * finishes them, recording each call they started.
 */
async function startNode(consumeFramesMax?: number) {
  const started: Started[] = [];
  const waiting =
    <Req extends { queueName: string }, Res>(method: string, answer: (r: Req) => Res) =>
    (request: Req, ctx: GatewayCallContext) =>
      new Promise<Res>((resolve) =>
        started.push({ method, request, ctx, finish: () => resolve(answer(request)) }),
      );
  const backend = {
    ReceiveMessage: waiting("ReceiveMessage", (r: v1.ReceiveMessageRequest__Output) => ({
      messages: [{ messageId: `m-${r.queueName}`, receiptHandle: "h", body: "b" }],
    })),
    DeleteMessageBatch: waiting("DeleteMessageBatch", (r: v1.DeleteMessageBatchRequest__Output) => ({
      successfulIds: r.entries.map((e) => e.id),
      failed: [],
    })),
    ChangeMessageVisibilityBatch: waiting(
      "ChangeMessageVisibilityBatch",
      (r: v1.ChangeMessageVisibilityBatchRequest__Output) => ({
        successfulIds: r.entries.map((e) => e.id),
        failed: [],
      }),
    ),
  } as unknown as QueueBackend;
  const served = await serveStream<v1.ConsumeStreamRequest, v1.ConsumeStreamResponse__Output>(
    backend,
    "consumeStream",
    { consume: consumeFramesMax },
  );
  return { started, ...served };
}

const receive = (frameId: number, queueName = "q", firstTry = false): v1.ConsumeStreamRequest => ({
  frameId,
  receive: { queueName, maxNumberOfMessages: 10, waitTimeSeconds: 20 },
  firstTry,
});

describe("ConsumeStream", () => {
  it("runs each frame as the call it carries and answers it, by frame id, in the matching field", async () => {
    const node = await startNode();
    node.stream.write(receive(1, "jobs", true));
    node.stream.write({
      frameId: 2,
      deleteBatch: { queueName: "jobs", entries: [{ id: "a", receiptHandle: "h1" }] },
    });
    node.stream.write({
      frameId: 3,
      changeVisibilityBatch: {
        queueName: "jobs",
        entries: [{ id: "b", receiptHandle: "h2", visibilityTimeoutSeconds: 30 }],
      },
    });
    await until(() => node.started.length === 3, "three calls to start");
    expect(node.started.map((s) => s.method)).toEqual([
      "ReceiveMessage",
      "DeleteMessageBatch",
      "ChangeMessageVisibilityBatch",
    ]);
    // The receive's long poll does not hold up the others: they are answered first.
    node.started[2]!.finish();
    node.started[1]!.finish();
    await until(() => node.answers.length === 2, "the delete and the visibility change");
    node.started[0]!.finish();
    await until(() => node.answers.length === 3, "the receive");
    expect(node.answers.map((a) => [a.frameId, a.result])).toEqual([
      [3, "changeVisibilityBatch"],
      [2, "deleteBatch"],
      [1, "receive"],
    ]);
    expect(node.answers[0]?.changeVisibilityBatch?.successfulIds).toEqual(["b"]);
    expect(node.answers[1]?.deleteBatch?.successfulIds).toEqual(["a"]);
    expect(node.answers[2]?.receive?.messages.map((m) => m.messageId)).toEqual(["m-jobs"]);
    // A frame's first-try mark reaches the backend as a unary call's metadata would.
    expect(node.started.map((s) => s.ctx.firstTry)).toEqual([true, false, false]);
  });

  it("answers a frame without a call, or with a bad one, with an error naming the field, and goes on", async () => {
    const node = await startNode();
    node.stream.write({ frameId: 1 });
    node.stream.write({ frameId: 2, receive: { queueName: "q", maxNumberOfMessages: 11 } });
    node.stream.write({ frameId: 3, deleteBatch: { queueName: "q", entries: [] } });
    node.stream.write({
      frameId: 4,
      changeVisibilityBatch: {
        queueName: "q",
        entries: [{ id: "x", receiptHandle: "h", visibilityTimeoutSeconds: 43_201 }],
      },
    });
    node.stream.write(receive(5));
    await until(() => node.started.length === 1, "the good frame to start");
    node.started[0]!.finish();
    await until(() => node.answers.length === 5, "every answer");
    const byId = new Map(node.answers.map((a) => [a.frameId, a]));
    expect(byId.get(1)?.error).toMatchObject({ code: "INVALID_ARGUMENT", retryable: false });
    expect(byId.get(1)?.error?.fieldViolations[0]?.field).toBe("call");
    expect(byId.get(2)?.error?.fieldViolations[0]?.field).toBe("max_number_of_messages");
    expect(byId.get(3)?.error).toMatchObject({ code: "EMPTY_BATCH" });
    expect(byId.get(4)?.error?.fieldViolations[0]?.field).toBe("entries[0].visibility_timeout_seconds");
    expect(byId.get(5)?.result).toBe("receive");
    expect(node.started.map((s) => s.method)).toEqual(["ReceiveMessage"]);
  });

  it("works on at most its bound of frames at once, and reads the next when one is answered", async () => {
    const node = await startNode(3);
    for (let i = 0; i < 6; i++) node.stream.write(receive(i));
    await until(() => node.started.length === 3, "three frames to start");
    await new Promise((r) => setTimeout(r, 100));
    expect(node.started).toHaveLength(3);
    node.started[0]!.finish();
    await until(() => node.started.length === 4, "a fourth frame once one was answered");
  });

  // Before, a frame could not be cancelled alone: a long poll whose caller gave up kept waiting on the
  // node, and could take messages for an answer nobody would read.
  it("cancels a frame's call when the client sends a cancel for it, which takes no slot and gets no answer", async () => {
    // Bound 3 with 2 frames running: the stream is still read, as the SDK leaves one slot free.
    const node = await startNode(3);
    node.stream.write(receive(1));
    node.stream.write(receive(2));
    await until(() => node.started.length === 2, "two receives to start");
    const [first, second] = node.started;
    const signal = first!.ctx.signal;
    node.stream.write({ frameId: 1, cancel: true });
    await until(() => first!.ctx.aborted && signal.aborted, "the first receive to see its cancel");
    expect(second!.ctx.aborted).toBe(false);
    // The cancelled frame is still answered (here as its backend call ends), which frees its slot.
    first!.finish();
    await until(() => node.answers.length === 1, "the cancelled frame's answer");
    node.stream.write(receive(3));
    await until(() => node.started.length === 3, "a third receive in the freed slot");
    second!.finish();
    node.started[2]!.finish();
    await until(() => node.answers.length === 3, "every answer");
    expect(node.answers.map((a) => a.frameId).sort()).toEqual([1, 2, 3]);
  });

  it("cancels a frame's call when its deadline passes, as a unary call's deadline does", async () => {
    const node = await startNode();
    node.stream.write({ ...receive(1), timeoutMs: 200 });
    await until(() => node.started.length === 1, "the receive to start");
    const ctx = node.started[0]!.ctx;
    const signal = ctx.signal;
    await until(() => node.answers.length === 1, "the deadline's answer");
    expect(node.answers[0]).toMatchObject({ frameId: 1, error: { code: "DEADLINE_EXCEEDED" } });
    expect(ctx.aborted && signal.aborted).toBe(true);
    node.started[0]!.finish();
  });

  it("drained, answers the frames it read and ends with status OK", async () => {
    const node = await startNode();
    node.stream.write(receive(1));
    await until(() => node.started.length === 1, "the receive to start");
    const draining = node.streams.drain();
    node.stream.write(receive(2));
    await new Promise((r) => setTimeout(r, 100));
    expect(node.started).toHaveLength(1);
    node.started[0]!.finish();
    expect(await draining).toEqual({ ended: 1, cancelled: 0 });
    expect((await node.ended).code).toBe(0);
    expect(node.answers.map((a) => a.frameId)).toEqual([1]);
  });
});

import type { v1 } from "@millrace/proto";
import { afterEach, describe, expect, it } from "vitest";
import { connect, type ReceivedMessage } from "../src/index.js";
import { FakeRouting, deferred, eventually, startServer } from "./fake-cluster.js";

const cleanup: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const c of cleanup.splice(0).reverse()) await c();
});

/**
 * A fake queue: a list of bodies handed out once each; records extensions and deletes per handle, and
 * the size of each DeleteMessageBatch. A handle in `refused` is answered RECEIPT_HANDLE_INVALID.
 */
async function queueNode(bodies: string[], refused: readonly string[] = []) {
  const pending = [...bodies];
  const extensions = new Map<string, number>();
  const deleted: string[] = [];
  const deleteBatches: number[] = [];
  let receives = 0;
  const handlers: Partial<v1.QueueServiceHandlers> = {
    ReceiveMessage: (call, callback) => {
      receives += 1;
      const take = pending.splice(0, Math.max(1, call.request.maxNumberOfMessages));
      const answer = () =>
        callback(null, {
          messages: take.map((body) => ({
            messageId: `id-${body}`,
            receiptHandle: `rh-${body}`,
            body,
            md5OfBody: "",
            attributes: { ApproximateReceiveCount: "1" },
          })),
        });
      // An empty queue long-polls briefly, as a server would, instead of spinning the consumer.
      if (take.length === 0) setTimeout(answer, 20);
      else answer();
    },
    ChangeMessageVisibility: (call, callback) => {
      const handle = call.request.receiptHandle;
      extensions.set(handle, (extensions.get(handle) ?? 0) + 1);
      callback(null, {});
    },
    DeleteMessage: (call, callback) => {
      deleted.push(call.request.receiptHandle);
      callback(null, {});
    },
    DeleteMessageBatch: (call, callback) => {
      deleteBatches.push(call.request.entries.length);
      const isRefused = (e: { receiptHandle: string }) => refused.includes(e.receiptHandle);
      for (const e of call.request.entries) if (!isRefused(e)) deleted.push(e.receiptHandle);
      callback(null, {
        successfulIds: call.request.entries.filter((e) => !isRefused(e)).map((e) => e.id),
        failed: call.request.entries.filter(isRefused).map((e) => ({
          id: e.id,
          code: "RECEIPT_HANDLE_INVALID",
          message: "the receipt handle is not valid",
          senderFault: true,
        })),
      });
    },
  };
  const routing = new FakeRouting();
  const node = await startServer({ admin: routing.handlers(), queue: handlers });
  cleanup.push(() => node.stop());
  routing.set([{ nodeId: 1, address: node.address }], []);
  const client = await connect({ endpoints: [node.address] });
  cleanup.push(() => client.close());
  return { queue: client.queue("jobs"), extensions, deleted, deleteBatches, receives: () => receives };
}

describe("consume()", () => {
  it("extends visibility while a slow handler runs, deletes on success only, and stops on abort", async () => {
    const { queue, extensions, deleted } = await queueNode(["ok", "fails"]);
    const controller = new AbortController();
    const handled: string[] = [];
    const errors: unknown[] = [];
    const consuming = queue.consume(
      async (message: ReceivedMessage) => {
        // Slow on purpose: finishes only after the consumer has renewed this message's lease twice.
        await eventually(() => (extensions.get(message.receiptHandle) ?? 0) >= 2);
        handled.push(message.text());
        if (message.text() === "fails") throw new Error("handler failed");
      },
      {
        concurrency: 2,
        visibilityTimeoutSeconds: 30,
        heartbeatIntervalMs: 10,
        waitSeconds: 1,
        signal: controller.signal,
        onError: (e) => errors.push(e),
      },
    );
    await eventually(() => handled.length === 2);
    await eventually(() => deleted.length === 1);
    controller.abort();
    await consuming;
    expect(deleted).toEqual(["rh-ok"]);
    expect(extensions.get("rh-ok")).toBeGreaterThanOrEqual(2);
    expect(errors).toHaveLength(1);
  });

  it("runs at most `concurrency` handlers at once", async () => {
    const bodies = Array.from({ length: 12 }, (_, i) => `m${i}`);
    const { queue, deleted } = await queueNode(bodies);
    const controller = new AbortController();
    let running = 0;
    let maxRunning = 0;
    const consuming = queue.consume(
      async () => {
        running += 1;
        maxRunning = Math.max(maxRunning, running);
        await new Promise((resolve) => setTimeout(resolve, 5));
        running -= 1;
      },
      { concurrency: 3, waitSeconds: 1, signal: controller.signal },
    );
    await eventually(() => deleted.length === 12);
    controller.abort();
    await consuming;
    expect(maxRunning).toBeLessThanOrEqual(3);
    expect(deleted.sort()).toEqual(bodies.map((b) => `rh-${b}`).sort());
  });

  // Before, every handled message was deleted with a DeleteMessage call of its own.
  it("deletes handled messages in DeleteMessageBatch calls of up to 10", async () => {
    const bodies = Array.from({ length: 25 }, (_, i) => `m${i}`);
    const { queue, deleted, deleteBatches } = await queueNode(bodies);
    const controller = new AbortController();
    const release = deferred();
    let started = 0;
    const consuming = queue.consume(
      async () => {
        started += 1;
        await release.promise;
      },
      { concurrency: 25, waitSeconds: 1, signal: controller.signal },
    );
    await eventually(() => started === 25);
    release.resolve();
    await eventually(() => deleted.length === 25);
    controller.abort();
    await consuming;
    expect(deleted.sort()).toEqual(bodies.map((b) => `rh-${b}`).sort());
    expect(deleteBatches.reduce((sum, n) => sum + n, 0)).toBe(25);
    expect(deleteBatches.every((n) => n <= 10)).toBe(true);
    expect(deleteBatches.length).toBeLessThanOrEqual(5);
  });

  it("reports a delete refused for one message of a batch for that message alone", async () => {
    const { queue, deleted } = await queueNode(["a", "b", "c"], ["rh-b"]);
    const controller = new AbortController();
    const release = deferred();
    const errors: [unknown, string | undefined][] = [];
    let started = 0;
    const consuming = queue.consume(
      async () => {
        started += 1;
        await release.promise;
      },
      {
        concurrency: 3,
        waitSeconds: 1,
        signal: controller.signal,
        onError: (e, m) => errors.push([e, m?.text()]),
      },
    );
    await eventually(() => started === 3);
    release.resolve();
    await eventually(() => errors.length === 1);
    controller.abort();
    await consuming;
    expect(deleted.sort()).toEqual(["rh-a", "rh-c"]);
    expect(errors[0]?.[1]).toBe("b");
    expect(errors[0]?.[0]).toMatchObject({ code: "RECEIPT_HANDLE_INVALID" });
  });

  it("lets a handler that is running when consume stops finish, and still deletes its message", async () => {
    const { queue, deleted } = await queueNode(["slow"]);
    const controller = new AbortController();
    const started = deferred();
    const finish = deferred();
    const consuming = queue.consume(
      async () => {
        started.resolve();
        await finish.promise;
      },
      { waitSeconds: 1, signal: controller.signal },
    );
    await started.promise;
    controller.abort();
    finish.resolve();
    await consuming;
    expect(deleted).toEqual(["rh-slow"]);
  });
});

describe("messages()", () => {
  it("yields messages from successive long polls and ends when the signal aborts", async () => {
    const { queue } = await queueNode(["a", "b", "c", "d", "e"]);
    const controller = new AbortController();
    const seen: string[] = [];
    for await (const message of queue.messages({
      maxMessages: 2,
      waitSeconds: 1,
      signal: controller.signal,
    })) {
      seen.push(message.text());
      if (seen.length === 3) controller.abort();
    }
    expect(seen).toEqual(["a", "b", "c"]);
  });

  it("ends while waiting in an empty long poll when the signal aborts", async () => {
    const { queue, receives } = await queueNode([]);
    const controller = new AbortController();
    const iterating = (async () => {
      const seen: ReceivedMessage[] = [];
      for await (const message of queue.messages({ waitSeconds: 20, signal: controller.signal }))
        seen.push(message);
      return seen;
    })();
    await eventually(() => receives() >= 1);
    controller.abort();
    await expect(iterating).resolves.toEqual([]);
  });
});

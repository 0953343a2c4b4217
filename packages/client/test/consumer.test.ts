import type { v1 } from "@millrace/proto";
import { afterEach, describe, expect, it } from "vitest";
import { connect, type Queue, type ReceivedMessage } from "../src/index.js";
import { FakeRouting, deferred, eventually, millraceError, startServer } from "./fake-cluster.js";

const cleanup: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const c of cleanup.splice(0).reverse()) await c();
});

/**
 * A fake queue: a list of bodies handed out once each; records extensions and deletes per handle, and
 * the handles of each DeleteMessageBatch. A handle in `refused` is answered RECEIPT_HANDLE_INVALID.
 * With `partitions`, the routing table lists that many partitions of the queue (groups 10, 11, …, named
 * a, b, … in receipt handles) and each body is its own receipt handle.
 */
async function queueNode(bodies: string[], refused: readonly string[] = [], partitions = 0) {
  const pending = [...bodies];
  const extensions = new Map<string, number>();
  const deleted: string[] = [];
  const deleteBatches: string[][] = [];
  const handleOf = (body: string) => (partitions > 0 ? body : `rh-${body}`);
  let receives = 0;
  const handlers: Partial<v1.QueueServiceHandlers> = {
    ReceiveMessage: (call, callback) => {
      receives += 1;
      const take = pending.splice(0, Math.max(1, call.request.maxNumberOfMessages));
      const answer = () =>
        callback(null, {
          messages: take.map((body) => ({
            messageId: `id-${body}`,
            receiptHandle: handleOf(body),
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
      deleteBatches.push(call.request.entries.map((e) => e.receiptHandle));
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
  routing.set(
    [{ nodeId: 1, address: node.address }],
    Array.from({ length: partitions }, (_, partition) => ({
      resourceName: "jobs",
      partition,
      leaderNodeId: 1,
    })),
  );
  const client = await connect({ endpoints: [node.address] });
  cleanup.push(() => client.close());
  return { queue: client.queue("jobs"), extensions, deleted, deleteBatches, receives: () => receives };
}

/**
 * A fake queue whose receives are held open until `answer` is called (answering the oldest with
 * `bodies`, or with `error`), or their caller cancels: records what each asked for and how many were
 * in flight at once.
 */
async function heldReceivesNode() {
  const held: { max: number; reply: (bodies: string[] | Error) => void }[] = [];
  const asked: number[] = [];
  let inFlight = 0;
  let maxInFlight = 0;
  const deleted: string[] = [];
  const handlers: Partial<v1.QueueServiceHandlers> = {
    ReceiveMessage: (call, callback) => {
      asked.push(call.request.maxNumberOfMessages);
      inFlight += 1;
      maxInFlight = Math.max(maxInFlight, inFlight);
      let done = false;
      const entry = {
        max: call.request.maxNumberOfMessages,
        reply: (bodies: string[] | Error) => {
          if (done) return;
          done = true;
          inFlight -= 1;
          held.splice(held.indexOf(entry), 1);
          if (bodies instanceof Error) {
            callback(bodies);
            return;
          }
          callback(null, {
            messages: bodies.map((body) => ({
              messageId: `id-${body}`,
              receiptHandle: `rh-${body}`,
              body,
              md5OfBody: "",
              attributes: {},
            })),
          });
        },
      };
      held.push(entry);
      call.on("cancelled", () => entry.reply([]));
    },
    DeleteMessageBatch: (call, callback) => {
      for (const e of call.request.entries) deleted.push(e.receiptHandle);
      callback(null, { successfulIds: call.request.entries.map((e) => e.id), failed: [] });
    },
  };
  const routing = new FakeRouting();
  const node = await startServer({ admin: routing.handlers(), queue: handlers });
  cleanup.push(() => node.stop());
  routing.set([{ nodeId: 1, address: node.address }], []);
  const client = await connect({ endpoints: [node.address] });
  cleanup.push(() => client.close());
  return {
    queue: client.queue("jobs"),
    held,
    asked,
    deleted,
    inFlight: () => inFlight,
    maxInFlight: () => maxInFlight,
  };
}

/**
 * Consumes `count` messages with as many handlers, which all wait until every one has started, so their
 * deletes come at once; then waits for the deletes and stops.
 */
async function handleTogether(queue: Queue, count: number, deleted: readonly string[]): Promise<void> {
  const controller = new AbortController();
  const release = deferred();
  let started = 0;
  const consuming = queue.consume(
    async () => {
      started += 1;
      await release.promise;
    },
    { concurrency: count, waitSeconds: 1, signal: controller.signal },
  );
  await eventually(() => started === count);
  release.resolve();
  await eventually(() => deleted.length === count);
  controller.abort();
  await consuming;
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
    await handleTogether(queue, 25, deleted);
    expect(deleted.sort()).toEqual(bodies.map((b) => `rh-${b}`).sort());
    expect(deleteBatches.flat()).toHaveLength(25);
    expect(deleteBatches.every((b) => b.length <= 10)).toBe(true);
    expect(deleteBatches.length).toBeLessThanOrEqual(5);
  });

  // Before, a batch took the first ten deletes whatever their partitions, and the node that took it
  // forwarded the others' shares to their leaders.
  it("batches deletes by the partition their receipt handles name", async () => {
    const bodies = Array.from({ length: 20 }, (_, i) => `${i % 2 === 0 ? "a" : "b"}.${i}`);
    const { queue, deleted, deleteBatches } = await queueNode(bodies, [], 2);
    await handleTogether(queue, 20, deleted);
    expect(deleted.sort()).toEqual([...bodies].sort());
    expect(deleteBatches).toHaveLength(2);
    for (const batch of deleteBatches) expect(new Set(batch.map((h) => h.split(".")[0])).size).toBe(1);
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

  // Before, consume() kept one receive in flight: a consumer of fast handlers waited out a receive's
  // round trip for every ten messages, whatever its concurrency.
  it("adds receives of 10 while they come back full, up to one per 10 slots, and drops to one on empty", async () => {
    const node = await heldReceivesNode();
    const controller = new AbortController();
    const consuming = node.queue.consume(() => undefined, {
      concurrency: 30,
      waitSeconds: 20,
      signal: controller.signal,
    });
    const full = (prefix: string) => Array.from({ length: 10 }, (_, i) => `${prefix}${i}`);
    const settle = () => new Promise((resolve) => setTimeout(resolve, 50));
    // An idle queue holds one long poll.
    await eventually(() => node.inFlight() === 1);
    await settle();
    expect(node.maxInFlight()).toBe(1);
    node.held[0]?.reply(full("a"));
    await eventually(() => node.inFlight() === 2);
    node.held[0]?.reply(full("b"));
    await eventually(() => node.inFlight() === 3);
    node.held[0]?.reply(full("c"));
    await eventually(() => node.deleted.length === 30);
    await settle();
    expect(node.maxInFlight()).toBe(3);
    expect(node.asked.every((n) => n === 10)).toBe(true);
    // Empty answers (long polls that ran their course): back to one.
    for (const h of [...node.held]) h.reply([]);
    await eventually(() => node.inFlight() === 1);
    await settle();
    expect(node.inFlight()).toBe(1);
    controller.abort();
    await consuming;
  });

  it("holds the slots of every receive in flight, so handlers never exceed concurrency", async () => {
    const node = await heldReceivesNode();
    const controller = new AbortController();
    const release = deferred();
    let running = 0;
    let maxRunning = 0;
    const consuming = node.queue.consume(
      async () => {
        running += 1;
        maxRunning = Math.max(maxRunning, running);
        await release.promise;
        running -= 1;
      },
      { concurrency: 40, waitSeconds: 20, signal: controller.signal },
    );
    const full = (prefix: string) => Array.from({ length: 10 }, (_, i) => `${prefix}${i}`);
    await eventually(() => node.inFlight() === 1);
    node.held[0]?.reply(full("a"));
    await eventually(() => running === 10 && node.inFlight() === 2);
    node.held[0]?.reply(full("b"));
    // 20 running and two receives holding the other 20 slots: no third receive, though two full
    // answers would allow three.
    await eventually(() => running === 20 && node.inFlight() === 2);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(node.asked).toEqual([10, 10, 10, 10]);
    for (const [i, h] of [...node.held].entries()) h.reply(full(`c${i}-`));
    await eventually(() => running === 40);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(node.inFlight()).toBe(0);
    release.resolve();
    await eventually(() => node.deleted.length === 40);
    controller.abort();
    await consuming;
    expect(maxRunning).toBe(40);
  });

  it("stops every receive and rejects when one fails for good, after handlers finish", async () => {
    const node = await heldReceivesNode();
    const finish = deferred();
    let finished = 0;
    const consuming = node.queue.consume(
      async () => {
        await finish.promise;
        finished += 1;
      },
      { concurrency: 40, waitSeconds: 20 },
    );
    await eventually(() => node.inFlight() === 1);
    node.held[0]?.reply(Array.from({ length: 10 }, (_, i) => `a${i}`));
    await eventually(() => node.inFlight() === 2);
    node.held[0]?.reply(millraceError("NOT_FOUND"));
    // The other receive is cancelled at once; consume() waits for the running handlers.
    await eventually(() => node.inFlight() === 0);
    finish.resolve();
    await expect(consuming).rejects.toMatchObject({ code: "NOT_FOUND" });
    expect(finished).toBe(10);
    expect(node.deleted).toHaveLength(10);
  });

  it("refuses a receivesInFlight outside 1..100", async () => {
    const node = await heldReceivesNode();
    await expect(node.queue.consume(() => undefined, { receivesInFlight: 0 })).rejects.toMatchObject({
      code: "INVALID_ARGUMENT",
    });
    await expect(node.queue.consume(() => undefined, { receivesInFlight: 101 })).rejects.toMatchObject({
      code: "INVALID_ARGUMENT",
    });
    expect(node.asked).toEqual([]);
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

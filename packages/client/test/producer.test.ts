import type { v1 } from "@millrace/proto";
import { afterEach, describe, expect, it } from "vitest";
import { connect } from "../src/index.js";
import { FakeRouting, eventually, startServer } from "./fake-cluster.js";

const cleanup: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const c of cleanup.splice(0).reverse()) await c();
});

type BatchHandler = v1.QueueServiceHandlers["SendMessageBatch"];

/** A node whose SendMessageBatch records each batch and answers per entry: bodies "bad" fail. */
async function batchNode(hold?: () => Promise<void>) {
  const batches: v1.SendMessageBatchRequestEntry__Output[][] = [];
  const handler: BatchHandler = (call, callback) => {
    batches.push(call.request.entries);
    void (hold?.() ?? Promise.resolve()).then(() =>
      callback(null, {
        successful: call.request.entries
          .filter((e) => e.messageBody !== "bad")
          .map((e) => ({
            id: e.id,
            messageId: `id:${e.messageBody}`,
            md5OfMessageBody: "",
            sequenceNumber: "",
          })),
        failed: call.request.entries
          .filter((e) => e.messageBody === "bad")
          .map((e) => ({ id: e.id, code: "INVALID_ARGUMENT", message: "bad", senderFault: true })),
      }),
    );
  };
  return { client: await clientOf(handler), batches };
}

/** A client of one node that answers SendMessageBatch with `handler`. */
async function clientOf(handler: BatchHandler) {
  const routing = new FakeRouting();
  const node = await startServer({ admin: routing.handlers(), queue: { SendMessageBatch: handler } });
  cleanup.push(() => node.stop());
  routing.set([{ nodeId: 1, address: node.address }], []);
  const client = await connect({
    endpoints: [node.address],
    retry: { initialBackoffMs: 5, maxBackoffMs: 20 },
  });
  cleanup.push(() => client.close());
  return client;
}

describe("producer", () => {
  it("batches sends into SendMessageBatch calls of at most 10, and flush delivers everything", async () => {
    const { client, batches } = await batchNode();
    const producer = client.queue("jobs").producer({ lingerMs: 1_000 });
    const sends = Array.from({ length: 25 }, (_, i) => producer.send(`m${i}`));
    await producer.flush();
    const results = await Promise.all(sends);
    expect(results.map((r) => r.messageId)).toEqual(Array.from({ length: 25 }, (_, i) => `id:m${i}`));
    expect(batches.every((b) => b.length <= 10)).toBe(true);
    expect(
      batches
        .flat()
        .map((e) => e.messageBody)
        .sort(),
    ).toEqual(Array.from({ length: 25 }, (_, i) => `m${i}`).sort());
    expect(batches.length).toBeLessThan(25);
  });

  it("keeps batches within 1 MiB", async () => {
    const { client, batches } = await batchNode();
    const producer = client.queue("jobs").producer();
    const big = "x".repeat(300 * 1024);
    await Promise.all(Array.from({ length: 7 }, () => producer.send(big)));
    for (const batch of batches) {
      expect(batch.reduce((n, e) => n + Buffer.byteLength(e.messageBody), 0)).toBeLessThanOrEqual(
        1024 * 1024,
      );
    }
  });

  it("surfaces a failed entry to its own send only", async () => {
    const { client } = await batchNode();
    const producer = client.queue("jobs").producer();
    const outcomes = await Promise.allSettled([
      producer.send("good"),
      producer.send("bad"),
      producer.send("fine"),
    ]);
    expect(outcomes.map((o) => o.status)).toEqual(["fulfilled", "rejected", "fulfilled"]);
    expect(outcomes[1]).toMatchObject({ reason: { code: "INVALID_ARGUMENT" } });
  });

  // A server-side failure of one entry (the partition briefly unavailable) is not the sender's fault: on a
  // standard queue the producer sends that entry again with a later batch, at most three times in all.
  it("sends a standard queue's entry again after a server fault, and gives up after three tries", async () => {
    const attempts = new Map<string, number>();
    const handler: BatchHandler = (call, callback) => {
      const successful: v1.SendMessageBatchResultEntry[] = [];
      const failed: v1.BatchEntryError[] = [];
      for (const e of call.request.entries) {
        const n = (attempts.get(e.messageBody) ?? 0) + 1;
        attempts.set(e.messageBody, n);
        // "flaky" fails on its first try only; "down" on every try.
        if ((e.messageBody === "flaky" && n === 1) || e.messageBody === "down")
          failed.push({
            id: e.id,
            code: "UNAVAILABLE",
            message: "partition unavailable",
            senderFault: false,
          });
        else
          successful.push({
            id: e.id,
            messageId: `id:${e.messageBody}`,
            md5OfMessageBody: "",
            sequenceNumber: "",
          });
      }
      callback(null, { successful, failed });
    };
    const producer = (await clientOf(handler)).queue("jobs").producer();
    const outcomes = await Promise.allSettled([
      producer.send("ok"),
      producer.send("flaky"),
      producer.send("down"),
    ]);
    expect(outcomes[0]).toMatchObject({ status: "fulfilled", value: { messageId: "id:ok" } });
    expect(outcomes[1]).toMatchObject({ status: "fulfilled", value: { messageId: "id:flaky" } });
    expect(outcomes[2]).toMatchObject({ status: "rejected", reason: { code: "UNAVAILABLE" } });
    expect([attempts.get("ok"), attempts.get("flaky"), attempts.get("down")]).toEqual([1, 2, 3]);
  });

  it("holds at most bufferMax messages and makes further sends wait (backpressure)", async () => {
    // Every batch waits until the test releases it, so the producer's buffer can be watched filling up.
    const held: (() => void)[] = [];
    const { client, batches } = await batchNode(() => new Promise<void>((resolve) => held.push(resolve)));
    const producer = client
      .queue("jobs")
      .producer({ maxBatch: 2, maxInFlight: 1, bufferMax: 5, lingerMs: 0 });
    let maxBuffered = 0;
    const sends = Array.from({ length: 20 }, (_, i) => {
      const p = producer.send(`m${i}`);
      maxBuffered = Math.max(maxBuffered, producer.stats.buffered);
      return p;
    });
    await eventually(() => held.length === 1);
    expect(producer.stats).toEqual({ buffered: 5, waiting: 20 - 5 - 2, inFlightBatches: 1 });
    let readyResolved = false;
    void producer.ready().then(() => (readyResolved = true));
    const flushed = producer.flush();
    for (let released = 0; released < 10; released++) {
      await eventually(() => held.length > released);
      maxBuffered = Math.max(maxBuffered, producer.stats.buffered);
      held[released]!();
    }
    await flushed;
    await Promise.all(sends);
    expect(maxBuffered).toBeLessThanOrEqual(5);
    expect(readyResolved).toBe(true);
    expect(batches).toHaveLength(10);
    expect(batches.every((b) => b.length === 2)).toBe(true);
  });

  it("keeps each FIFO group's order and never has a group in two batches at once", async () => {
    const overlaps: string[] = [];
    const groupsInFlight = new Set<string>();
    const batches: v1.SendMessageBatchRequestEntry__Output[][] = [];
    const routing = new FakeRouting();
    const node = await startServer({
      admin: routing.handlers(),
      queue: {
        SendMessageBatch: (call, callback) => {
          const groups = new Set(call.request.entries.map((e) => e.messageGroupId));
          for (const g of groups) if (groupsInFlight.has(g)) overlaps.push(g);
          for (const g of groups) groupsInFlight.add(g);
          batches.push(call.request.entries);
          setTimeout(() => {
            for (const g of groups) groupsInFlight.delete(g);
            callback(null, {
              successful: call.request.entries.map((e) => ({
                id: e.id,
                messageId: e.messageBody,
                md5OfMessageBody: "",
                sequenceNumber: "",
              })),
              failed: [],
            });
          }, 2);
        },
      },
    });
    cleanup.push(() => node.stop());
    routing.set([{ nodeId: 1, address: node.address }], []);
    const client = await connect({ endpoints: [node.address] });
    cleanup.push(() => client.close());
    const producer = client
      .queue("orders.fifo", { deduplication: "generate" })
      .producer({ maxInFlight: 4, maxBatch: 3 });
    const sends = [];
    for (let i = 0; i < 40; i++) sends.push(producer.send(`${i % 4}:${i}`, { groupId: `g${i % 4}` }));
    await producer.close();
    await Promise.all(sends);
    expect(overlaps).toEqual([]);
    for (let g = 0; g < 4; g++) {
      const order = batches
        .flat()
        .filter((e) => e.messageGroupId === `g${g}`)
        .map((e) => Number(e.messageBody.split(":")[1]));
      expect(order).toEqual([...order].sort((a, b) => a - b));
      expect(order).toHaveLength(10);
    }
    expect(batches.flat().every((e) => e.messageDeduplicationId !== "")).toBe(true);
    await expect(producer.send("late", { groupId: "g0" })).rejects.toMatchObject({
      code: "FAILED_PRECONDITION",
    });
  });
});

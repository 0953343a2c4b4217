import type { v1 } from "@millrace/proto";
import { afterEach, describe, expect, it } from "vitest";
import { connect } from "../src/index.js";
import { FakeRouting, millraceError, sendOk, startServer } from "./fake-cluster.js";

const cleanup: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const c of cleanup.splice(0).reverse()) await c();
});

async function oneNode(queue: Partial<v1.QueueServiceHandlers>) {
  const routing = new FakeRouting();
  const node = await startServer({ admin: routing.handlers(), queue });
  cleanup.push(() => node.stop());
  routing.set([{ nodeId: 1, address: node.address }], []);
  const client = await connect({
    endpoints: [node.address],
    retry: { initialBackoffMs: 5, maxBackoffMs: 20 },
  });
  cleanup.push(() => client.close());
  return { node, client };
}

describe("queues", () => {
  it("gives a FIFO send without a dedupId one generated id, reused by its retries", async () => {
    const dedupIds: string[] = [];
    let failFirst = true;
    const { client } = await oneNode({
      GetQueueAttributes: (_call, callback) =>
        callback(null, { attributes: { ContentBasedDeduplication: "false" } }),
      SendMessage: (call, callback) => {
        dedupIds.push(call.request.messageDeduplicationId);
        if (failFirst) {
          failFirst = false;
          callback(millraceError("UNAVAILABLE"));
        } else callback(null, sendOk("m"));
      },
    });
    const queue = client.queue("orders.fifo");
    await queue.send("pay", { groupId: "c1" });
    await queue.send("pay", { groupId: "c1" });
    expect(dedupIds).toHaveLength(3);
    expect(dedupIds[0]).not.toBe("");
    expect(dedupIds[1]).toBe(dedupIds[0]);
    expect(dedupIds[2]).not.toBe(dedupIds[0]);
  });

  it("leaves deduplication to the queue when ContentBasedDeduplication is on, and keeps explicit ids", async () => {
    const dedupIds: string[] = [];
    const { client } = await oneNode({
      GetQueueAttributes: (_call, callback) =>
        callback(null, { attributes: { ContentBasedDeduplication: "true" } }),
      SendMessage: (call, callback) => {
        dedupIds.push(call.request.messageDeduplicationId);
        callback(null, sendOk("m"));
      },
    });
    const queue = client.queue("orders.fifo");
    await queue.send("pay", { groupId: "c1" });
    await queue.send("pay", { groupId: "c1", dedupId: "order-17" });
    expect(dedupIds).toEqual(["", "order-17"]);
  });

  it("reports batch results per entry, in the order of the entries", async () => {
    const { client } = await oneNode({
      SendMessageBatch: (call, callback) =>
        callback(null, {
          successful: call.request.entries
            .filter((e) => e.messageBody !== "bad")
            .map((e) => ({ id: e.id, messageId: `m-${e.id}`, md5OfMessageBody: "", sequenceNumber: "" })),
          failed: call.request.entries
            .filter((e) => e.messageBody === "bad")
            .map((e) => ({ id: e.id, code: "INVALID_ARGUMENT", message: "bad body", senderFault: true })),
        }),
    });
    const results = await client
      .queue("jobs")
      .sendBatch([{ body: "a" }, { body: "bad" }, { id: "third", body: "c" }]);
    expect(results.map((r) => [r.id, r.ok])).toEqual([
      ["0", true],
      ["1", false],
      ["third", true],
    ]);
    expect(results[1]).toMatchObject({ ok: false, senderFault: true, error: { code: "INVALID_ARGUMENT" } });
    expect(results[2]).toMatchObject({ ok: true, result: { messageId: "m-third" } });
  });

  it("maps received messages: body bytes and text, attributes, system attributes", async () => {
    const { client } = await oneNode({
      ReceiveMessage: (_call, callback) =>
        callback(null, {
          messages: [
            {
              messageId: "id-1",
              receiptHandle: "rh-1",
              body: "héllo",
              md5OfBody: "md5",
              attributes: {
                ApproximateReceiveCount: "2",
                SentTimestamp: "1700000000000",
                ApproximateFirstReceiveTimestamp: "1700000000500",
                SequenceNumber: "18889",
                MessageGroupId: "g",
                MessageDeduplicationId: "d",
              },
              messageAttributes: {
                color: { dataType: "String", stringValue: "red" },
                blob: { dataType: "Binary", binaryValue: Buffer.from([1, 2]) },
              },
            },
          ],
        }),
    });
    const [message] = await client.queue("orders.fifo").receive({ waitSeconds: 0 });
    expect(message).toMatchObject({
      messageId: "id-1",
      receiptHandle: "rh-1",
      receiveCount: 2,
      sentTimestampMs: 1_700_000_000_000,
      firstReceiveTimestampMs: 1_700_000_000_500,
      sequenceNumber: "18889",
      groupId: "g",
      dedupId: "d",
    });
    expect(message!.text()).toBe("héllo");
    expect(message!.body.equals(Buffer.from("héllo", "utf8"))).toBe(true);
    expect(message!.messageAttributes["color"]).toEqual({ dataType: "String", stringValue: "red" });
    expect(Buffer.from(message!.messageAttributes["blob"]!.binaryValue!)).toEqual(Buffer.from([1, 2]));
  });

  it("sends message attributes with their SQS types", async () => {
    const seen: v1.SendMessageRequest__Output[] = [];
    const { client } = await oneNode({
      SendMessage: (call, callback) => {
        seen.push(call.request);
        callback(null, sendOk("m"));
      },
    });
    await client.queue("jobs").send("x", { messageAttributes: { s: "text", n: 42, b: new Uint8Array([7]) } });
    expect(seen[0]!.messageAttributes["s"]).toMatchObject({ dataType: "String", stringValue: "text" });
    expect(seen[0]!.messageAttributes["n"]).toMatchObject({ dataType: "Number", stringValue: "42" });
    expect(seen[0]!.messageAttributes["b"]).toMatchObject({ dataType: "Binary" });
  });

  it("lists queues across pages", async () => {
    const all = ["a1", "a2", "a3", "a4", "a5"];
    const { client } = await oneNode({
      ListQueues: (call, callback) => {
        const start = Number(call.request.page?.nextToken || "0");
        const page = all.slice(start, start + 2).filter((n) => n.startsWith(call.request.queueNamePrefix));
        const next = start + 2 < all.length ? String(start + 2) : "";
        callback(null, {
          queues: page.map((name) => ({ name, url: `u/${name}`, arn: "" })),
          page: { nextToken: next },
        });
      },
    });
    expect(await client.listQueueNames({ prefix: "a" })).toEqual(all);
    const infos = [];
    for await (const q of client.listQueues()) infos.push(q.url);
    expect(infos).toEqual(all.map((n) => `u/${n}`));
  });

  it("creates a queue with attributes and tags, and reads them back", async () => {
    const created: v1.CreateQueueRequest__Output[] = [];
    const { client } = await oneNode({
      CreateQueue: (call, callback) => {
        created.push(call.request);
        callback(null, { queue: { name: call.request.queueName, url: "", arn: "" } });
      },
      GetQueueAttributes: (_call, callback) => callback(null, { attributes: { VisibilityTimeout: "60" } }),
      ListQueueTags: (_call, callback) => callback(null, { tags: { team: "pay" } }),
    });
    const queue = await client.createQueue("jobs", {
      attributes: { VisibilityTimeout: "60" },
      tags: { team: "pay" },
    });
    expect(created[0]).toMatchObject({
      queueName: "jobs",
      attributes: { VisibilityTimeout: "60" },
      tags: { team: "pay" },
    });
    expect(await queue.getAttributes(["VisibilityTimeout"])).toEqual({ VisibilityTimeout: "60" });
    expect(await queue.listTags()).toEqual({ team: "pay" });
  });
});

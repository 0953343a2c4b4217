import type { v1 } from "@millrace/proto";
import { afterEach, describe, expect, it } from "vitest";
import { MillraceClientError, connect } from "../src/index.js";
import { FakeRouting, millraceError, startServer } from "./fake-cluster.js";

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

const arn = (name: string) => `arn:aws:sqs:millrace:000000000000:${name}`;

/** The QueueService calls a fake node saw (it also serves the routing table). */
const queueCalls = (node: { calls: { method: string; request: unknown }[] }) =>
  node.calls.filter((c) => c.method.includes("MessageMoveTask")).map((c) => c.request);

describe("message move tasks", () => {
  it("starts a task with the source, destination and rate as given, and returns its handle", async () => {
    const { node, client } = await oneNode({
      StartMessageMoveTask: (_call, callback) => callback(null, { taskHandle: "h-1" }),
    });
    await expect(
      client.startMessageMoveTask({ source: "dlq", destination: arn("orders"), maxMessagesPerSecond: 50 }),
    ).resolves.toEqual({ taskHandle: "h-1" });
    await client.startMessageMoveTask({ source: arn("dlq") });
    expect(queueCalls(node)).toEqual([
      { sourceArn: "dlq", destinationArn: arn("orders"), maxNumberOfMessagesPerSecond: 50 },
      { sourceArn: arn("dlq"), destinationArn: "", maxNumberOfMessagesPerSecond: 0 },
    ]);
  });

  it("refuses a rate outside 1..500 and an empty source before calling", async () => {
    const { node, client } = await oneNode({});
    for (const maxMessagesPerSecond of [0, 501, 1.5]) {
      const error: unknown = await client
        .startMessageMoveTask({ source: "dlq", maxMessagesPerSecond })
        .catch((e: unknown) => e);
      expect(error).toBeInstanceOf(MillraceClientError);
      expect(error).toMatchObject({ code: "INVALID_ARGUMENT", field: "maxMessagesPerSecond" });
    }
    await expect(client.startMessageMoveTask({ source: "" })).rejects.toMatchObject({ field: "source" });
    await expect(client.listMessageMoveTasks("dlq", { maxResults: 11 })).rejects.toMatchObject({
      field: "maxResults",
    });
    await expect(client.cancelMessageMoveTask("")).rejects.toMatchObject({ field: "taskHandle" });
    expect(queueCalls(node)).toEqual([]);
  });

  it("does not retry a start whose outcome is unknown, and passes the server's refusal on", async () => {
    let starts = 0;
    const { client } = await oneNode({
      StartMessageMoveTask: (_call, callback) => {
        starts += 1;
        callback(
          starts === 1
            ? millraceError("DEADLINE_EXCEEDED")
            : millraceError("FAILED_PRECONDITION", { field: "source_arn" }),
        );
      },
    });
    await expect(client.startMessageMoveTask({ source: "dlq" })).rejects.toMatchObject({
      code: "DEADLINE_EXCEEDED",
    });
    expect(starts).toBe(1);
    await expect(client.startMessageMoveTask({ source: "dlq" })).rejects.toMatchObject({
      code: "FAILED_PRECONDITION",
      field: "source_arn",
    });
  });

  it("lists tasks newest first with numbers and short statuses, and cancels by handle", async () => {
    const wire = (status: v1.MessageMoveTaskStatus, moved: number): v1.MessageMoveTask => ({
      taskHandle: status === "MESSAGE_MOVE_TASK_STATUS_RUNNING" ? "h-2" : "",
      status,
      sourceArn: arn("dlq"),
      destinationArn: "",
      maxNumberOfMessagesPerSecond: 10,
      approximateNumberOfMessagesMoved: moved,
      approximateNumberOfMessagesToMove: 40,
      failureReason: "",
      startedTimestampMs: 1_700_000_000_123,
    });
    const { node, client } = await oneNode({
      ListMessageMoveTasks: (_call, callback) =>
        callback(null, {
          tasks: [
            wire("MESSAGE_MOVE_TASK_STATUS_RUNNING", 12),
            wire("MESSAGE_MOVE_TASK_STATUS_CANCELLED", 3),
          ],
        }),
      CancelMessageMoveTask: (_call, callback) => callback(null, { approximateNumberOfMessagesMoved: 12 }),
    });
    const tasks = await client.listMessageMoveTasks("dlq");
    expect(tasks).toEqual([
      {
        taskHandle: "h-2",
        status: "RUNNING",
        sourceArn: arn("dlq"),
        destinationArn: "",
        maxNumberOfMessagesPerSecond: 10,
        approximateNumberOfMessagesMoved: 12,
        approximateNumberOfMessagesToMove: 40,
        failureReason: "",
        startedTimestampMs: 1_700_000_000_123,
      },
      expect.objectContaining({ taskHandle: "", status: "CANCELLED", approximateNumberOfMessagesMoved: 3 }),
    ]);
    await expect(client.cancelMessageMoveTask("h-2")).resolves.toEqual({
      approximateNumberOfMessagesMoved: 12,
    });
    expect(queueCalls(node)).toEqual([{ sourceArn: "dlq", maxResults: 10 }, { taskHandle: "h-2" }]);
  });
});

import { credentials } from "@grpc/grpc-js";
import {
  connect,
  fromGrpcError,
  type MessageMoveTask,
  type MillraceClient,
  type Queue,
} from "@millrace/client";
import { loadMillraceProto } from "@millrace/proto";
import { waitFor, type LocalCluster } from "@millrace/testkit";
import { afterEach, describe, expect, it } from "vitest";
import { trackClusters } from "./harness.js";

const newCluster = trackClusters();
const clients: MillraceClient[] = [];
afterEach(async () => {
  await Promise.all(clients.splice(0).map((c) => c.close()));
});

const arn = (name: string) => `arn:aws:sqs:millrace:000000000000:${name}`;

/** The first receive of each body: when it was sent (SentTimestamp), which the moves must keep. */
type SentAt = Map<string, number>;

/**
 * Sends `bodies` to `queue` (whose RedrivePolicy has maxReceiveCount 1) and receives each once without
 * deleting it, so it is dead-lettered when its visibility runs out. Returns each body's SentTimestamp.
 */
async function deadLetter(queue: Queue, bodies: readonly string[]): Promise<SentAt> {
  for (let i = 0; i < bodies.length; i += 10) {
    const results = await queue.sendBatch(bodies.slice(i, i + 10).map((body) => ({ body })));
    expect(results.every((r) => r.ok)).toBe(true);
  }
  const sentAt: SentAt = new Map();
  for (let round = 0; round < 50 && sentAt.size < bodies.length; round++) {
    for (const m of await queue.receive({ maxMessages: 10, waitSeconds: 1, visibilityTimeoutSeconds: 1 })) {
      if (!sentAt.has(m.text())) sentAt.set(m.text(), m.sentTimestampMs as number);
    }
  }
  expect(sentAt.size).toBe(bodies.length);
  return sentAt;
}

async function depth(queue: Queue): Promise<{ visible: number; inFlight: number; delayed: number }> {
  const a = await queue.getAttributes();
  return {
    visible: Number(a["ApproximateNumberOfMessages"]),
    inFlight: Number(a["ApproximateNumberOfMessagesNotVisible"]),
    delayed: Number(a["ApproximateNumberOfMessagesDelayed"]),
  };
}

async function waitForDepth(queue: Queue, visible: number, timeoutMs = 20_000): Promise<void> {
  await waitFor(
    `${queue.name} to hold ${visible} visible messages`,
    { timeoutMs, intervalMs: 250 },
    async () => {
      const d = await depth(queue);
      return d.visible === visible && d.inFlight === 0 && d.delayed === 0 ? true : undefined;
    },
  );
}

/** Receives and deletes everything in `queue` until it is empty; returns each message received. */
async function drain(queue: Queue): Promise<{ body: string; sentTimestampMs: number }[]> {
  const received: { body: string; sentTimestampMs: number }[] = [];
  for (let round = 0; round < 200; round++) {
    const messages = await queue.receive({ maxMessages: 10, waitSeconds: 1, visibilityTimeoutSeconds: 60 });
    for (const m of messages) {
      received.push({ body: m.text(), sentTimestampMs: m.sentTimestampMs as number });
      await queue.delete(m.receiptHandle);
    }
    if (messages.length > 0) continue;
    const d = await depth(queue);
    if (d.visible === 0 && d.inFlight === 0 && d.delayed === 0) return received;
  }
  throw new Error(`${queue.name} did not drain`);
}

/** Every body exactly once, with the SentTimestamp it was first sent with. */
function expectExactlyOnce(
  received: readonly { body: string; sentTimestampMs: number }[],
  sent: SentAt,
  what: string,
): void {
  expect([...received.map((m) => m.body)].sort(), what).toEqual([...sent.keys()].sort());
  for (const m of received)
    expect(m.sentTimestampMs, `${what}: SentTimestamp of ${m.body}`).toBe(sent.get(m.body));
}

async function latestTask(client: MillraceClient, source: string): Promise<MessageMoveTask> {
  const [task] = await client.listMessageMoveTasks(source, { maxResults: 1 });
  if (task === undefined) throw new Error(`${source} has no move task`);
  return task;
}

/** Waits for the latest task to finish (or reach `status`), and expects `status`. */
async function waitForStatus(
  client: MillraceClient,
  source: string,
  status: MessageMoveTask["status"],
  timeoutMs: number,
): Promise<MessageMoveTask> {
  const task = await waitFor(
    `the latest move task of ${source} to be ${status}`,
    { timeoutMs, intervalMs: 200 },
    async () => {
      const latest = await latestTask(client, source);
      return latest.status === status || ["COMPLETED", "CANCELLED", "FAILED"].includes(latest.status)
        ? latest
        : undefined;
    },
  );
  expect(task.status, `the task's failure reason: ${task.failureReason}`).toBe(status);
  return task;
}

/** What a refused call said: its code and the field it named. */
async function refusal(
  call: Promise<unknown>,
): Promise<{ code: string; field: string | undefined; message: string }> {
  const error = (await call.then(
    () => new Error("expected a refusal"),
    (e: unknown) => e,
  )) as { code?: string; field?: string; message: string };
  return { code: error.code ?? "none", field: error.field, message: error.message };
}

/** StartMessageMoveTask on the wire, past the SDK's own checks, to see the server's answer. */
async function rawStart(
  address: string,
  request: { sourceArn: string; maxNumberOfMessagesPerSecond: number },
) {
  const client = new (loadMillraceProto().millrace.v1.QueueService)(address, credentials.createInsecure());
  try {
    return await new Promise((resolve, reject) =>
      client.startMessageMoveTask(
        { ...request, destinationArn: "" },
        { deadline: Date.now() + 10_000 },
        (error, response) => (error === null ? resolve(response) : reject(fromGrpcError(error, address))),
      ),
    );
  } finally {
    client.close();
  }
}

async function dlqPartitionGroup(client: MillraceClient, partition: number): Promise<number> {
  const table = await client.admin.routingTable();
  const route = table.routes.find(
    (r) => r.kind === "GROUP_KIND_QUEUE_PARTITION" && r.resourceName === "dlq" && r.partition === partition,
  );
  if (route === undefined) throw new Error(`no route for dlq partition ${partition}`);
  return Number(route.groupId);
}

describe("message move tasks (DLQ redrive) on a real cluster", () => {
  it("move every dead-lettered message back exactly once, survive the mover's death, and cancel", async () => {
    const cluster: LocalCluster = newCluster({ nodes: 3, name: "move-tasks" });
    await cluster.start();
    const client = await connect({ endpoints: cluster.endpoints(), deadlineMs: 30_000 });
    clients.push(client);
    const redrive = JSON.stringify({ deadLetterTargetArn: arn("dlq"), maxReceiveCount: 1 });
    // Two partitions: the task must finish both, though dead-lettering fills only one.
    const dlq = await client.createQueue("dlq", { attributes: { Partitions: "2" } });
    const orders = await client.createQueue("orders", { attributes: { RedrivePolicy: redrive } });
    const payments = await client.createQueue("payments", { attributes: { RedrivePolicy: redrive } });
    const archive = await client.createQueue("archive");
    await client.createQueue("plain");
    await client.createQueue("jobs.fifo", { attributes: { FifoQueue: "true" } });

    // ---- 40 messages dead-lettered from two source queues --------------------------------------------
    const fromOrders = await deadLetter(
      orders,
      Array.from({ length: 30 }, (_, i) => `order-${i}`),
    );
    const fromPayments = await deadLetter(
      payments,
      Array.from({ length: 10 }, (_, i) => `payment-${i}`),
    );
    await waitForDepth(dlq, 40);

    // ---- bad input -----------------------------------------------------------------------------------
    expect(await refusal(client.startMessageMoveTask({ source: "plain" }))).toMatchObject({
      code: "INVALID_ARGUMENT",
      field: "source_arn",
    });
    expect(await refusal(client.startMessageMoveTask({ source: arn("nope") }))).toMatchObject({
      code: "NOT_FOUND",
      field: "source_arn",
    });
    expect(await refusal(client.startMessageMoveTask({ source: "dlq", destination: "nope" }))).toMatchObject({
      code: "NOT_FOUND",
      field: "destination_arn",
    });
    expect(
      await refusal(client.startMessageMoveTask({ source: "dlq", destination: "jobs.fifo" })),
    ).toMatchObject({ code: "INVALID_ARGUMENT", field: "destination_arn" });
    expect(
      await refusal(
        rawStart(cluster.clientAddress(2), { sourceArn: arn("dlq"), maxNumberOfMessagesPerSecond: 501 }),
      ),
    ).toMatchObject({ code: "INVALID_ARGUMENT", field: "max_number_of_messages_per_second" });
    expect(await refusal(client.cancelMessageMoveTask("no-such-task"))).toMatchObject({
      code: "NOT_FOUND",
      field: "task_handle",
    });
    expect(await client.listMessageMoveTasks("dlq")).toEqual([]);

    // ---- back to the sources at 10 a second; the node moving them is killed half way -----------------
    const startedMs = Date.now();
    const { taskHandle } = await client.startMessageMoveTask({
      source: arn("dlq"),
      maxMessagesPerSecond: 10,
    });
    const running = await latestTask(client, "dlq");
    expect(running).toMatchObject({
      taskHandle,
      status: "RUNNING",
      sourceArn: arn("dlq"),
      destinationArn: "",
      maxNumberOfMessagesPerSecond: 10,
      approximateNumberOfMessagesToMove: 40,
    });
    expect(running.approximateNumberOfMessagesMoved).toBeLessThan(40);
    // Messages that arrive after the start stay (these were never dead-lettered: moving them back to a
    // source would fail the task).
    const late = await dlq.sendBatch(["late-0", "late-1", "late-2"].map((body) => ({ body })));
    expect(late.every((r) => r.ok)).toBe(true);
    const second = await refusal(client.startMessageMoveTask({ source: "dlq" }));
    expect(second).toMatchObject({ code: "FAILED_PRECONDITION", field: "source_arn" });
    expect(second.message).toMatch(/dlq already has an active message move task/);

    const mover = await cluster.waitForLeader(await dlqPartitionGroup(client, 0));
    await waitFor("some messages to be moved", { timeoutMs: 20_000, intervalMs: 200 }, async () => {
      const task = await latestTask(client, "dlq");
      return task.approximateNumberOfMessagesMoved >= 10 ? true : undefined;
    });
    await cluster.kill(mover.leaderId);
    const completed = await waitForStatus(client, "dlq", "COMPLETED", 45_000);
    const elapsedMs = Date.now() - startedMs;
    await cluster.restart(mover.leaderId);
    // A step cut short by the kill may have gone uncounted; the messages themselves are checked below.
    expect(completed.approximateNumberOfMessagesMoved).toBeGreaterThan(0);
    expect(completed.approximateNumberOfMessagesMoved).toBeLessThanOrEqual(40);
    expect(completed.taskHandle).toBe("");
    // The rate limit held: 40 messages at 10 a second (a second's worth at once) take at least 3 s.
    expect(elapsedMs).toBeGreaterThanOrEqual(3_000);
    expectExactlyOnce(await drain(orders), fromOrders, "orders after the redrive");
    expectExactlyOnce(await drain(payments), fromPayments, "payments after the redrive");
    await waitForDepth(dlq, 3);

    // ---- to one destination, as fast as the cluster allows ---------------------------------------------
    const more = await deadLetter(
      orders,
      Array.from({ length: 5 }, (_, i) => `more-${i}`),
    );
    await waitForDepth(dlq, 8);
    await client.startMessageMoveTask({ source: "dlq", destination: arn("archive") });
    const toArchive = await waitForStatus(client, "dlq", "COMPLETED", 20_000);
    expect(toArchive).toMatchObject({
      destinationArn: arn("archive"),
      maxNumberOfMessagesPerSecond: 0,
      approximateNumberOfMessagesToMove: 8,
      approximateNumberOfMessagesMoved: 8,
    });
    const archived = await drain(archive);
    expect(archived.map((m) => m.body).sort()).toEqual(["late-0", "late-1", "late-2", ...more.keys()].sort());
    for (const m of archived.filter((a) => more.has(a.body)))
      expect(m.sentTimestampMs).toBe(more.get(m.body));
    expect(await depth(orders)).toEqual({ visible: 0, inFlight: 0, delayed: 0 });
    await waitForDepth(dlq, 0);

    // ---- cancelled after a few moves: what moved stays moved, the rest stays put ------------------------
    const slow = await deadLetter(
      orders,
      Array.from({ length: 20 }, (_, i) => `slow-${i}`),
    );
    await waitForDepth(dlq, 20);
    const cancelled = await client.startMessageMoveTask({ source: "dlq", maxMessagesPerSecond: 2 });
    await waitFor("the first moves", { timeoutMs: 10_000, intervalMs: 100 }, async () =>
      (await latestTask(client, "dlq")).approximateNumberOfMessagesMoved > 0 ? true : undefined,
    );
    await client.cancelMessageMoveTask(cancelled.taskHandle);
    const stopped = await waitForStatus(client, "dlq", "CANCELLED", 15_000);
    expect(await refusal(client.cancelMessageMoveTask(cancelled.taskHandle))).toMatchObject({
      code: "FAILED_PRECONDITION",
    });
    const backInOrders = await drain(orders);
    const leftInDlq = await drain(dlq);
    expect(backInOrders.length).toBe(stopped.approximateNumberOfMessagesMoved);
    expect(backInOrders.length).toBeGreaterThan(0);
    expect(backInOrders.length).toBeLessThan(20);
    expectExactlyOnce([...backInOrders, ...leftInDlq], slow, "orders and dlq after the cancel");

    // ---- failures: a message with no source to return to, and a destination deleted under the task ------
    const orphans = await dlq.sendBatch(
      ["orphan-0", "orphan-1", "orphan-2", "orphan-3"].map((body) => ({ body })),
    );
    expect(orphans.every((r) => r.ok)).toBe(true);
    await client.startMessageMoveTask({ source: "dlq" });
    const noSource = await waitForStatus(client, "dlq", "FAILED", 15_000);
    expect(noSource.failureReason).toMatch(/was not dead-lettered from another queue/);
    expect(noSource.approximateNumberOfMessagesMoved).toBe(0);
    await waitForDepth(dlq, 4);
    await client.createQueue("doomed");
    await client.startMessageMoveTask({ source: "dlq", destination: "doomed", maxMessagesPerSecond: 1 });
    await client.deleteQueue("doomed");
    const noDestination = await waitForStatus(client, "dlq", "FAILED", 15_000);
    expect(noDestination.failureReason).toMatch(/doomed/);
    // What had not reached the deleted queue is still in the dead-letter queue.
    const d = await depth(dlq);
    expect(d.visible + noDestination.approximateNumberOfMessagesMoved).toBe(4);

    // ---- the history, newest first ---------------------------------------------------------------------
    const history = await client.listMessageMoveTasks("dlq");
    expect(history.map((t) => [t.status, t.destinationArn, t.taskHandle])).toEqual([
      ["FAILED", arn("doomed"), ""],
      ["FAILED", "", ""],
      ["CANCELLED", "", ""],
      ["COMPLETED", arn("archive"), ""],
      ["COMPLETED", "", ""],
    ]);
    expect(history.map((t) => t.startedTimestampMs)).toEqual(
      [...history.map((t) => t.startedTimestampMs)].sort((a, b) => b - a),
    );
  });
});

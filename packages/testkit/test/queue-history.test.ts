import { describe, expect, it } from "vitest";
import { QueueHistory, assertQueueHistoryValid, type QueueDelivery, type SendAttempt } from "../src/index.js";

const std = "orders";
const fifo = "orders.fifo";

/** A tiny workload driver: sends, receives and deletes at explicit client times. */
class Script {
  readonly history = new QueueHistory();
  private readonly nextIndex = new Map<string, number>();

  send(
    queue: string,
    bodyId: string,
    options: {
      at: number;
      producer?: number;
      groupId?: string;
      status?: "ok" | "failed" | "unknown";
      messageId?: string;
      sequenceNumber?: string;
      sendIndex?: number;
    },
  ): SendAttempt {
    const producer = options.producer ?? 0;
    const sendIndex = options.sendIndex ?? this.nextIndex.get(`${queue}/${producer}`) ?? 0;
    this.nextIndex.set(`${queue}/${producer}`, sendIndex + 1);
    const op = this.history.sendInvoked(
      {
        queue,
        producer,
        sendIndex,
        bodyId,
        body: `${bodyId}|payload`,
        ...(options.groupId === undefined ? {} : { groupId: options.groupId, dedupId: bodyId }),
        target: "n1",
      },
      options.at,
    );
    const status = options.status ?? "ok";
    if (status === "ok") {
      this.history.sendOk(
        op,
        {
          messageId: options.messageId ?? `m-${bodyId}`,
          ...(options.sequenceNumber === undefined ? {} : { sequenceNumber: options.sequenceNumber }),
        },
        options.at + 1,
      );
    } else if (status === "failed") this.history.sendFailed(op, "NOT_LEADER: moved", options.at + 1);
    else this.history.sendUnknown(op, "DEADLINE_EXCEEDED: slow", options.at + 1);
    return op;
  }

  /** One receive from `start` to `end` returning `bodies` (message ids m-<body> unless given). */
  receive(
    queue: string,
    bodies: readonly (
      | string
      | { bodyId: string; messageId?: string; receiveCount?: number; body?: string; groupId?: string }
    )[],
    options: { start: number; end: number; visibility?: number; consumer?: number },
  ): QueueDelivery[] {
    const op = this.history.receiveInvoked(
      {
        queue,
        consumer: options.consumer ?? 0,
        target: "n2",
        visibilityTimeoutSeconds: options.visibility ?? 3,
      },
      options.start,
    );
    return this.history.receiveOk(
      op,
      bodies.map((b) => {
        const m = typeof b === "string" ? { bodyId: b } : b;
        return {
          messageId: m.messageId ?? `m-${m.bodyId}`,
          bodyId: m.bodyId,
          body: m.body ?? `${m.bodyId}|payload`,
          receiveCount: m.receiveCount ?? 1,
          receiptHandle: `h-${m.bodyId}-${options.start}`,
          ...(m.groupId === undefined ? {} : { groupId: m.groupId }),
        };
      }),
      options.end,
    );
  }

  remove(delivery: QueueDelivery, at: number, status: "ok" | "failed" = "ok"): void {
    const op = this.history.handleInvoked({ type: "delete", delivery, consumer: 0, target: "n3" }, at);
    if (status === "ok") this.history.handleOk(op, at + 1);
    else this.history.handleFailed(op, "RECEIPT_HANDLE_INVALID: expired", at + 1);
  }

  changeVisibility(delivery: QueueDelivery, at: number, seconds: number): void {
    const op = this.history.handleInvoked(
      { type: "change-visibility", delivery, consumer: 0, target: "n3", visibilityTimeoutSeconds: seconds },
      at,
    );
    this.history.handleOk(op, at + 1);
  }

  errors(): string {
    return this.history.check().errors.join("\n");
  }
}

/**
 * A history that checks out: a standard queue with a redelivery after the visibility timeout, a nack
 * (visibility 0) and a duplicate from a retried send; a FIFO queue with a retried send deduplicated.
 */
function healthy(): Script {
  const s = new Script();
  s.send(std, "a", { at: 0 });
  s.send(std, "b", { at: 10, status: "unknown" });
  s.send(std, "b", { at: 20, sendIndex: 1, messageId: "m-b2" });
  s.send(std, "c", { at: 30, status: "failed" });
  const [a1] = s.receive(std, ["a"], { start: 100, end: 110, visibility: 3 });
  // Visibility ran out (100 + 3000 ≤ 3200): a comes back, with its next receive count.
  const [a2, b1, b2] = s.receive(
    std,
    [{ bodyId: "a", receiveCount: 2 }, "b", { bodyId: "b", messageId: "m-b2" }],
    { start: 3100, end: 3200 },
  );
  s.remove(a2 as QueueDelivery, 3300);
  s.remove(b1 as QueueDelivery, 3300);
  // A nack makes b2 visible at once; its next receive is excused.
  s.changeVisibility(b2 as QueueDelivery, 3300, 0);
  const [b3] = s.receive(std, [{ bodyId: "b", messageId: "m-b2", receiveCount: 2 }], {
    start: 3400,
    end: 3500,
  });
  s.remove(b3 as QueueDelivery, 3600);
  expect(a1).toBeDefined();

  s.send(fifo, "f1", { at: 0, groupId: "g", sequenceNumber: "1" });
  s.send(fifo, "f2", { at: 10, groupId: "g", status: "unknown" });
  s.send(fifo, "f2", { at: 20, groupId: "g", sendIndex: 1, sequenceNumber: "2" });
  s.send(fifo, "f3", { at: 30, groupId: "g", sequenceNumber: "3" });
  const [f1, f2] = s.receive(
    fifo,
    [
      { bodyId: "f1", groupId: "g" },
      { bodyId: "f2", groupId: "g" },
    ],
    { start: 100, end: 110 },
  );
  s.remove(f1 as QueueDelivery, 120);
  s.remove(f2 as QueueDelivery, 120);
  const [f3] = s.receive(fifo, [{ bodyId: "f3", groupId: "g" }], { start: 130, end: 140 });
  s.remove(f3 as QueueDelivery, 150);
  return s;
}

describe("QueueHistory", () => {
  it("accepts a history with redeliveries, nacks, standard duplicates and FIFO retries", () => {
    const stats = assertQueueHistoryValid(healthy().history);
    expect(stats).toMatchObject({
      bodies: 6,
      bodiesAcknowledged: 5,
      sendsFailed: 1,
      sendsUnknown: 2,
      deliveries: 8,
      redeliveries: 2,
      duplicateBodies: 1,
      deletesOk: 6,
      visibilityChanges: 1,
    });
  });

  it("(a) finds an acknowledged body, or an acknowledged message id, never received", () => {
    const s = healthy();
    s.send(std, "lost", { at: 4000 });
    s.send(std, "a", { at: 4000, sendIndex: 0, messageId: "m-a-again" });
    const errors = s.errors();
    expect(errors).toMatch(/lost: acknowledged send #\d+ of lost .* was never received/);
    expect(errors).toMatch(/lost: acknowledged message id m-a-again of send #\d+ of a .* was never received/);
  });

  it("(b) finds bodies never sent, sent only by failed attempts, or changed", () => {
    const s = healthy();
    s.receive(std, ["ghost", "c", { bodyId: "a", messageId: "m-a", receiveCount: 3, body: "a|tampered" }], {
      start: 9000,
      end: 9100,
    });
    const errors = s.errors();
    expect(errors).toMatch(/unexpected: receive #\d+ of ghost .* was never sent to orders/);
    expect(errors).toMatch(/unexpected: receive #\d+ of c .* only by attempts that failed for sure/);
    expect(errors).toMatch(/corrupted: receive #\d+ of a as m-a .* differs from the body/);
  });

  it("(c) finds a FIFO body delivered, or acknowledged, as two message ids", () => {
    const s = healthy();
    s.send(fifo, "f3", { at: 50, groupId: "g", sendIndex: 2, messageId: "m-f3-dup", sequenceNumber: "3" });
    s.receive(fifo, [{ bodyId: "f3", messageId: "m-f3-dup", groupId: "g" }], { start: 200, end: 210 });
    const errors = s.errors();
    expect(errors).toMatch(
      /FIFO duplicate: send #\d+ of f3 .* acknowledged under message ids m-f3, m-f3-dup/,
    );
    expect(errors).toMatch(/FIFO duplicate: send #\d+ of f3 .* delivered as message ids m-f3, m-f3-dup/);
  });

  it("(c) finds FIFO first deliveries out of send order, across receives and within one", () => {
    const across = new Script();
    across.send(fifo, "x1", { at: 0, groupId: "g" });
    across.send(fifo, "x2", { at: 10, groupId: "g" });
    across.receive(fifo, [{ bodyId: "x2", groupId: "g" }], { start: 100, end: 110 });
    across.receive(fifo, [{ bodyId: "x1", groupId: "g" }], { start: 120, end: 130 });
    expect(across.errors()).toMatch(
      /FIFO order: receive #0 of x2 .* \(first delivery of send #1 of x2 .*\) came before receive #1 of x1/,
    );

    const within = new Script();
    within.send(fifo, "y1", { at: 0, groupId: "g" });
    within.send(fifo, "y2", { at: 10, groupId: "g" });
    within.receive(
      fifo,
      [
        { bodyId: "y2", groupId: "g" },
        { bodyId: "y1", groupId: "g" },
      ],
      { start: 100, end: 110 },
    );
    expect(within.errors()).toMatch(/FIFO order: receive #0 of y2 .* came before receive #0 of y1/);

    // Overlapping receives prove nothing; other producers and groups have their own order.
    const overlap = new Script();
    overlap.send(fifo, "z1", { at: 0, groupId: "g" });
    overlap.send(fifo, "z2", { at: 10, groupId: "g" });
    overlap.send(fifo, "w1", { at: 20, groupId: "h" });
    overlap.receive(fifo, [{ bodyId: "z2", groupId: "g" }], { start: 100, end: 150 });
    overlap.receive(fifo, [{ bodyId: "z1", groupId: "g" }], { start: 120, end: 130 });
    overlap.receive(fifo, [{ bodyId: "w1", groupId: "h" }], { start: 0, end: 5 });
    expect(overlap.errors()).toBe("");
  });

  it("(c) finds a producer's FIFO sends acknowledged with decreasing sequence numbers", () => {
    const s = new Script();
    s.send(fifo, "s1", { at: 0, groupId: "g", sequenceNumber: "20" });
    s.send(fifo, "s2", { at: 10, groupId: "g", sequenceNumber: "10" });
    s.receive(
      fifo,
      [
        { bodyId: "s1", groupId: "g" },
        { bodyId: "s2", groupId: "g" },
      ],
      { start: 100, end: 110 },
    );
    expect(s.errors()).toMatch(
      /FIFO order: send #1 of s2 .* got sequence number 10, not above 20 of the earlier send #0 of s1/,
    );
  });

  it("(d) finds a message received again while an earlier receive still hid it", () => {
    const s = new Script();
    s.send(std, "v", { at: 0 });
    s.receive(std, ["v"], { start: 100, end: 110, visibility: 3 });
    // 100 + 3000 > 2000: the message was still invisible when the second receive ended.
    const [again] = s.receive(std, [{ bodyId: "v", receiveCount: 2 }], { start: 1900, end: 2000 });
    s.remove(again as QueueDelivery, 2100);
    expect(s.errors()).toMatch(
      /invisibility: receive #1 of v as m-v \(receive count 2.* ended at 2000, but receive #0 of v .* hid the message until at least 3100/,
    );

    const twice = new Script();
    twice.send(std, "t", { at: 0 });
    twice.receive(std, ["t"], { start: 100, end: 110 });
    twice.receive(std, ["t"], { start: 5000, end: 5100 });
    expect(twice.errors()).toMatch(/invisibility: .* and .* report the same receive count/);
  });

  it("(d) excuses an early redelivery after a visibility change, but not after a failed delete", () => {
    const changed = new Script();
    changed.send(std, "v", { at: 0 });
    const [first] = changed.receive(std, ["v"], { start: 100, end: 110, visibility: 30 });
    changed.changeVisibility(first as QueueDelivery, 200, 0);
    changed.receive(std, [{ bodyId: "v", receiveCount: 2 }], { start: 300, end: 400 });
    expect(changed.errors()).toBe("");

    const failedDelete = new Script();
    failedDelete.send(std, "v", { at: 0 });
    const [held] = failedDelete.receive(std, ["v"], { start: 100, end: 110, visibility: 30 });
    failedDelete.remove(held as QueueDelivery, 200, "failed");
    failedDelete.receive(std, [{ bodyId: "v", receiveCount: 2 }], { start: 300, end: 400 });
    expect(failedDelete.errors()).toMatch(/invisibility: receive #1 of v/);
  });

  it("finds a message received after its delete was acknowledged", () => {
    const s = new Script();
    s.send(std, "d", { at: 0 });
    const [first] = s.receive(std, ["d"], { start: 100, end: 110, visibility: 1 });
    s.remove(first as QueueDelivery, 200);
    s.receive(std, [{ bodyId: "d", receiveCount: 2 }], { start: 5000, end: 5100 });
    expect(s.errors()).toMatch(
      /deleted: receive #1 of d .* started after a delete of the message was acknowledged at 201/,
    );
  });

  it("refuses to complete an operation twice", () => {
    const s = new Script();
    const op = s.send(std, "x", { at: 0 });
    expect(() => s.history.sendFailed(op, "late", 5)).toThrow(/completed twice/);
  });
});

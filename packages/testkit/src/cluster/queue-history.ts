/**
 * A history of queue operations (sends, receives, deletes, visibility changes) and the checker that
 * judges it after a final drain (TESTING.md, "History checkers": queues). Pure bookkeeping, like
 * `LogHistory`: no processes and no clock of its own (the caller passes client-side timestamps in
 * milliseconds), so the simulator can use it too.
 *
 * Every body carries a unique body id chosen by the producer. A producer may send one body more than once
 * (retrying after a failure); every attempt is recorded, and the body counts as acknowledged when any
 * attempt was. A queue is FIFO when its name ends in ".fifo", as in SQS.
 */

/** invoked: sent, no answer yet; ok: acknowledged; failed: refused for sure (it had no effect); unknown: no
 * answer or an ambiguous one (it may or may not have taken effect). */
export type QueueOpStatus = "invoked" | "ok" | "failed" | "unknown";

export interface SendAttempt {
  readonly id: number;
  readonly queue: string;
  readonly producer: number;
  /** The body's place in its producer's send order (0, 1, 2, …); every attempt of one body shares it. */
  readonly sendIndex: number;
  readonly bodyId: string;
  readonly body: string;
  /** FIFO only: MessageGroupId and MessageDeduplicationId. */
  readonly groupId: string | undefined;
  readonly dedupId: string | undefined;
  /** Where the call was sent, for reports. */
  readonly target: string;
  readonly invokedAt: number;
  status: QueueOpStatus;
  completedAt: number | undefined;
  /** ok only: the message id and (FIFO) sequence number the queue gave. */
  messageId: string | undefined;
  sequenceNumber: string | undefined;
  /** failed and unknown: the error code and message. */
  error: string | undefined;
}

export interface ReceiveCall {
  readonly id: number;
  readonly queue: string;
  readonly consumer: number;
  readonly target: string;
  /** The visibility timeout the receive asked for (or the queue's, when the call did not override it). */
  readonly visibilityTimeoutSeconds: number;
  readonly startedAt: number;
  status: QueueOpStatus;
  endedAt: number | undefined;
  /** ok only: what the receive returned, in response order. */
  deliveries: QueueDelivery[];
  error: string | undefined;
}

/** One message as one receive returned it. */
export interface QueueDelivery {
  readonly id: number;
  readonly receive: ReceiveCall;
  /** Position in the receive's response. */
  readonly index: number;
  readonly messageId: string;
  readonly bodyId: string;
  readonly body: string;
  /** ApproximateReceiveCount as the receive reported it. */
  readonly receiveCount: number;
  readonly receiptHandle: string;
  /** FIFO: MessageGroupId as the receive reported it. */
  readonly groupId: string | undefined;
}

/** A DeleteMessage or ChangeMessageVisibility of one delivery's receipt handle. */
export interface HandleOp {
  readonly id: number;
  readonly type: "delete" | "change-visibility";
  readonly delivery: QueueDelivery;
  readonly consumer: number;
  readonly target: string;
  /** change-visibility only. */
  readonly visibilityTimeoutSeconds: number | undefined;
  readonly invokedAt: number;
  status: QueueOpStatus;
  completedAt: number | undefined;
  error: string | undefined;
}

export interface QueueHistoryStats {
  readonly sendAttempts: number;
  /** Distinct bodies attempted, and those with at least one acknowledged attempt. */
  readonly bodies: number;
  readonly bodiesAcknowledged: number;
  readonly sendsOk: number;
  readonly sendsFailed: number;
  readonly sendsUnknown: number;
  /** Bodies never acknowledged (only failed or unknown attempts) that were delivered nonetheless. */
  readonly unacknowledgedDelivered: number;
  readonly receivesOk: number;
  readonly receivesFailed: number;
  readonly receivesUnknown: number;
  readonly deliveries: number;
  /** Deliveries of a message id that had been delivered before (visibility ran out, or a nack). */
  readonly redeliveries: number;
  /** Bodies stored under more than one message id (allowed on standard queues only). */
  readonly duplicateBodies: number;
  readonly deletesOk: number;
  readonly deletesFailed: number;
  readonly deletesUnknown: number;
  readonly visibilityChanges: number;
}

export interface QueueCheckResult {
  readonly valid: boolean;
  /** Every violation found (capped, with a final line saying how many more). */
  readonly errors: readonly string[];
  readonly stats: QueueHistoryStats;
}

const errorsMax = 60;

/** Records queue operations as they happen; `check()` judges them once the queues were drained. */
export class QueueHistory {
  private readonly sendOps: SendAttempt[] = [];
  private readonly receiveOps: ReceiveCall[] = [];
  private readonly deliveryList: QueueDelivery[] = [];
  private readonly handleOps: HandleOp[] = [];

  get sends(): readonly SendAttempt[] {
    return this.sendOps;
  }

  get receives(): readonly ReceiveCall[] {
    return this.receiveOps;
  }

  get deliveries(): readonly QueueDelivery[] {
    return this.deliveryList;
  }

  get handleOperations(): readonly HandleOp[] {
    return this.handleOps;
  }

  /** Acknowledged send attempts so far. */
  get sendsAcknowledged(): number {
    return this.sendOps.filter((op) => op.status === "ok").length;
  }

  sendInvoked(
    send: {
      readonly queue: string;
      readonly producer: number;
      readonly sendIndex: number;
      readonly bodyId: string;
      readonly body: string;
      readonly groupId?: string;
      readonly dedupId?: string;
      readonly target: string;
    },
    now: number,
  ): SendAttempt {
    const op: SendAttempt = {
      id: this.sendOps.length,
      queue: send.queue,
      producer: send.producer,
      sendIndex: send.sendIndex,
      bodyId: send.bodyId,
      body: send.body,
      groupId: send.groupId,
      dedupId: send.dedupId,
      target: send.target,
      invokedAt: now,
      status: "invoked",
      completedAt: undefined,
      messageId: undefined,
      sequenceNumber: undefined,
      error: undefined,
    };
    this.sendOps.push(op);
    return op;
  }

  sendOk(op: SendAttempt, reply: { messageId: string; sequenceNumber?: string }, now: number): void {
    complete(op, "ok", now, `send ${op.id}`);
    op.messageId = reply.messageId;
    op.sequenceNumber = reply.sequenceNumber === "" ? undefined : reply.sequenceNumber;
  }

  sendFailed(op: SendAttempt, error: string, now: number): void {
    complete(op, "failed", now, `send ${op.id}`);
    op.error = error;
  }

  sendUnknown(op: SendAttempt, error: string, now: number): void {
    complete(op, "unknown", now, `send ${op.id}`);
    op.error = error;
  }

  receiveInvoked(
    receive: {
      readonly queue: string;
      readonly consumer: number;
      readonly target: string;
      readonly visibilityTimeoutSeconds: number;
    },
    now: number,
  ): ReceiveCall {
    const op: ReceiveCall = {
      id: this.receiveOps.length,
      ...receive,
      startedAt: now,
      status: "invoked",
      endedAt: undefined,
      deliveries: [],
      error: undefined,
    };
    this.receiveOps.push(op);
    return op;
  }

  /** A receive answered: its messages, in response order. Returns the deliveries, for deletes. */
  receiveOk(
    op: ReceiveCall,
    messages: readonly {
      readonly messageId: string;
      readonly bodyId: string;
      readonly body: string;
      readonly receiveCount: number;
      readonly receiptHandle: string;
      readonly groupId?: string;
    }[],
    now: number,
  ): QueueDelivery[] {
    complete(op, "ok", now, `receive ${op.id}`, "endedAt");
    op.deliveries = messages.map((m, index) => ({
      id: this.deliveryList.length + index,
      receive: op,
      index,
      messageId: m.messageId,
      bodyId: m.bodyId,
      body: m.body,
      receiveCount: m.receiveCount,
      receiptHandle: m.receiptHandle,
      groupId: m.groupId,
    }));
    this.deliveryList.push(...op.deliveries);
    return op.deliveries;
  }

  receiveFailed(op: ReceiveCall, error: string, now: number): void {
    complete(op, "failed", now, `receive ${op.id}`, "endedAt");
    op.error = error;
  }

  /** The receive's outcome is unknown: it may have made messages invisible that nobody saw. */
  receiveUnknown(op: ReceiveCall, error: string, now: number): void {
    complete(op, "unknown", now, `receive ${op.id}`, "endedAt");
    op.error = error;
  }

  handleInvoked(
    call: {
      readonly type: "delete" | "change-visibility";
      readonly delivery: QueueDelivery;
      readonly consumer: number;
      readonly target: string;
      readonly visibilityTimeoutSeconds?: number;
    },
    now: number,
  ): HandleOp {
    const op: HandleOp = {
      id: this.handleOps.length,
      type: call.type,
      delivery: call.delivery,
      consumer: call.consumer,
      target: call.target,
      visibilityTimeoutSeconds: call.visibilityTimeoutSeconds,
      invokedAt: now,
      status: "invoked",
      completedAt: undefined,
      error: undefined,
    };
    this.handleOps.push(op);
    return op;
  }

  handleOk(op: HandleOp, now: number): void {
    complete(op, "ok", now, `${op.type} ${op.id}`);
  }

  handleFailed(op: HandleOp, error: string, now: number): void {
    complete(op, "failed", now, `${op.type} ${op.id}`);
    op.error = error;
  }

  handleUnknown(op: HandleOp, error: string, now: number): void {
    complete(op, "unknown", now, `${op.type} ${op.id}`);
    op.error = error;
  }

  /**
   * Judges the history; call it after a final drain (every queue received from until it stayed empty,
   * deleting everything). Checks:
   * - lost: every acknowledged body, and every acknowledged message id, was delivered;
   * - unexpected: every delivered body was sent to that queue, unchanged, by an attempt that did not fail
   *   for sure;
   * - FIFO: one message id per body (no duplicates within the deduplication window); a producer's
   *   acknowledged sends in one group got increasing sequence numbers, and their first deliveries came in
   *   send order (a later body's first delivery may not end before an earlier body's first delivery
   *   started, nor precede it in one response);
   * - invisibility: no receive returned a message that an earlier receive still provably held invisible
   *   (it ended before that receive's start plus its visibility timeout, with no visibility change of the
   *   message in between); no two receives report one receive count for one message;
   * - deletion: no receive that started after a delete of the message was acknowledged returned it.
   */
  check(): QueueCheckResult {
    const errors: string[] = [];
    let more = 0;
    const report = (message: string) => {
      if (errors.length < errorsMax) errors.push(message);
      else more += 1;
    };
    const bodies = this.bodies();
    const deliveriesByBody = groupBy(this.deliveryList, (d) => `${d.receive.queue}\u0000${d.bodyId}`);
    this.checkSendsDelivered(bodies, deliveriesByBody, report);
    this.checkDeliveriesSent(bodies, report);
    this.checkFifo(bodies, deliveriesByBody, report);
    this.checkInvisibility(report);
    this.checkDeletes(report);
    if (more > 0) errors.push(`... and ${more} more violations`);
    return { valid: errors.length === 0, errors, stats: this.stats(bodies, deliveriesByBody) };
  }

  /** Every attempt of each body, by queue and body id. */
  private bodies(): Map<string, SendAttempt[]> {
    return groupBy(this.sendOps, (op) => `${op.queue}\u0000${op.bodyId}`);
  }

  private checkSendsDelivered(
    bodies: Map<string, SendAttempt[]>,
    deliveriesByBody: Map<string, QueueDelivery[]>,
    report: (message: string) => void,
  ): void {
    for (const [key, attempts] of bodies) {
      const acked = attempts.filter((a) => a.status === "ok");
      if (acked.length === 0) continue;
      const delivered = deliveriesByBody.get(key) ?? [];
      const first = acked[0] as SendAttempt;
      if (delivered.length === 0) {
        report(`lost: acknowledged ${describeSend(first)} was never received`);
        continue;
      }
      const ids = new Set(delivered.map((d) => d.messageId));
      for (const a of acked) {
        if (!ids.has(a.messageId as string)) {
          report(
            `lost: acknowledged message id ${a.messageId} of ${describeSend(a)} was never received (received as ${[...ids].join(", ")})`,
          );
        }
      }
    }
  }

  private checkDeliveriesSent(bodies: Map<string, SendAttempt[]>, report: (message: string) => void): void {
    for (const d of this.deliveryList) {
      const attempts = bodies.get(`${d.receive.queue}\u0000${d.bodyId}`);
      if (attempts === undefined) {
        report(`unexpected: ${describeDelivery(d)} carries a body that was never sent to ${d.receive.queue}`);
        continue;
      }
      const sent = attempts[0] as SendAttempt;
      if (d.body !== sent.body) {
        report(`corrupted: ${describeDelivery(d)} differs from the body ${describeSend(sent)} sent`);
      }
      if (attempts.every((a) => a.status === "failed")) {
        report(
          `unexpected: ${describeDelivery(d)} was sent only by attempts that failed for sure: ${attempts.map((a) => `#${a.id} ${a.error}`).join("; ")}`,
        );
      }
      if (sent.groupId !== undefined && d.groupId !== sent.groupId) {
        report(`${describeDelivery(d)} reports group ${d.groupId}, but it was sent to group ${sent.groupId}`);
      }
    }
  }

  private checkFifo(
    bodies: Map<string, SendAttempt[]>,
    deliveriesByBody: Map<string, QueueDelivery[]>,
    report: (message: string) => void,
  ): void {
    // One message id per body, in the queue and in the acknowledgements.
    for (const [key, attempts] of bodies) {
      const first = attempts[0] as SendAttempt;
      if (!isFifoQueue(first.queue)) continue;
      const ackedIds = new Set(attempts.filter((a) => a.status === "ok").map((a) => a.messageId));
      if (ackedIds.size > 1) {
        report(
          `FIFO duplicate: ${describeSend(first)} was acknowledged under message ids ${[...ackedIds].join(", ")}`,
        );
      }
      const deliveredIds = new Set((deliveriesByBody.get(key) ?? []).map((d) => d.messageId));
      if (deliveredIds.size > 1) {
        report(
          `FIFO duplicate: ${describeSend(first)} was delivered as message ids ${[...deliveredIds].join(", ")}`,
        );
      }
    }
    // Per queue, group and producer: the acknowledged bodies in send order.
    const acked = [...bodies.values()]
      .filter((attempts) => isFifoQueue((attempts[0] as SendAttempt).queue))
      .map((attempts) => attempts.find((a) => a.status === "ok"))
      .filter((a): a is SendAttempt => a !== undefined);
    const streams = groupBy(acked, (a) => `${a.queue}\u0000${a.groupId}\u0000${a.producer}`);
    for (const stream of streams.values()) {
      stream.sort((a, b) => a.sendIndex - b.sendIndex);
      this.checkSequenceNumbers(stream, report);
      this.checkFirstDeliveryOrder(stream, deliveriesByBody, report);
    }
  }

  private checkSequenceNumbers(stream: readonly SendAttempt[], report: (message: string) => void): void {
    for (let i = 1; i < stream.length; i++) {
      const prev = stream[i - 1] as SendAttempt;
      const next = stream[i] as SendAttempt;
      if (prev.sequenceNumber === undefined || next.sequenceNumber === undefined) continue;
      if (BigInt(next.sequenceNumber) <= BigInt(prev.sequenceNumber)) {
        report(
          `FIFO order: ${describeSend(next)} got sequence number ${next.sequenceNumber}, not above ${prev.sequenceNumber} of the earlier ${describeSend(prev)}`,
        );
      }
    }
  }

  /**
   * Reports only what client times prove: a later body's first delivery ended before an earlier body's
   * first delivery started, or came before it in one response.
   */
  private checkFirstDeliveryOrder(
    stream: readonly SendAttempt[],
    deliveriesByBody: Map<string, QueueDelivery[]>,
    report: (message: string) => void,
  ): void {
    const firsts: { send: SendAttempt; first: QueueDelivery }[] = [];
    for (const send of stream) {
      const delivered = deliveriesByBody.get(`${send.queue}\u0000${send.bodyId}`) ?? [];
      const first = delivered.reduce<QueueDelivery | undefined>(
        (best, d) => (best === undefined || d.receiveCount < best.receiveCount ? d : best),
        undefined,
      );
      if (first !== undefined) firsts.push({ send, first });
    }
    for (let j = 1; j < firsts.length; j++) {
      const later = firsts[j] as { send: SendAttempt; first: QueueDelivery };
      for (let i = 0; i < j; i++) {
        const earlier = firsts[i] as { send: SendAttempt; first: QueueDelivery };
        const sameCall = earlier.first.receive === later.first.receive;
        const inverted = sameCall
          ? later.first.index < earlier.first.index
          : (later.first.receive.endedAt as number) < earlier.first.receive.startedAt;
        if (inverted) {
          report(
            `FIFO order: ${describeDelivery(later.first)} (first delivery of ${describeSend(later.send)}) came before ${describeDelivery(earlier.first)} (first delivery of the earlier ${describeSend(earlier.send)})`,
          );
        }
      }
    }
  }

  private checkInvisibility(report: (message: string) => void): void {
    const opsByMessage = groupBy(
      this.handleOps,
      (op) => `${op.delivery.receive.queue}\u0000${op.delivery.messageId}`,
    );
    const byMessage = groupBy(this.deliveryList, (d) => `${d.receive.queue}\u0000${d.messageId}`);
    for (const [key, list] of byMessage) {
      list.sort((a, b) => a.receiveCount - b.receiveCount);
      const ops = opsByMessage.get(key) ?? [];
      const changed = ops.filter((op) => op.type === "change-visibility" && op.status !== "failed");
      for (let j = 1; j < list.length; j++) {
        const later = list[j] as QueueDelivery;
        for (let i = 0; i < j; i++) {
          const earlier = list[i] as QueueDelivery;
          if (earlier.receiveCount === later.receiveCount) {
            report(
              `invisibility: ${describeDelivery(earlier)} and ${describeDelivery(later)} report the same receive count`,
            );
            continue;
          }
          const hiddenUntil = earlier.receive.startedAt + earlier.receive.visibilityTimeoutSeconds * 1000;
          const endedAt = later.receive.endedAt as number;
          if (endedAt >= hiddenUntil) continue;
          const excused = changed.some(
            (c) => c.invokedAt < endedAt && (c.completedAt ?? Infinity) > earlier.receive.startedAt,
          );
          if (!excused) {
            report(
              `invisibility: ${describeDelivery(later)} ended at ${endedAt}, but ${describeDelivery(earlier)} hid the message until at least ${hiddenUntil}; its deletes and visibility changes: ${describeHandleOps(ops)}`,
            );
          }
        }
      }
    }
  }

  private checkDeletes(report: (message: string) => void): void {
    const deletedAt = new Map<string, number>();
    for (const op of this.handleOps) {
      if (op.type !== "delete" || op.status !== "ok") continue;
      const key = `${op.delivery.receive.queue}\u0000${op.delivery.messageId}`;
      deletedAt.set(key, Math.min(deletedAt.get(key) ?? Infinity, op.completedAt as number));
    }
    for (const d of this.deliveryList) {
      const at = deletedAt.get(`${d.receive.queue}\u0000${d.messageId}`);
      if (at !== undefined && d.receive.startedAt > at) {
        report(
          `deleted: ${describeDelivery(d)} started after a delete of the message was acknowledged at ${at}`,
        );
      }
    }
  }

  private stats(
    bodies: Map<string, SendAttempt[]>,
    deliveriesByBody: Map<string, QueueDelivery[]>,
  ): QueueHistoryStats {
    const count = <T extends { status: QueueOpStatus }>(list: readonly T[], ...statuses: QueueOpStatus[]) =>
      list.filter((op) => statuses.includes(op.status)).length;
    const deletes = this.handleOps.filter((op) => op.type === "delete");
    let unacknowledgedDelivered = 0;
    for (const [key, attempts] of bodies) {
      if (attempts.every((a) => a.status !== "ok") && deliveriesByBody.has(key)) unacknowledgedDelivered += 1;
    }
    const seen = new Set<string>();
    let redeliveries = 0;
    for (const d of this.deliveryList) {
      const key = `${d.receive.queue}\u0000${d.messageId}`;
      if (seen.has(key)) redeliveries += 1;
      seen.add(key);
    }
    return {
      sendAttempts: this.sendOps.length,
      bodies: bodies.size,
      bodiesAcknowledged: [...bodies.values()].filter((a) => a.some((op) => op.status === "ok")).length,
      sendsOk: count(this.sendOps, "ok"),
      sendsFailed: count(this.sendOps, "failed"),
      sendsUnknown: count(this.sendOps, "unknown", "invoked"),
      unacknowledgedDelivered,
      receivesOk: count(this.receiveOps, "ok"),
      receivesFailed: count(this.receiveOps, "failed"),
      receivesUnknown: count(this.receiveOps, "unknown", "invoked"),
      deliveries: this.deliveryList.length,
      redeliveries,
      duplicateBodies: [...deliveriesByBody.values()].filter(
        (list) => new Set(list.map((d) => d.messageId)).size > 1,
      ).length,
      deletesOk: count(deletes, "ok"),
      deletesFailed: count(deletes, "failed"),
      deletesUnknown: count(deletes, "unknown", "invoked"),
      visibilityChanges: this.handleOps.length - deletes.length,
    };
  }
}

/** Throws with every violation when the history does not check out; returns the stats otherwise. */
export function assertQueueHistoryValid(history: QueueHistory): QueueHistoryStats {
  const result = history.check();
  if (!result.valid) {
    throw new Error(
      `the queue history has ${result.errors.length} violation(s):\n  ${result.errors.join("\n  ")}\nstats: ${JSON.stringify(result.stats)}`,
    );
  }
  return result.stats;
}

export function isFifoQueue(name: string): boolean {
  return name.endsWith(".fifo");
}

function complete(
  op: { status: QueueOpStatus; completedAt?: number | undefined; endedAt?: number | undefined },
  status: QueueOpStatus,
  now: number,
  what: string,
  field: "completedAt" | "endedAt" = "completedAt",
): void {
  if (op.status !== "invoked") throw new Error(`${what} completed twice (${op.status}, ${status})`);
  op.status = status;
  op[field] = now;
}

function groupBy<T>(list: readonly T[], keyOf: (item: T) => string): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const item of list) {
    const key = keyOf(item);
    const group = out.get(key);
    if (group === undefined) out.set(key, [item]);
    else group.push(item);
  }
  return out;
}

function describeSend(op: SendAttempt): string {
  const group = op.groupId === undefined ? "" : ` group ${op.groupId}`;
  return `send #${op.id} of ${op.bodyId} (${op.queue}${group}, producer ${op.producer} #${op.sendIndex}, ${op.status}${op.messageId === undefined ? "" : ` as ${op.messageId}`}, via ${op.target})`;
}

/** Every delete and visibility change of a message, failed ones too, for a violation's report. */
function describeHandleOps(ops: readonly HandleOp[]): string {
  if (ops.length === 0) return "none";
  return ops
    .map(
      (op) =>
        `${op.type}#${op.id} ${op.status} ${op.invokedAt}..${op.completedAt ?? "?"}${op.error === undefined ? "" : ` (${op.error})`}`,
    )
    .join(", ");
}

function describeDelivery(d: QueueDelivery): string {
  const r = d.receive;
  return `receive #${r.id} of ${d.bodyId} as ${d.messageId} (receive count ${d.receiveCount}, consumer ${r.consumer}, ${r.startedAt}..${r.endedAt}, visibility ${r.visibilityTimeoutSeconds} s, via ${r.target})`;
}

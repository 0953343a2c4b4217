import { ErrorCode, limits } from "@millrace/common";
import { MillraceClientError, asClientError } from "./errors.js";
import type { MessageBody, SendOptions, SendResult } from "./messages.js";
import type { PreparedMessage, Queue } from "./queue.js";
import { checkIntegerRange } from "./validation.js";

export interface ProducerOptions {
  /** Entries per SendMessageBatch, 1..10; default 10. */
  readonly maxBatch?: number;
  /** How long a message may wait for companions before a partial batch goes out; default 5 ms. */
  readonly lingerMs?: number;
  /** SendMessageBatch calls in flight at once, 1..100; default 4. */
  readonly maxInFlight?: number;
  /** Messages held waiting for a batch, 1..100000; beyond it `send` waits (backpressure). Default 1000. */
  readonly bufferMax?: number;
  /**
   * Sends that may wait for buffer space; beyond it `send` rejects with RESOURCE_EXHAUSTED instead of
   * growing without bound. Default 10000.
   */
  readonly waitingMax?: number;
  /** Each batch call's deadline, retries included; default the client's. */
  readonly deadlineMs?: number;
}

export interface ProducerStats {
  /** Messages in the buffer, waiting to be batched. */
  readonly buffered: number;
  /** Sends waiting for buffer space. */
  readonly waiting: number;
  /** Batch calls in flight. */
  readonly inFlightBatches: number;
}

interface Item {
  /** Replaced once its generated dedup id is settled, so a resend carries the same one. */
  prepared: PreparedMessage;
  readonly groupId: string;
  readonly resolve: (result: SendResult) => void;
  readonly reject: (error: Error) => void;
  /** Server-side failures of this entry so far; standard-queue entries are sent again a few times. */
  failures: number;
}

/** Server-fault entry failures a standard-queue message survives before its send rejects. */
const entryAttemptsMax = 3;

/**
 * Batches `send` calls into SendMessageBatch calls of at most `maxBatch` entries and 1 MiB. On a FIFO
 * queue a message group is never in two batches in flight at once and a batch holds one partition's
 * groups, so each group's order is the order of its `send` calls.
 */
export class Producer {
  private readonly maxBatch: number;
  private readonly lingerMs: number;
  private readonly maxInFlight: number;
  private readonly bufferMax: number;
  private readonly waitingMax: number;
  private readonly buffer: Item[] = [];
  private readonly waiting: Item[] = [];
  private readonly readyWaiters: (() => void)[] = [];
  private readonly groupsInFlight = new Map<string, number>();
  private readonly outstanding = new Set<Promise<void>>();
  private inFlight = 0;
  private lingerTimer: NodeJS.Timeout | undefined;
  private lingerDue = false;
  private flushing = 0;
  private closed = false;

  constructor(
    private readonly queue: Queue,
    private readonly options: ProducerOptions = {},
  ) {
    this.maxBatch = options.maxBatch ?? limits.batchEntriesMax;
    checkIntegerRange(this.maxBatch, 1, limits.batchEntriesMax, "maxBatch");
    this.lingerMs = options.lingerMs ?? 5;
    checkIntegerRange(this.lingerMs, 0, 60_000, "lingerMs");
    this.maxInFlight = options.maxInFlight ?? 4;
    checkIntegerRange(this.maxInFlight, 1, 100, "maxInFlight");
    this.bufferMax = options.bufferMax ?? 1_000;
    checkIntegerRange(this.bufferMax, 1, 100_000, "bufferMax");
    this.waitingMax = options.waitingMax ?? 10_000;
    checkIntegerRange(this.waitingMax, 0, 1_000_000, "waitingMax");
  }

  /**
   * Queues one message; resolves with its result once the batch holding it is sent, or rejects with the
   * error for this entry alone. Waits for buffer space first when the buffer is full.
   */
  send(body: MessageBody, options: SendOptions = {}): Promise<SendResult> {
    if (this.closed) {
      return Promise.reject(
        new MillraceClientError(ErrorCode.FAILED_PRECONDITION, "the producer is closed", {
          retryable: false,
        }),
      );
    }
    let prepared: PreparedMessage;
    try {
      prepared = this.queue.prepareEntry(body, options, "");
    } catch (err) {
      return Promise.reject(asClientError(err));
    }
    if (this.waiting.length >= this.waitingMax && !this.hasSpace()) {
      return Promise.reject(
        new MillraceClientError(
          ErrorCode.RESOURCE_EXHAUSTED,
          `the producer's buffer and its ${this.waitingMax} waiting sends are full`,
        ),
      );
    }
    let settle!: () => void;
    const done = new Promise<void>((resolve) => (settle = resolve));
    this.outstanding.add(done);
    const result = new Promise<SendResult>((resolve, reject) => {
      const item: Item = {
        prepared,
        groupId: options.groupId ?? "",
        resolve: (r) => {
          resolve(r);
          this.outstanding.delete(done);
          settle();
        },
        reject: (e) => {
          reject(e);
          this.outstanding.delete(done);
          settle();
        },
        failures: 0,
      };
      // Sends waiting for space keep their order: none may overtake one already waiting.
      if (this.hasSpace()) this.buffer.push(item);
      else this.waiting.push(item);
    });
    this.pump();
    return result;
  }

  /** Resolves when a `send` would enter the buffer without waiting; for producers that do not await sends. */
  ready(): Promise<void> {
    if (this.hasSpace()) return Promise.resolve();
    return new Promise((resolve) => this.readyWaiters.push(resolve));
  }

  /** Sends everything buffered now without lingering; resolves when all earlier sends have settled. */
  async flush(): Promise<void> {
    this.flushing += 1;
    try {
      const snapshot = [...this.outstanding];
      this.pump();
      await Promise.all(snapshot);
    } finally {
      this.flushing -= 1;
    }
  }

  /** Refuses new sends, then flushes. */
  async close(): Promise<void> {
    this.closed = true;
    await this.flush();
    clearTimeout(this.lingerTimer);
    this.lingerTimer = undefined;
  }

  get stats(): ProducerStats {
    return { buffered: this.buffer.length, waiting: this.waiting.length, inFlightBatches: this.inFlight };
  }

  private hasSpace(): boolean {
    return this.buffer.length < this.bufferMax && this.waiting.length === 0;
  }

  /** Dispatches every batch that is due and allowed; arms the linger timer for the rest. */
  private pump(): void {
    this.admitWaiting();
    while (this.inFlight < this.maxInFlight && this.buffer.length > 0) {
      const due = this.buffer.length >= this.maxBatch || this.lingerDue || this.flushing > 0 || this.closed;
      if (!due) break;
      const batch = this.takeBatch();
      if (batch.length === 0) break;
      this.dispatch(batch);
      this.admitWaiting();
    }
    if (this.buffer.length === 0) {
      this.lingerDue = false;
      clearTimeout(this.lingerTimer);
      this.lingerTimer = undefined;
    } else if (this.lingerTimer === undefined && !this.lingerDue) {
      this.lingerTimer = setTimeout(() => {
        this.lingerTimer = undefined;
        this.lingerDue = true;
        this.pump();
      }, this.lingerMs);
    }
  }

  private admitWaiting(): void {
    while (this.buffer.length < this.bufferMax && this.waiting.length > 0) {
      const item = this.waiting.shift();
      if (item !== undefined) this.buffer.push(item);
    }
    if (this.hasSpace()) for (const wake of this.readyWaiters.splice(0)) wake();
  }

  /**
   * Takes up to maxBatch entries and 1 MiB from the buffer, oldest first. On FIFO queues it skips groups
   * with a batch in flight and groups of other partitions than the first entry's, and once it skips a
   * group it skips that group's later entries too, so no message overtakes an earlier one of its group.
   */
  private takeBatch(): Item[] {
    const fifo = this.queue.isFifo;
    const blocked = new Set<string>(fifo ? this.groupsInFlight.keys() : []);
    const taken = new Set<number>();
    const batch: Item[] = [];
    let bytes = 0;
    let partition: number | undefined;
    for (let i = 0; i < this.buffer.length && batch.length < this.maxBatch; i++) {
      const item = this.buffer[i];
      if (item === undefined) continue;
      if (fifo) {
        if (blocked.has(item.groupId)) continue;
        const p = this.queue.partitionOf(item.groupId) ?? 0;
        partition ??= p;
        if (p !== partition || bytes + item.prepared.bytes > limits.batchBytesMax) {
          blocked.add(item.groupId);
          continue;
        }
      } else if (bytes + item.prepared.bytes > limits.batchBytesMax) {
        break;
      }
      batch.push(item);
      taken.add(i);
      bytes += item.prepared.bytes;
    }
    if (taken.size > 0) {
      const rest = this.buffer.filter((_item, i) => !taken.has(i));
      this.buffer.splice(0, this.buffer.length, ...rest);
    }
    return batch;
  }

  private dispatch(batch: Item[]): void {
    this.inFlight += 1;
    const groups = this.queue.isFifo ? [...new Set(batch.map((item) => item.groupId))] : [];
    for (const g of groups) this.groupsInFlight.set(g, (this.groupsInFlight.get(g) ?? 0) + 1);
    this.sendBatch(batch)
      .catch((err: unknown) => {
        const error = asClientError(err);
        for (const item of batch) item.reject(error);
      })
      .finally(() => {
        this.inFlight -= 1;
        for (const g of groups) {
          const n = (this.groupsInFlight.get(g) ?? 1) - 1;
          if (n === 0) this.groupsInFlight.delete(g);
          else this.groupsInFlight.set(g, n);
        }
        this.pump();
      });
  }

  private async sendBatch(batch: Item[]): Promise<void> {
    const entries = await Promise.all(
      batch.map(async (item, i) => ({ id: String(i), ...(await this.queue.withDedupId(item.prepared)) })),
    );
    batch.forEach((item, i) => {
      const entry = entries[i];
      if (entry !== undefined && item.prepared.needsDedupId) {
        item.prepared = { entry, bytes: item.prepared.bytes, needsDedupId: false };
      }
    });
    const results = await this.queue.sendPreparedBatch(
      entries,
      this.options.deadlineMs === undefined ? {} : { deadlineMs: this.options.deadlineMs },
    );
    const resend: Item[] = [];
    results.forEach((result, i) => {
      const item = batch[i];
      if (item === undefined) return;
      if (result.ok) item.resolve(result.result);
      else if (!result.senderFault && !this.queue.isFifo && item.failures + 1 < entryAttemptsMax) {
        // A server-side failure of one entry of a standard queue: send it again with a later batch.
        // FIFO entries are not, since a resend would land after later messages of the same group.
        item.failures += 1;
        resend.push(item);
      } else item.reject(result.error);
    });
    this.buffer.unshift(...resend);
  }
}

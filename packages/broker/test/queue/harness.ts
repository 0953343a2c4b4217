import { MemoryKeyspace } from "@millrace/testkit";
import { expect } from "vitest";
import {
  QueuePartition,
  defaultQueueConfig,
  encodeQueueCommand,
  findGarbage,
  findOverReceived,
  findReceivable,
  type QueueCommand,
  type QueueConfig,
  type QueueResult,
  type ReceivedMessage,
  type SendEntry,
  type SendResult,
} from "../../src/index.js";

export const text = (s: string) => new TextEncoder().encode(s);
export const bodyText = (m: { body: Uint8Array }) => new TextDecoder().decode(m.body);

type Distribute<T> = T extends unknown ? Omit<T, "nowMs"> : never;
export type CommandWithoutTime = Distribute<QueueCommand>;

/**
 * Drives one partition the way the server will: the test plays the leader, stamping time, choosing ids
 * and nonces, and running the leader-side scans before proposing receives and cleanups.
 */
export class Harness {
  readonly partition = new QueuePartition();
  readonly keyspace = new MemoryKeyspace();
  nowMs = 1_700_000_000_000;
  private index = 0;
  private nextId = 1;
  private nextNonce = 1;
  /** Every command applied, so a second replica or a restarted one can replay them. */
  readonly log: Uint8Array[] = [];

  constructor(
    config: Partial<QueueConfig> & { fifo?: boolean } = {},
    readonly queueName = config.fifo ? "q.fifo" : "q",
  ) {
    const full = { ...defaultQueueConfig(config.fifo ?? false), ...config };
    this.mustApply({ type: "configure", queueName, config: full });
  }

  advance(ms: number): void {
    this.nowMs += ms;
  }

  applyBytes(bytes: Uint8Array) {
    this.log.push(bytes);
    return this.partition.apply(++this.index, bytes, this.keyspace);
  }

  apply(cmd: CommandWithoutTime, nowMs = this.nowMs) {
    return this.applyBytes(encodeQueueCommand({ ...cmd, nowMs }));
  }

  mustApply<T extends QueueResult["type"]>(
    cmd: CommandWithoutTime & { type: T },
  ): Extract<QueueResult, { type: T }> {
    const result = this.apply(cmd);
    if (!result.ok) throw new Error(`${cmd.type} rejected: ${result.code} ${result.message}`);
    return result.value as Extract<QueueResult, { type: T }>;
  }

  newMessageId(): string {
    return `m-${this.nextId++}`;
  }

  send(entries: Partial<SendEntry>[]): SendResult {
    return this.mustApply({
      type: "send",
      entries: entries.map((e, i) => ({
        entryId: `e${i}`,
        messageId: this.newMessageId(),
        body: text(`body ${this.nextId}`),
        ...e,
      })),
    });
  }

  sendOne(entry: Partial<SendEntry> = {}) {
    const result = this.send([entry]).entries[0]!;
    if (!result.ok) throw new Error(`send failed: ${result.message}`);
    return result;
  }

  nonce(): Uint8Array {
    const n = this.nextNonce++;
    return new Uint8Array([n & 0xff, (n >> 8) & 0xff, 1, 2, 3, 4, 5, 6]);
  }

  /** Candidates as the partition leader finds them: from the scan floor, which the scan may raise. */
  async candidates(max = 10): Promise<string[]> {
    const { from, token } = this.partition.takeScanFloor();
    return findReceivable(this.keyspace, this.partition.summary, {
      nowMs: this.nowMs,
      max,
      from,
      onLowestKey: (lowest) => this.partition.raiseScanFloor(token, lowest),
    });
  }

  async receive(
    options: { max?: number; visibilityTimeoutSeconds?: number; receiveAttemptId?: string } = {},
  ): Promise<ReceivedMessage[]> {
    const candidates = await this.candidates(options.max ?? 10);
    const result = this.mustApply({
      type: "receive",
      candidates,
      nonce: this.nonce(),
      ...(options.visibilityTimeoutSeconds === undefined
        ? {}
        : { visibilityTimeoutSeconds: options.visibilityTimeoutSeconds }),
      ...(options.receiveAttemptId === undefined ? {} : { receiveAttemptId: options.receiveAttemptId }),
    });
    return [...result.messages];
  }

  deleteHandle(receiptHandle: string) {
    const result = this.mustApply({ type: "delete", entries: [{ entryId: "d", receiptHandle }] });
    return result.entries[0]!;
  }

  changeVisibility(receiptHandle: string, visibilityTimeoutSeconds: number) {
    const result = this.mustApply({
      type: "change-visibility",
      entries: [{ entryId: "c", receiptHandle, visibilityTimeoutSeconds }],
    });
    return result.entries[0]!;
  }

  /** Runs the leader's maintenance to completion: cleanup of purged and expired data, and dead-letter moves. */
  async maintain(): Promise<void> {
    for (;;) {
      const garbage = await findGarbage(this.keyspace, this.partition.summary, this.nowMs, 100);
      if (garbage.messageIds.length === 0 && garbage.recordKeys.length === 0) break;
      this.mustApply({ type: "cleanup", ...garbage });
    }
    const over = await findOverReceived(
      this.keyspace,
      this.partition.summary,
      this.nowMs,
      100,
      this.partition.peekScanFloor(),
    );
    if (over.length > 0) this.mustApply({ type: "dead-letter", messageIds: over });
  }

  counters() {
    const a = this.partition.attributes(this.nowMs);
    return {
      visible: a.approximateNumberOfMessages,
      notVisible: a.approximateNumberOfMessagesNotVisible,
      delayed: a.approximateNumberOfMessagesDelayed,
    };
  }
}

export function expectFailure(result: { ok: boolean; code?: string }, code: string): void {
  expect(result.ok).toBe(false);
  expect(result.code).toBe(code);
}

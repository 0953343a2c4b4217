import { randomUUID } from "node:crypto";
import {
  ErrorCode,
  checkQueueName,
  isFifoName,
  limits,
  partitionOfKey,
  unwrapReceiptHandle,
} from "@millrace/common";
import { loadMillraceProto, type v1 } from "@millrace/proto";
import { MillraceClientError, asClientError, invalidArgument } from "./errors.js";
import {
  encodeAttributes,
  encodeBody,
  messageBytes,
  toReceivedMessage,
  toSendResult,
  type MessageBody,
  type ReceivedMessage,
  type SendOptions,
  type SendResult,
} from "./messages.js";
import {
  consume,
  messages,
  type ConsumeOptions,
  type MessageHandler,
  type MessagesOptions,
} from "./consumer.js";
import { Producer, type ProducerOptions } from "./producer.js";
import type { Logger } from "./logger.js";
import type { RouteTarget } from "./routing.js";
import type { CallOptions, RetryPolicy, Transport } from "./transport.js";
import { checkBatch, checkIdLength, checkIntegerRange } from "./validation.js";

const queueKind = "GROUP_KIND_QUEUE_PARTITION";

/** A validated message before its dedup id is settled, with the bytes it counts toward batch limits. */
export interface PreparedMessage {
  readonly entry: PreparedEntry;
  readonly bytes: number;
  readonly needsDedupId: boolean;
}

/** A validated message, as both SendMessage and SendMessageBatch entries carry it. */
export type PreparedEntry = Omit<v1.SendMessageBatchRequestEntry, "id"> & {
  readonly messageBody: string;
  readonly messageGroupId: string;
};

function service() {
  return loadMillraceProto().millrace.v1.QueueService.service;
}

/**
 * How a FIFO send without a dedupId is made safe to retry:
 * - `auto` (default): ask the queue once whether ContentBasedDeduplication is on; if it is, send no id
 *   (the server deduplicates by body); otherwise generate one.
 * - `generate`: always generate a random id per send (its retries reuse it).
 * - `content-based`: never generate; the queue must have ContentBasedDeduplication.
 */
export type DeduplicationMode = "auto" | "generate" | "content-based";

export interface QueueOptions {
  readonly deduplication?: DeduplicationMode;
}

/** A message to send in a batch; `id` defaults to the entry's index. */
export interface SendBatchEntry extends SendOptions {
  readonly id?: string;
  readonly body: MessageBody;
}

/** One entry's outcome, in the order of the request's entries. */
export type BatchEntryResult<T> =
  | { readonly id: string; readonly ok: true; readonly result: T }
  | {
      readonly id: string;
      readonly ok: false;
      readonly error: MillraceClientError;
      /** True when the entry itself was at fault; false when sending it again unchanged may work. */
      readonly senderFault: boolean;
    };

export interface ReceiveOptions extends CallOptions {
  /** 1..10; default 1. */
  readonly maxMessages?: number;
  /** 0..20 seconds of long polling; unset uses the queue's ReceiveMessageWaitTimeSeconds. */
  readonly waitSeconds?: number;
  /** 0..43200; unset uses the queue's VisibilityTimeout. */
  readonly visibilityTimeoutSeconds?: number;
  /** System attributes to return; default ["All"], so receiveCount and friends are filled in. */
  readonly attributeNames?: readonly string[];
  /** User attributes to return (names, "prefix.*" or "All"); default ["All"]. */
  readonly messageAttributeNames?: readonly string[];
}

export interface VisibilityChange {
  readonly id?: string;
  readonly receiptHandle: string;
  readonly visibilityTimeoutSeconds: number;
}

/** A queue handle from `client.queue(name)`: cheap, holds no connection of its own. */
export class Queue {
  readonly name: string;
  readonly isFifo: boolean;
  private contentBasedDedup: { value: Promise<boolean>; atMs: number } | undefined;

  constructor(
    private readonly transport: Transport,
    name: string,
    private readonly options: QueueOptions = {},
  ) {
    try {
      checkQueueName(name, "queueName");
    } catch (err) {
      throw asClientError(err);
    }
    this.name = name;
    this.isFifo = isFifoName(name);
  }

  /** Sends one message; resolves once it is durable on a quorum of replicas. */
  async send(body: MessageBody, options: SendOptions & CallOptions = {}): Promise<SendResult> {
    const entry = await this.withDedupId(this.prepareEntry(body, options, ""));
    const response = await this.transport.call(
      {
        method: service().SendMessage,
        request: { queueName: this.name, ...entry },
        target: this.sendTarget(entry.messageGroupId),
        retry: "retryable",
      },
      options,
    );
    return toSendResult(response);
  }

  /** Sends 1..10 messages (at most 1 MiB together) in one call; reports each entry's outcome. */
  async sendBatch(
    entries: readonly SendBatchEntry[],
    options: CallOptions = {},
  ): Promise<BatchEntryResult<SendResult>[]> {
    const ids = entries.map((e, i) => e.id ?? String(i));
    checkBatch(ids, "entries");
    const prepared = entries.map((entry, i) => this.prepareEntry(entry.body, entry, `entries[${i}].`));
    const bytes = prepared.reduce((sum, p) => sum + p.bytes, 0);
    if (bytes > limits.batchBytesMax) {
      throw new MillraceClientError(
        ErrorCode.BATCH_TOO_LARGE,
        `entries total ${bytes} bytes; at most ${limits.batchBytesMax} are allowed`,
        { field: "entries" },
      );
    }
    const wire = await Promise.all(
      prepared.map(async (p, i) => ({ id: ids[i] ?? String(i), ...(await this.withDedupId(p)) })),
    );
    return this.sendPreparedBatch(wire, options);
  }

  /**
   * Receives up to `maxMessages` messages, long-polling for `waitSeconds`. On FIFO queues a receive
   * attempt id makes a retried receive return the same messages instead of hiding more.
   */
  async receive(options: ReceiveOptions = {}): Promise<ReceivedMessage[]> {
    const maxMessages = options.maxMessages ?? 1;
    checkIntegerRange(maxMessages, 1, limits.receiveMessagesMax, "maxMessages");
    if (options.waitSeconds !== undefined) {
      checkIntegerRange(options.waitSeconds, 0, limits.waitTimeSecondsMax, "waitSeconds");
    }
    if (options.visibilityTimeoutSeconds !== undefined) {
      checkIntegerRange(
        options.visibilityTimeoutSeconds,
        0,
        limits.visibilityTimeoutSecondsMax,
        "visibilityTimeoutSeconds",
      );
    }
    const waitMs = (options.waitSeconds ?? limits.waitTimeSecondsMax) * 1_000;
    const response = await this.transport.call(
      {
        method: service().ReceiveMessage,
        request: {
          queueName: this.name,
          maxNumberOfMessages: maxMessages,
          ...(options.waitSeconds === undefined ? {} : { waitTimeSeconds: options.waitSeconds }),
          ...(options.visibilityTimeoutSeconds === undefined
            ? {}
            : { visibilityTimeoutSeconds: options.visibilityTimeoutSeconds }),
          messageSystemAttributeNames: [...(options.attributeNames ?? ["All"])],
          messageAttributeNames: [...(options.messageAttributeNames ?? ["All"])],
          receiveRequestAttemptId: this.isFifo ? randomUUID() : "",
        },
        target: this.readTarget(),
        retry: "retryable",
        // A long poll may legitimately take its whole wait time; the default deadline starts after it.
        defaultDeadlineMs: waitMs + this.transport.defaultDeadlineMs,
        // The attempt id is new on the first try: nothing to replay (see Operation.markFirstTry).
        markFirstTry: this.isFifo,
        viaStream: { stream: "consume", field: "receive", lane: "receive" },
      },
      options,
    );
    return response.messages.map(toReceivedMessage);
  }

  async delete(receiptHandle: string, options: CallOptions = {}): Promise<void> {
    if (receiptHandle === "") throw invalidArgument("receiptHandle", "must not be empty");
    await this.transport.call(
      {
        method: service().DeleteMessage,
        request: { queueName: this.name, receiptHandle },
        target: this.handleTarget([receiptHandle]),
        retry: "retryable",
      },
      options,
    );
  }

  /** Deletes 1..10 messages by receipt handle; entry ids are the handles' indexes. */
  async deleteBatch(
    receiptHandles: readonly string[],
    options: CallOptions = {},
  ): Promise<BatchEntryResult<void>[]> {
    const ids = receiptHandles.map((_h, i) => String(i));
    checkBatch(ids, "receiptHandles");
    const response = await this.transport.call(
      {
        method: service().DeleteMessageBatch,
        request: {
          queueName: this.name,
          entries: receiptHandles.map((receiptHandle, i) => ({ id: String(i), receiptHandle })),
        },
        target: this.handleTarget(receiptHandles),
        retry: "retryable",
        viaStream: { stream: "consume", field: "deleteBatch", lane: "other" },
      },
      options,
    );
    return orderResults(
      ids,
      response.successfulIds.map((id) => ({ id })),
      response.failed,
      () => undefined,
    );
  }

  /** Hides a received message for `visibilityTimeoutSeconds` more, counted from now; 0 releases it. */
  async changeVisibility(
    receiptHandle: string,
    visibilityTimeoutSeconds: number,
    options: CallOptions = {},
  ): Promise<void> {
    checkIntegerRange(
      visibilityTimeoutSeconds,
      0,
      limits.visibilityTimeoutSecondsMax,
      "visibilityTimeoutSeconds",
    );
    await this.transport.call(
      {
        method: service().ChangeMessageVisibility,
        request: { queueName: this.name, receiptHandle, visibilityTimeoutSeconds },
        target: this.handleTarget([receiptHandle]),
        retry: visibilityRetry([visibilityTimeoutSeconds]),
      },
      options,
    );
  }

  async changeVisibilityBatch(
    changes: readonly VisibilityChange[],
    options: CallOptions = {},
  ): Promise<BatchEntryResult<void>[]> {
    const ids = changes.map((c, i) => c.id ?? String(i));
    checkBatch(ids, "entries");
    changes.forEach((c, i) =>
      checkIntegerRange(
        c.visibilityTimeoutSeconds,
        0,
        limits.visibilityTimeoutSecondsMax,
        `entries[${i}].visibilityTimeoutSeconds`,
      ),
    );
    const response = await this.transport.call(
      {
        method: service().ChangeMessageVisibilityBatch,
        request: {
          queueName: this.name,
          entries: changes.map((c, i) => ({
            id: ids[i] ?? String(i),
            receiptHandle: c.receiptHandle,
            visibilityTimeoutSeconds: c.visibilityTimeoutSeconds,
          })),
        },
        target: this.handleTarget(changes.map((c) => c.receiptHandle)),
        retry: visibilityRetry(changes.map((c) => c.visibilityTimeoutSeconds)),
        viaStream: { stream: "consume", field: "changeVisibilityBatch", lane: "other" },
      },
      options,
    );
    return orderResults(
      ids,
      response.successfulIds.map((id) => ({ id })),
      response.failed,
      () => undefined,
    );
  }

  /** The queue's attributes by SQS name; `names` defaults to all of them. */
  async getAttributes(
    names: readonly string[] = ["All"],
    options: CallOptions = {},
  ): Promise<Record<string, string>> {
    const response = await this.transport.call(
      {
        method: service().GetQueueAttributes,
        request: { queueName: this.name, attributeNames: [...names] },
        target: this.readTarget(),
        retry: "retryable",
      },
      options,
    );
    return { ...response.attributes };
  }

  async setAttributes(
    attributes: Readonly<Record<string, string>>,
    options: CallOptions = {},
  ): Promise<void> {
    await this.transport.call(
      {
        method: service().SetQueueAttributes,
        request: { queueName: this.name, attributes: { ...attributes } },
        target: this.readTarget(),
        retry: "retryable",
      },
      options,
    );
    if ("ContentBasedDeduplication" in attributes) this.contentBasedDedup = undefined;
  }

  async purge(options: CallOptions = {}): Promise<void> {
    await this.transport.call(
      {
        method: service().PurgeQueue,
        request: { queueName: this.name },
        target: this.readTarget(),
        retry: "retryable",
      },
      options,
    );
  }

  async tag(tags: Readonly<Record<string, string>>, options: CallOptions = {}): Promise<void> {
    await this.transport.call(
      {
        method: service().TagQueue,
        request: { queueName: this.name, tags: { ...tags } },
        target: this.readTarget(),
        retry: "retryable",
      },
      options,
    );
  }

  async untag(tagKeys: readonly string[], options: CallOptions = {}): Promise<void> {
    await this.transport.call(
      {
        method: service().UntagQueue,
        request: { queueName: this.name, tagKeys: [...tagKeys] },
        target: this.readTarget(),
        retry: "retryable",
      },
      options,
    );
  }

  async listTags(options: CallOptions = {}): Promise<Record<string, string>> {
    const response = await this.transport.call(
      {
        method: service().ListQueueTags,
        request: { queueName: this.name },
        target: this.readTarget(),
        retry: "retryable",
      },
      options,
    );
    return { ...response.tags };
  }

  get logger(): Logger {
    return this.transport.logger;
  }

  /** Long-polls and yields messages one by one until `signal` aborts; see consumer.ts. */
  messages(options: MessagesOptions = {}): AsyncIterableIterator<ReceivedMessage> {
    return messages(this, options);
  }

  /** Runs `handler` on every message with bounded concurrency until `signal` aborts; see consumer.ts. */
  consume(handler: MessageHandler, options: ConsumeOptions = {}): Promise<void> {
    return consume(this, handler, options);
  }

  /** A batching producer for this queue; see producer.ts. */
  producer(options: ProducerOptions = {}): Producer {
    return new Producer(this, options);
  }

  /** The partition a FIFO message group belongs to, or undefined when the routing table lists none. */
  partitionOf(groupId: string): number | undefined {
    const partitions = this.transport.router.partitionCount(queueKind, this.name);
    return partitions === 0 ? undefined : partitionOfKey(groupId, partitions);
  }

  /** Sends go to a leader: for FIFO the leader of the group's partition, otherwise any partition's. */
  private sendTarget(groupId: string): RouteTarget {
    if (this.isFifo && groupId !== "") {
      const partition = this.partitionOf(groupId);
      if (partition !== undefined) {
        return { type: "group", kind: queueKind, resourceName: this.name, partition };
      }
    }
    return this.readTarget();
  }

  /**
   * Calls on receipt handles go to the leader of the partition that issued them, named by the handles
   * (a guess: a stale one costs the node a forward, as any node would). Handles of several partitions,
   * or of one the routing table does not list, go where reads go.
   */
  private handleTarget(receiptHandles: readonly string[]): RouteTarget {
    const partitions = new Set(receiptHandles.map((h) => this.partitionOfHandle(h)));
    const [partition] = partitions;
    return partitions.size === 1 && partition !== undefined
      ? { type: "group", kind: queueKind, resourceName: this.name, partition }
      : this.readTarget();
  }

  /** The partition whose group issued `receiptHandle`, when the handle and the routing table tell. */
  partitionOfHandle(receiptHandle: string): number | undefined {
    const groupId = unwrapReceiptHandle(receiptHandle)?.groupId;
    return groupId === undefined
      ? undefined
      : this.transport.router.partitionOfGroup(queueKind, this.name, groupId);
  }

  /** Everything else may go to any node; one leading a partition of the queue saves the gateway a hop. */
  private readTarget(): RouteTarget {
    return { type: "resource", kind: queueKind, resourceName: this.name };
  }

  /**
   * Validates one message; `field` prefixes field names in errors. A FIFO entry without a dedupId comes
   * back with `needsDedupId` set, for `withDedupId` to fill in before its first attempt.
   */
  prepareEntry(body: MessageBody, options: SendOptions, field: string): PreparedMessage {
    const text = encodeBody(body, `${field}body`);
    const messageAttributes = encodeAttributes(options.messageAttributes, `${field}messageAttributes`);
    const bytes = messageBytes(text, messageAttributes);
    if (bytes > limits.messageBodyBytesMax) {
      throw new MillraceClientError(
        ErrorCode.PAYLOAD_TOO_LARGE,
        `${field}body and attributes total ${bytes} bytes; at most ${limits.messageBodyBytesMax} are allowed`,
        { field: `${field}body` },
      );
    }
    if (options.delaySeconds !== undefined) {
      checkIntegerRange(options.delaySeconds, 0, limits.delaySecondsMax, `${field}delaySeconds`);
    }
    if (this.isFifo && options.groupId === undefined) {
      throw invalidArgument(`${field}groupId`, "is required on FIFO queues");
    }
    const groupId = options.groupId ?? "";
    if (options.groupId !== undefined)
      checkIdLength(groupId, limits.messageGroupIdLengthMax, `${field}groupId`);
    if (options.dedupId !== undefined)
      checkIdLength(options.dedupId, limits.dedupIdLengthMax, `${field}dedupId`);
    const entry: PreparedEntry = {
      messageBody: text,
      messageAttributes,
      ...(options.delaySeconds === undefined ? {} : { delaySeconds: options.delaySeconds }),
      messageSystemAttributes:
        options.traceHeader === undefined
          ? {}
          : { AWSTraceHeader: { dataType: "String", stringValue: options.traceHeader } },
      messageDeduplicationId: options.dedupId ?? "",
      messageGroupId: groupId,
    };
    return { entry, bytes, needsDedupId: this.isFifo && options.dedupId === undefined };
  }

  /** The entry with its generated dedup id, decided once so that every retry carries the same one. */
  async withDedupId(prepared: PreparedMessage): Promise<PreparedEntry> {
    if (!prepared.needsDedupId) return prepared.entry;
    return { ...prepared.entry, messageDeduplicationId: await this.generatedDedupId() };
  }

  /** SendMessageBatch of entries already validated and given dedup ids (sendBatch and the producer). */
  async sendPreparedBatch(
    entries: readonly (PreparedEntry & { readonly id: string })[],
    options: CallOptions,
  ): Promise<BatchEntryResult<SendResult>[]> {
    const response = await this.transport.call(
      {
        method: service().SendMessageBatch,
        request: { queueName: this.name, entries: [...entries] },
        target: this.sendTarget(entries[0]?.messageGroupId ?? ""),
        retry: "retryable",
        viaStream: { stream: "send", field: "batch", lane: "send" },
      },
      options,
    );
    return orderResults(
      entries.map((e) => e.id),
      response.successful,
      response.failed,
      (s) =>
        toSendResult({
          messageId: s.messageId,
          md5OfMessageBody: s.md5OfMessageBody,
          md5OfMessageAttributes: s.md5OfMessageAttributes,
          sequenceNumber: s.sequenceNumber,
        }),
    );
  }

  /** A fresh dedup id, or "" when the queue deduplicates by content (see DeduplicationMode). */
  private async generatedDedupId(): Promise<string> {
    const mode = this.options.deduplication ?? "auto";
    if (mode === "generate") return randomUUID();
    if (mode === "content-based") return "";
    return (await this.hasContentBasedDedup()) ? "" : randomUUID();
  }

  /**
   * Asked once per minute at most. If the lookup fails the SDK generates ids: an explicit id is always
   * accepted, content-based or not, so that choice can only cost the body-based deduplication.
   */
  private hasContentBasedDedup(): Promise<boolean> {
    const cacheMs = 60_000;
    const now = Date.now();
    if (this.contentBasedDedup === undefined || now - this.contentBasedDedup.atMs > cacheMs) {
      const value = this.getAttributes(["ContentBasedDeduplication"]).then(
        (attributes) => attributes["ContentBasedDeduplication"] === "true",
        () => false,
      );
      this.contentBasedDedup = { value, atMs: now };
    }
    return this.contentBasedDedup.value;
  }
}

/** Pairs a batch response with the request's ids, in request order. */
function orderResults<S extends { id: string }, T>(
  ids: readonly string[],
  successful: readonly S[],
  failed: readonly v1.BatchEntryError__Output[],
  toResult: (entry: S) => T,
): BatchEntryResult<T>[] {
  const ok = new Map(successful.map((s) => [s.id, s]));
  const bad = new Map(failed.map((f) => [f.id, f]));
  return ids.map((id): BatchEntryResult<T> => {
    const success = ok.get(id);
    if (success !== undefined) return { id, ok: true, result: toResult(success) };
    const failure = bad.get(id);
    if (failure !== undefined) {
      const code = Object.hasOwn(ErrorCode, failure.code) ? (failure.code as ErrorCode) : ErrorCode.INTERNAL;
      return {
        id,
        ok: false,
        error: new MillraceClientError(code, failure.message || undefined, {
          retryable: !failure.senderFault,
        }),
        senderFault: failure.senderFault,
      };
    }
    return {
      id,
      ok: false,
      error: new MillraceClientError(ErrorCode.INTERNAL, "the server reported nothing for this entry"),
      senderFault: false,
    };
  });
}

/**
 * Extending a lease again after a lost answer does no harm. Releasing one (timeout 0) is retried only when
 * the first attempt certainly did not run: if it did, the message is visible and a second attempt answers
 * MESSAGE_NOT_INFLIGHT, reporting a release that worked as a failure.
 */
function visibilityRetry(timeouts: readonly number[]): RetryPolicy {
  return timeouts.includes(0) ? "not-applied" : "retryable";
}

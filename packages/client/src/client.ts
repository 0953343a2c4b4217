import {
  credentials as grpcCredentials,
  Metadata,
  type ChannelCredentials,
  type ChannelOptions,
} from "@grpc/grpc-js";
import { checkQueueName } from "@millrace/common";
import { loadMillraceProto, type v1 } from "@millrace/proto";
import { Admin } from "./admin.js";
import { resolveRetryOptions, type RetryOptions } from "./backoff.js";
import { ChannelPool } from "./channels.js";
import { asClientError, invalidArgument } from "./errors.js";
import { Log } from "./log.js";
import { silentLogger, type Logger } from "./logger.js";
import {
  moveTasksListedMax,
  startRequest,
  toMessageMoveTask,
  type MessageMoveTask,
  type StartMessageMoveTaskOptions,
} from "./move-tasks.js";
import { Queue, type QueueOptions } from "./queue.js";
import { anyNode, Router } from "./routing.js";
import { RoutingFollower } from "./routing-follower.js";
import { StatusHub, type StatusEvent } from "./status.js";
import { Transport, type CallOptions } from "./transport.js";
import { checkIntegerRange } from "./validation.js";

export interface ConnectOptions {
  /** host:port of one or more nodes; any node serves every call. At least one. */
  readonly endpoints: readonly string[];
  /** Each call's default budget, retries included. Default 30000 ms. */
  readonly deadlineMs?: number;
  /** How long connect() tries the endpoints for a first routing table. Default 10000 ms. */
  readonly connectTimeoutMs?: number;
  readonly retry?: RetryOptions;
  /** gRPC channel credentials; default insecure (plaintext). Use `credentials.createSsl(...)` for TLS. */
  readonly credentials?: ChannelCredentials;
  /** Extra grpc-js channel options, e.g. keepalive settings. */
  readonly channelOptions?: ChannelOptions;
  /** Sent with every call, e.g. access keys. */
  readonly metadata?: Readonly<Record<string, string>>;
  /** Where the SDK reports what it handles by itself; pino-compatible. Default silent. */
  readonly logger?: Logger;
  /** How often to fetch the routing table when the servers cannot stream it. Default 5000 ms. */
  readonly routingPollIntervalMs?: number;
}

export interface CreateQueueOptions extends CallOptions {
  readonly attributes?: Readonly<Record<string, string>>;
  readonly tags?: Readonly<Record<string, string>>;
}

/** A queue as lists and lookups describe it. */
export interface QueueInfo {
  readonly name: string;
  readonly url: string;
  readonly arn: string;
}

/** Pages fetched per listing at most, so a server that never ends a listing cannot loop the client. */
const pagesMax = 10_000;

/**
 * A connection to a Millrace cluster: routes each call to the node that leads its data, retries with
 * backoff, and follows the cluster's routing table. Create it with `connect()`, end it with `close()`.
 */
export class MillraceClient {
  readonly admin: Admin;
  readonly log: Log;
  private readonly hub: StatusHub;
  private readonly transport: Transport;
  private readonly follower: RoutingFollower;
  private closing: Promise<void> | undefined;

  /** @internal use connect() */
  constructor(options: ConnectOptions) {
    if (options.endpoints.length === 0)
      throw invalidArgument("endpoints", "must list at least one host:port");
    options.endpoints.forEach((e, i) => {
      if (!/^[^\s]+:\d+$/.test(e)) throw invalidArgument(`endpoints[${i}]`, "must be host:port");
    });
    const deadlineMs = options.deadlineMs ?? 30_000;
    checkIntegerRange(deadlineMs, 1, 2 ** 31 - 1, "deadlineMs");
    const pollIntervalMs = options.routingPollIntervalMs ?? 5_000;
    checkIntegerRange(pollIntervalMs, 1, 2 ** 31 - 1, "routingPollIntervalMs");
    const retry = resolveRetryOptions(options.retry);
    const logger = options.logger ?? silentLogger;
    const metadata = new Metadata();
    for (const [key, value] of Object.entries(options.metadata ?? {})) metadata.set(key, value);
    this.hub = new StatusHub();
    const router = new Router(options.endpoints, (event) => this.hub.emit(event));
    const channels = new ChannelPool(
      options.credentials ?? grpcCredentials.createInsecure(),
      options.channelOptions,
    );
    this.transport = new Transport({
      channels,
      router,
      retry,
      deadlineMs,
      metadata,
      logger,
      refreshRouting: () => this.follower.refresh(),
    });
    this.follower = new RoutingFollower({
      transport: this.transport,
      retry,
      emit: (event) => this.hub.emit(event),
      logger,
      pollIntervalMs,
    });
    this.admin = new Admin(this.transport, (table) => router.update(table));
    this.log = new Log(this.transport);
  }

  /** @internal the first routing table, then the watch. */
  async start(connectTimeoutMs: number): Promise<void> {
    await this.follower.fetch({ deadlineMs: connectTimeoutMs });
    this.follower.start();
  }

  /** Listens to lifecycle events; returns a function that stops listening. */
  on(event: "status", listener: (event: StatusEvent) => void): () => void {
    this.hub.emitter.on(event, listener);
    return () => this.hub.emitter.off(event, listener);
  }

  /** Lifecycle events as an async iterator, until the client closes or `signal` aborts. */
  status(options: { readonly signal?: AbortSignal } = {}): AsyncIterableIterator<StatusEvent> {
    return this.hub.iterate(options.signal);
  }

  /** A handle on a queue; validates the name, makes no call. */
  queue(name: string, options: QueueOptions = {}): Queue {
    return new Queue(this.transport, name, options);
  }

  /** Creates a queue (idempotent when the attributes match) and returns its handle. */
  async createQueue(name: string, options: CreateQueueOptions = {}): Promise<Queue> {
    validateQueueName(name);
    await this.transport.call(
      {
        method: queueService().CreateQueue,
        request: { queueName: name, attributes: { ...options.attributes }, tags: { ...options.tags } },
        target: anyNode,
        retry: "retryable",
      },
      options,
    );
    return this.queue(name);
  }

  async deleteQueue(name: string, options: CallOptions = {}): Promise<void> {
    validateQueueName(name);
    await this.transport.call(
      {
        method: queueService().DeleteQueue,
        request: { queueName: name },
        target: { type: "resource", kind: "GROUP_KIND_QUEUE_PARTITION", resourceName: name },
        retry: "retryable",
      },
      options,
    );
  }

  async getQueueUrl(name: string, options: CallOptions = {}): Promise<QueueInfo> {
    validateQueueName(name);
    const response = await this.transport.call(
      {
        method: queueService().GetQueueUrl,
        request: { queueName: name },
        target: anyNode,
        retry: "retryable",
      },
      options,
    );
    return toQueueInfo(response.queue);
  }

  /** Every queue whose name starts with `prefix`, in name order, page by page as the loop asks. */
  async *listQueues(
    options: CallOptions & { readonly prefix?: string; readonly pageSize?: number } = {},
  ): AsyncGenerator<QueueInfo, void> {
    let nextToken = "";
    for (let page = 0; page < pagesMax; page++) {
      const response = await this.transport.call(
        {
          method: queueService().ListQueues,
          request: {
            queueNamePrefix: options.prefix ?? "",
            page: { maxResults: options.pageSize ?? 0, nextToken },
          },
          target: anyNode,
          retry: "retryable",
        },
        options,
      );
      for (const queue of response.queues) yield toQueueInfo(queue);
      nextToken = response.page?.nextToken ?? "";
      if (nextToken === "") return;
    }
  }

  /** Every queue whose name starts with `prefix`, as an array. */
  async listQueueNames(options: CallOptions & { readonly prefix?: string } = {}): Promise<string[]> {
    const names: string[] = [];
    for await (const queue of this.listQueues(options)) names.push(queue.name);
    return names;
  }

  /**
   * Starts moving the messages of a dead-letter queue (StartMessageMoveTask): back to the queues they
   * were dead-lettered from, or to `destination`. Only messages in the queue when the task starts are
   * moved. A queue has at most one active task (a second start is FAILED_PRECONDITION). Not retried after
   * an unknown outcome: list the source's tasks to see whether it started.
   */
  async startMessageMoveTask(options: StartMessageMoveTaskOptions): Promise<{ taskHandle: string }> {
    const response = await this.transport.call(
      {
        method: queueService().StartMessageMoveTask,
        request: startRequest(options),
        target: anyNode,
        retry: "not-applied",
      },
      options,
    );
    return { taskHandle: response.taskHandle };
  }

  /** A dead-letter queue's most recent move tasks (by name or ARN), newest first: `maxResults` 1..10, default 10. */
  async listMessageMoveTasks(
    source: string,
    options: CallOptions & { readonly maxResults?: number } = {},
  ): Promise<MessageMoveTask[]> {
    if (source === "") throw invalidArgument("source", "must name a queue");
    const maxResults = options.maxResults ?? moveTasksListedMax;
    checkIntegerRange(maxResults, 1, moveTasksListedMax, "maxResults");
    const response = await this.transport.call(
      {
        method: queueService().ListMessageMoveTasks,
        request: { sourceArn: source, maxResults },
        target: anyNode,
        retry: "retryable",
      },
      options,
    );
    return response.tasks.map(toMessageMoveTask);
  }

  /**
   * Asks a running task to stop (CancelMessageMoveTask): it turns CANCELLING, then CANCELLED; messages
   * already moved stay moved. An unknown handle is NOT_FOUND; a finished task, FAILED_PRECONDITION.
   */
  async cancelMessageMoveTask(
    taskHandle: string,
    options: CallOptions = {},
  ): Promise<{ approximateNumberOfMessagesMoved: number }> {
    if (taskHandle === "") throw invalidArgument("taskHandle", "must not be empty");
    const response = await this.transport.call(
      {
        method: queueService().CancelMessageMoveTask,
        request: { taskHandle },
        target: anyNode,
        retry: "retryable",
      },
      options,
    );
    return { approximateNumberOfMessagesMoved: Number(response.approximateNumberOfMessagesMoved) };
  }

  /** The routing table version the client holds; -1 before the first. */
  get routingVersion(): bigint {
    return this.transport.router.tableVersion;
  }

  /** Stops following routes and closes every channel; calls in flight reject. Safe to call twice. */
  close(): Promise<void> {
    this.closing ??= (async () => {
      await this.follower.close();
      this.transport.sendStreams.close();
      this.transport.consumeStreams.close();
      this.transport.channels.close();
      this.hub.emit({ type: "closed" });
    })();
    return this.closing;
  }
}

/**
 * Connects to a cluster: fetches the routing table from the first endpoint that answers (trying them in
 * turn within `connectTimeoutMs`), then follows it in the background. Rejects when none answers.
 */
export async function connect(options: ConnectOptions): Promise<MillraceClient> {
  const client = new MillraceClient(options);
  const connectTimeoutMs = options.connectTimeoutMs ?? 10_000;
  checkIntegerRange(connectTimeoutMs, 1, 2 ** 31 - 1, "connectTimeoutMs");
  try {
    await client.start(connectTimeoutMs);
  } catch (err) {
    await client.close();
    throw asClientError(err);
  }
  return client;
}

function queueService() {
  return loadMillraceProto().millrace.v1.QueueService.service;
}

function validateQueueName(name: string): void {
  try {
    checkQueueName(name, "queueName");
  } catch (err) {
    throw asClientError(err);
  }
}

function toQueueInfo(queue: v1.Queue__Output | null): QueueInfo {
  return { name: queue?.name ?? "", url: queue?.url ?? "", arn: queue?.arn ?? "" };
}

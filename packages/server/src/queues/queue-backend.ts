import {
  ErrorCode,
  MillraceError,
  isFifoName,
  isMillraceError,
  partitionOfKey,
  unwrapReceiptHandle,
  wrapReceiptHandle,
  type ErrorCode as Code,
} from "@millrace/common";
import {
  formatQueueAttributes,
  parseQueueAttributes,
  partitionConfig,
  redriveAllows,
  type MessageAttributes,
  type QueueConfig,
} from "@millrace/broker";
import { invalid, type GatewayCallContext, type QueueBackend } from "@millrace/gateway";
import { type v1 } from "@millrace/proto";
import {
  type GroupRecord,
  type MetaCommand,
  type MetaResult,
  type MetaStateMachine,
  type MoveTaskRecord,
  type ResourceRecord,
} from "@millrace/router";
import { type MetaOp } from "../node/controller.js";
import { metaGroupId } from "../node/group-ids.js";
import { type PartitionRouter } from "../node/partition-router.js";
import { MessageMoveTasks } from "./move-task-api.js";
import { queueArn, queueUrl } from "./queue-names.js";
import {
  isIdempotent,
  waitMsMax,
  type EntryOutcome,
  type PartitionStats,
  type QueueOp,
  type ReceivedMessage,
  type SendInput,
  type SendOutcome,
} from "./queue-ops.js";
import { deadLetterSourcesOf } from "./redrive-targets.js";

/** Millrace's own CreateQueue attribute: how many partitions (Raft groups) the queue spreads over. */
export const partitionsAttribute = "Partitions";
const partitionsMax = 64;
const listPageMax = 1000;

export interface QueueBackendDeps {
  readonly nodeId: number;
  readonly meta: MetaStateMachine;
  readonly partitions: PartitionRouter;
  /** Proposes a meta command on the meta leader, wherever it is. */
  proposeMeta(command: MetaCommand, ctx: GatewayCallContext): Promise<MetaResult>;
  /** Looks a queue up in the meta leader's catalog (which a create through another node has reached). */
  lookupOnLeader(
    name: string,
    ctx: GatewayCallContext,
  ): Promise<{ resource: ResourceRecord; groups: GroupRecord[] } | null>;
  /** This node's HTTP address, for queue URLs. */
  readonly httpAddress: string;
  /** The node-liveness window the controller uses, so new queues are placed on live nodes only. */
  readonly deadNodeAfterMs: number;
  /**
   * Fires when the node stops taking client calls: long polls end their waits and answer with what they
   * have, no messages, as a wait that ran its course does, instead of holding the stop until they are
   * cancelled.
   */
  readonly stopping?: AbortSignal;
}

/**
 * QueueService on a node: queue definitions live in the meta group's catalog; messages live in the
 * queue's partitions, each a Raft group reached through the partition router (here when this node leads
 * it, else forwarded to its leader). Standard queues spread sends over partitions, preferring ones led
 * here; FIFO queues hash the message group id. A short poll looks at every partition; a long poll looks
 * at those led here, then waits on them all and receives from the first that has a message.
 */
export class QueueBackendImpl implements QueueBackend {
  private roundRobin = 0;
  private readonly moveTasks: MessageMoveTasks;
  /**
   * The long polls waiting now, each by the controller that ends its wait: the node's stop ends them all
   * through one listener, where one per poll on the node's signal would be hundreds.
   */
  private readonly waits = new Set<AbortController>();

  constructor(private readonly d: QueueBackendDeps) {
    d.stopping?.addEventListener(
      "abort",
      () => {
        for (const wait of this.waits) wait.abort(new Error("the node is stopping"));
      },
      { once: true },
    );
    this.moveTasks = new MessageMoveTasks({
      meta: d.meta,
      proposeMeta: (command, ctx) => d.proposeMeta(command, ctx),
      resolve: (name, field, ctx) => this.resolve(name, ctx, field),
      visibleMessages: async (groups, ctx) => {
        const stats = (await Promise.all(
          groups.map((g) => this.partitionCall(g.groupId, { type: "stats" }, ctx)),
        )) as PartitionStats[];
        return stats.reduce((sum, p) => sum + p.visible, 0);
      },
      tasksOnLeader: (sourceQueue, ctx) =>
        d.partitions.call(metaGroupId, { type: "move-tasks", sourceQueue } satisfies MetaOp, ctx, {
          idempotent: true,
        }) as Promise<MoveTaskRecord[]>,
      taskOnLeader: (taskHandle, ctx) =>
        d.partitions.call(metaGroupId, { type: "move-task", taskHandle } satisfies MetaOp, ctx, {
          idempotent: true,
        }) as Promise<MoveTaskRecord | null>,
    });
  }

  async CreateQueue(
    r: v1.CreateQueueRequest__Output,
    ctx: GatewayCallContext,
  ): Promise<v1.CreateQueueResponse> {
    const fifo = isFifoName(r.queueName);
    const attributes = { ...r.attributes };
    if ((attributes["FifoQueue"] === "true") !== fifo) {
      throw invalid(
        "attributes.FifoQueue",
        fifo
          ? "must be true for a queue name ending in .fifo"
          : "may be true only for a queue name ending in .fifo",
      );
    }
    const partitions = parsePartitions(attributes[partitionsAttribute]);
    const { [partitionsAttribute]: _partitions, ...sqsAttributes } = attributes;
    const config = parseConfig(sqsAttributes, fifo);
    this.checkRedriveAllowed(r.queueName, sqsAttributes, config);
    if (this.d.meta.cluster === undefined) {
      // The founders have not recorded the cluster yet (it is seconds old): worth retrying shortly.
      throw new MillraceError(ErrorCode.UNAVAILABLE, "the cluster is still starting; retry shortly");
    }
    const result = await this.d.proposeMeta(
      {
        type: "create-resource",
        nowMs: Date.now(),
        kind: "queue",
        name: r.queueName,
        attributes,
        tags: r.tags,
        partitions,
        deadAfterMs: this.d.deadNodeAfterMs,
      },
      ctx,
    );
    if (result.type !== "create-resource")
      throw new MillraceError(ErrorCode.INTERNAL, "unexpected meta result");
    // The queue answers once every partition has a leader that knows its attributes.
    await Promise.all(
      result.groups.map((g) =>
        this.partitionCall(
          g.groupId,
          // Each partition enforces its share of the queue's in-flight cap.
          {
            type: "configure",
            queueName: r.queueName,
            config: partitionConfig(config, result.groups.length),
          },
          ctx,
        ),
      ),
    );
    return { queue: this.describe(r.queueName) };
  }

  async DeleteQueue(
    r: v1.DeleteQueueRequest__Output,
    ctx: GatewayCallContext,
  ): Promise<v1.DeleteQueueResponse> {
    await this.resolve(r.queueName, ctx);
    await this.d.proposeMeta(
      { type: "delete-resource", nowMs: Date.now(), kind: "queue", name: r.queueName },
      ctx,
    );
    return {};
  }

  ListQueues(r: v1.ListQueuesRequest__Output): Promise<v1.ListQueuesResponse> {
    const max = r.page?.maxResults || listPageMax;
    const after = r.page?.nextToken ?? "";
    const names = [...this.d.meta.resources.values()]
      .filter((q) => q.kind === "queue" && q.name.startsWith(r.queueNamePrefix) && q.name > after)
      .map((q) => q.name)
      .sort();
    const page = names.slice(0, max);
    const more = names.length > max;
    return Promise.resolve({
      queues: page.map((name) => this.describe(name)),
      page: { nextToken: more ? (page[page.length - 1] as string) : "" },
    });
  }

  async GetQueueUrl(
    r: v1.GetQueueUrlRequest__Output,
    ctx: GatewayCallContext,
  ): Promise<v1.GetQueueUrlResponse> {
    await this.resolve(r.queueName, ctx);
    return { queue: this.describe(r.queueName) };
  }

  async GetQueueAttributes(
    r: v1.GetQueueAttributesRequest__Output,
    ctx: GatewayCallContext,
  ): Promise<v1.GetQueueAttributesResponse> {
    const { resource, groups } = await this.resolve(r.queueName, ctx);
    const config = parseConfig(withoutPartitions(resource.attributes), isFifoName(resource.name));
    const all: Record<string, string> = {
      ...formatQueueAttributes(config, queueArn),
      QueueArn: queueArn(resource.name),
      CreatedTimestamp: String(Math.floor(resource.createdAtMs / 1000)),
      LastModifiedTimestamp: String(Math.floor((resource.modifiedAtMs ?? resource.createdAtMs) / 1000)),
      [partitionsAttribute]: String(resource.partitions),
    };
    for (const key of ["Policy", "RedriveAllowPolicy", "KmsMasterKeyId", "SqsManagedSseEnabled"]) {
      const value = resource.attributes[key];
      if (value !== undefined) all[key] = value;
    }
    const wanted = r.attributeNames.length === 0 ? ["All"] : r.attributeNames;
    if (wanted.some((n) => n === "All" || n.startsWith("Approximate"))) {
      const stats = (await Promise.all(
        groups.map((g) => this.partitionCall(g.groupId, { type: "stats" }, ctx)),
      )) as PartitionStats[];
      all["ApproximateNumberOfMessages"] = String(stats.reduce((s, p) => s + p.visible, 0));
      all["ApproximateNumberOfMessagesNotVisible"] = String(stats.reduce((s, p) => s + p.notVisible, 0));
      all["ApproximateNumberOfMessagesDelayed"] = String(stats.reduce((s, p) => s + p.delayed, 0));
    }
    if (wanted.includes("All")) return { attributes: all };
    const picked: Record<string, string> = {};
    for (const name of wanted) {
      // Own keys only: `all[name]` answered "constructor" with Object's source text.
      const value = Object.hasOwn(all, name) ? all[name] : undefined;
      if (value === undefined)
        throw invalid("attribute_names", `has an unknown attribute name ${name.slice(0, 64)}`);
      picked[name] = value;
    }
    return { attributes: picked };
  }

  async SetQueueAttributes(
    r: v1.SetQueueAttributesRequest__Output,
    ctx: GatewayCallContext,
  ): Promise<v1.SetQueueAttributesResponse> {
    const { resource, groups } = await this.resolve(r.queueName, ctx);
    if (partitionsAttribute in r.attributes)
      throw invalid(`attributes.${partitionsAttribute}`, "is fixed when the queue is created");
    const fifo = isFifoName(resource.name);
    const base = parseConfig(withoutPartitions(resource.attributes), fifo);
    const merged = parseConfig(r.attributes, fifo, base);
    this.checkRedriveAllowed(resource.name, r.attributes, merged);
    await this.d.proposeMeta(
      { type: "set-resource-attributes", kind: "queue", name: resource.name, attributes: r.attributes },
      ctx,
    );
    await Promise.all(
      groups.map((g) =>
        this.partitionCall(
          g.groupId,
          { type: "configure", queueName: resource.name, config: partitionConfig(merged, groups.length) },
          ctx,
        ),
      ),
    );
    return {};
  }

  async SendMessage(
    r: v1.SendMessageRequest__Output,
    ctx: GatewayCallContext,
  ): Promise<v1.SendMessageResponse> {
    const [outcome] = await this.send(r.queueName, [{ ...r, id: "0" }], ctx);
    if (outcome === undefined) throw new MillraceError(ErrorCode.INTERNAL, "no result for the message");
    if (!outcome.ok)
      throw new MillraceError(
        outcome.code,
        outcome.message,
        outcome.field === undefined ? {} : { details: { field: outcome.field } },
      );
    return {
      messageId: outcome.messageId,
      md5OfMessageBody: outcome.md5OfMessageBody,
      md5OfMessageAttributes: outcome.md5OfMessageAttributes ?? "",
      md5OfMessageSystemAttributes: outcome.md5OfMessageSystemAttributes ?? "",
      sequenceNumber: outcome.sequenceNumber ?? "",
    };
  }

  async SendMessageBatch(
    r: v1.SendMessageBatchRequest__Output,
    ctx: GatewayCallContext,
  ): Promise<v1.SendMessageBatchResponse> {
    const outcomes = await this.send(r.queueName, r.entries, ctx);
    return {
      successful: outcomes
        .filter((o) => o.ok)
        .map((o) => ({
          id: o.entryId,
          messageId: o.messageId,
          md5OfMessageBody: o.md5OfMessageBody,
          md5OfMessageAttributes: o.md5OfMessageAttributes ?? "",
          md5OfMessageSystemAttributes: o.md5OfMessageSystemAttributes ?? "",
          sequenceNumber: o.sequenceNumber ?? "",
        })),
      failed: outcomes.filter((o) => !o.ok).map(batchError),
    };
  }

  async ReceiveMessage(
    r: v1.ReceiveMessageRequest__Output,
    ctx: GatewayCallContext,
  ): Promise<v1.ReceiveMessageResponse> {
    const { resource, groups } = await this.resolve(r.queueName, ctx);
    const max = r.maxNumberOfMessages === 0 ? 1 : r.maxNumberOfMessages;
    const config = parseConfig(withoutPartitions(resource.attributes), isFifoName(resource.name));
    const waitSeconds = r.waitTimeSeconds ?? config.receiveWaitSeconds;
    const op = {
      type: "receive",
      max,
      ...(r.visibilityTimeoutSeconds === undefined
        ? {}
        : { visibilityTimeoutSeconds: r.visibilityTimeoutSeconds }),
      ...(r.receiveRequestAttemptId === "" ? {} : { attemptId: r.receiveRequestAttemptId }),
    } as const;
    const order = this.partitionOrder(groups);
    if (op.attemptId !== undefined && config.fifo && groups.length > 1 && !ctx.firstTry) {
      // A retried FIFO receive gets what its attempt took, from whichever partitions served it: asked in
      // turn, the first partition with messages took new ones under the attempt id when it had not. A
      // client that marks its first try skips this (a new attempt id has nothing to replay): it cost a
      // FIFO consumer's every receive a call to each partition, about half again its CPU per message.
      const replayed = await Promise.all(
        order.map(async (g) => {
          const got = (await this.partitionCall(
            g.groupId,
            { ...op, replayOnly: true },
            ctx,
          )) as ReceivedMessage[];
          return got.map((m) => toWireMessage(g.groupId, m, r));
        }),
      );
      const messages = replayed.flat();
      if (messages.length > 0) return { messages };
    }
    const waitUntil = Math.min(Date.now() + waitSeconds * 1000, ctx.deadlineMs - 500);
    /** The partition whose message ended the last wait: it woke this poll for a message, so it goes first. */
    let woken: GroupRecord | undefined;
    /** Partitions a round left unseen when the time to wait ran out during it. */
    let unseen: GroupRecord[] = [];
    for (let round = 0; ; round++) {
      // Short poll: every partition in turn until enough messages are in hand. A long poll's first round
      // looks only at the partitions led here (or, with none, the first in turn): the waits that follow
      // answer at once where messages are. Polling each partition first cost an idle consumer, for each
      // message it took, an empty receive forwarded to every other partition's leader before it waited.
      const messages: { groupId: number; message: ReceivedMessage }[] = [];
      const looked = new Set<GroupRecord>();
      let overLimit: MillraceError | undefined;
      const pollOrder =
        woken !== undefined
          ? [woken, ...order.filter((g) => g !== woken)]
          : unseen.length > 0
            ? unseen
            : round === 0 && Date.now() < waitUntil
              ? this.ledHereOrFirst(order)
              : order;
      for (const g of pollOrder) {
        if (messages.length >= max) break;
        // A wake is a hint: another receive may have taken the message first. The other partitions'
        // waits answered nothing, and waiting again answers at once where messages are, so they are
        // not swept for nothing (a forwarded empty receive each, for every wake that lost its race).
        if (woken !== undefined && g !== woken && messages.length === 0) break;
        looked.add(g);
        const got = (await this.partitionCall(g.groupId, { ...op, max: max - messages.length }, ctx).catch(
          (error: unknown) => {
            // A partition at its share of the in-flight cap has nothing to give; the others may have.
            if (!isMillraceError(error, ErrorCode.OVER_LIMIT)) throw error;
            overLimit = error;
            return [];
          },
        )) as ReceivedMessage[];
        for (const message of got) messages.push({ groupId: g.groupId, message });
      }
      // At the cap a short poll answers OverLimit, as SQS's does; a long poll waits for room instead.
      if (messages.length === 0 && overLimit !== undefined && waitSeconds === 0) throw overLimit;
      if (messages.length > 0)
        return { messages: messages.map((m) => toWireMessage(m.groupId, m.message, r)) };
      if (Date.now() >= waitUntil) {
        // Out of time to wait after a round that looked at some partitions only (a first round, or one
        // after a wake that came to nothing): the rest too, once.
        const rest = order.filter((g) => !looked.has(g));
        if (unseen.length === 0 && rest.length > 0) {
          unseen = rest;
          woken = undefined;
          continue;
        }
        return { messages: [] };
      }
      if (this.isStopping()) return { messages: [] };
      // Long poll: wait on every partition at once; the first to have a message ends the wait. The wait
      // stays within what a partition accepts when the clock moves (on past waitUntil, or stepped back).
      const waitMs = Math.min(Math.max(0, waitUntil - Date.now()), waitMsMax);
      const controller = new AbortController();
      const onAbort = () => controller.abort(ctx.signal.reason);
      ctx.signal.addEventListener("abort", onAbort, { once: true });
      this.waits.add(controller);
      const noMessage = new Error("no message");
      let refusal: Error | undefined;
      woken = undefined;
      try {
        woken = await Promise.any(
          order.map(async (g) => {
            const ready = (await this.partitionCall(
              g.groupId,
              { type: "wait", waitMs },
              { deadlineMs: Math.min(ctx.deadlineMs, Date.now() + waitMs + 2000), signal: controller.signal },
            )) as boolean;
            if (!ready) throw noMessage;
            return g;
          }),
        ).catch((error: AggregateError) => {
          // When no partition waited at all (each refused: as many long polls as it holds, or no leader),
          // going round again would short-poll without pause until waitUntil; the caller hears why instead.
          // The router fails with MillraceErrors.
          if (!error.errors.includes(noMessage)) refusal = error.errors[0] as Error;
          return undefined;
        });
      } finally {
        controller.abort();
        ctx.signal.removeEventListener("abort", onAbort);
        this.waits.delete(controller);
      }
      ctx.signal.throwIfAborted();
      // Nothing was taken in this round (it waited because it found nothing).
      if (this.isStopping()) return { messages: [] };
      // Past waitUntil the loop answers "no messages", as a wait that ran its course does (a wait that
      // overran its own deadline under load lands here too).
      if (refusal !== undefined && Date.now() < waitUntil) throw refusal;
    }
  }

  /** The node takes no more client calls (QueueBackendDeps.stopping). */
  private isStopping(): boolean {
    return this.d.stopping?.aborted === true;
  }

  async DeleteMessage(
    r: v1.DeleteMessageRequest__Output,
    ctx: GatewayCallContext,
  ): Promise<v1.DeleteMessageResponse> {
    const [outcome] = await this.byHandle(
      r.queueName,
      [{ id: "0", receiptHandle: r.receiptHandle }],
      "delete",
      ctx,
    );
    if (outcome !== undefined && !outcome.ok)
      throw new MillraceError(outcome.code, outcome.message, { details: { field: "receipt_handle" } });
    return {};
  }

  async DeleteMessageBatch(
    r: v1.DeleteMessageBatchRequest__Output,
    ctx: GatewayCallContext,
  ): Promise<v1.DeleteMessageBatchResponse> {
    const outcomes = await this.byHandle(r.queueName, r.entries, "delete", ctx);
    return {
      successfulIds: outcomes.filter((o) => o.ok).map((o) => o.entryId),
      failed: outcomes.filter((o) => !o.ok).map(batchError),
    };
  }

  async ChangeMessageVisibility(
    r: v1.ChangeMessageVisibilityRequest__Output,
    ctx: GatewayCallContext,
  ): Promise<v1.ChangeMessageVisibilityResponse> {
    const [outcome] = await this.byHandle(
      r.queueName,
      [{ id: "0", receiptHandle: r.receiptHandle, visibilityTimeoutSeconds: r.visibilityTimeoutSeconds }],
      "change-visibility",
      ctx,
    );
    if (outcome !== undefined && !outcome.ok)
      throw new MillraceError(outcome.code, outcome.message, { details: { field: "receipt_handle" } });
    return {};
  }

  async ChangeMessageVisibilityBatch(
    r: v1.ChangeMessageVisibilityBatchRequest__Output,
    ctx: GatewayCallContext,
  ): Promise<v1.ChangeMessageVisibilityBatchResponse> {
    const outcomes = await this.byHandle(r.queueName, r.entries, "change-visibility", ctx);
    return {
      successfulIds: outcomes.filter((o) => o.ok).map((o) => o.entryId),
      failed: outcomes.filter((o) => !o.ok).map(batchError),
    };
  }

  async PurgeQueue(r: v1.PurgeQueueRequest__Output, ctx: GatewayCallContext): Promise<v1.PurgeQueueResponse> {
    const { groups } = await this.resolve(r.queueName, ctx);
    await Promise.all(groups.map((g) => this.partitionCall(g.groupId, { type: "purge" }, ctx)));
    return {};
  }

  async ListDeadLetterSourceQueues(
    r: v1.ListDeadLetterSourceQueuesRequest__Output,
    ctx: GatewayCallContext,
  ): Promise<v1.ListDeadLetterSourceQueuesResponse> {
    await this.resolve(r.queueName, ctx);
    const sources = deadLetterSourcesOf(this.d.meta.resources.values(), r.queueName);
    const max = r.page?.maxResults || listPageMax;
    const after = r.page?.nextToken ?? "";
    const page = sources.filter((n) => n > after).slice(0, max);
    return {
      queues: page.map((name) => this.describe(name)),
      page: {
        nextToken: sources.filter((n) => n > after).length > max ? (page[page.length - 1] as string) : "",
      },
    };
  }

  // Message move tasks (DLQ redrive): see move-task-api.ts and move-task-runner.ts.
  StartMessageMoveTask(
    r: v1.StartMessageMoveTaskRequest__Output,
    ctx: GatewayCallContext,
  ): Promise<v1.StartMessageMoveTaskResponse> {
    return this.moveTasks.start(r, ctx);
  }

  ListMessageMoveTasks(
    r: v1.ListMessageMoveTasksRequest__Output,
    ctx: GatewayCallContext,
  ): Promise<v1.ListMessageMoveTasksResponse> {
    return this.moveTasks.list(r, ctx);
  }

  CancelMessageMoveTask(
    r: v1.CancelMessageMoveTaskRequest__Output,
    ctx: GatewayCallContext,
  ): Promise<v1.CancelMessageMoveTaskResponse> {
    return this.moveTasks.cancel(r, ctx);
  }

  async TagQueue(r: v1.TagQueueRequest__Output, ctx: GatewayCallContext): Promise<v1.TagQueueResponse> {
    await this.resolve(r.queueName, ctx);
    await this.d.proposeMeta({ type: "tag-resource", kind: "queue", name: r.queueName, tags: r.tags }, ctx);
    return {};
  }

  async UntagQueue(r: v1.UntagQueueRequest__Output, ctx: GatewayCallContext): Promise<v1.UntagQueueResponse> {
    await this.resolve(r.queueName, ctx);
    await this.d.proposeMeta(
      { type: "untag-resource", kind: "queue", name: r.queueName, tagKeys: r.tagKeys },
      ctx,
    );
    return {};
  }

  async ListQueueTags(
    r: v1.ListQueueTagsRequest__Output,
    ctx: GatewayCallContext,
  ): Promise<v1.ListQueueTagsResponse> {
    const { resource } = await this.resolve(r.queueName, ctx);
    return { tags: { ...resource.tags } };
  }

  // ---- helpers ----

  private describe(name: string): v1.Queue {
    return { name, url: queueUrl(this.d.httpAddress, name), arn: queueArn(name) };
  }

  /**
   * Refuses a RedrivePolicy being set whose dead-letter queue's RedriveAllowPolicy does not take this
   * queue as a source, as SQS does. A dead-letter queue this node's catalog does not hold yet is not
   * checked: it may be created later, with any policy.
   */
  private checkRedriveAllowed(
    sourceQueue: string,
    attributes: Readonly<Record<string, string>>,
    config: QueueConfig,
  ): void {
    if (attributes["RedrivePolicy"] === undefined || config.redrivePolicy === undefined) return;
    const target = config.redrivePolicy.deadLetterTarget;
    const deadLetterQueue = this.d.meta.resource("queue", target);
    if (deadLetterQueue === undefined) return;
    if (!redriveAllows(deadLetterQueue.attributes["RedriveAllowPolicy"], sourceQueue)) {
      // Named as the partition's attribute checks name their fields, which this one joins.
      throw invalid(
        "Attributes.RedrivePolicy",
        `the dead-letter queue ${target} does not allow ${sourceQueue} as a source (its RedriveAllowPolicy)`,
      );
    }
  }

  /**
   * The queue's catalog record and partitions. This node's copy of the catalog may trail a create made
   * through another node by a moment, so a miss is confirmed on the meta leader before it is an error.
   */
  private async resolve(
    name: string,
    ctx: GatewayCallContext,
    field = "queue_name",
  ): Promise<{ resource: ResourceRecord; groups: GroupRecord[] }> {
    const resource = this.d.meta.resource("queue", name);
    if (resource !== undefined) return { resource, groups: this.d.meta.groupsOfResource("queue", name) };
    const found = await this.d.lookupOnLeader(name, ctx);
    if (found === null) {
      throw new MillraceError(ErrorCode.NOT_FOUND, `the queue ${name} does not exist`, {
        details: { field, resource: name },
      });
    }
    return found;
  }

  private async send(
    queueName: string,
    entries: readonly (
      | v1.SendMessageBatchRequestEntry__Output
      | (v1.SendMessageRequest__Output & { id: string })
    )[],
    ctx: GatewayCallContext,
  ): Promise<SendOutcome[]> {
    const { resource, groups } = await this.resolve(queueName, ctx);
    const fifo = isFifoName(resource.name);
    const byPartition = new Map<number, SendInput[]>();
    const standardTarget = this.partitionOrder(groups)[0] as GroupRecord;
    for (const e of entries) {
      if (fifo && e.messageGroupId === "") throw invalid("message_group_id", "is required on a FIFO queue");
      const group = fifo
        ? (groups[partitionOfKey(e.messageGroupId, groups.length)] as GroupRecord)
        : standardTarget;
      const input: SendInput = {
        entryId: e.id,
        body: Buffer.from(e.messageBody, "utf8"),
        ...(Object.keys(e.messageAttributes).length === 0
          ? {}
          : { messageAttributes: toAttributes(e.messageAttributes) }),
        ...(Object.keys(e.messageSystemAttributes).length === 0
          ? {}
          : { messageSystemAttributes: toAttributes(e.messageSystemAttributes) }),
        ...(e.delaySeconds === undefined ? {} : { delaySeconds: e.delaySeconds }),
        ...(e.messageGroupId === "" ? {} : { groupId: e.messageGroupId }),
        ...(e.messageDeduplicationId === "" ? {} : { dedupId: e.messageDeduplicationId }),
      };
      const list = byPartition.get(group.groupId) ?? [];
      list.push(input);
      byPartition.set(group.groupId, list);
    }
    const results = await Promise.all(
      [...byPartition].map(async ([groupId, inputs]) => {
        // A FIFO send carries its deduplication id, so a retry after an unknown outcome cannot duplicate it;
        // a standard send is at-least-once, as in SQS, and retried only when it certainly did not happen.
        return (await this.partitionCall(
          groupId,
          { type: "send", queueName: resource.name, entries: inputs },
          ctx,
        )) as SendOutcome[];
      }),
    );
    const byEntry = new Map(results.flat().map((o) => [o.entryId, o]));
    return entries.map(
      (e) =>
        byEntry.get(e.id) ?? { entryId: e.id, ok: false, code: ErrorCode.INTERNAL, message: "no result" },
    );
  }

  private async byHandle(
    queueName: string,
    entries: readonly { id: string; receiptHandle: string; visibilityTimeoutSeconds?: number }[],
    type: "delete" | "change-visibility",
    ctx: GatewayCallContext,
  ): Promise<EntryOutcome[]> {
    const { groups } = await this.resolve(queueName, ctx);
    const owned = new Set(groups.map((g) => g.groupId));
    const outcomes: EntryOutcome[] = [];
    const byGroup = new Map<
      number,
      { entryId: string; receiptHandle: string; visibilityTimeoutSeconds: number }[]
    >();
    for (const e of entries) {
      const parsed = unwrapReceiptHandle(e.receiptHandle);
      if (parsed === undefined || !owned.has(parsed.groupId)) {
        outcomes.push({
          entryId: e.id,
          ok: false,
          code: ErrorCode.RECEIPT_HANDLE_INVALID,
          message: "the receipt handle is not valid for this queue",
        });
        continue;
      }
      const list = byGroup.get(parsed.groupId) ?? [];
      list.push({
        entryId: e.id,
        receiptHandle: parsed.handle,
        visibilityTimeoutSeconds: e.visibilityTimeoutSeconds ?? 0,
      });
      byGroup.set(parsed.groupId, list);
    }
    const results = await Promise.all(
      [...byGroup].map(
        async ([groupId, list]) =>
          (await this.partitionCall(
            groupId,
            type === "delete"
              ? { type, entries: list.map(({ entryId, receiptHandle }) => ({ entryId, receiptHandle })) }
              : { type, entries: list },
            ctx,
          )) as EntryOutcome[],
      ),
    );
    const byEntry = new Map([...outcomes, ...results.flat()].map((o) => [o.entryId, o]));
    return entries.map(
      (e) =>
        byEntry.get(e.id) ?? { entryId: e.id, ok: false, code: ErrorCode.INTERNAL, message: "no result" },
    );
  }

  /** The partitions of `order` this node leads, or else the first of them. */
  private ledHereOrFirst(order: readonly GroupRecord[]): GroupRecord[] {
    const local = order.filter((g) => this.d.partitions.leadsLocally(g.groupId));
    return local.length > 0 ? local : order.slice(0, 1);
  }

  /** Partitions led here first (no forwarding), the rest after, rotating so load spreads. */
  private partitionOrder(groups: readonly GroupRecord[]): GroupRecord[] {
    const start = this.roundRobin++ % Math.max(1, groups.length);
    const rotated = [...groups.slice(start), ...groups.slice(0, start)];
    const local = rotated.filter((g) => this.d.partitions.leadsLocally(g.groupId));
    return [...local, ...rotated.filter((g) => !local.includes(g))];
  }

  private partitionCall(
    groupId: number,
    op: QueueOp,
    ctx: { deadlineMs: number; signal?: AbortSignal },
  ): Promise<unknown> {
    // A long poll refused for want of room answers the caller at once (see retryWhenFull).
    return this.d.partitions.call(groupId, op, ctx, {
      idempotent: isIdempotent(op),
      ...(op.type === "wait" ? { retryWhenFull: false } : {}),
    });
  }
}

function parsePartitions(value: string | undefined): number {
  if (value === undefined) return 1;
  const n = Number(value);
  if (!/^\d+$/.test(value) || n < 1 || n > partitionsMax) {
    throw invalid(`attributes.${partitionsAttribute}`, `must be an integer from 1 to ${partitionsMax}`);
  }
  return n;
}

function withoutPartitions(attributes: Readonly<Record<string, string>>): Record<string, string> {
  const { [partitionsAttribute]: _p, ...rest } = attributes;
  return rest;
}

function parseConfig(
  attributes: Readonly<Record<string, string>>,
  fifo: boolean,
  base?: QueueConfig,
): QueueConfig {
  const parsed = parseQueueAttributes(attributes, base === undefined ? { fifo } : { fifo, base });
  if (!parsed.ok) throw new MillraceError(parsed.code, parsed.message, { details: { field: parsed.field } });
  return parsed.value;
}

function toAttributes(wire: Record<string, v1.MessageAttributeValue__Output>): MessageAttributes {
  const out: Record<string, { dataType: string; stringValue?: string; binaryValue?: Uint8Array }> = {};
  for (const [name, v] of Object.entries(wire)) {
    out[name] = v.dataType.startsWith("Binary")
      ? { dataType: v.dataType, binaryValue: v.binaryValue }
      : { dataType: v.dataType, stringValue: v.stringValue };
  }
  return out;
}

function toWireMessage(groupId: number, m: ReceivedMessage, r: v1.ReceiveMessageRequest__Output): v1.Message {
  const wantAll = r.messageSystemAttributeNames.includes("All");
  const attributes: Record<string, string> = {};
  for (const [name, value] of Object.entries(m.attributes)) {
    if (wantAll || r.messageSystemAttributeNames.includes(name)) attributes[name] = value;
  }
  const wantAllUser = r.messageAttributeNames.some((n) => n === "All" || n === ".*");
  const messageAttributes: Record<string, v1.MessageAttributeValue> = {};
  for (const [name, value] of Object.entries(m.messageAttributes)) {
    const selected =
      wantAllUser ||
      r.messageAttributeNames.some(
        (n) => n === name || (n.endsWith(".*") && name.startsWith(n.slice(0, -1))),
      );
    if (!selected) continue;
    messageAttributes[name] = {
      dataType: value.dataType,
      stringValue: value.stringValue ?? "",
      binaryValue: value.binaryValue ?? new Uint8Array(0),
    };
  }
  return {
    messageId: m.messageId,
    receiptHandle: wrapReceiptHandle(groupId, m.receiptHandle),
    body: bodyDecoder.decode(m.body),
    md5OfBody: m.md5OfBody,
    md5OfMessageAttributes:
      Object.keys(messageAttributes).length === 0 ? "" : (m.md5OfMessageAttributes ?? ""),
    attributes,
    messageAttributes,
  };
}

/**
 * Message bodies back to text: straight from the stored bytes, not through a copy of them as
 * Buffer.from(body).toString() made. A leading byte-order mark is part of the body and stays.
 */
const bodyDecoder = new TextDecoder("utf-8", { ignoreBOM: true });

function batchError(o: { entryId: string; code: Code; message: string }): v1.BatchEntryError {
  const senderFault = !["UNAVAILABLE", "INTERNAL", "RESOURCE_EXHAUSTED", "DEADLINE_EXCEEDED"].includes(
    o.code,
  );
  return { id: o.entryId, code: o.code, message: o.message, senderFault };
}

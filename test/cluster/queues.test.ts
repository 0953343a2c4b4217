import { credentials, type CallOptions, type ServiceError } from "@grpc/grpc-js";
import { SeededRandom } from "@millrace/common";
import { loadMillraceProto, type v1 } from "@millrace/proto";
import {
  QueueHistory,
  assertQueueHistoryValid,
  describeFailure,
  logGroupId,
  metaGroupId,
  sleep,
  type QueueDelivery,
  type LocalCluster,
  type SendAttempt,
} from "@millrace/testkit";
import { describe, expect, it } from "vitest";
import { trackClusters } from "./harness.js";

const newCluster = trackClusters();

/** MILLRACE_CLUSTER_SEED replays the workload's and the nemesis's choices (not the processes' timing). */
const seed = Number(process.env["MILLRACE_CLUSTER_SEED"] ?? Date.now() % 2 ** 31);

// ---- a QueueService client with Millrace's error trailers -------------------------------------------

/** Reconnect quickly to restarted nodes, as the testkit's ClusterClients do. */
const channelOptions = {
  "grpc.initial_reconnect_backoff_ms": 100,
  "grpc.max_reconnect_backoff_ms": 1000,
  "grpc.min_reconnect_backoff_ms": 100,
  "grpc.enable_retries": 0,
};

type Callback<T> = (error: ServiceError | null, value?: T) => void;

/** One QueueService client per node address. */
class QueueClients {
  private readonly clients = new Map<string, v1.QueueServiceClient>();

  call<T>(
    address: string,
    timeoutMs: number,
    invoke: (client: v1.QueueServiceClient, options: CallOptions, callback: Callback<T>) => unknown,
  ): Promise<T> {
    return new Promise((resolve, reject) => {
      invoke(this.client(address), { deadline: Date.now() + timeoutMs }, (error, value) =>
        error === null ? resolve(value as T) : reject(error),
      );
    });
  }

  close(): void {
    for (const client of this.clients.values()) client.close();
    this.clients.clear();
  }

  private client(address: string): v1.QueueServiceClient {
    let client = this.clients.get(address);
    if (client === undefined) {
      const QueueService = loadMillraceProto().millrace.v1.QueueService;
      client = new QueueService(address, credentials.createInsecure(), channelOptions);
      this.clients.set(address, client);
    }
    return client;
  }
}

/** What a failed call said: its Millrace code, the field it named, whether a retry may succeed. */
interface Failure {
  readonly code: string;
  readonly field: string | undefined;
  readonly retryable: boolean;
  /** The call certainly had no effect (NOT_LEADER, PROPOSAL_DROPPED, RESOURCE_EXHAUSTED, bad input). */
  readonly definite: boolean;
  readonly text: string;
}

function failureOf(error: unknown): Failure {
  const described = describeFailure(error);
  const metadata = (error as Partial<ServiceError>).metadata;
  const retryable = metadata?.get("millrace-retryable")[0];
  const field = metadata?.get("millrace-field")[0];
  return {
    code: described.code,
    field: field === undefined ? undefined : String(field),
    // No Millrace trailers: the channel failed (node down, deadline passed): worth another try elsewhere.
    retryable: retryable === undefined ? true : String(retryable) === "true",
    definite: definiteCodes.has(described.code),
    text: `${described.code}: ${described.message}`.slice(0, 300),
  };
}

/** Codes after which a send certainly was not stored. */
const definiteCodes = new Set([
  "NOT_LEADER",
  "PROPOSAL_DROPPED",
  "RESOURCE_EXHAUSTED",
  "INVALID_ARGUMENT",
  "PAYLOAD_TOO_LARGE",
]);

const retryableCodes = new Set([
  "UNAVAILABLE",
  "NOT_LEADER",
  "PROPOSAL_DROPPED",
  "RESOURCE_EXHAUSTED",
  "ABORTED",
  "DEADLINE_EXCEEDED",
]);

/** Exponential backoff with jitter: 100 ms doubling up to 1 s. */
function backoffMs(attempt: number, random: SeededRandom): number {
  return Math.min(1000, 100 * 2 ** attempt) * (0.5 + random.float() / 2);
}

/**
 * Runs `call` against the endpoints in turn until it succeeds, fails without a retryable code, or
 * `attemptsMax` attempts or `deadline` pass; rethrows the last failure.
 */
async function withRetries<T>(
  endpoints: () => string[],
  random: SeededRandom,
  options: { attemptsMax: number; deadline: number },
  call: (address: string) => Promise<T>,
): Promise<T> {
  let lastError: unknown = new Error("no running node");
  for (let attempt = 0; attempt < options.attemptsMax && Date.now() < options.deadline; attempt++) {
    const list = endpoints();
    const address = list.length === 0 ? undefined : list[attempt % list.length];
    if (address !== undefined) {
      try {
        return await call(address);
      } catch (error) {
        lastError = error;
        if (!failureOf(error).retryable) throw error;
      }
    }
    await sleep(backoffMs(attempt, random));
  }
  throw lastError;
}

// ---- the workload ------------------------------------------------------------------------------------

interface Workload {
  readonly cluster: LocalCluster;
  readonly clients: QueueClients;
  readonly history: QueueHistory;
  readonly random: SeededRandom;
  stopping: boolean;
  /** Every client gives up at this time even if `stopping` is never set. */
  readonly hardStopAt: number;
  crashes: number;
  nacks: number;
}

/** Each client prefers one node ("through different nodes") and moves on when that node fails. */
function pickEndpoint(w: Workload, home: number, attempt: number): string | undefined {
  const endpoints = w.cluster.endpoints();
  if (endpoints.length === 0) return undefined;
  return endpoints[(home + attempt) % endpoints.length];
}

function running(w: Workload): boolean {
  return !w.stopping && Date.now() < w.hardStopAt;
}

/** Bodies carry their id before the "|", then a padding that includes multi-byte characters. */
function bodyIdOf(body: string): string {
  return body.slice(0, Math.max(0, body.indexOf("|")));
}

function newBody(bodyId: string, random: SeededRandom): string {
  const alphabet = ["a", "b", "z", "0", " ", "é", "☃", "𝄞", "\n", "\t"];
  const padding = Array.from({ length: random.intBetween(0, 200) }, () => random.pick(alphabet)).join("");
  return `${bodyId}|${padding}`;
}

interface ProducerSpec {
  readonly queue: string;
  readonly producer: number;
  /** Messages per send: 1 uses SendMessage; more uses SendMessageBatch of 1..batchMax entries. */
  readonly batchMax: number;
  /** FIFO: the message groups to spread over. */
  readonly groups?: readonly string[];
}

interface PendingBody {
  readonly bodyId: string;
  readonly body: string;
  readonly sendIndex: number;
  readonly groupId: string | undefined;
}

/**
 * One producer: sends new bodies one send at a time; a body whose send failed retryably is sent again
 * (FIFO with the same deduplication id, so a retry after an unknown outcome cannot duplicate it) before
 * any new body, up to 6 attempts, so the send order of acknowledged bodies is the order they were stored.
 */
async function produce(w: Workload, spec: ProducerSpec): Promise<void> {
  const tag = spec.queue.replace(/\W/g, "");
  let sendIndex = 0;
  for (let n = 0; n < 5000 && running(w); n++) {
    const count = spec.batchMax > 1 ? w.random.intBetween(1, spec.batchMax) : 1;
    let pending: PendingBody[] = Array.from({ length: count }, () => {
      const bodyId = `${tag}-p${spec.producer}-${sendIndex}`;
      return {
        bodyId,
        body: newBody(bodyId, w.random),
        sendIndex: sendIndex++,
        groupId: spec.groups === undefined ? undefined : w.random.pick(spec.groups),
      };
    });
    for (let attempt = 0; attempt < 6 && pending.length > 0; attempt++) {
      const target = pickEndpoint(w, spec.producer, attempt);
      if (target === undefined || (attempt > 0 && !running(w))) break;
      pending = await sendOnce(w, spec, target, pending);
      if (pending.length > 0) await sleep(backoffMs(attempt, w.random));
    }
    await sleep(w.random.intBetween(5, 30));
  }
}

/** One SendMessage or SendMessageBatch of `bodies`, recorded; returns the bodies worth another attempt. */
async function sendOnce(
  w: Workload,
  spec: ProducerSpec,
  target: string,
  bodies: readonly PendingBody[],
): Promise<PendingBody[]> {
  const now = Date.now();
  const ops = bodies.map((b) =>
    w.history.sendInvoked(
      {
        queue: spec.queue,
        producer: spec.producer,
        sendIndex: b.sendIndex,
        bodyId: b.bodyId,
        body: b.body,
        ...(b.groupId === undefined ? {} : { groupId: b.groupId, dedupId: b.bodyId }),
        target,
      },
      now,
    ),
  );
  const entryOf = (b: PendingBody, i: number) => ({
    id: `e${i}`,
    messageBody: b.body,
    ...(b.groupId === undefined ? {} : { messageGroupId: b.groupId, messageDeduplicationId: b.bodyId }),
  });
  try {
    if (spec.batchMax === 1) {
      const reply = await w.clients.call<v1.SendMessageResponse__Output>(target, 5000, (c, o, cb) =>
        c.sendMessage({ queueName: spec.queue, ...entryOf(bodies[0] as PendingBody, 0) }, o, cb),
      );
      w.history.sendOk(ops[0] as SendAttempt, reply, Date.now());
      return [];
    }
    const reply = await w.clients.call<v1.SendMessageBatchResponse__Output>(target, 5000, (c, o, cb) =>
      c.sendMessageBatch({ queueName: spec.queue, entries: bodies.map(entryOf) }, o, cb),
    );
    const retry: PendingBody[] = [];
    bodies.forEach((b, i) => {
      const op = ops[i] as SendAttempt;
      const ok = reply.successful.find((s) => s.id === `e${i}`);
      const failed = reply.failed.find((f) => f.id === `e${i}`);
      if (ok !== undefined) w.history.sendOk(op, ok, Date.now());
      else {
        const code = failed?.code ?? "missing";
        const text = `${code}: ${failed?.message ?? "no result for the entry"}`;
        if (definiteCodes.has(code)) w.history.sendFailed(op, text, Date.now());
        else w.history.sendUnknown(op, text, Date.now());
        if (retryableCodes.has(code)) retry.push(b);
      }
    });
    return retry;
  } catch (error) {
    const failure = failureOf(error);
    for (const op of ops) {
      if (failure.definite) w.history.sendFailed(op, failure.text, Date.now());
      else w.history.sendUnknown(op, failure.text, Date.now());
    }
    return failure.retryable ? [...bodies] : [];
  }
}

interface ConsumerSpec {
  readonly queue: string;
  readonly consumer: number;
  /** How often the consumer "crashes" with a batch in hand: it never deletes it, and it reappears. */
  readonly crashChance: number;
  /** How often it gives a message back at once (ChangeMessageVisibility 0) instead of deleting it. */
  readonly nackChance: number;
  readonly visibilityTimeoutSeconds: number;
}

async function consume(w: Workload, spec: ConsumerSpec): Promise<void> {
  let failures = 0;
  for (let n = 0; n < 5000 && running(w); n++) {
    const target = pickEndpoint(w, spec.consumer, failures);
    if (target === undefined) {
      await sleep(200);
      continue;
    }
    const deliveries = await receiveOnce(w, {
      queue: spec.queue,
      consumer: spec.consumer,
      target,
      max: w.random.intBetween(1, 10),
      visibilityTimeoutSeconds: spec.visibilityTimeoutSeconds,
      waitSeconds: 1,
    });
    if (deliveries === undefined) {
      failures += 1;
      await sleep(backoffMs(Math.min(failures, 4), w.random));
      continue;
    }
    if (deliveries.length === 0) continue;
    if (w.random.chance(spec.crashChance)) {
      w.crashes += 1;
      await sleep(w.random.intBetween(100, 500));
      continue;
    }
    const nacked = deliveries.filter(() => w.random.chance(spec.nackChance));
    w.nacks += nacked.length;
    await handleAll(w, spec.consumer, target, nacked, "change-visibility");
    await handleAll(
      w,
      spec.consumer,
      target,
      deliveries.filter((d) => !nacked.includes(d)),
      "delete",
    );
  }
}

/** One ReceiveMessage, recorded; undefined when it failed. */
async function receiveOnce(
  w: Workload,
  r: {
    queue: string;
    consumer: number;
    target: string;
    max: number;
    visibilityTimeoutSeconds: number;
    waitSeconds: number;
  },
): Promise<QueueDelivery[] | undefined> {
  const op = w.history.receiveInvoked(
    {
      queue: r.queue,
      consumer: r.consumer,
      target: r.target,
      visibilityTimeoutSeconds: r.visibilityTimeoutSeconds,
    },
    Date.now(),
  );
  try {
    const reply = await w.clients.call<v1.ReceiveMessageResponse__Output>(
      r.target,
      r.waitSeconds * 1000 + 5000,
      (c, o, cb) =>
        c.receiveMessage(
          {
            queueName: r.queue,
            maxNumberOfMessages: r.max,
            visibilityTimeoutSeconds: r.visibilityTimeoutSeconds,
            waitTimeSeconds: r.waitSeconds,
            messageSystemAttributeNames: ["All"],
          },
          o,
          cb,
        ),
    );
    return w.history.receiveOk(
      op,
      reply.messages.map((m) => ({
        messageId: m.messageId,
        bodyId: bodyIdOf(m.body),
        body: m.body,
        receiveCount: Number(m.attributes["ApproximateReceiveCount"] ?? Number.NaN),
        receiptHandle: m.receiptHandle,
        ...(m.attributes["MessageGroupId"] === undefined ? {} : { groupId: m.attributes["MessageGroupId"] }),
      })),
      Date.now(),
    );
  } catch (error) {
    const failure = failureOf(error);
    // A receive over several partitions may have taken messages from one before another failed.
    if (failure.code === "INVALID_ARGUMENT") w.history.receiveFailed(op, failure.text, Date.now());
    else w.history.receiveUnknown(op, failure.text, Date.now());
    return undefined;
  }
}

/**
 * Deletes (or makes visible at once) `deliveries` with one batch call, recorded per entry; entries that
 * failed retryably, or the whole call, are tried again (both calls are idempotent), at most 3 times.
 */
async function handleAll(
  w: Workload,
  consumer: number,
  firstTarget: string,
  deliveries: readonly QueueDelivery[],
  type: "delete" | "change-visibility",
): Promise<void> {
  let pending = [...deliveries];
  let target: string | undefined = firstTarget;
  for (let attempt = 0; attempt < 3 && pending.length > 0 && target !== undefined; attempt++) {
    const now = Date.now();
    const ops = pending.map((delivery) =>
      w.history.handleInvoked(
        {
          type,
          delivery,
          consumer,
          target: target as string,
          ...(type === "delete" ? {} : { visibilityTimeoutSeconds: 0 }),
        },
        now,
      ),
    );
    const queueName = (pending[0] as QueueDelivery).receive.queue;
    const entries = pending.map((d, i) => ({
      id: `e${i}`,
      receiptHandle: d.receiptHandle,
      visibilityTimeoutSeconds: 0,
    }));
    const retry: QueueDelivery[] = [];
    try {
      const reply = await w.clients.call<v1.DeleteMessageBatchResponse__Output>(target, 5000, (c, o, cb) =>
        type === "delete"
          ? c.deleteMessageBatch(
              { queueName, entries: entries.map(({ id, receiptHandle }) => ({ id, receiptHandle })) },
              o,
              cb,
            )
          : c.changeMessageVisibilityBatch({ queueName, entries }, o, cb),
      );
      pending.forEach((d, i) => {
        const op = ops[i] as (typeof ops)[number];
        const failed = reply.failed.find((f) => f.id === `e${i}`);
        if (failed === undefined && reply.successfulIds.includes(`e${i}`)) w.history.handleOk(op, Date.now());
        else if (failed !== undefined && !retryableCodes.has(failed.code)) {
          w.history.handleFailed(op, `${failed.code}: ${failed.message}`, Date.now());
        } else {
          w.history.handleUnknown(op, `${failed?.code ?? "missing"}: ${failed?.message}`, Date.now());
          retry.push(d);
        }
      });
    } catch (error) {
      const failure = failureOf(error);
      for (const op of ops) {
        if (failure.retryable) w.history.handleUnknown(op, failure.text, Date.now());
        else w.history.handleFailed(op, failure.text, Date.now());
      }
      if (failure.retryable) retry.push(...pending);
    }
    pending = retry;
    if (pending.length > 0) {
      await sleep(backoffMs(attempt, w.random));
      target = pickEndpoint(w, consumer, attempt + 1);
    }
  }
}

// ---- cluster-level steps -----------------------------------------------------------------------------

async function createQueue(
  w: Pick<Workload, "cluster" | "clients" | "random">,
  name: string,
  attributes: Record<string, string>,
): Promise<void> {
  await withRetries(
    () => w.cluster.endpoints(),
    w.random,
    { attemptsMax: 20, deadline: Date.now() + 30_000 },
    (address) =>
      w.clients.call<v1.CreateQueueResponse__Output>(address, 10_000, (c, o, cb) =>
        c.createQueue({ queueName: name, attributes }, o, cb),
      ),
  );
}

/**
 * Waits until every queue partition has a leader a majority agrees on. ListGroups labels every group
 * but the meta group GROUP_KIND_LOG (admin-service.ts), so queue partitions are the groups other than
 * the meta group and the default log.
 */
async function waitForQueuePartitions(cluster: LocalCluster, expected: number): Promise<number[]> {
  const id = cluster.runningIds()[0] as number;
  const ids = (await cluster.groups(id))
    .map((g) => Number(g.groupId))
    .filter((groupId) => groupId !== metaGroupId && groupId !== logGroupId);
  expect(ids).toHaveLength(expected);
  for (const groupId of [metaGroupId, ...ids]) await cluster.waitForLeader(groupId, { timeoutMs: 30_000 });
  return ids;
}

/**
 * The nemesis: `rounds` rounds of SIGKILL-and-restart of one node (every other round the leader of a
 * queue partition), of isolating one node for a few seconds and of a graceful (SIGTERM) restart of the
 * next node in turn, then a SIGKILL of every node at once and a restart. Returns what it did.
 */
async function nemesis(
  cluster: LocalCluster,
  random: SeededRandom,
  rounds: number,
  partitionIds: readonly number[],
): Promise<string[]> {
  const done: string[] = [];
  for (let round = 0; round < rounds; round++) {
    let victim = random.pick(cluster.memberIds());
    if (round % 2 === 1) {
      const leader = await cluster.leaderOf(random.pick(partitionIds));
      if (leader !== undefined) victim = leader.leaderId;
    }
    await cluster.kill(victim);
    await sleep(random.intBetween(1000, 3000));
    await cluster.restart(victim);
    done.push(`kill -9 node ${victim} and restart`);
    await sleep(2000);
    const isolated = random.pick(cluster.memberIds());
    const mode = random.chance(0.5) ? "drop" : "reset";
    cluster.isolate(isolated, mode);
    await sleep(random.intBetween(2000, 4000));
    cluster.heal();
    done.push(`isolate node ${isolated} (${mode}) and heal`);
    await sleep(2000);
    // A rolling restart across the rounds: each round stops the next node with SIGTERM, as an upgrade
    // does, while long polls wait on it and messages are in flight from it.
    const members = cluster.memberIds();
    const rolled = members[round % members.length] as number;
    const stopped = await cluster.stop(rolled);
    if (!stopped.graceful) throw new Error(`node ${rolled} did not stop on SIGTERM`);
    await sleep(random.intBetween(500, 1500));
    await cluster.restart(rolled);
    done.push(`SIGTERM node ${rolled} and restart`);
    await sleep(1000);
  }
  await Promise.all(cluster.memberIds().map((id) => cluster.kill(id)));
  await cluster.restartAllDown();
  done.push("kill -9 every node and restart them all");
  return done;
}

/**
 * Receives from `queue` with long polling, deleting everything, until nothing came for 4 s and the
 * queue's counters say it holds nothing (visible, in flight or delayed). Bounded by `timeoutMs`.
 */
async function drain(w: Workload, queue: string, consumer: number, timeoutMs: number): Promise<number> {
  const deadline = Date.now() + timeoutMs;
  let quietSince = Date.now();
  let received = 0;
  let counters = "not read";
  for (let round = 0; round < 1000 && Date.now() < deadline; round++) {
    const target = pickEndpoint(w, consumer, round);
    if (target === undefined) break;
    const deliveries = await receiveOnce(w, {
      queue,
      consumer,
      target,
      max: 10,
      visibilityTimeoutSeconds: 10,
      waitSeconds: 2,
    });
    if (deliveries === undefined) {
      await sleep(200);
      continue;
    }
    if (deliveries.length > 0) {
      received += deliveries.length;
      quietSince = Date.now();
      await handleAll(w, consumer, target, deliveries, "delete");
      continue;
    }
    if (Date.now() - quietSince < 4000) continue;
    const attributes = await w.clients
      .call<v1.GetQueueAttributesResponse__Output>(target, 5000, (c, o, cb) =>
        c.getQueueAttributes({ queueName: queue, attributeNames: ["All"] }, o, cb),
      )
      .then((r) => r.attributes)
      .catch(() => undefined);
    if (attributes === undefined) continue;
    const names = [
      "ApproximateNumberOfMessages",
      "ApproximateNumberOfMessagesNotVisible",
      "ApproximateNumberOfMessagesDelayed",
    ];
    counters = names.map((n) => `${n}=${attributes[n]}`).join(" ");
    if (names.every((n) => attributes[n] === "0")) return received;
  }
  throw new Error(`${queue} did not drain within ${timeoutMs} ms (last counters: ${counters})`);
}

function statsOf(history: QueueHistory, queue: string) {
  const sends = history.sends.filter((s) => s.queue === queue);
  const acked = new Set(sends.filter((s) => s.status === "ok").map((s) => s.bodyId));
  const deliveries = history.deliveries.filter((d) => d.receive.queue === queue);
  const deletes = history.handleOperations.filter(
    (op) => op.type === "delete" && op.status === "ok" && op.delivery.receive.queue === queue,
  );
  return {
    bodiesAcknowledged: acked.size,
    deliveries: deliveries.length,
    redelivered: deliveries.filter((d) => d.receiveCount > 1).length,
    deletesOk: deletes.length,
  };
}

/** How often each error code ended a send, receive, delete or visibility change, for the report. */
function errorCounts(history: QueueHistory): Record<string, number> {
  const counts: Record<string, number> = {};
  const ops = [...history.sends, ...history.receives, ...history.handleOperations];
  for (const op of ops) {
    if (op.error === undefined) continue;
    const key = `${"type" in op ? op.type : "bodyId" in op ? "send" : "receive"} ${op.status} ${op.error.split(":")[0]}`;
    counts[key] = (counts[key] ?? 0) + 1;
  }
  return counts;
}

// ---- the tests -------------------------------------------------------------------------------------

describe(`queues under kill -9, isolation, rolling restarts and crashing consumers (seed ${seed})`, () => {
  it("deliver every acknowledged message, in order per FIFO group, never to two holders at once", async () => {
    const cluster = newCluster({ nodes: 3, name: "queues" });
    await cluster.start();
    const clients = new QueueClients();
    const random = new SeededRandom(seed);
    const history = new QueueHistory();
    const w: Workload = {
      cluster,
      clients,
      history,
      random,
      stopping: false,
      hardStopAt: Date.now() + 90_000,
      crashes: 0,
      nacks: 0,
    };
    try {
      const standard = "orders";
      const fifo = "payments.fifo";
      await createQueue(w, standard, { Partitions: "3", VisibilityTimeout: "3" });
      await createQueue(w, fifo, { Partitions: "2", VisibilityTimeout: "3", FifoQueue: "true" });
      const partitionIds = await waitForQueuePartitions(cluster, 5);

      const groups = ["g0", "g1", "g2", "g3"];
      const loops = [
        produce(w, { queue: standard, producer: 0, batchMax: 1 }),
        produce(w, { queue: standard, producer: 1, batchMax: 5 }),
        produce(w, { queue: fifo, producer: 2, batchMax: 1, groups }),
        produce(w, { queue: fifo, producer: 3, batchMax: 1, groups }),
        consume(w, {
          queue: standard,
          consumer: 0,
          crashChance: 0,
          nackChance: 0.05,
          visibilityTimeoutSeconds: 6,
        }),
        consume(w, {
          queue: standard,
          consumer: 1,
          crashChance: 0.3,
          nackChance: 0,
          visibilityTimeoutSeconds: 3,
        }),
        consume(w, {
          queue: fifo,
          consumer: 2,
          crashChance: 0,
          nackChance: 0.05,
          visibilityTimeoutSeconds: 6,
        }),
        consume(w, {
          queue: fifo,
          consumer: 3,
          crashChance: 0.3,
          nackChance: 0,
          visibilityTimeoutSeconds: 3,
        }),
      ];
      await sleep(3000);
      const faults = await nemesis(cluster, random, 3, partitionIds);
      process.stdout.write(`nemesis: ${faults.join("; ")}\n`);
      await sleep(3000);
      w.stopping = true;
      await Promise.all(loops);

      cluster.heal();
      await cluster.restartAllDown();
      await waitForQueuePartitions(cluster, 5);
      const [drainedStandard, drainedFifo] = await Promise.all([
        drain(w, standard, 10, 45_000),
        drain(w, fifo, 11, 45_000),
      ]);

      const stats = assertQueueHistoryValid(history);
      const perQueue = { [standard]: statsOf(history, standard), [fifo]: statsOf(history, fifo) };
      process.stdout.write(
        `queue history: ${JSON.stringify({ stats, perQueue, drained: [drainedStandard, drainedFifo], crashes: w.crashes, nacks: w.nacks, errors: errorCounts(history) })}\n`,
      );
      // Enough happened for the checks to mean something.
      expect(perQueue[standard].bodiesAcknowledged).toBeGreaterThanOrEqual(150);
      expect(perQueue[fifo].bodiesAcknowledged).toBeGreaterThanOrEqual(60);
      // (Deletes are not counted against acknowledged sends: a delete whose answer was lost in a fault may
      // have worked. The checker and the empty queues at the end of the drain are what prove delivery.)
      expect(w.crashes).toBeGreaterThan(0);
      expect(perQueue[standard].redelivered + perQueue[fifo].redelivered).toBeGreaterThan(0);
      expect(stats.visibilityChanges).toBeGreaterThan(0);
    } finally {
      w.stopping = true;
      clients.close();
    }
  });
});

// ---- bad input -------------------------------------------------------------------------------------

/** How a call was answered: its error code, the field it named and whether it was retryable, or "ok". */
async function answerOf(
  call: Promise<unknown>,
): Promise<{ code: string; field?: string; retryable?: boolean }> {
  try {
    await call;
    return { code: "ok" };
  } catch (error) {
    const failure = failureOf(error);
    return {
      code: failure.code,
      ...(failure.field === undefined ? {} : { field: normalField(failure.field) }),
      retryable: failure.retryable,
    };
  }
}

/**
 * Fields as one name: the gateway names proto fields (message_body, attributes.FifoQueue) and the broker
 * SQS parameters (MessageBody, Attributes.VisibilityTimeout); both name the same field.
 */
function normalField(field: string): string {
  return field.replace(/_/g, "").toLowerCase();
}

describe("bad input through a real node", () => {
  it("is answered with the right code naming the field, and the node keeps serving", async () => {
    const cluster = newCluster({ nodes: 3, name: "queues-bad-input" });
    await cluster.start();
    const clients = new QueueClients();
    const random = new SeededRandom(seed);
    const node = cluster.clientAddress(2);
    const call = <T>(
      invoke: (client: v1.QueueServiceClient, options: CallOptions, callback: Callback<T>) => unknown,
    ) => clients.call<T>(node, 10_000, invoke);
    const rejects = async (
      what: string,
      promise: Promise<unknown>,
      code: string,
      field: string | undefined,
    ): Promise<void> => {
      const answer = await answerOf(promise);
      expect
        .soft(answer, what)
        .toEqual({ code, ...(field === undefined ? {} : { field: normalField(field) }), retryable: false });
    };
    try {
      const std = "bad-input";
      const fifo = "bad-input.fifo";
      await createQueue({ cluster, clients, random }, std, { MaximumMessageSize: "1024" });
      await createQueue({ cluster, clients, random }, fifo, { FifoQueue: "true" });
      await checkCreateQueue(call, rejects);
      await checkSend(call, rejects, std, fifo);
      await checkBatches(call, rejects, std);
      await checkReceiveAndHandles(call, rejects, std, fifo);

      // Nothing bad was created or changed.
      const listed = await call<v1.ListQueuesResponse__Output>((c, o, cb) =>
        c.listQueues({ queueNamePrefix: "" }, o, cb),
      );
      expect(listed.queues.map((q) => q.name)).toEqual([std, fifo]);
      const attributes = await call<v1.GetQueueAttributesResponse__Output>((c, o, cb) =>
        c.getQueueAttributes({ queueName: std, attributeNames: ["All"] }, o, cb),
      );
      expect(attributes.attributes).toMatchObject({
        MaximumMessageSize: "1024",
        VisibilityTimeout: "30",
        ApproximateNumberOfMessages: "0",
      });

      // The node still serves: a message goes round through it, byte-order mark and all.
      await call<v1.SendMessageResponse__Output>((c, o, cb) =>
        c.sendMessage({ queueName: std, messageBody: "\uFEFFstill-here ✓" }, o, cb),
      );
      const received = await call<v1.ReceiveMessageResponse__Output>((c, o, cb) =>
        c.receiveMessage({ queueName: std, waitTimeSeconds: 5, maxNumberOfMessages: 10 }, o, cb),
      );
      expect(received.messages.map((m) => m.body)).toEqual(["\uFEFFstill-here ✓"]);
      await call((c, o, cb) =>
        c.deleteMessage({ queueName: std, receiptHandle: received.messages[0]?.receiptHandle ?? "" }, o, cb),
      );
      expect(cluster.status().filter((s) => s.state === "running")).toHaveLength(3);
    } finally {
      clients.close();
    }
  });
});

type Call = <T>(
  invoke: (client: v1.QueueServiceClient, options: CallOptions, callback: Callback<T>) => unknown,
) => Promise<T>;
type Rejects = (
  what: string,
  promise: Promise<unknown>,
  code: string,
  field: string | undefined,
) => Promise<void>;

async function checkCreateQueue(call: Call, rejects: Rejects): Promise<void> {
  const create = (queueName: string, attributes: Record<string, string> = {}) =>
    call((c, o, cb) => c.createQueue({ queueName, attributes }, o, cb));
  await rejects("a space in a name", create("has space"), "INVALID_ARGUMENT", "queue_name");
  await rejects("a non-ASCII name", create("ünïcode"), "INVALID_ARGUMENT", "queue_name");
  await rejects("an 81-character name", create("q".repeat(81)), "INVALID_ARGUMENT", "queue_name");
  await rejects("an empty name", create(""), "INVALID_ARGUMENT", "queue_name");
  await rejects(".fifo without FifoQueue", create("plain.fifo"), "INVALID_ARGUMENT", "attributes.FifoQueue");
  const attribute = async (name: string, value: string) =>
    rejects(
      `${name}=${value}`,
      create("bad-attributes", { [name]: value }),
      "INVALID_ARGUMENT",
      `attributes.${name}`,
    );
  await attribute("VisibilityTimeout", "43201");
  await attribute("VisibilityTimeout", "ten");
  await attribute("MaximumMessageSize", "100");
  await attribute("MaximumMessageSize", "1048577");
  await attribute("MessageRetentionPeriod", "59");
  await attribute("DelaySeconds", "-1");
  await attribute("ReceiveMessageWaitTimeSeconds", "21");
  await attribute("Colour", "blue");
  await attribute("ContentBasedDeduplication", "true");
  await attribute("Partitions", "0");
  await attribute("Partitions", "65");
  await attribute("Partitions", "two");
  await rejects(
    "an existing name with other attributes",
    create("bad-input", { MaximumMessageSize: "2048" }),
    "ALREADY_EXISTS",
    undefined,
  );
}

async function checkSend(call: Call, rejects: Rejects, std: string, fifo: string): Promise<void> {
  const send = (request: v1.SendMessageRequest) => call((c, o, cb) => c.sendMessage(request, o, cb));
  await rejects(
    "an unknown queue",
    send({ queueName: "no-such-queue", messageBody: "x" }),
    "NOT_FOUND",
    "queue_name",
  );
  await rejects(
    "an empty body",
    send({ queueName: std, messageBody: "" }),
    "INVALID_ARGUMENT",
    "message_body",
  );
  await rejects(
    "a body above 1 MiB",
    send({ queueName: std, messageBody: "x".repeat(1024 * 1024 + 1) }),
    "INVALID_ARGUMENT",
    "message_body",
  );
  await rejects(
    "a body above the queue's MaximumMessageSize",
    send({ queueName: std, messageBody: "é".repeat(513) }),
    "INVALID_ARGUMENT",
    "message_body",
  );
  await rejects(
    "a body with a character SQS does not allow (U+0000)",
    send({ queueName: std, messageBody: "nul\u0000byte" }),
    "INVALID_ARGUMENT",
    "message_body",
  );
  await rejects(
    "a body with a character SQS does not allow (U+FFFE)",
    send({ queueName: std, messageBody: "not\uFFFEchar" }),
    "INVALID_ARGUMENT",
    "message_body",
  );
  await rejects(
    "a delay of 901 s",
    send({ queueName: std, messageBody: "x", delaySeconds: 901 }),
    "INVALID_ARGUMENT",
    "delay_seconds",
  );
  await rejects(
    "a deduplication id on a standard queue",
    send({ queueName: std, messageBody: "x", messageDeduplicationId: "d" }),
    "INVALID_ARGUMENT",
    "message_deduplication_id",
  );
  await rejects(
    "FIFO without a group",
    send({ queueName: fifo, messageBody: "x", messageDeduplicationId: "d" }),
    "INVALID_ARGUMENT",
    "message_group_id",
  );
  await rejects(
    "FIFO without a deduplication id",
    send({ queueName: fifo, messageBody: "x", messageGroupId: "g" }),
    "INVALID_ARGUMENT",
    "message_deduplication_id",
  );
  await rejects(
    "FIFO with a per-message delay",
    send({
      queueName: fifo,
      messageBody: "x",
      messageGroupId: "g",
      messageDeduplicationId: "d",
      delaySeconds: 1,
    }),
    "INVALID_ARGUMENT",
    "delay_seconds",
  );
  await rejects(
    "a group id of 129 characters",
    send({ queueName: fifo, messageBody: "x", messageGroupId: "g".repeat(129), messageDeduplicationId: "d" }),
    "INVALID_ARGUMENT",
    "message_group_id",
  );
}

async function checkBatches(call: Call, rejects: Rejects, std: string): Promise<void> {
  const batch = (entries: v1.SendMessageBatchRequestEntry[]) =>
    call<v1.SendMessageBatchResponse__Output>((c, o, cb) =>
      c.sendMessageBatch({ queueName: std, entries }, o, cb),
    );
  const entry = (id: string, messageBody = "x") => ({ id, messageBody });
  await rejects(
    "11 entries",
    batch(Array.from({ length: 11 }, (_, i) => entry(`e${i}`))),
    "TOO_MANY_ENTRIES_IN_BATCH",
    "entries",
  );
  await rejects("no entries", batch([]), "EMPTY_BATCH", "entries");
  await rejects(
    "repeated ids",
    batch([entry("a"), entry("a")]),
    "BATCH_ENTRY_IDS_NOT_DISTINCT",
    "entries[1].id",
  );
  await rejects("an invalid id", batch([entry("no spaces")]), "BATCH_ENTRY_ID_INVALID", "entries[0].id");
  await rejects(
    "entries above 1 MiB together",
    batch([entry("a", "x".repeat(600 * 1024)), entry("b", "y".repeat(600 * 1024))]),
    "BATCH_TOO_LARGE",
    "entries",
  );
  // One entry too large for the queue fails alone; the other is sent.
  const mixed = await batch([entry("small"), entry("big", "z".repeat(2000))]);
  expect(mixed.successful.map((s) => s.id)).toEqual(["small"]);
  expect(mixed.failed).toEqual([
    expect.objectContaining({ id: "big", code: "INVALID_ARGUMENT", senderFault: true }),
  ]);
  // Bodies a check above wrongly accepted come back too: receive them all, and delete them all.
  const received = await call<v1.ReceiveMessageResponse__Output>((c, o, cb) =>
    c.receiveMessage({ queueName: std, waitTimeSeconds: 5, maxNumberOfMessages: 10 }, o, cb),
  );
  const bodies = received.messages.map((m) => m.body);
  expect(bodies).toContain("x");
  expect(bodies).not.toContain("z".repeat(2000));
  for (const m of received.messages) {
    await call((c, o, cb) => c.deleteMessage({ queueName: std, receiptHandle: m.receiptHandle }, o, cb));
  }
  const deleteBatch = (queueName: string, handles: string[]) =>
    call<v1.DeleteMessageBatchResponse__Output>((c, o, cb) =>
      c.deleteMessageBatch(
        { queueName, entries: handles.map((h, i) => ({ id: `e${i}`, receiptHandle: h })) },
        o,
        cb,
      ),
    );
  await rejects(
    "11 deletes",
    deleteBatch(
      std,
      Array.from({ length: 11 }, () => "h"),
    ),
    "TOO_MANY_ENTRIES_IN_BATCH",
    "entries",
  );
  await rejects(
    "11 visibility changes",
    call((c, o, cb) =>
      c.changeMessageVisibilityBatch(
        {
          queueName: std,
          entries: Array.from({ length: 11 }, (_, i) => ({
            id: `e${i}`,
            receiptHandle: "h",
            visibilityTimeoutSeconds: 1,
          })),
        },
        o,
        cb,
      ),
    ),
    "TOO_MANY_ENTRIES_IN_BATCH",
    "entries",
  );
}

async function checkReceiveAndHandles(
  call: Call,
  rejects: Rejects,
  std: string,
  fifo: string,
): Promise<void> {
  const receive = (request: v1.ReceiveMessageRequest) =>
    call<v1.ReceiveMessageResponse__Output>((c, o, cb) =>
      c.receiveMessage({ messageSystemAttributeNames: ["All"], ...request }, o, cb),
    );
  await rejects(
    "receive 11",
    receive({ queueName: std, maxNumberOfMessages: 11 }),
    "INVALID_ARGUMENT",
    "max_number_of_messages",
  );
  await rejects(
    "receive with visibility 43201 s",
    receive({ queueName: std, visibilityTimeoutSeconds: 43_201 }),
    "INVALID_ARGUMENT",
    "visibility_timeout_seconds",
  );
  await rejects(
    "receive waiting 21 s",
    receive({ queueName: std, waitTimeSeconds: 21 }),
    "INVALID_ARGUMENT",
    "wait_time_seconds",
  );
  await rejects(
    "receive from an unknown queue",
    receive({ queueName: "no-such-queue" }),
    "NOT_FOUND",
    "queue_name",
  );
  await rejects(
    "an unknown attribute name",
    call((c, o, cb) => c.getQueueAttributes({ queueName: std, attributeNames: ["Colour"] }, o, cb)),
    "INVALID_ARGUMENT",
    "attribute_names",
  );
  await rejects(
    "changing Partitions",
    call((c, o, cb) => c.setQueueAttributes({ queueName: std, attributes: { Partitions: "4" } }, o, cb)),
    "INVALID_ARGUMENT",
    "attributes.Partitions",
  );
  await rejects(
    "setting VisibilityTimeout=-5",
    call((c, o, cb) =>
      c.setQueueAttributes({ queueName: std, attributes: { VisibilityTimeout: "-5" } }, o, cb),
    ),
    "INVALID_ARGUMENT",
    "attributes.VisibilityTimeout",
  );
  await rejects(
    "deleting an unknown queue",
    call((c, o, cb) => c.deleteQueue({ queueName: "no-such-queue" }, o, cb)),
    "NOT_FOUND",
    "queue_name",
  );

  // A FIFO message received twice: the first receive's handle is stale.
  await call((c, o, cb) =>
    c.sendMessage(
      { queueName: fifo, messageBody: "stale", messageGroupId: "g", messageDeduplicationId: "s1" },
      o,
      cb,
    ),
  );
  const first = (await receive({ queueName: fifo, visibilityTimeoutSeconds: 1, waitTimeSeconds: 5 }))
    .messages[0];
  expect(first?.body).toBe("stale");
  await sleep(1500);
  const second = (await receive({ queueName: fifo, visibilityTimeoutSeconds: 30, waitTimeSeconds: 5 }))
    .messages[0];
  expect(second?.attributes["ApproximateReceiveCount"]).toBe("2");
  const stale = first?.receiptHandle ?? "";
  const current = second?.receiptHandle ?? "";
  const remove = (queueName: string, receiptHandle: string) =>
    call((c, o, cb) => c.deleteMessage({ queueName, receiptHandle }, o, cb));
  const change = (queueName: string, receiptHandle: string, visibilityTimeoutSeconds: number) =>
    call((c, o, cb) =>
      c.changeMessageVisibility({ queueName, receiptHandle, visibilityTimeoutSeconds }, o, cb),
    );
  await rejects(
    "a stale handle (FIFO delete)",
    remove(fifo, stale),
    "RECEIPT_HANDLE_INVALID",
    "receipt_handle",
  );
  await rejects(
    "a stale handle (visibility)",
    change(fifo, stale, 5),
    "RECEIPT_HANDLE_INVALID",
    "receipt_handle",
  );
  await rejects(
    "visibility 43201 s",
    change(fifo, current, 43_201),
    "INVALID_ARGUMENT",
    "visibility_timeout_seconds",
  );
  await rejects("another queue's handle", remove(std, current), "RECEIPT_HANDLE_INVALID", "receipt_handle");
  const partition = current.slice(0, current.indexOf("."));
  await rejects("a garbage handle", remove(fifo, "garbage"), "RECEIPT_HANDLE_INVALID", "receipt_handle");
  await rejects(
    "a garbage handle naming the queue's partition",
    remove(fifo, `${partition}.garbage`),
    "RECEIPT_HANDLE_INVALID",
    "receipt_handle",
  );
  await rejects("an empty handle", remove(fifo, ""), "INVALID_ARGUMENT", "receipt_handle");
  await rejects(
    "a 2000-character handle",
    remove(fifo, "h".repeat(2000)),
    "INVALID_ARGUMENT",
    "receipt_handle",
  );
  // The current handle still works after all that, and only once.
  expect(await answerOf(remove(fifo, current))).toEqual({ code: "ok" });
  await rejects(
    "a deleted message's handle (visibility)",
    change(fifo, current, 5),
    "RECEIPT_HANDLE_INVALID",
    "receipt_handle",
  );
  const batchAnswer = await call<v1.DeleteMessageBatchResponse__Output>((c, o, cb) =>
    c.deleteMessageBatch(
      {
        queueName: fifo,
        entries: [
          { id: "gone", receiptHandle: current },
          { id: "junk", receiptHandle: `${partition}.junk` },
        ],
      },
      o,
      cb,
    ),
  );
  expect(batchAnswer.successfulIds).toEqual(["gone"]);
  expect(batchAnswer.failed).toEqual([
    expect.objectContaining({ id: "junk", code: "RECEIPT_HANDLE_INVALID", senderFault: true }),
  ]);
}

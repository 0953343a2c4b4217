import { ErrorCode, limits } from "@millrace/common";
import { linkSignals, sleep } from "./abort.js";
import { MillraceClientError, isAbortError, invalidArgument } from "./errors.js";
import type { ReceivedMessage } from "./messages.js";
import type { Queue, ReceiveOptions } from "./queue.js";
import { DeleteBatcher } from "./delete-batcher.js";
import { checkIntegerRange } from "./validation.js";

export interface MessagesOptions extends Omit<ReceiveOptions, "deadlineMs"> {
  /** Long-poll wait per receive, 0..20 seconds; default 20. */
  readonly waitSeconds?: number;
  /** Messages per receive, 1..10; default 10. Their visibility timeout starts at the receive. */
  readonly maxMessages?: number;
}

/**
 * Long-polls the queue and yields its messages one by one until `signal` aborts (the iterator then
 * ends, and the long poll in flight is cancelled). Deleting each message is the caller's job. Leaving
 * the loop early leaves the rest of a received batch invisible until its visibility timeout.
 */
export async function* messages(
  queue: Queue,
  options: MessagesOptions = {},
): AsyncGenerator<ReceivedMessage, void> {
  const { signal } = options;
  while (!isAborted(signal)) {
    let batch: ReceivedMessage[];
    try {
      batch = await queue.receive({
        ...options,
        waitSeconds: options.waitSeconds ?? limits.waitTimeSecondsMax,
        maxMessages: options.maxMessages ?? limits.receiveMessagesMax,
      });
    } catch (err) {
      if (isAbortError(err)) return;
      throw err;
    }
    for (const message of batch) {
      if (isAborted(signal)) return;
      yield message;
    }
  }
}

/** A function, so the compiler does not assume an awaited signal still is what it was before. */
function isAborted(signal: AbortSignal | undefined): boolean {
  return signal?.aborted === true;
}

/** Handles one message; resolving deletes it, throwing leaves it to reappear after its visibility timeout. */
export type MessageHandler = (
  message: ReceivedMessage,
  context: { readonly signal: AbortSignal },
) => Promise<void> | void;

export interface ConsumeOptions {
  /** Stops receiving; handlers still running finish (their `signal` aborts too) before consume() resolves. */
  readonly signal?: AbortSignal;
  /** Handlers running at once, 1..1000; default 1. */
  readonly concurrency?: number;
  /** The lease each received message gets and each extension renews, 1..43200 seconds; default 30. */
  readonly visibilityTimeoutSeconds?: number;
  /** How often a running handler's lease is renewed; default a third of the visibility timeout. */
  readonly heartbeatIntervalMs?: number;
  /** Long-poll wait per receive, 0..20 seconds; default 20. */
  readonly waitSeconds?: number;
  readonly attributeNames?: readonly string[];
  readonly messageAttributeNames?: readonly string[];
  /**
   * Told of every handler failure, failed delete or extension, and retryable receive failure (after
   * the SDK's own retries). Defaults to the client's logger.
   */
  readonly onError?: (error: unknown, message: ReceivedMessage | undefined) => void;
  /**
   * How long a handled message's delete may wait for others to share a DeleteMessageBatch call with,
   * 0..1000 ms; default 5. Ten waiting go at once.
   */
  readonly deleteLingerMs?: number;
  /**
   * The most receives (long polls) in flight at once, 1..100; default one per 10 handler slots, at most
   * 10. Each holds the slots of the messages it asks for, so receiving never runs more than
   * `concurrency` handlers at once. An idle queue gets one: receives are added one at a time while they
   * come back full, and drop back to one when one comes back empty.
   */
  readonly receivesInFlight?: number;
}

const concurrencyMax = 1_000;
const receivesInFlightMax = 100;
/** The default's ceiling: past it, more idle long polls cost the cluster more than they win. */
const receivesInFlightDefaultMax = 10;

/**
 * Receives and handles messages until `options.signal` aborts: at most `concurrency` handlers at once,
 * each message's visibility extended while its handler runs, deleted when the handler succeeds, left
 * alone when it fails. Resolves once stopped and every running handler has finished; rejects if a
 * receive fails with a non-retryable error (the queue was deleted, permission was revoked).
 */
export async function consume(
  queue: Queue,
  handler: MessageHandler,
  options: ConsumeOptions = {},
): Promise<void> {
  const concurrency = options.concurrency ?? 1;
  checkIntegerRange(concurrency, 1, concurrencyMax, "concurrency");
  const visibilityTimeoutSeconds = options.visibilityTimeoutSeconds ?? 30;
  checkIntegerRange(
    visibilityTimeoutSeconds,
    1,
    limits.visibilityTimeoutSecondsMax,
    "visibilityTimeoutSeconds",
  );
  const heartbeatIntervalMs =
    options.heartbeatIntervalMs ?? Math.floor((visibilityTimeoutSeconds * 1_000) / 3);
  if (
    !Number.isSafeInteger(heartbeatIntervalMs) ||
    heartbeatIntervalMs < 1 ||
    heartbeatIntervalMs >= visibilityTimeoutSeconds * 1_000
  ) {
    throw invalidArgument("heartbeatIntervalMs", "must be a positive integer below the visibility timeout");
  }
  const onError =
    options.onError ??
    ((error: unknown) => queue.logger.warn({ err: error, queue: queue.name }, "millrace: consumer error"));
  const deleteLingerMs = options.deleteLingerMs ?? 5;
  checkIntegerRange(deleteLingerMs, 0, 1_000, "deleteLingerMs");
  const receivesInFlight =
    options.receivesInFlight ??
    Math.min(receivesInFlightDefaultMax, Math.ceil(concurrency / limits.receiveMessagesMax));
  checkIntegerRange(receivesInFlight, 1, receivesInFlightMax, "receivesInFlight");
  const deletes = new DeleteBatcher(queue, deleteLingerMs);
  // Aborts on the caller's signal, or when a receive fails for good (the other receives stop too).
  const stopper = new AbortController();
  const { signal: stop, dispose } = linkSignals(options.signal, stopper.signal);
  const running = new Set<Promise<void>>();
  const receiving = new Set<Promise<void>>();
  /** Handler slots held by receives in flight: as many as each asked for. */
  let held = 0;
  /** Receives to keep in flight now, up to receivesInFlight: grows while they come back full. */
  let receivesWanted = 1;
  let failures = 0;
  let fatal: { error: unknown } | undefined;
  /** Stops everything with `error`: a receive failed for good, or `onError` itself threw. */
  const fail = (error: unknown) => {
    fatal ??= { error };
    stopper.abort(error);
  };
  /** Wakes the receive loop when a handler or a receive ends (one waiter, not a race over them all). */
  let wake: (() => void) | undefined;
  const changed = () => {
    wake?.();
    wake = undefined;
  };
  const handle = (message: ReceivedMessage) =>
    handleOne(queue, handler, message, {
      visibilityTimeoutSeconds,
      heartbeatIntervalMs,
      onError,
      stop,
      deleteMessage: (receiptHandle) => deletes.delete(receiptHandle),
    });
  const receiveInto = async (maxMessages: number): Promise<void> => {
    let batch: ReceivedMessage[];
    try {
      batch = await queue.receive({
        maxMessages,
        waitSeconds: options.waitSeconds ?? limits.waitTimeSecondsMax,
        visibilityTimeoutSeconds,
        signal: stop,
        ...(options.attributeNames === undefined ? {} : { attributeNames: options.attributeNames }),
        ...(options.messageAttributeNames === undefined
          ? {}
          : { messageAttributeNames: options.messageAttributeNames }),
      });
      failures = 0;
    } catch (err) {
      receivesWanted = 1;
      if (isAbortError(err)) return;
      if (!(err instanceof MillraceClientError) || !err.isRetryable) {
        fail(err);
        return;
      }
      onError(err, undefined);
      failures += 1;
      // The transport already retried; pause (holding the slots) before asking again, so an outage is
      // not a busy loop of every receive in flight.
      await sleep(Math.min(100 * 2 ** Math.min(failures, 6), 5_000), stop).catch(() => undefined);
      return;
    }
    // A full answer says messages are waiting: one more receive. An empty one (a long poll that ran its
    // course) says the queue is idle: one long poll is enough to hear of the next message.
    if (batch.length >= maxMessages) receivesWanted = Math.min(receivesInFlight, receivesWanted + 1);
    else if (batch.length === 0) receivesWanted = 1;
    for (const message of batch) {
      const task: Promise<void> = handle(message)
        .catch(fail)
        .finally(() => {
          running.delete(task);
          changed();
        });
      running.add(task);
    }
  };
  const fullBatch = Math.min(concurrency, limits.receiveMessagesMax);
  try {
    while (!stop.aborted) {
      const free = Math.max(0, concurrency - running.size - held);
      // A receive asks for a full batch; a smaller one only when no other receive is in flight, so
      // slots freed one at a time are not spent on receives of one message each.
      const ask = receiving.size === 0 ? Math.min(free, fullBatch) : free >= fullBatch ? fullBatch : 0;
      if (receiving.size >= receivesWanted || ask === 0) {
        // Something is in flight whenever nothing can start (all slots are held or running).
        await new Promise<void>((resolve) => (wake = resolve));
        continue;
      }
      held += ask;
      const receive: Promise<void> = receiveInto(ask)
        .catch(fail)
        .finally(() => {
          held -= ask;
          receiving.delete(receive);
          changed();
        });
      receiving.add(receive);
    }
  } finally {
    // Normally a no-op (the loop ends on an abort); otherwise the long polls in flight are cancelled.
    stopper.abort();
    await Promise.allSettled([...receiving]);
    await Promise.allSettled([...running]);
    dispose();
  }
  if (fatal !== undefined) throw fatal.error;
}

interface HandleContext {
  readonly visibilityTimeoutSeconds: number;
  readonly heartbeatIntervalMs: number;
  readonly onError: (error: unknown, message: ReceivedMessage | undefined) => void;
  readonly stop: AbortSignal;
  readonly deleteMessage: (receiptHandle: string) => Promise<void>;
}

async function handleOne(
  queue: Queue,
  handler: MessageHandler,
  message: ReceivedMessage,
  context: HandleContext,
): Promise<void> {
  let extending = false;
  let leaseLost = false;
  // Extensions and the delete ignore the stop signal: a handler still finishing after a stop keeps its
  // lease, and its success is recorded.
  const heartbeat = setInterval(() => {
    if (extending || leaseLost) return;
    extending = true;
    queue
      .changeVisibility(message.receiptHandle, context.visibilityTimeoutSeconds)
      .catch((err: unknown) => {
        if (
          err instanceof MillraceClientError &&
          (err.code === ErrorCode.RECEIPT_HANDLE_INVALID || err.code === ErrorCode.MESSAGE_NOT_INFLIGHT)
        ) {
          leaseLost = true;
        }
        context.onError(err, message);
      })
      .finally(() => (extending = false));
  }, context.heartbeatIntervalMs);
  let succeeded = false;
  try {
    await handler(message, { signal: context.stop });
    succeeded = true;
  } catch (err) {
    context.onError(err, message);
  } finally {
    clearInterval(heartbeat);
  }
  if (!succeeded) return;
  try {
    await context.deleteMessage(message.receiptHandle);
  } catch (err) {
    context.onError(err, message);
  }
}

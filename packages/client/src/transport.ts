import { type Metadata, status, type ServiceError } from "@grpc/grpc-js";
import { ErrorCode, firstTryMetadataKey } from "@millrace/common";
import { sleep, throwIfAborted } from "./abort.js";
import { backoffMs, type ResolvedRetryOptions } from "./backoff.js";
import { type ChannelPool, type MethodSpec, callUnary } from "./channels.js";
import { MillraceAbortError, MillraceClientError, asClientError } from "./errors.js";
import { fromGrpcError } from "./grpc-error-parsing.js";
import type { Logger } from "./logger.js";
import type { Router, RouteTarget } from "./routing.js";
import { FrameStreamPool, consumeStreamMethod, isNotRun, sendStreamMethod } from "./frame-streams.js";

/** Per-call options every SDK method takes. */
export interface CallOptions {
  /** Cancels the call (and its retries); the call rejects with MillraceAbortError. */
  readonly signal?: AbortSignal;
  /**
   * The call's whole budget in milliseconds, retries and backoff included; every attempt's gRPC deadline
   * is what remains of it. Defaults to the client's `deadlineMs`.
   */
  readonly deadlineMs?: number;
}

/**
 * When a failed attempt may be sent again:
 * - `retryable`: on any retryable error. The operation is idempotent, or duplicates are acceptable
 *   (standard queue sends are at-least-once).
 * - `not-applied`: only when the error proves the first attempt had no effect (NOT_LEADER, SHARD_MOVED,
 *   PROPOSAL_DROPPED, RESOURCE_EXHAUSTED, or no connection at all); for operations without a
 *   deduplication id, such as log appends.
 */
export type RetryPolicy = "retryable" | "not-applied";

export interface Operation<Req, Res> {
  readonly method: MethodSpec<Req, Res>;
  readonly request: Req;
  readonly target: RouteTarget;
  readonly retry: RetryPolicy;
  /** Used instead of the client's default deadline when the caller gives none (long polls need more). */
  readonly defaultDeadlineMs?: number;
  /**
   * Marks the first try with metadata `millrace-first-try: 1` (common's firstTryMetadataKey), so
   * the server may skip what only a retry needs: a FIFO receive then does not ask every partition to
   * replay its new attempt id. Retries, and a try sent on after a redirect, go unmarked.
   */
  readonly markFirstTry?: boolean;
  /**
   * Sends each attempt as a frame of the node's stream (frame-streams.ts), not as a unary call: frames of
   * SendMessageStream carry SendMessageBatch; those of ConsumeStream ReceiveMessage, DeleteMessageBatch
   * and ChangeMessageVisibilityBatch. `field` names both the frame's field that carries the request and
   * the answer's that carries the response; `lane` is the frame's lane of the stream's slots.
   */
  readonly viaStream?: StreamRoute;
}

export interface StreamRoute {
  readonly stream: "send" | "consume";
  readonly field: string;
  readonly lane: string;
}

const notAppliedCodes: ReadonlySet<ErrorCode> = new Set([
  ErrorCode.NOT_LEADER,
  ErrorCode.SHARD_MOVED,
  ErrorCode.PROPOSAL_DROPPED,
  ErrorCode.RESOURCE_EXHAUSTED,
]);

export interface TransportOptions {
  readonly channels: ChannelPool;
  readonly router: Router;
  readonly retry: ResolvedRetryOptions;
  readonly deadlineMs: number;
  readonly metadata: Metadata;
  /** Asks the routing follower for a fresh table, after a NOT_LEADER without an address. */
  readonly refreshRouting: () => void;
  readonly logger: Logger;
  readonly random?: () => number;
  readonly now?: () => number;
}

/**
 * Runs one logical call: picks a node per attempt, follows NOT_LEADER hints at once, backs off on other
 * retryable errors within the caller's deadline, and gives up at once on the rest.
 */
export class Transport {
  readonly router: Router;
  readonly channels: ChannelPool;
  readonly sendStreams: FrameStreamPool;
  readonly consumeStreams: FrameStreamPool;
  readonly defaultDeadlineMs: number;
  readonly logger: Logger;
  private readonly random: () => number;
  private readonly now: () => number;

  constructor(private readonly options: TransportOptions) {
    this.router = options.router;
    this.channels = options.channels;
    this.defaultDeadlineMs = options.deadlineMs;
    this.logger = options.logger;
    this.random = options.random ?? Math.random;
    this.now = options.now ?? Date.now;
    const metadata = () => options.metadata;
    this.sendStreams = new FrameStreamPool(sendStreamMethod, options.channels, metadata, this.now);
    this.consumeStreams = new FrameStreamPool(consumeStreamMethod, options.channels, metadata, this.now);
  }

  get metadata(): Metadata {
    return this.options.metadata;
  }

  async call<Req, Res>(op: Operation<Req, Res>, callOptions: CallOptions = {}): Promise<Res> {
    const { signal } = callOptions;
    throwIfAborted(signal);
    const deadline = this.now() + (callOptions.deadlineMs ?? op.defaultDeadlineMs ?? this.defaultDeadlineMs);
    const retry = this.options.retry;
    let attempts = 0;
    let redirects = 0;
    let redirectTo: string | undefined;
    for (;;) {
      const address = redirectTo ?? this.router.pick(op.target);
      redirectTo = undefined;
      attempts += 1;
      let error: MillraceClientError;
      let connected = true;
      try {
        const firstTry = op.markFirstTry === true && attempts === 1 && redirects === 0;
        const unary = () =>
          callUnary(this.channels.get(address), op.method, op.request, {
            deadline,
            signal,
            metadata: firstTry ? this.firstTryMetadata() : this.options.metadata,
          });
        const route = op.viaStream;
        const response =
          route === undefined
            ? await unary()
            : await (route.stream === "send" ? this.sendStreams : this.consumeStreams).send(
                address,
                {
                  payload:
                    route.stream === "send"
                      ? { [route.field]: op.request }
                      : { [route.field]: op.request, firstTry },
                  resultField: route.field,
                  lane: route.lane,
                  queueName: (op.request as { queueName?: string }).queueName ?? "",
                },
                { deadline, signal },
                unary,
              );
        this.router.markHealthy(address);
        return response;
      } catch (caught) {
        if (caught instanceof MillraceAbortError) throw caught;
        if (caught instanceof MillraceClientError) {
          // A stream frame's own answer: the node's error, as a unary call's trailers would carry it.
          error = caught;
        } else {
          if (!isServiceError(caught)) throw asClientError(caught);
          error = fromGrpcError(caught, address);
          connected = !isConnectionFailure(caught) && !isNotRun(caught);
          if (isTransportFailure(caught)) this.router.markUnhealthy(address);
        }
      }

      const hint = error.leaderHint;
      if (
        error.code === ErrorCode.NOT_LEADER &&
        hint?.address !== undefined &&
        redirects < retry.maxRedirects
      ) {
        // The hinted node is where the group's leader was a moment ago: go there at once, and remember it.
        this.router.noteLeader(op.target, hint);
        redirects += 1;
        attempts -= 1;
        redirectTo = hint.address;
        continue;
      }
      if (error.code === ErrorCode.NOT_LEADER || error.code === ErrorCode.SHARD_MOVED) {
        this.options.refreshRouting();
      }
      if (!this.mayRetry(op.retry, error, connected, deadline) || attempts >= retry.maxAttempts) throw error;
      const delayMs = Math.max(backoffMs(attempts - 1, retry, this.random), error.retryAfterMs ?? 0);
      // Sleeping past the deadline only to fail then helps nobody: report the real error now.
      if (this.now() + delayMs >= deadline) throw error;
      await sleep(delayMs, signal);
    }
  }

  /** The client's metadata with the first-try mark: a copy, as the client's may change between calls. */
  private firstTryMetadata(): Metadata {
    const metadata = this.options.metadata.clone();
    metadata.set(firstTryMetadataKey, "1");
    return metadata;
  }

  private mayRetry(
    policy: RetryPolicy,
    error: MillraceClientError,
    connected: boolean,
    deadline: number,
  ): boolean {
    if (!error.isRetryable) return false;
    // A DEADLINE_EXCEEDED of our own means the budget is spent; one from the server may be worth another go.
    if (error.code === ErrorCode.DEADLINE_EXCEEDED && this.now() >= deadline) return false;
    if (policy === "retryable") return true;
    return notAppliedCodes.has(error.code) || !connected;
  }
}

function isServiceError(err: unknown): err is ServiceError {
  return err instanceof Error && typeof (err as Partial<ServiceError>).code === "number";
}

/** UNAVAILABLE without a Millrace code: the node, not the group, is out of reach. */
function isTransportFailure(err: ServiceError): boolean {
  const coded =
    (err.metadata?.get("millrace-error-code").length ?? 0) > 0 ||
    (err.metadata?.get("millrace-error-details-bin").length ?? 0) > 0;
  return err.code === status.UNAVAILABLE && !coded;
}

/** grpc-js fails calls on a channel that never connected this way; nothing reached the server. */
function isConnectionFailure(err: ServiceError): boolean {
  return err.code === status.UNAVAILABLE && err.details.includes("No connection established");
}

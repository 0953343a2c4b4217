import { AssertionError } from "./assert.js";

/**
 * Every operating error in Millrace carries one of these codes. The values are the wire names, equal to
 * the keys, so a code means the same thing in logs, gRPC trailers and the SDK. The gateway maps codes to
 * gRPC statuses and AWS error shapes with `Record<ErrorCode, …>` tables, so adding a code here makes the
 * compiler point at every place that must decide how to present it.
 */
export const ErrorCode = {
  // Request outcomes, named as gRPC names them so the mapping to statuses stays obvious.
  INVALID_ARGUMENT: "INVALID_ARGUMENT",
  NOT_FOUND: "NOT_FOUND",
  ALREADY_EXISTS: "ALREADY_EXISTS",
  FAILED_PRECONDITION: "FAILED_PRECONDITION",
  PERMISSION_DENIED: "PERMISSION_DENIED",
  UNAUTHENTICATED: "UNAUTHENTICATED",
  PAYLOAD_TOO_LARGE: "PAYLOAD_TOO_LARGE",
  RESOURCE_EXHAUSTED: "RESOURCE_EXHAUSTED",
  ABORTED: "ABORTED",
  UNAVAILABLE: "UNAVAILABLE",
  DEADLINE_EXCEEDED: "DEADLINE_EXCEEDED",
  CANCELLED: "CANCELLED",
  INTERNAL: "INTERNAL",

  // Routing and consensus: the SDK handles these itself by following hints and retrying.
  NOT_LEADER: "NOT_LEADER",
  SHARD_MOVED: "SHARD_MOVED",
  PROPOSAL_DROPPED: "PROPOSAL_DROPPED",

  // Queue conditions that SQS users (and the AWS-compatible API) tell apart by name.
  RECEIPT_HANDLE_INVALID: "RECEIPT_HANDLE_INVALID",
  MESSAGE_NOT_INFLIGHT: "MESSAGE_NOT_INFLIGHT",
  QUEUE_DELETED_RECENTLY: "QUEUE_DELETED_RECENTLY",
  PURGE_IN_PROGRESS: "PURGE_IN_PROGRESS",
  OVER_LIMIT: "OVER_LIMIT",
  EMPTY_BATCH: "EMPTY_BATCH",
  TOO_MANY_ENTRIES_IN_BATCH: "TOO_MANY_ENTRIES_IN_BATCH",
  BATCH_TOO_LARGE: "BATCH_TOO_LARGE",
  BATCH_ENTRY_ID_INVALID: "BATCH_ENTRY_ID_INVALID",
  BATCH_ENTRY_IDS_NOT_DISTINCT: "BATCH_ENTRY_IDS_NOT_DISTINCT",

  // Stream conditions that Kinesis users tell apart by name.
  ITERATOR_EXPIRED: "ITERATOR_EXPIRED",
} as const;

export type ErrorCode = (typeof ErrorCode)[keyof typeof ErrorCode];

export interface ErrorCodeInfo {
  /** What the error means, used when the thrower has nothing more specific to say. */
  readonly message: string;
  /**
   * Whether the same request may succeed later without the caller changing it. It does not promise the
   * first attempt had no effect (a deadline can pass after a commit), so callers retry non-idempotent
   * operations only with a deduplication id.
   */
  readonly retryable: boolean;
}

/** One row per code; `satisfies` makes the compiler reject a code without a row, or a row without a code. */
export const errorCodeInfo = {
  INVALID_ARGUMENT: { message: "a request field is invalid", retryable: false },
  NOT_FOUND: { message: "the resource does not exist", retryable: false },
  ALREADY_EXISTS: {
    message: "a resource with that name already exists with other attributes",
    retryable: false,
  },
  FAILED_PRECONDITION: {
    message: "the resource is not in a state that allows this operation",
    retryable: false,
  },
  PERMISSION_DENIED: { message: "the caller is not allowed to do this", retryable: false },
  UNAUTHENTICATED: { message: "the request has no valid credentials", retryable: false },
  PAYLOAD_TOO_LARGE: { message: "the request is larger than the limit allows", retryable: false },
  RESOURCE_EXHAUSTED: { message: "a queue or quota is full; retry with backoff", retryable: true },
  ABORTED: {
    message: "the operation conflicted with a concurrent one and did not take effect",
    retryable: true,
  },
  UNAVAILABLE: { message: "the service is unavailable; retry with backoff", retryable: true },
  DEADLINE_EXCEEDED: { message: "the deadline passed before the operation completed", retryable: true },
  CANCELLED: { message: "the caller cancelled the operation", retryable: false },
  INTERNAL: { message: "internal error", retryable: false },

  NOT_LEADER: {
    message: "this node is not the leader of the group; retry at the leader hint",
    retryable: true,
  },
  SHARD_MOVED: { message: "the shard or partition moved; refresh routes and retry", retryable: true },
  PROPOSAL_DROPPED: {
    message: "the group refused the proposal (no leader, or a leadership transfer in progress)",
    retryable: true,
  },

  RECEIPT_HANDLE_INVALID: { message: "the receipt handle is not valid", retryable: false },
  MESSAGE_NOT_INFLIGHT: { message: "the message is not in flight", retryable: false },
  // Retrying helps only after the name's quarantine, longer than any call's deadline, so clients must not spin.
  QUEUE_DELETED_RECENTLY: {
    message: "a queue with that name was deleted recently; wait before reusing it",
    retryable: false,
  },
  PURGE_IN_PROGRESS: {
    message: "the queue was purged recently; wait before purging it again",
    retryable: false,
  },
  // Not retried for the caller: SQS answers a short poll at the cap with OverLimit at once, and the caller
  // (who holds the in-flight messages) decides whether to delete some or back off. A long poll waits instead.
  OVER_LIMIT: {
    message: "too many messages are in flight; delete some, or wait for their visibility timeouts to end",
    retryable: false,
  },
  EMPTY_BATCH: { message: "the batch has no entries", retryable: false },
  TOO_MANY_ENTRIES_IN_BATCH: { message: "the batch has more entries than allowed", retryable: false },
  BATCH_TOO_LARGE: { message: "the batch's entries together exceed the batch size limit", retryable: false },
  BATCH_ENTRY_ID_INVALID: { message: "a batch entry id is not valid", retryable: false },
  BATCH_ENTRY_IDS_NOT_DISTINCT: { message: "two batch entries have the same id", retryable: false },

  ITERATOR_EXPIRED: { message: "the shard iterator expired; get a new one", retryable: false },
} as const satisfies Record<ErrorCode, ErrorCodeInfo>;

/** Where the leader of a group is believed to be, as the wire's LeaderHint carries it. */
export interface LeaderHint {
  readonly nodeId: number;
  /** The leader's client gRPC address as host:port, when this node knows it. */
  readonly address?: string;
}

/** Facts that let a caller act on an error; every field is optional because most errors carry one or two. */
export interface ErrorDetails {
  /** The request field at fault, as a path such as `Entries[3].Id`. */
  readonly field?: string;
  /** The resource the error concerns: a queue, topic or stream name, or an internal queue's name. */
  readonly resource?: string;
  /** With NOT_LEADER: the leader, when this node knows it, so the retry goes straight there. */
  readonly leaderHint?: LeaderHint;
  /** With SHARD_MOVED: the routing table version the caller must have seen before retrying. */
  readonly routingVersion?: number;
  /** With RESOURCE_EXHAUSTED or PAYLOAD_TOO_LARGE: the limit that was reached. */
  readonly limit?: number;
  /** How long to wait before retrying, when the server knows better than the caller's backoff. */
  readonly retryAfterMs?: number;
}

export interface MillraceErrorOptions extends ErrorOptions {
  readonly details?: ErrorDetails;
}

/**
 * An operating condition (bad input, a full queue, a lost leader), as opposed to a programmer error,
 * which goes through `assert`. Its message may reach clients, so it must not embed their data verbatim.
 */
export class MillraceError extends Error {
  override readonly name = "MillraceError";
  readonly code: ErrorCode;
  /** Copied from the table so a caller never has to know the table to decide whether to retry. */
  readonly retryable: boolean;
  readonly details: ErrorDetails;

  constructor(
    code: ErrorCode,
    message: string = errorCodeInfo[code].message,
    options: MillraceErrorOptions = {},
  ) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.code = code;
    this.retryable = errorCodeInfo[code].retryable;
    this.details = Object.freeze({ ...options.details });
  }
}

export function isMillraceError(err: unknown): err is MillraceError;
export function isMillraceError<C extends ErrorCode>(
  err: unknown,
  code: C,
): err is MillraceError & { readonly code: C };
export function isMillraceError(err: unknown, code?: ErrorCode): err is MillraceError {
  return err instanceof MillraceError && (code === undefined || err.code === code);
}

/** True only for a MillraceError whose code is retryable; anything unknown is not worth repeating blindly. */
export function isRetryable(err: unknown): boolean {
  return err instanceof MillraceError && err.retryable;
}

/**
 * Turns anything thrown into a MillraceError at a boundary (a gRPC handler, the SDK). Unknown exceptions
 * become INTERNAL with the original kept as `cause` for the logs; their messages are not copied, since
 * they may hold internal detail. An AssertionError is rethrown: a broken invariant must stop the process,
 * never be answered as an ordinary error.
 */
export function toMillraceError(err: unknown): MillraceError {
  if (err instanceof AssertionError) throw err;
  if (err instanceof MillraceError) return err;
  return new MillraceError(ErrorCode.INTERNAL, undefined, { cause: err });
}

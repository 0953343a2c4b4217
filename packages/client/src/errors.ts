import { ErrorCode, MillraceError, errorCodeInfo, type LeaderHint } from "@millrace/common";

/** One rejected request field, as the server (or the SDK's own validation) names it. */
export interface FieldViolation {
  readonly field: string;
  readonly description: string;
}

export interface MillraceClientErrorOptions {
  readonly cause?: unknown;
  /** Overrides the ErrorCode table's answer, when the server said otherwise in its trailers. */
  readonly retryable?: boolean;
  readonly grpcStatus?: number;
  readonly leaderHint?: LeaderHint;
  readonly field?: string;
  readonly fieldViolations?: readonly FieldViolation[];
  readonly retryAfterMs?: number;
  readonly routingVersion?: string;
  readonly awsErrorCode?: string;
  /** The node address the failed attempt went to, for logs. */
  readonly address?: string;
}

/**
 * Every error the SDK throws for an operating condition: a server's answer, a transport failure, bad
 * input caught before sending, an abort or a passed deadline. It is a MillraceError, so `isMillraceError`
 * and `isRetryable` from @millrace/common work on it too; `code` is the value to switch on.
 */
export class MillraceClientError extends MillraceError {
  /** The gRPC status of the failed call; undefined when no call was made (client-side validation, abort). */
  readonly grpcStatus: number | undefined;
  /** With NOT_LEADER: where the leader of the addressed group is, when the server knew. */
  readonly leaderHint: LeaderHint | undefined;
  /** With INVALID_ARGUMENT and friends: the first rejected field. */
  readonly field: string | undefined;
  readonly fieldViolations: readonly FieldViolation[];
  /** How long the server asked us to wait before retrying; undefined means "use your backoff". */
  readonly retryAfterMs: number | undefined;
  /** With SHARD_MOVED: the routing table version to wait for. */
  readonly routingVersion: string | undefined;
  /** The error code the AWS-compatible API gives for the same failure, when there is one. */
  readonly awsErrorCode: string | undefined;
  readonly address: string | undefined;
  private readonly retryableOverride: boolean | undefined;

  constructor(code: ErrorCode, message?: string, options: MillraceClientErrorOptions = {}) {
    super(code, message ?? errorCodeInfo[code].message, {
      cause: options.cause,
      details: {
        ...(options.field === undefined ? {} : { field: options.field }),
        ...(options.leaderHint === undefined ? {} : { leaderHint: options.leaderHint }),
        ...(options.retryAfterMs === undefined ? {} : { retryAfterMs: options.retryAfterMs }),
      },
    });
    this.retryableOverride = options.retryable;
    this.grpcStatus = options.grpcStatus;
    this.leaderHint = options.leaderHint;
    this.field = options.field ?? options.fieldViolations?.[0]?.field;
    this.fieldViolations = options.fieldViolations ?? [];
    this.retryAfterMs = options.retryAfterMs;
    this.routingVersion = options.routingVersion;
    this.awsErrorCode = options.awsErrorCode;
    this.address = options.address;
  }

  /**
   * Whether sending the same request again may succeed. The server's own verdict wins over the table,
   * since it knows, for instance, that an UNAVAILABLE came from a group that is being deleted.
   */
  get isRetryable(): boolean {
    return this.retryableOverride ?? this.retryable;
  }
}

/**
 * The call was cancelled through its AbortSignal (or the client was closed). The gRPC call, if one was
 * running, has been cancelled too. Code CANCELLED; never retried.
 */
export class MillraceAbortError extends MillraceClientError {
  constructor(message = "the operation was aborted", cause?: unknown) {
    super(ErrorCode.CANCELLED, message, { cause, retryable: false });
  }
}

/** True for the error an aborted call rejects with; mirrors `err.name === "AbortError"` checks on fetch. */
export function isAbortError(err: unknown): err is MillraceAbortError {
  return err instanceof MillraceAbortError;
}

/** INVALID_ARGUMENT naming the field, for the SDK's own checks before anything is sent. */
export function invalidArgument(field: string, description: string): MillraceClientError {
  return new MillraceClientError(ErrorCode.INVALID_ARGUMENT, `${field} ${description}`, {
    field,
    fieldViolations: [{ field, description }],
    retryable: false,
  });
}

/** Re-raises a MillraceError from @millrace/common's validators as the SDK's own type. */
export function asClientError(err: unknown): MillraceClientError {
  if (err instanceof MillraceClientError) return err;
  if (err instanceof MillraceError) {
    const field = err.details.field;
    return new MillraceClientError(err.code, err.message, {
      cause: err,
      ...(field === undefined ? {} : { field, fieldViolations: [{ field, description: err.message }] }),
    });
  }
  return new MillraceClientError(ErrorCode.INTERNAL, "unexpected error in the client", { cause: err });
}

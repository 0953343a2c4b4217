import { invalidArgument } from "./errors.js";

/** How the SDK retries a call that failed with a retryable error. */
export interface RetryOptions {
  /** Attempts per call, the first included; redirects to a leader hint do not count. Default 10. */
  readonly maxAttempts?: number;
  /** The backoff ceiling before the first retry, doubled each retry. Default 50 ms. */
  readonly initialBackoffMs?: number;
  /** The largest backoff ceiling. Default 5000 ms. */
  readonly maxBackoffMs?: number;
  /**
   * NOT_LEADER redirects followed at once per call, before falling back to backoff; bounds ping-pong
   * between two nodes that each believe the other leads. Default 5.
   */
  readonly maxRedirects?: number;
}

export type ResolvedRetryOptions = Required<RetryOptions>;

export const retryDefaults: ResolvedRetryOptions = {
  maxAttempts: 10,
  initialBackoffMs: 50,
  maxBackoffMs: 5_000,
  maxRedirects: 5,
};

export function resolveRetryOptions(options: RetryOptions = {}): ResolvedRetryOptions {
  const resolved = { ...retryDefaults, ...options };
  for (const [name, value] of Object.entries(resolved)) {
    if (!Number.isSafeInteger(value) || value < 0) {
      throw invalidArgument(`retry.${name}`, "must be a non-negative integer");
    }
  }
  if (resolved.maxAttempts < 1) throw invalidArgument("retry.maxAttempts", "must be at least 1");
  if (resolved.initialBackoffMs > resolved.maxBackoffMs) {
    throw invalidArgument("retry.initialBackoffMs", "must not exceed retry.maxBackoffMs");
  }
  return resolved;
}

/**
 * "Full jitter" exponential backoff: a uniform draw from [0, min(max, initial * 2^retry)). Spreading
 * retries over the whole window keeps many clients that failed together from retrying together.
 */
export function backoffMs(retry: number, options: ResolvedRetryOptions, random: () => number): number {
  const ceiling = Math.min(options.maxBackoffMs, options.initialBackoffMs * 2 ** Math.min(retry, 30));
  return Math.floor(random() * ceiling);
}

import { assert, type Random } from "@millrace/common";

export interface BackoffOptions {
  /** The delay before the first retry, before jitter. */
  readonly baseMs: number;
  /** The longest delay, so a peer that comes back is found again within this long. */
  readonly maxMs: number;
}

/**
 * The delay before retry number `attempt` (0 for the first retry): exponential growth from `baseMs`,
 * capped at `maxMs`, with "equal jitter" (a uniform draw from the upper half of the window). The jitter
 * spreads out the reconnects of the many nodes that lose a peer at the same moment; keeping the lower
 * half fixed means a retry never comes sooner than half the nominal delay.
 */
export function backoffDelayMs(attempt: number, options: BackoffOptions, random: Random): number {
  assert(Number.isSafeInteger(attempt) && attempt >= 0, () => `backoff attempt ${attempt}`);
  // 2^30 times any sane base is past any sane max, and the exponent stays exact in a double.
  const exponent = Math.min(attempt, 30);
  const windowMs = Math.min(options.maxMs, options.baseMs * 2 ** exponent);
  const halfMs = Math.floor(windowMs / 2);
  return windowMs - halfMs + random.int(halfMs + 1);
}

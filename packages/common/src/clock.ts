import { assert } from "./assert.js";

declare const timerHandleBrand: unique symbol;

/** Opaque: only the clock that made a handle knows what it is, so it can only be given back to that clock. */
export type TimerHandle = { readonly [timerHandleBrand]: true };

/**
 * Time as the drivers see it. Code that waits or measures takes a Clock instead of calling Date or
 * setTimeout, so the simulator can run it on virtual time and one seed replays a run exactly. The Raft
 * core and the state machines do not take a Clock at all: they see ticks and log-stamped times.
 */
export interface Clock {
  /** Milliseconds since the Unix epoch. For stamping commands and records; it may jump, so never measure with it. */
  nowMs(): number;
  /** Milliseconds from an arbitrary origin that never goes backwards. For durations and deadlines. */
  monotonicMs(): number;
  /** Calls `callback` once, no sooner than `delayMs` from now. */
  setTimer(delayMs: number, callback: () => void): TimerHandle;
  /** Cancels a timer that has not fired; clearing a fired or cleared timer does nothing. */
  clearTimer(handle: TimerHandle): void;
}

/**
 * Node's setTimeout fires after 1 ms when given more than 2^31 - 1 ms, which would turn a long wait into
 * a busy loop, so longer delays are refused rather than silently shortened.
 */
export const timerDelayMsMax = 2 ** 31 - 1;

/** The real clock, for production wiring. */
export const systemClock: Clock = Object.freeze({
  nowMs: () => Date.now(),
  monotonicMs: () => performance.now(),
  setTimer(delayMs: number, callback: () => void): TimerHandle {
    assert(
      Number.isFinite(delayMs) && delayMs >= 0,
      () => `timer delay must be a finite ms count, got ${delayMs}`,
    );
    assert(delayMs <= timerDelayMsMax, () => `timer delay ${delayMs} ms exceeds ${timerDelayMsMax} ms`);
    return setTimeout(callback, delayMs) as unknown as TimerHandle;
  },
  clearTimer(handle: TimerHandle): void {
    clearTimeout(handle as unknown as NodeJS.Timeout);
  },
});

import { firstTryMetadataKey, redirectMetadataKey } from "@millrace/common";
/** A call as the gateway's backends see it: when the caller gives up, and a signal when it goes away. */
export interface GatewayCallContext {
  /** Absolute deadline, ms since the epoch, as gRPC deadlines are; capped so nothing waits forever. */
  readonly deadlineMs: number;
  /** Fires when the caller cancels or disconnects; built on first use (see gatewayCallContext). */
  readonly signal: AbortSignal;
  /** Whether the caller has gone; cheaper than `signal.aborted`, as it builds no signal. */
  readonly aborted: boolean;
  /**
   * The client asked to be redirected rather than forwarded (metadata `millrace-redirect: 1`): a node
   * that does not lead the group answers NOT_LEADER with a leader hint instead of forwarding the call.
   */
  readonly redirect: boolean;
  /**
   * The client says this is its first try of the call, not a retry (metadata `millrace-first-try: 1`):
   * work only a retry needs can be skipped, such as a FIFO receive asking every partition to replay its
   * attempt. Without it, a call is taken for a possible retry.
   */
  readonly firstTry: boolean;
}

export { firstTryMetadataKey, redirectMetadataKey };

/** A call without a deadline still gets one: nothing on a node waits forever for a caller. */
export const defaultCallDeadlineMs = 30_000;

interface DeadlineCall {
  getDeadline(): Date | number;
  on(event: "cancelled", listener: () => void): unknown;
  readonly metadata?: { get(key: string): unknown[] };
}

/**
 * A call's cancellation. Its AbortSignal's controller is built only when something asks for the signal
 * (a long poll, a retry's sleep): most calls finish without, and building one cost about 6 µs a call
 * here, a few per cent of a log leader's CPU.
 */
export class Cancellation {
  private controller: AbortController | undefined;
  private reason: Error | undefined;

  get cancelled(): boolean {
    return this.reason !== undefined;
  }

  /** Cancels the call with `reason`; later cancels change nothing. */
  cancel(reason: Error): void {
    if (this.reason !== undefined) return;
    this.reason = reason;
    this.controller?.abort(reason);
  }

  get signal(): AbortSignal {
    if (this.controller === undefined) {
      this.controller = new AbortController();
      if (this.reason !== undefined) this.controller.abort(this.reason);
    }
    return this.controller.signal;
  }
}

/** The deadline and an AbortSignal that fires when the caller cancels or disconnects. */
export function gatewayCallContext(call: DeadlineCall): GatewayCallContext {
  const cancellation = new Cancellation();
  call.on("cancelled", () => cancellation.cancel(new Error("the caller cancelled the call")));
  const deadline = call.getDeadline();
  const cap = Date.now() + defaultCallDeadlineMs;
  const ms = deadline instanceof Date ? deadline.getTime() : deadline;
  return {
    deadlineMs: Number.isFinite(ms) ? Math.min(ms, cap) : cap,
    redirect: isSet(call.metadata?.get(redirectMetadataKey)[0]),
    firstTry: isSet(call.metadata?.get(firstTryMetadataKey)[0]),
    get aborted() {
      return cancellation.cancelled;
    },
    get signal() {
      return cancellation.signal;
    },
  };
}

/** A metadata flag is set when its value is "1" (text or bytes). */
export function isSet(value: unknown): boolean {
  return value === "1" || (value instanceof Buffer && value.toString() === "1");
}

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
}

/** The request metadata key by which a client asks for NOT_LEADER hints instead of forwarding. */
export const redirectMetadataKey = "millrace-redirect";

/** A call without a deadline still gets one: nothing on a node waits forever for a caller. */
export const defaultCallDeadlineMs = 30_000;

interface DeadlineCall {
  getDeadline(): Date | number;
  on(event: "cancelled", listener: () => void): unknown;
  readonly metadata?: { get(key: string): unknown[] };
}

/**
 * The deadline and an AbortSignal that fires when the caller cancels or disconnects. The signal's
 * AbortController is built only when something asks for it (a long poll, a retry's sleep): most calls
 * finish without, and building one cost about 6 µs a call here, a few per cent of a log leader's CPU.
 */
export function gatewayCallContext(call: DeadlineCall): GatewayCallContext {
  let controller: AbortController | undefined;
  let cancelled = false;
  const reason = () => new Error("the caller cancelled the call");
  call.on("cancelled", () => {
    cancelled = true;
    controller?.abort(reason());
  });
  const deadline = call.getDeadline();
  const cap = Date.now() + defaultCallDeadlineMs;
  const ms = deadline instanceof Date ? deadline.getTime() : deadline;
  const asked = call.metadata?.get(redirectMetadataKey)[0];
  const redirect = asked === "1" || (asked instanceof Buffer && asked.toString() === "1");
  return {
    deadlineMs: Number.isFinite(ms) ? Math.min(ms, cap) : cap,
    redirect,
    get aborted() {
      return cancelled;
    },
    get signal() {
      if (controller === undefined) {
        controller = new AbortController();
        if (cancelled) controller.abort(reason());
      }
      return controller.signal;
    },
  };
}

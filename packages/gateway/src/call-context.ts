/** A call as the gateway's backends see it: when the caller gives up, and a signal when it goes away. */
export interface GatewayCallContext {
  /** Absolute deadline, ms since the epoch, as gRPC deadlines are; capped so nothing waits forever. */
  readonly deadlineMs: number;
  readonly signal: AbortSignal;
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

/** The deadline and an AbortSignal that fires when the caller cancels or disconnects. */
export function gatewayCallContext(call: DeadlineCall): GatewayCallContext {
  const controller = new AbortController();
  call.on("cancelled", () => controller.abort(new Error("the caller cancelled the call")));
  const deadline = call.getDeadline();
  const cap = Date.now() + defaultCallDeadlineMs;
  const ms = deadline instanceof Date ? deadline.getTime() : deadline;
  const asked = call.metadata?.get(redirectMetadataKey)[0];
  const redirect = asked === "1" || (asked instanceof Buffer && asked.toString() === "1");
  return { deadlineMs: Number.isFinite(ms) ? Math.min(ms, cap) : cap, signal: controller.signal, redirect };
}

/** A call as the gateway's backends see it: when the caller gives up, and a signal when it goes away. */
export interface GatewayCallContext {
  /** Absolute deadline, ms since the epoch, as gRPC deadlines are; capped so nothing waits forever. */
  readonly deadlineMs: number;
  readonly signal: AbortSignal;
}

/** A call without a deadline still gets one: nothing on a node waits forever for a caller. */
export const defaultCallDeadlineMs = 30_000;

interface DeadlineCall {
  getDeadline(): Date | number;
  on(event: "cancelled", listener: () => void): unknown;
}

/** The deadline and an AbortSignal that fires when the caller cancels or disconnects. */
export function gatewayCallContext(call: DeadlineCall): GatewayCallContext {
  const controller = new AbortController();
  call.on("cancelled", () => controller.abort(new Error("the caller cancelled the call")));
  const deadline = call.getDeadline();
  const cap = Date.now() + defaultCallDeadlineMs;
  const ms = deadline instanceof Date ? deadline.getTime() : deadline;
  return { deadlineMs: Number.isFinite(ms) ? Math.min(ms, cap) : cap, signal: controller.signal };
}

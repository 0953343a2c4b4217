import { type ServerSurfaceCall } from "@grpc/grpc-js/build/src/server-call.js";

/** A call without a deadline still gets one: nothing on a node waits forever for a caller. */
export const defaultCallDeadlineMs = 30_000;

/** The caller's deadline as ms since the epoch, capped at the default. */
export function callDeadlineMs(call: Pick<ServerSurfaceCall, "getDeadline">): number {
  const deadline = call.getDeadline();
  const cap = Date.now() + defaultCallDeadlineMs;
  const ms = deadline instanceof Date ? deadline.getTime() : deadline;
  return Number.isFinite(ms) ? Math.min(ms, cap) : cap;
}

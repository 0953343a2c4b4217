import { EventEmitter } from "node:events";
import { describe, expect, it } from "vitest";
import { defaultCallDeadlineMs, gatewayCallContext } from "../src/call-context.js";

/** A gRPC call as the context reads it: a deadline, metadata and a "cancelled" event. */
function fakeCall(
  deadline: Date | number = Number.POSITIVE_INFINITY,
  redirect?: string,
  extra: Record<string, unknown> = {},
) {
  const call = new EventEmitter() as EventEmitter & {
    getDeadline(): Date | number;
    metadata: { get(key: string): unknown[] };
  };
  call.getDeadline = () => deadline;
  const metadata: Record<string, unknown> = {
    ...(redirect === undefined ? {} : { "millrace-redirect": redirect }),
    ...extra,
  };
  call.metadata = { get: (key) => (key in metadata ? [metadata[key]] : []) };
  return call;
}

describe("gatewayCallContext", () => {
  it("aborts a signal taken before the caller cancels, when it cancels", () => {
    const call = fakeCall();
    const ctx = gatewayCallContext(call);
    const signal = ctx.signal;
    expect([ctx.aborted, signal.aborted]).toEqual([false, false]);
    call.emit("cancelled");
    expect([ctx.aborted, signal.aborted]).toEqual([true, true]);
    expect(() => signal.throwIfAborted()).toThrow("the caller cancelled the call");
  });

  it("gives an already aborted signal when it is first asked for after the caller cancelled", () => {
    const call = fakeCall();
    const ctx = gatewayCallContext(call);
    call.emit("cancelled");
    expect(ctx.aborted).toBe(true);
    expect(ctx.signal.aborted).toBe(true);
    expect(ctx.signal).toBe(ctx.signal);
  });

  it("caps a missing or distant deadline and reads the redirect request", () => {
    const before = Date.now();
    const ctx = gatewayCallContext(fakeCall(Number.POSITIVE_INFINITY, "1"));
    expect(ctx.deadlineMs).toBeGreaterThanOrEqual(before + defaultCallDeadlineMs);
    expect(ctx.deadlineMs).toBeLessThanOrEqual(Date.now() + defaultCallDeadlineMs);
    expect(ctx.redirect).toBe(true);
    const soon = new Date(before + 1000);
    expect(gatewayCallContext(fakeCall(soon)).deadlineMs).toBe(soon.getTime());
    expect(gatewayCallContext(fakeCall(soon)).redirect).toBe(false);
  });

  it("reads a client's first-try mark, as text or bytes, and takes a call without it for a retry", () => {
    expect(gatewayCallContext(fakeCall(undefined, undefined, { "millrace-first-try": "1" })).firstTry).toBe(
      true,
    );
    expect(
      gatewayCallContext(fakeCall(undefined, undefined, { "millrace-first-try": Buffer.from("1") })).firstTry,
    ).toBe(true);
    expect(gatewayCallContext(fakeCall(undefined, undefined, { "millrace-first-try": "0" })).firstTry).toBe(
      false,
    );
    expect(gatewayCallContext(fakeCall()).firstTry).toBe(false);
  });
});

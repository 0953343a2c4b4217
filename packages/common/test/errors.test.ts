import { describe, it, expect } from "vitest";
import {
  AssertionError,
  ErrorCode,
  MillraceError,
  errorCodeInfo,
  isMillraceError,
  isRetryable,
  toMillraceError,
  type ErrorCodeInfo,
} from "../src/index.js";

const codes = Object.values(ErrorCode);

describe("ErrorCode table", () => {
  it("gives every code a row with a message, and has no row without a code", () => {
    expect(Object.keys(errorCodeInfo).sort()).toEqual([...codes].sort());
    for (const code of codes) {
      expect(errorCodeInfo[code].message.length).toBeGreaterThan(0);
      expect(typeof errorCodeInfo[code].retryable).toBe("boolean");
    }
    // The compiler refuses a table that misses a code, which is what keeps the gateway's mappings total.
    const partial = { INVALID_ARGUMENT: { message: "bad", retryable: false } };
    // @ts-expect-error a table without every code does not satisfy Record<ErrorCode, ErrorCodeInfo>
    const refused: Record<ErrorCode, ErrorCodeInfo> = partial;
    expect(refused).toBe(partial);
  });

  it("uses each code's name as its wire value, so logs, trailers and SDKs agree", () => {
    for (const [key, value] of Object.entries(ErrorCode)) expect(value).toBe(key);
  });

  it("marks exactly the transient conditions retryable", () => {
    const retryable = codes.filter((code) => errorCodeInfo[code].retryable).sort();
    expect(retryable).toEqual(
      [
        "ABORTED",
        "DEADLINE_EXCEEDED",
        "NOT_LEADER",
        "PROPOSAL_DROPPED",
        "RESOURCE_EXHAUSTED",
        "SHARD_MOVED",
        "UNAVAILABLE",
      ].sort(),
    );
  });
});

describe("MillraceError", () => {
  it("carries code, retryable flag from the table, details and cause", () => {
    const cause = new Error("socket closed");
    const error = new MillraceError(ErrorCode.NOT_LEADER, "node 2 is a follower", {
      details: { leaderHint: { nodeId: 3, address: "node-3:7400" } },
      cause,
    });
    expect(error).toBeInstanceOf(Error);
    expect(error.name).toBe("MillraceError");
    expect(error.code).toBe("NOT_LEADER");
    expect(error.retryable).toBe(true);
    expect(error.message).toBe("node 2 is a follower");
    expect(error.details.leaderHint).toEqual({ nodeId: 3, address: "node-3:7400" });
    expect(error.cause).toBe(cause);
  });

  it("falls back to the table's message and empty, frozen details", () => {
    const error = new MillraceError(ErrorCode.INVALID_ARGUMENT);
    expect(error.message).toBe(errorCodeInfo.INVALID_ARGUMENT.message);
    expect(error.retryable).toBe(false);
    expect(error.details).toEqual({});
    expect(Object.isFrozen(error.details)).toBe(true);
    expect("cause" in error).toBe(false);
  });

  it("does not share details with the caller's object", () => {
    const details = { field: "QueueName" };
    const error = new MillraceError(ErrorCode.INVALID_ARGUMENT, "bad name", { details });
    details.field = "changed";
    expect(error.details.field).toBe("QueueName");
  });
});

describe("predicates", () => {
  it("isMillraceError matches the class, and the code when one is given", () => {
    const error = new MillraceError(ErrorCode.SHARD_MOVED);
    expect(isMillraceError(error)).toBe(true);
    expect(isMillraceError(error, ErrorCode.SHARD_MOVED)).toBe(true);
    expect(isMillraceError(error, ErrorCode.NOT_FOUND)).toBe(false);
    expect(isMillraceError(new Error("x"))).toBe(false);
    expect(isMillraceError({ code: "SHARD_MOVED" })).toBe(false);
  });

  it("isRetryable is true only for retryable MillraceErrors", () => {
    for (const code of codes) {
      expect(isRetryable(new MillraceError(code))).toBe(errorCodeInfo[code].retryable);
    }
    expect(isRetryable(new Error("ECONNRESET"))).toBe(false);
    expect(isRetryable("UNAVAILABLE")).toBe(false);
    expect(isRetryable(undefined)).toBe(false);
  });
});

describe("toMillraceError", () => {
  it("passes MillraceErrors through unchanged", () => {
    const error = new MillraceError(ErrorCode.NOT_FOUND);
    expect(toMillraceError(error)).toBe(error);
  });

  it("turns anything else into INTERNAL without copying its message, keeping it as cause", () => {
    const secret = new Error("ENOENT /var/lib/millrace/node-1/LOCK");
    const error = toMillraceError(secret);
    expect(error.code).toBe("INTERNAL");
    expect(error.message).not.toContain("/var/lib");
    expect(error.cause).toBe(secret);
    expect(toMillraceError("a string").code).toBe("INTERNAL");
  });

  it("rethrows an AssertionError, so a broken invariant is never answered as an ordinary error", () => {
    const broken = new AssertionError("commitIndex > lastIndex");
    expect(() => toMillraceError(broken)).toThrow(broken);
  });
});

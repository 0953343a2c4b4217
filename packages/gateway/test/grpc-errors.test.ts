import { type Metadata, status, type ServiceError } from "@grpc/grpc-js";
import { ErrorCode, MillraceError } from "@millrace/common";
import { describe, expect, it } from "vitest";
import { fromServiceError, grpcStatusOf, toServiceError } from "../src/index.js";

describe("gRPC error mapping", () => {
  it("maps every error code to a status, retryable codes to UNAVAILABLE-like statuses", () => {
    for (const code of Object.values(ErrorCode)) expect(grpcStatusOf[code]).toBeTypeOf("number");
    expect(grpcStatusOf.NOT_LEADER).toBe(status.UNAVAILABLE);
    expect(grpcStatusOf.INVALID_ARGUMENT).toBe(status.INVALID_ARGUMENT);
  });

  it("carries code, retryability and the leader hint through trailers and back", () => {
    const original = new MillraceError(ErrorCode.NOT_LEADER, "not the leader", {
      details: { leaderHint: { nodeId: 3 } },
    });
    const wire = toServiceError(original, (id) => (id === 3 ? "127.0.0.1:7420" : undefined));
    expect(wire.code).toBe(status.UNAVAILABLE);
    const back = fromServiceError({
      ...wire,
      message: "",
      name: "Error",
      metadata: wire.metadata as Metadata,
    } as ServiceError);
    expect(back.code).toBe(ErrorCode.NOT_LEADER);
    expect(back.retryable).toBe(true);
    expect(back.details.leaderHint).toEqual({ nodeId: 3, address: "127.0.0.1:7420" });
    expect(back.message).toBe("not the leader");
  });

  // A node's address is what it announced; Metadata.set throws on anything but printable ASCII, and
  // thrown in a handler's rejection callback that would end the node.
  it("leaves out a leader address a trailer cannot hold, keeping the leader's id", () => {
    const notLeader = new MillraceError(ErrorCode.NOT_LEADER, "not the leader", {
      details: { leaderHint: { nodeId: 2 } },
    });
    const wire = toServiceError(notLeader, () => "é:7400");
    expect(wire.metadata?.get("millrace-leader-id")).toEqual(["2"]);
    expect(wire.metadata?.get("millrace-leader-address")).toEqual([]);
  });

  // A young node knows its peers by id before it has heard their client addresses: an empty address
  // sent on would have the CLI redirect its next try to "".
  it("sends no leader address it does not know, and reads an empty one as none", () => {
    const notLeader = new MillraceError(ErrorCode.NOT_LEADER, "not the leader", {
      details: { leaderHint: { nodeId: 2, address: "" } },
    });
    const wire = toServiceError(notLeader);
    expect(wire.metadata?.get("millrace-leader-id")).toEqual(["2"]);
    expect(wire.metadata?.get("millrace-leader-address")).toEqual([]);
    const byLookup = new MillraceError(ErrorCode.NOT_LEADER, "not the leader", {
      details: { leaderHint: { nodeId: 2 } },
    });
    expect(toServiceError(byLookup, () => "").metadata?.get("millrace-leader-address")).toEqual([]);
    (wire.metadata as Metadata).set("millrace-leader-address", "");
    const back = fromServiceError({
      ...wire,
      message: "",
      name: "Error",
      metadata: wire.metadata,
    } as ServiceError);
    expect(back.details.leaderHint).toEqual({ nodeId: 2 });
  });

  it("sends a message grpc-js can percent-encode, of bounded length", () => {
    const halfEmoji = "😀".slice(0, 1);
    const wire = toServiceError(new MillraceError(ErrorCode.INVALID_ARGUMENT, `name ${halfEmoji}`));
    expect(() => encodeURI(wire.details as string)).not.toThrow();
    expect(wire.details).toBe("INVALID_ARGUMENT: name \uFFFD");
    const long = toServiceError(new MillraceError(ErrorCode.INVALID_ARGUMENT, "x".repeat(5000)));
    expect(long.details?.length).toBeLessThanOrEqual(1027);
  });

  it("never leaks an unexpected error's message, and reports it as INTERNAL", () => {
    const wire = toServiceError(new TypeError("secret internals"));
    expect(wire.code).toBe(status.INTERNAL);
    expect(wire.details).not.toContain("secret internals");
  });
});

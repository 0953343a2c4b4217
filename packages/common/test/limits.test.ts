import { describe, it, expect } from "vitest";
import fc from "fast-check";
import { checkLimits, limits, MillraceError, type LimitName, type Limits } from "../src/index.js";

const MiB = 1_048_576;

function refusal(candidate: Limits): MillraceError {
  try {
    checkLimits(candidate);
  } catch (error) {
    if (error instanceof MillraceError) return error;
    throw error;
  }
  throw new Error("checkLimits accepted the limits");
}

describe("limits", () => {
  it("pass their own checks and cannot be changed at run time", () => {
    expect(() => checkLimits(limits)).not.toThrow();
    expect(Object.isFrozen(limits)).toBe(true);
  });

  it("match SPEC.md's queue, topic and stream limits, which clients already rely on", () => {
    expect(limits).toMatchObject({
      queueNameLengthMax: 80,
      messageBodyBytesMin: 1_024,
      messageBodyBytesDefault: 262_144,
      messageBodyBytesMax: MiB,
      messageAttributesMax: 10,
      batchEntriesMax: 10,
      batchBytesMax: MiB,
      receiveMessagesMax: 10,
      waitTimeSecondsMax: 20,
      visibilityTimeoutSecondsDefault: 30,
      visibilityTimeoutSecondsMax: 43_200,
      delaySecondsMax: 900,
      retentionSecondsMin: 60,
      retentionSecondsDefault: 345_600,
      retentionSecondsMax: 1_209_600,
      redriveReceiveCountMin: 1,
      redriveReceiveCountMax: 1_000,
      dedupWindowMs: 300_000,
      topicMessageBytesDefault: 262_144,
      topicMessageBytesMax: MiB,
      filterPolicyKeysMax: 5,
      filterPolicyCombinationsMax: 150,
      deliveryRetriesMax: 100,
      deliveryRetrySecondsMax: 3_600,
      partitionKeyLengthMax: 256,
      streamRecordBytesDefault: MiB,
      streamRecordBytesMax: 10 * MiB,
      putRecordsEntriesMax: 500,
      putRecordsBytesMax: 5 * MiB,
      getRecordsEntriesMax: 10_000,
      getRecordsBytesMax: 10 * MiB,
      shardIteratorTtlMs: 300_000,
      streamRetentionHoursMin: 24,
      streamRetentionHoursDefault: 24,
      streamRetentionHoursMax: 8_760,
      replicationFactorDefault: 3,
    });
  });

  const violations: readonly [string, Partial<Limits>, string][] = [
    [
      "a record that no Raft entry could hold",
      { streamRecordBytesMax: 12 * MiB },
      "streamRecordBytesMax + framingBytesReserve <= raftEntryBytesMax",
    ],
    [
      "a batch that no Raft entry could hold",
      { raftEntryBytesMax: MiB },
      "batchBytesMax + framingBytesReserve <= raftEntryBytesMax",
    ],
    [
      "an entry too big for one Raft message",
      { raftMessageBytesMax: 12 * MiB },
      "raftEntryBytesMax + framingBytesReserve <= raftMessageBytesMax",
    ],
    [
      "a Raft message too big for a peer frame",
      { peerFrameBytesMax: 16 * MiB },
      "raftMessageBytesMax + framingBytesReserve <= peerFrameBytesMax",
    ],
    [
      "a batch too big for a gRPC request",
      { grpcRequestBytesMax: MiB },
      "batchBytesMax + framingBytesReserve <= grpcRequestBytesMax",
    ],
    [
      "a full receive too big for a gRPC response",
      { receiveMessagesMax: 12 },
      "receiveMessagesMax * messageBodyBytesMax + framingBytesReserve <= grpcResponseBytesMax",
    ],
    [
      "a message larger than a whole batch",
      { messageBodyBytesMax: 2 * MiB },
      "messageBodyBytesMax <= batchBytesMax",
    ],
    [
      "an inflight window smaller than one message",
      { raftInflightBytesMax: 8 * MiB },
      "raftMessageBytesMax <= raftInflightBytesMax",
    ],
    [
      "an uncommitted bound below one entry",
      { raftUncommittedBytesMax: MiB },
      "raftEntryBytesMax <= raftUncommittedBytesMax",
    ],
    [
      "a default outside its range",
      { visibilityTimeoutSecondsDefault: 50_000 },
      "visibilityTimeoutSecondsDefault <= visibilityTimeoutSecondsMax",
    ],
    [
      "an election timeout no longer than a heartbeat",
      { electionTimeoutTicks: 1 },
      "heartbeatIntervalTicks < electionTimeoutTicks",
    ],
  ];

  it.each(violations)("refuses %s, naming the relation", (_, change, relation) => {
    const error = refusal({ ...limits, ...change });
    expect(error.code).toBe("INVALID_ARGUMENT");
    expect(error.message).toContain(relation);
  });

  it("shows the values involved, so an operator can see how far off the setting is", () => {
    const error = refusal({ ...limits, peerFrameBytesMax: 1_000 });
    expect(error.message).toContain("peerFrameBytesMax=1000");
    expect(error.message).toContain(`raftMessageBytesMax=${limits.raftMessageBytesMax}`);
  });

  it("refuses any limit that is negative, fractional or not finite, naming it", () => {
    const names = Object.keys(limits) as LimitName[];
    fc.assert(
      fc.property(
        fc.constantFrom(...names),
        fc.constantFrom(-1, 0.5, Number.NaN, Number.POSITIVE_INFINITY, 2 ** 53),
        (name, value) => {
          const error = refusal({ ...limits, [name]: value });
          expect(error.message).toContain(name);
          expect(error.details.field).toBe(name);
        },
      ),
    );
  });

  it("refuses a zero ceiling, which would refuse everything", () => {
    const ceilings = (Object.keys(limits) as LimitName[]).filter((name) => name.endsWith("Max"));
    expect(ceilings.length).toBeGreaterThan(20);
    for (const name of ceilings) {
      expect(refusal({ ...limits, [name]: 0 }).message).toContain(`${name} must be positive`);
    }
  });
});

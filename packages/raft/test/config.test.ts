/**
 * validateConfig rejects every configuration that cannot work, with a RaftConfigError naming the field.
 */
import { SeededRandom } from "@millrace/common";
import { describe, expect, it } from "vitest";
import { RaftConfigError, noLimit, raftConfig, validateConfig, type RaftConfig } from "../src/config.js";
import { RawNode } from "../src/raw-node.js";
import { ReadOnlyOption } from "../src/read-only.js";
import { MemoryStorage } from "../src/storage.js";

function base(): RaftConfig {
  return raftConfig({ id: 1, storage: new MemoryStorage(), random: new SeededRandom(1) });
}

function rejection(overrides: Record<string, unknown>): RaftConfigError {
  const config = { ...base(), ...overrides };
  try {
    validateConfig(config);
  } catch (error) {
    if (error instanceof RaftConfigError) return error;
    throw error;
  }
  throw new Error(`accepted ${JSON.stringify(overrides)}`);
}

const positiveIntegerFields = [
  "id",
  "heartbeatIntervalTicks",
  "electionTimeoutTicks",
  "messageBytesMax",
  "committedBytesPerReadyMax",
  "uncommittedBytesMax",
  "inflightMessagesMax",
  "inflightBytesMax",
] as const;

const notPositiveIntegers: unknown[] = [
  0,
  -1,
  1.5,
  Number.NaN,
  Number.POSITIVE_INFINITY,
  Number.MAX_SAFE_INTEGER + 1,
  "3",
  undefined,
];

describe("validateConfig", () => {
  it("accepts the production defaults", () => {
    const config = base();
    expect(() => validateConfig(config)).not.toThrow();
    expect(config).toMatchObject({
      checkQuorum: true,
      preVote: true,
      readOnlyOption: ReadOnlyOption.Safe,
      stepDownOnRemoval: true,
    });
  });

  it("accepts the test limits (noLimit everywhere)", () => {
    expect(() =>
      raftConfig({
        id: 7,
        storage: new MemoryStorage(),
        random: new SeededRandom(7),
        messageBytesMax: noLimit,
        inflightBytesMax: noLimit,
        uncommittedBytesMax: noLimit,
        committedBytesPerReadyMax: noLimit,
        electionTimeoutTicks: 2,
        heartbeatIntervalTicks: 1,
        applied: 0,
      }),
    ).not.toThrow();
  });

  for (const field of positiveIntegerFields) {
    it.each(notPositiveIntegers)(`rejects ${field} = %s, naming the field`, (value) => {
      // Keep the cross-field rules satisfied where the value would trip them first.
      const overrides: Record<string, unknown> = { [field]: value };
      if (field === "heartbeatIntervalTicks") overrides["electionTimeoutTicks"] = Number.MAX_SAFE_INTEGER;
      const error = rejection(overrides);
      expect(error.message).toContain(field);
    });
  }

  it.each([-1, 0.5, Number.NaN, Number.MAX_SAFE_INTEGER + 1])(
    "rejects applied = %s, naming the field",
    (applied) => {
      expect(rejection({ applied }).message).toMatch(/^applied /);
    },
  );

  it("accepts applied = 0 and a positive applied index", () => {
    expect(() => validateConfig({ ...base(), applied: 0 })).not.toThrow();
    expect(() => validateConfig({ ...base(), applied: 42 })).not.toThrow();
  });

  it.each([
    { electionTimeoutTicks: 1, heartbeatIntervalTicks: 1 },
    { electionTimeoutTicks: 3, heartbeatIntervalTicks: 5 },
  ])(
    "rejects an election timeout not above the heartbeat interval ($electionTimeoutTicks ≤ $heartbeatIntervalTicks)",
    (overrides) => {
      const message = rejection(overrides).message;
      expect(message).toContain("electionTimeoutTicks");
      expect(message).toContain("heartbeatIntervalTicks");
    },
  );

  it("rejects an inflight byte limit below the message size limit", () => {
    const message = rejection({ messageBytesMax: 2048, inflightBytesMax: 2047 }).message;
    expect(message).toContain("inflightBytesMax");
    expect(message).toContain("messageBytesMax");
    expect(() => validateConfig({ ...base(), messageBytesMax: 2048, inflightBytesMax: 2048 })).not.toThrow();
  });

  it("rejects lease-based reads without CheckQuorum", () => {
    const message = rejection({ readOnlyOption: ReadOnlyOption.LeaseBased, checkQuorum: false }).message;
    expect(message).toContain("checkQuorum");
    expect(message).toContain("lease");
    expect(() =>
      validateConfig({ ...base(), readOnlyOption: ReadOnlyOption.LeaseBased, checkQuorum: true }),
    ).not.toThrow();
    // Safe reads need no CheckQuorum.
    expect(() =>
      validateConfig({ ...base(), readOnlyOption: ReadOnlyOption.Safe, checkQuorum: false }),
    ).not.toThrow();
  });

  it.each(["lease", "", undefined, 1])(
    "rejects an unknown readOnlyOption %j, naming the field",
    (readOnlyOption) => {
      expect(rejection({ readOnlyOption }).message).toMatch(/^readOnlyOption /);
    },
  );

  it("raftConfig and the RawNode constructor validate too", () => {
    expect(() => raftConfig({ id: 0, storage: new MemoryStorage(), random: new SeededRandom(1) })).toThrow(
      RaftConfigError,
    );
    expect(() => new RawNode({ ...base(), electionTimeoutTicks: 1 })).toThrow(RaftConfigError);
  });
});

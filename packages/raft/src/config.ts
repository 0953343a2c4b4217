import { type Random } from "@millrace/common";
import { ReadOnlyOption } from "./read-only.js";
import { type Storage } from "./storage.js";
import { type NodeId } from "./types.js";

/** Receives the core's notable events; the core never writes anywhere itself. */
export interface RaftLogger {
  debug(message: string): void;
  info(message: string): void;
  warn(message: string): void;
}

export const silentLogger: RaftLogger = { debug() {}, info() {}, warn() {} };

/** No practical limit: used where a bound is disabled on purpose (tests), never as a default. */
export const noLimit = Number.MAX_SAFE_INTEGER;

export interface RaftConfig {
  /** This node's id; positive, and never reused by another incarnation. */
  id: NodeId;
  /**
   * Ticks without hearing from a leader before a follower campaigns. The actual timeout is randomized in
   * [electionTimeoutTicks, 2 × electionTimeoutTicks) so that candidates rarely collide.
   */
  electionTimeoutTicks: number;
  /** Ticks between a leader's heartbeats; must be well below the election timeout. */
  heartbeatIntervalTicks: number;
  storage: Storage;
  /** The last index the application has applied; entries at or below it are not handed out again. */
  applied: number;
  /** Most bytes of entries in one append message, bounding message size and per-message latency. */
  messageBytesMax: number;
  /** Most bytes of committed entries handed to the application in one Ready. */
  committedBytesPerReadyMax: number;
  /**
   * Most payload bytes a leader holds appended but uncommitted; proposals beyond it are refused, so a leader
   * cut off from its quorum cannot grow its log without bound.
   */
  uncommittedBytesMax: number;
  /** Most append messages in flight to one follower; bounds the replication pipeline. */
  inflightMessagesMax: number;
  /**
   * Most payload bytes in flight to one follower. With round-trip time R and this limit B, one group's
   * replication is bounded by B/R bytes per second per follower (Little's law).
   */
  inflightBytesMax: number;
  /** A leader that has not heard from a quorum within an election timeout steps down. */
  checkQuorum: boolean;
  /** Candidates first ask whether they could win (PreVote) so a partitioned node cannot inflate terms. */
  preVote: boolean;
  readOnlyOption: ReadOnlyOption;
  /** Followers refuse proposals instead of forwarding them to the leader. */
  disableProposalForwarding: boolean;
  /** A leader removed (or demoted) from the configuration steps down at once. */
  stepDownOnRemoval: boolean;
  /** The source of randomized election timeouts. */
  random: Random;
  logger: RaftLogger;
}

export type RaftConfigInput = Pick<RaftConfig, "id" | "storage" | "random"> & Partial<RaftConfig>;

/** Production defaults: every limit set, PreVote and CheckQuorum on. */
export function raftConfig(input: RaftConfigInput): RaftConfig {
  const config: RaftConfig = {
    electionTimeoutTicks: 10,
    heartbeatIntervalTicks: 1,
    applied: 0,
    messageBytesMax: 1024 * 1024,
    committedBytesPerReadyMax: 4 * 1024 * 1024,
    uncommittedBytesMax: 64 * 1024 * 1024,
    inflightMessagesMax: 256,
    inflightBytesMax: 16 * 1024 * 1024,
    checkQuorum: true,
    preVote: true,
    readOnlyOption: ReadOnlyOption.Safe,
    disableProposalForwarding: false,
    stepDownOnRemoval: true,
    logger: silentLogger,
    ...input,
  };
  validateConfig(config);
  return config;
}

export class RaftConfigError extends Error {
  override readonly name = "RaftConfigError";
}

/** Rejects configurations that cannot work, naming the offending field. */
export function validateConfig(config: RaftConfig): void {
  const fail = (message: string): never => {
    throw new RaftConfigError(message);
  };
  type NumericField = { [K in keyof RaftConfig]: RaftConfig[K] extends number ? K : never }[keyof RaftConfig];
  const positiveInteger = (name: NumericField) => {
    const value: unknown = config[name];
    if (typeof value !== "number" || !Number.isSafeInteger(value) || value <= 0) {
      fail(`${name} must be a positive integer, got ${JSON.stringify(value)}`);
    }
  };
  positiveInteger("id");
  positiveInteger("heartbeatIntervalTicks");
  positiveInteger("electionTimeoutTicks");
  positiveInteger("messageBytesMax");
  positiveInteger("committedBytesPerReadyMax");
  positiveInteger("uncommittedBytesMax");
  positiveInteger("inflightMessagesMax");
  positiveInteger("inflightBytesMax");
  if (!Number.isSafeInteger(config.applied) || config.applied < 0)
    fail("applied must be a non-negative integer");
  if (config.electionTimeoutTicks <= config.heartbeatIntervalTicks) {
    fail("electionTimeoutTicks must be greater than heartbeatIntervalTicks");
  }
  if (config.inflightBytesMax < config.messageBytesMax) {
    fail("inflightBytesMax must be at least messageBytesMax, or no append could ever be sent");
  }
  // A value from an untyped source (a config file) that is neither option would leave every ReadIndex
  // request unanswered, as the leader serves reads only for the two known options.
  const readOnlyOptions: unknown[] = Object.values(ReadOnlyOption);
  if (!readOnlyOptions.includes(config.readOnlyOption)) {
    fail(`readOnlyOption must be one of ${readOnlyOptions.join(", ")}, got ${String(config.readOnlyOption)}`);
  }
  if (config.readOnlyOption === ReadOnlyOption.LeaseBased && !config.checkQuorum) {
    fail("checkQuorum must be enabled when readOnlyOption is lease-based");
  }
}

import type { ChannelCredentials, ServerCredentials, handleUnaryCall } from "@grpc/grpc-js";
import { ErrorCode, MillraceError, limits as commonLimits, type Clock, type Random } from "@millrace/common";
import type { internalV1 } from "@millrace/proto";
import type { NodeId, SnapshotMetadata } from "@millrace/raft";
import type { RaftBatchItem } from "./raft-batch-codec.js";
import type { SnapshotEnvelope } from "./snapshot-codec.js";

const KiB = 1_024;
const MiB = 1_024 * KiB;

/**
 * Room for a frame's own fields (kind, cluster id, node ids, a snapshot chunk's ids, offsets and
 * checksum) on top of its payload or chunk data. The cluster id is capped at `clusterIdLengthMax`
 * characters, so everything else fits in a few hundred bytes.
 */
export const frameEnvelopeBytes = KiB;

/** Cluster ids travel in every frame; the cap keeps them inside `frameEnvelopeBytes`. */
export const clusterIdLengthMax = 128;

/** Sizes and counts. Every queue and buffer of the transport is bounded by one of these. */
export interface PeerTransportLimits {
  /**
   * The largest frame either way, envelope included; also the gRPC send and receive limit of the peer
   * channel and server. A Raft message larger than this less `frameEnvelopeBytes` can never be sent and
   * is dropped at `send`.
   */
  readonly frameBytesMax: number;
  /** Bytes of Raft messages queued for one peer (by the encoder's upper-bound estimate); past it `send` drops. */
  readonly queueBytesMax: number;
  /** Raft messages queued for one peer; past it `send` drops. */
  readonly queueItemsMax: number;
  /** Snapshot data per chunk. Small chunks interleave with Raft frames on the shared stream. */
  readonly snapshotChunkBytes: number;
  /** Unacknowledged chunks per snapshot transfer: the window that keeps a transfer streaming across an RTT. */
  readonly snapshotWindowChunks: number;
  /**
   * Memory for incoming snapshots: each transfer reserves a window of chunks (snapshotChunkBytes ×
   * snapshotWindowChunks) and what it holds besides when it begins; past it a new transfer is rejected
   * `busy`.
   */
  readonly snapshotReceiveBytesMax: number;
  /** Failed rounds (ack timeouts and retryable rejections) a snapshot send survives before it rejects. */
  readonly snapshotRetriesMax: number;
  /** Inbound peer streams open at once, identified or not; past it a new stream is refused. */
  readonly inboundStreamsMax: number;
  /**
   * Inbound streams one peer id may hold. A peer keeps one; more are left over from reconnects whose old
   * connection has not been noticed dead yet, so past it the oldest is closed, not the new one refused.
   */
  readonly inboundStreamsPerPeerMax: number;
  /** Peers with their own counters in `stats()`; frames from peers past it count as unattributed. */
  readonly peersCountedMax: number;
}

/** Durations. */
export interface PeerTransportTiming {
  /** The first reconnect delay after a stream breaks or a connection attempt fails (before jitter). */
  readonly reconnectBackoffBaseMs: number;
  /** The longest reconnect delay: a restarted peer is found again within about this long. */
  readonly reconnectBackoffMaxMs: number;
  /** How long either side waits for the other's HELLO before giving up on a stream. */
  readonly helloTimeoutMs: number;
  /** gRPC keepalive ping interval on the peer channel and server, so a dead peer is noticed without traffic. */
  readonly keepaliveTimeMs: number;
  /** How long a keepalive ping may go unanswered before the connection counts as dead. */
  readonly keepaliveTimeoutMs: number;
  /** A snapshot send that sees no acknowledgement for this long counts one retry and re-sends. */
  readonly snapshotAckTimeoutMs: number;
  /** How long a receiver keeps a partial snapshot without new chunks, so a sender can resume it. */
  readonly snapshotPartialTtlMs: number;
  /** How long `stop()` spends flushing queued frames and closing streams before it forces them shut. */
  readonly stopTimeoutMs: number;
}

export const defaultTransportLimits: PeerTransportLimits = Object.freeze({
  frameBytesMax: commonLimits.peerFrameBytesMax,
  // Several maximal Raft messages, so a burst of appends to a slow follower is not dropped at once.
  queueBytesMax: 64 * MiB,
  // A heartbeat round for thousands of groups plus their appends fits in one turn's worth.
  queueItemsMax: 65_536,
  snapshotChunkBytes: commonLimits.snapshotChunkBytesMax,
  // 4 MiB in flight: 400 MiB/s at a 10 ms RTT, far past what installing a snapshot sustains.
  snapshotWindowChunks: 4,
  // The windows of a few dozen transfers at once.
  snapshotReceiveBytesMax: 128 * MiB,
  snapshotRetriesMax: 8,
  // Far past any cluster's size: these bound what a client of the peer port can make a node hold.
  inboundStreamsMax: 1_024,
  inboundStreamsPerPeerMax: 4,
  peersCountedMax: 1_024,
});

export const defaultTransportTiming: PeerTransportTiming = Object.freeze({
  reconnectBackoffBaseMs: 100,
  // Below one election timeout (limits.tickMs × electionTimeoutTicks = 1 s) times a few, so a returning
  // node rejoins before its groups give up on it for long.
  reconnectBackoffMaxMs: 3_000,
  helloTimeoutMs: 5_000,
  keepaliveTimeMs: 10_000,
  keepaliveTimeoutMs: 5_000,
  snapshotAckTimeoutMs: 10_000,
  snapshotPartialTtlMs: 60_000,
  stopTimeoutMs: 2_000,
});

/** The subset of pino's Logger the transport uses; a pino logger fits as is. */
export interface TransportLogger {
  debug(fields: object, message: string): void;
  info(fields: object, message: string): void;
  warn(fields: object, message: string): void;
  error(fields: object, message: string): void;
}

export const silentTransportLogger: TransportLogger = Object.freeze({
  debug: () => {},
  info: () => {},
  warn: () => {},
  error: () => {},
});

/**
 * Where a received snapshot's bytes go: the transport never holds a whole snapshot, only the chunks in
 * its window. Each chunk is acknowledged once `write` resolves, and the transfer once `finish` resolves.
 */
export interface IncomingSnapshotSink {
  /** The next bytes of the snapshot, in order; resolve once they are stored. */
  write(data: Uint8Array): Promise<void>;
  /** Every byte has arrived: install the snapshot, and resolve once it is installed. */
  finish(): Promise<void>;
  /** The transfer was dropped (superseded, expired, the transport stopped) and will not be finished. */
  abandon(): void;
}

/** What the transport hands to its host. Handlers run on the event loop and should return promptly. */
export interface PeerTransportHandlers {
  /** One decoded RAFT frame from `from`, in the order the sender queued the messages. */
  onRaftBatch(from: NodeId, items: RaftBatchItem[]): void;
  /**
   * A snapshot transfer begins: return the sink its bytes go to, in order, as they arrive (or a promise of
   * it). `envelope` carries the term and replica ids of the sender's MsgSnap. A throw or rejection, here
   * or from the sink, is reported to the sender as `install-failed`.
   */
  onSnapshot(
    from: NodeId,
    groupId: number,
    metadata: SnapshotMetadata,
    envelope: SnapshotEnvelope,
  ): IncomingSnapshotSink | Promise<IncomingSnapshotSink>;
  /**
   * Messages to `to` for these groups were dropped (queue full, peer down or oversized), so the host can
   * call `RawNode.reportUnreachable` for each. Called at most once per event-loop turn per peer.
   */
  onUnreachable(to: NodeId, groupIds: number[]): void;
}

export interface PeerTransportOptions {
  /** This node's id: positive, never reused. */
  readonly nodeId: NodeId;
  /** The cluster's id, fixed at bootstrap; a peer with another is refused. At most 128 characters. */
  readonly clusterId: string;
  readonly listenHost: string;
  /** 0 picks an ephemeral port; `PeerTransport.port` tells which after `start()`. */
  readonly listenPort: number;
  /** The "host:port" of a peer's peer port, asked at every connection attempt; undefined while unknown. */
  readonly resolveAddress: (nodeId: NodeId) => string | undefined;
  readonly handlers: PeerTransportHandlers;
  readonly logger?: TransportLogger;
  readonly limits?: Partial<PeerTransportLimits>;
  readonly timing?: Partial<PeerTransportTiming>;
  /** Defaults to insecure; production passes mutual-TLS credentials (DESIGN.md, Security). */
  readonly serverCredentials?: ServerCredentials;
  readonly channelCredentials?: ChannelCredentials;
  /** Serves PeerService.Forward on the same port; answers UNIMPLEMENTED when omitted. */
  readonly forward?: handleUnaryCall<internalV1.ForwardRequest__Output, internalV1.ForwardResponse>;
  /** Defaults to the system clock. */
  readonly clock?: Clock;
  /** Draws reconnect jitter; defaults to a randomly seeded SeededRandom. */
  readonly random?: Random;
}

/** Fills in defaults and checks the combination; throws INVALID_ARGUMENT naming the first bad field. */
export function resolveLimits(overrides: Partial<PeerTransportLimits> = {}): PeerTransportLimits {
  const resolved: PeerTransportLimits = { ...defaultTransportLimits, ...overrides };
  checkPositiveIntegers(resolved);
  const relations: [boolean, string][] = [
    [
      resolved.snapshotChunkBytes + frameEnvelopeBytes <= resolved.frameBytesMax,
      "snapshotChunkBytes + frameEnvelopeBytes <= frameBytesMax",
    ],
    // Any message that fits a frame must also fit an empty queue, or it could never be sent.
    [resolved.frameBytesMax <= resolved.queueBytesMax, "frameBytesMax <= queueBytesMax"],
    // A transfer reserves its window and what it holds besides: at least one must fit.
    [
      resolved.snapshotChunkBytes * (resolved.snapshotWindowChunks + 1) <= resolved.snapshotReceiveBytesMax,
      "snapshotChunkBytes × (snapshotWindowChunks + 1) <= snapshotReceiveBytesMax",
    ],
  ];
  for (const [holds, relation] of relations) {
    if (!holds) throw optionsError(`transport limits break ${relation}`, "limits");
  }
  return Object.freeze(resolved);
}

export function resolveTiming(overrides: Partial<PeerTransportTiming> = {}): PeerTransportTiming {
  const resolved: PeerTransportTiming = { ...defaultTransportTiming, ...overrides };
  checkPositiveIntegers(resolved);
  if (resolved.reconnectBackoffBaseMs > resolved.reconnectBackoffMaxMs) {
    throw optionsError("transport timing breaks reconnectBackoffBaseMs <= reconnectBackoffMaxMs", "timing");
  }
  return Object.freeze(resolved);
}

export function checkIdentity(nodeId: NodeId, clusterId: string): void {
  if (!Number.isSafeInteger(nodeId) || nodeId <= 0 || nodeId > 0xffff_ffff) {
    throw optionsError(`nodeId must be a positive uint32, got ${nodeId}`, "nodeId");
  }
  if (clusterId.length === 0 || clusterId.length > clusterIdLengthMax) {
    throw optionsError(`clusterId must have 1 to ${clusterIdLengthMax} characters`, "clusterId");
  }
}

function checkPositiveIntegers(values: object): void {
  for (const [name, value] of Object.entries(values)) {
    if (typeof value !== "number" || !Number.isSafeInteger(value) || value <= 0) {
      throw optionsError(`${name} must be a positive safe integer, got ${String(value)}`, name);
    }
  }
}

function optionsError(message: string, field: string): MillraceError {
  return new MillraceError(ErrorCode.INVALID_ARGUMENT, message, { details: { field } });
}

import { createCodec, ErrorCode, MillraceError, shown } from "@millrace/common";
import type { internalV1 } from "@millrace/proto";
import type { NodeId } from "@millrace/raft";

export type PeerFrame = internalV1.PeerFrame;
export type PeerFrameOutput = internalV1.PeerFrame__Output;
export type SnapshotChunk = internalV1.SnapshotChunk;
export type SnapshotChunkOutput = internalV1.SnapshotChunk__Output;
export type SnapshotAck = internalV1.SnapshotAck;
export type SnapshotAckOutput = internalV1.SnapshotAck__Output;

/** The peer protocol versions this build speaks, announced in HELLO. */
export const protocolVersion = 1;

/** Who a frame is from and for; every frame carries all three (peer.proto). */
export interface FrameIdentity {
  readonly clusterId: string;
  readonly fromNodeId: NodeId;
  readonly toNodeId: NodeId;
}

const codec = createCodec();

export function helloFrame(identity: FrameIdentity): PeerFrame {
  return { kind: "FRAME_KIND_HELLO", ...identity, payload: codec.encode({ versions: [protocolVersion] }) };
}

export function raftFrame(identity: FrameIdentity, payload: Uint8Array): PeerFrame {
  return { kind: "FRAME_KIND_RAFT", ...identity, payload };
}

export function chunkFrame(identity: FrameIdentity, snapshotChunk: SnapshotChunk): PeerFrame {
  return { kind: "FRAME_KIND_SNAPSHOT_CHUNK", ...identity, snapshotChunk };
}

export function ackFrame(identity: FrameIdentity, snapshotAck: SnapshotAck): PeerFrame {
  return { kind: "FRAME_KIND_SNAPSHOT_ACK", ...identity, snapshotAck };
}

/** Throws INVALID_ARGUMENT unless the HELLO payload names a protocol version this build speaks. */
export function checkHelloPayload(payload: Uint8Array | undefined): void {
  if (payload === undefined) throw handshakeError("HELLO without payload");
  const value = codec.decode(payload);
  const versions = (value as { versions?: unknown } | null)?.versions;
  if (!Array.isArray(versions) || !versions.includes(protocolVersion)) {
    throw handshakeError(`no common protocol version (this node speaks ${protocolVersion})`);
  }
}

function handshakeError(message: string): MillraceError {
  return new MillraceError(ErrorCode.INVALID_ARGUMENT, message);
}

/**
 * A uint64 field as protoLoaderOptions delivers it (a decimal string) as a number, or undefined when it
 * is beyond 2^53 − 1: no legitimate size, offset, term or index gets there.
 */
export function parseUint64(text: string): number | undefined {
  if (!/^\d{1,16}$/.test(text)) return undefined;
  const value = Number(text);
  return Number.isSafeInteger(value) ? value : undefined;
}

/**
 * The `reject_reason` codes of SnapshotAck. The reason is `code` or `code: detail`; senders act on the
 * code, people read the detail.
 */
export const SnapshotRejectCode = {
  /** A chunk's checksum did not match: the sender re-sends from `next_offset`. */
  ChecksumMismatch: "checksum-mismatch",
  /**
   * The receiver holds no partial transfer for a chunk past offset 0 (expired, evicted or restarted):
   * start over, if the sender still holds the start.
   */
  UnknownTransfer: "unknown-transfer",
  /**
   * The receiver's snapshot memory is full, or it is installing another snapshot of the group: start
   * over after a backoff, if the sender still holds the start.
   */
  Busy: "busy",
  /** A newer snapshot of the group from this sender is in progress: never retried. */
  Stale: "stale",
  /** Inconsistent fields (size, offsets, metadata): never retried. */
  Invalid: "invalid",
  /** The host's sink failed (to open, write or install): never retried by the transport; Raft will send again. */
  InstallFailed: "install-failed",
} as const;
export type SnapshotRejectCode = (typeof SnapshotRejectCode)[keyof typeof SnapshotRejectCode];

export function rejectCodeOf(reason: string): string {
  const colon = reason.indexOf(":");
  return colon === -1 ? reason : reason.slice(0, colon);
}

/**
 * Why `frame` may not be accepted on a stream between `expected.fromNodeId` and `expected.toNodeId`,
 * or undefined when it may. peer.proto: every frame carries the sender's cluster and node id and the
 * node it means to reach, and a receiver closes the stream on any mismatch. The reason goes back to the
 * peer in the stream's status, so what the peer sent is quoted cut short: a status too large for the
 * peer's gRPC to read would leave it never knowing why.
 */
export function identityMismatch(frame: PeerFrameOutput, expected: FrameIdentity): string | undefined {
  if (frame.clusterId !== expected.clusterId) return `frame from cluster ${shown(frame.clusterId)}`;
  if (frame.fromNodeId !== expected.fromNodeId) {
    return `frame from node ${frame.fromNodeId} on the stream of node ${expected.fromNodeId}`;
  }
  if (frame.toNodeId !== expected.toNodeId)
    return `frame for node ${frame.toNodeId} reached node ${expected.toNodeId}`;
  return undefined;
}

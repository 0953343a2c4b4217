// Original file: proto/millrace/internal/v1/peer.proto

/**
 * FrameKind says how to read a frame's body.
 */
export const FrameKind = {
  /**
   * Invalid; a receiver closes the stream.
   */
  FRAME_KIND_UNSPECIFIED: 'FRAME_KIND_UNSPECIFIED',
  /**
   * The first frame on a stream: msgpack payload with the protocol versions the sender speaks and its
   * addresses. A receiver answers with its own HELLO or closes the stream.
   */
  FRAME_KIND_HELLO: 'FRAME_KIND_HELLO',
  /**
   * A batch of Raft messages for any number of groups, as a msgpack payload.
   */
  FRAME_KIND_RAFT: 'FRAME_KIND_RAFT',
  /**
   * Coalesced heartbeats and heartbeat responses for every group the two nodes share, as a msgpack payload.
   */
  FRAME_KIND_HEARTBEAT: 'FRAME_KIND_HEARTBEAT',
  /**
   * One chunk of a snapshot being sent to a follower; the body is `snapshot_chunk`.
   */
  FRAME_KIND_SNAPSHOT_CHUNK: 'FRAME_KIND_SNAPSHOT_CHUNK',
  /**
   * The receiver's answer to snapshot chunks; the body is `snapshot_ack`.
   */
  FRAME_KIND_SNAPSHOT_ACK: 'FRAME_KIND_SNAPSHOT_ACK',
} as const;

/**
 * FrameKind says how to read a frame's body.
 */
export type FrameKind =
  /**
   * Invalid; a receiver closes the stream.
   */
  | 'FRAME_KIND_UNSPECIFIED'
  | 0
  /**
   * The first frame on a stream: msgpack payload with the protocol versions the sender speaks and its
   * addresses. A receiver answers with its own HELLO or closes the stream.
   */
  | 'FRAME_KIND_HELLO'
  | 1
  /**
   * A batch of Raft messages for any number of groups, as a msgpack payload.
   */
  | 'FRAME_KIND_RAFT'
  | 2
  /**
   * Coalesced heartbeats and heartbeat responses for every group the two nodes share, as a msgpack payload.
   */
  | 'FRAME_KIND_HEARTBEAT'
  | 3
  /**
   * One chunk of a snapshot being sent to a follower; the body is `snapshot_chunk`.
   */
  | 'FRAME_KIND_SNAPSHOT_CHUNK'
  | 4
  /**
   * The receiver's answer to snapshot chunks; the body is `snapshot_ack`.
   */
  | 'FRAME_KIND_SNAPSHOT_ACK'
  | 5

/**
 * FrameKind says how to read a frame's body.
 */
export type FrameKind__Output = typeof FrameKind[keyof typeof FrameKind]

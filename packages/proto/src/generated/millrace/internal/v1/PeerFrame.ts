// Original file: proto/millrace/internal/v1/peer.proto

import type { FrameKind as _millrace_internal_v1_FrameKind, FrameKind__Output as _millrace_internal_v1_FrameKind__Output } from '../../../millrace/internal/v1/FrameKind.js';
import type { SnapshotChunk as _millrace_internal_v1_SnapshotChunk, SnapshotChunk__Output as _millrace_internal_v1_SnapshotChunk__Output } from '../../../millrace/internal/v1/SnapshotChunk.js';
import type { SnapshotAck as _millrace_internal_v1_SnapshotAck, SnapshotAck__Output as _millrace_internal_v1_SnapshotAck__Output } from '../../../millrace/internal/v1/SnapshotAck.js';

/**
 * PeerFrame is one unit of node-to-node traffic.
 */
export interface PeerFrame {
  /**
   * How to read the body.
   */
  'kind'?: (_millrace_internal_v1_FrameKind);
  /**
   * The id of the cluster the sender belongs to, fixed when the cluster was bootstrapped.
   */
  'clusterId'?: (string);
  /**
   * The sender's node id (positive; never reused within a cluster).
   */
  'fromNodeId'?: (number);
  /**
   * The node the sender means to reach; a receiver with another id closes the stream, which catches
   * addresses that now belong to a different node.
   */
  'toNodeId'?: (number);
  /**
   * The msgpack-encoded content of HELLO, RAFT and HEARTBEAT frames. Opaque at this layer.
   */
  'payload'?: (Buffer | Uint8Array | string);
  /**
   * The content of a SNAPSHOT_CHUNK frame.
   */
  'snapshotChunk'?: (_millrace_internal_v1_SnapshotChunk | null);
  /**
   * The content of a SNAPSHOT_ACK frame.
   */
  'snapshotAck'?: (_millrace_internal_v1_SnapshotAck | null);
  /**
   * The frame's content; which one is set follows from `kind`.
   */
  'body'?: "payload"|"snapshotChunk"|"snapshotAck";
}

/**
 * PeerFrame is one unit of node-to-node traffic.
 */
export interface PeerFrame__Output {
  /**
   * How to read the body.
   */
  'kind': (_millrace_internal_v1_FrameKind__Output);
  /**
   * The id of the cluster the sender belongs to, fixed when the cluster was bootstrapped.
   */
  'clusterId': (string);
  /**
   * The sender's node id (positive; never reused within a cluster).
   */
  'fromNodeId': (number);
  /**
   * The node the sender means to reach; a receiver with another id closes the stream, which catches
   * addresses that now belong to a different node.
   */
  'toNodeId': (number);
  /**
   * The msgpack-encoded content of HELLO, RAFT and HEARTBEAT frames. Opaque at this layer.
   */
  'payload'?: (Buffer);
  /**
   * The content of a SNAPSHOT_CHUNK frame.
   */
  'snapshotChunk'?: (_millrace_internal_v1_SnapshotChunk__Output | null);
  /**
   * The content of a SNAPSHOT_ACK frame.
   */
  'snapshotAck'?: (_millrace_internal_v1_SnapshotAck__Output | null);
  /**
   * The frame's content; which one is set follows from `kind`.
   */
  'body'?: "payload"|"snapshotChunk"|"snapshotAck";
}

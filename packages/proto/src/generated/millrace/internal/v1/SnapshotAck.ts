// Original file: proto/millrace/internal/v1/peer.proto

import type { Long } from '@grpc/proto-loader';

/**
 * SnapshotAck is the receiver's progress report on a snapshot transfer.
 */
export interface SnapshotAck {
  /**
   * The group the snapshot belongs to.
   */
  'groupId'?: (string);
  /**
   * The term of the snapshot being acknowledged.
   */
  'term'?: (number | string | Long);
  /**
   * The index of the snapshot being acknowledged.
   */
  'index'?: (number | string | Long);
  /**
   * The offset of the first byte the receiver does not have durably: the sender continues (or resumes,
   * after a broken stream) from here.
   */
  'nextOffset'?: (number | string | Long);
  /**
   * True once the snapshot is verified and installed.
   */
  'done'?: (boolean);
  /**
   * Why the receiver rejected the snapshot (a checksum mismatch, a lost or busy transfer, a stale or
   * invalid one, a failed install); empty when all is well.
   */
  'rejectReason'?: (string);
  /**
   * The transfer_id of the chunk answered: a sender ignores answers to an earlier attempt.
   */
  'transferId'?: (number | string | Long);
}

/**
 * SnapshotAck is the receiver's progress report on a snapshot transfer.
 */
export interface SnapshotAck__Output {
  /**
   * The group the snapshot belongs to.
   */
  'groupId': (string);
  /**
   * The term of the snapshot being acknowledged.
   */
  'term': (string);
  /**
   * The index of the snapshot being acknowledged.
   */
  'index': (string);
  /**
   * The offset of the first byte the receiver does not have durably: the sender continues (or resumes,
   * after a broken stream) from here.
   */
  'nextOffset': (string);
  /**
   * True once the snapshot is verified and installed.
   */
  'done': (boolean);
  /**
   * Why the receiver rejected the snapshot (a checksum mismatch, a lost or busy transfer, a stale or
   * invalid one, a failed install); empty when all is well.
   */
  'rejectReason': (string);
  /**
   * The transfer_id of the chunk answered: a sender ignores answers to an earlier attempt.
   */
  'transferId': (string);
}

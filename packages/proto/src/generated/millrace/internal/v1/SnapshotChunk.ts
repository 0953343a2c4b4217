// Original file: proto/millrace/internal/v1/peer.proto

import type { Long } from '@grpc/proto-loader';

/**
 * SnapshotChunk is one contiguous byte range of a group's snapshot. A transfer is identified by its
 * group, term, index and transfer id; chunks are sent in offset order, and a transfer interrupted by a
 * broken stream resumes from the offset in the receiver's last SnapshotAck instead of starting over.
 */
export interface SnapshotChunk {
  /**
   * The group the snapshot belongs to.
   */
  'groupId'?: (string);
  /**
   * The term of the last log entry the snapshot covers.
   */
  'term'?: (number | string | Long);
  /**
   * The index of the last log entry the snapshot covers.
   */
  'index'?: (number | string | Long);
  /**
   * Where `data` starts within the snapshot, in bytes.
   */
  'offset'?: (number | string | Long);
  /**
   * The bytes at [offset, offset + len(data)); at most 1 MiB per chunk.
   */
  'data'?: (Buffer | Uint8Array | string);
  /**
   * The snapshot's total size in bytes on the last chunk; 0 on the others, which are sent before the
   * sender has read the whole snapshot.
   */
  'totalSizeBytes'?: (number | string | Long);
  /**
   * CRC-32C of `data`, so that corruption is caught per chunk and only that chunk is sent again.
   */
  'dataCrc32c'?: (number);
  /**
   * True on the last chunk: the receiver writes it, installs the snapshot, and acks with done.
   */
  'done'?: (boolean);
  /**
   * msgpack-encoded snapshot metadata (the group's membership at `index`), set on the first chunk only.
   */
  'metadata'?: (Buffer | Uint8Array | string);
  /**
   * Chosen by the sender for each attempt at sending a snapshot, never 0: a second attempt at the same
   * snapshot (an idle group's is labelled the same) is a new transfer, not a resumption of the first.
   */
  'transferId'?: (number | string | Long);
}

/**
 * SnapshotChunk is one contiguous byte range of a group's snapshot. A transfer is identified by its
 * group, term, index and transfer id; chunks are sent in offset order, and a transfer interrupted by a
 * broken stream resumes from the offset in the receiver's last SnapshotAck instead of starting over.
 */
export interface SnapshotChunk__Output {
  /**
   * The group the snapshot belongs to.
   */
  'groupId': (string);
  /**
   * The term of the last log entry the snapshot covers.
   */
  'term': (string);
  /**
   * The index of the last log entry the snapshot covers.
   */
  'index': (string);
  /**
   * Where `data` starts within the snapshot, in bytes.
   */
  'offset': (string);
  /**
   * The bytes at [offset, offset + len(data)); at most 1 MiB per chunk.
   */
  'data': (Buffer);
  /**
   * The snapshot's total size in bytes on the last chunk; 0 on the others, which are sent before the
   * sender has read the whole snapshot.
   */
  'totalSizeBytes': (string);
  /**
   * CRC-32C of `data`, so that corruption is caught per chunk and only that chunk is sent again.
   */
  'dataCrc32c': (number);
  /**
   * True on the last chunk: the receiver writes it, installs the snapshot, and acks with done.
   */
  'done': (boolean);
  /**
   * msgpack-encoded snapshot metadata (the group's membership at `index`), set on the first chunk only.
   */
  'metadata': (Buffer);
  /**
   * Chosen by the sender for each attempt at sending a snapshot, never 0: a second attempt at the same
   * snapshot (an idle group's is labelled the same) is a new transfer, not a resumption of the first.
   */
  'transferId': (string);
}

// Original file: proto/millrace/v1/stream.proto

/**
 * StreamStatus is where a stream is in its life.
 */
export const StreamStatus = {
  /**
   * Never sent by a server.
   */
  STREAM_STATUS_UNSPECIFIED: 'STREAM_STATUS_UNSPECIFIED',
  /**
   * Its shards' groups are being created; writes and reads fail with UNAVAILABLE.
   */
  STREAM_STATUS_CREATING: 'STREAM_STATUS_CREATING',
  /**
   * Readable and writable.
   */
  STREAM_STATUS_ACTIVE: 'STREAM_STATUS_ACTIVE',
  /**
   * A reshard or retention change is in progress; readable and writable.
   */
  STREAM_STATUS_UPDATING: 'STREAM_STATUS_UPDATING',
  /**
   * Being deleted; no longer readable or writable.
   */
  STREAM_STATUS_DELETING: 'STREAM_STATUS_DELETING',
} as const;

/**
 * StreamStatus is where a stream is in its life.
 */
export type StreamStatus =
  /**
   * Never sent by a server.
   */
  | 'STREAM_STATUS_UNSPECIFIED'
  | 0
  /**
   * Its shards' groups are being created; writes and reads fail with UNAVAILABLE.
   */
  | 'STREAM_STATUS_CREATING'
  | 1
  /**
   * Readable and writable.
   */
  | 'STREAM_STATUS_ACTIVE'
  | 2
  /**
   * A reshard or retention change is in progress; readable and writable.
   */
  | 'STREAM_STATUS_UPDATING'
  | 3
  /**
   * Being deleted; no longer readable or writable.
   */
  | 'STREAM_STATUS_DELETING'
  | 4

/**
 * StreamStatus is where a stream is in its life.
 */
export type StreamStatus__Output = typeof StreamStatus[keyof typeof StreamStatus]

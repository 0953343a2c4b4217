// Original file: proto/millrace/v1/topic.proto

import type { Long } from '@grpc/proto-loader';

/**
 * Heartbeat keeps an idle live stream provably alive.
 */
export interface Heartbeat {
  /**
   * The server's wall clock when it sent the heartbeat, in milliseconds since the Unix epoch.
   */
  'serverTimestampMs'?: (number | string | Long);
}

/**
 * Heartbeat keeps an idle live stream provably alive.
 */
export interface Heartbeat__Output {
  /**
   * The server's wall clock when it sent the heartbeat, in milliseconds since the Unix epoch.
   */
  'serverTimestampMs': (string);
}

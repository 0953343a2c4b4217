// Original file: proto/millrace/v1/topic.proto

import type { Notification as _millrace_v1_Notification, Notification__Output as _millrace_v1_Notification__Output } from '../../millrace/v1/Notification.js';
import type { Heartbeat as _millrace_v1_Heartbeat, Heartbeat__Output as _millrace_v1_Heartbeat__Output } from '../../millrace/v1/Heartbeat.js';

/**
 * SubscribeLiveResponse is one event on a live subscription stream.
 */
export interface SubscribeLiveResponse {
  /**
   * A published message that matched the subscription.
   */
  'notification'?: (_millrace_v1_Notification | null);
  /**
   * Sent when the stream has been idle for 15 seconds, so that both ends notice a dead connection.
   */
  'heartbeat'?: (_millrace_v1_Heartbeat | null);
  /**
   * What happened.
   */
  'event'?: "notification"|"heartbeat";
}

/**
 * SubscribeLiveResponse is one event on a live subscription stream.
 */
export interface SubscribeLiveResponse__Output {
  /**
   * A published message that matched the subscription.
   */
  'notification'?: (_millrace_v1_Notification__Output | null);
  /**
   * Sent when the stream has been idle for 15 seconds, so that both ends notice a dead connection.
   */
  'heartbeat'?: (_millrace_v1_Heartbeat__Output | null);
  /**
   * What happened.
   */
  'event'?: "notification"|"heartbeat";
}

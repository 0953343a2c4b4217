// Original file: proto/millrace/v1/queue.proto

import type { MessageMoveTaskStatus as _millrace_v1_MessageMoveTaskStatus, MessageMoveTaskStatus__Output as _millrace_v1_MessageMoveTaskStatus__Output } from '../../millrace/v1/MessageMoveTaskStatus.js';
import type { Long } from '@grpc/proto-loader';

/**
 * MessageMoveTask describes one redrive of a dead-letter queue.
 */
export interface MessageMoveTask {
  /**
   * The task's handle, for CancelMessageMoveTask; empty once the task is no longer running.
   */
  'taskHandle'?: (string);
  /**
   * Where the task is in its life.
   */
  'status'?: (_millrace_v1_MessageMoveTaskStatus);
  /**
   * The ARN of the dead-letter queue being drained.
   */
  'sourceArn'?: (string);
  /**
   * The ARN of the queue receiving the messages; empty means each message returns to its source queue.
   */
  'destinationArn'?: (string);
  /**
   * The requested rate limit in messages per second; 0 means as fast as the cluster allows.
   */
  'maxNumberOfMessagesPerSecond'?: (number);
  /**
   * How many messages have been moved so far.
   */
  'approximateNumberOfMessagesMoved'?: (number | string | Long);
  /**
   * How many messages the task set out to move (the queue's depth when it started).
   */
  'approximateNumberOfMessagesToMove'?: (number | string | Long);
  /**
   * Why the task failed, when its status is FAILED.
   */
  'failureReason'?: (string);
  /**
   * When the task started, in milliseconds since the Unix epoch.
   */
  'startedTimestampMs'?: (number | string | Long);
}

/**
 * MessageMoveTask describes one redrive of a dead-letter queue.
 */
export interface MessageMoveTask__Output {
  /**
   * The task's handle, for CancelMessageMoveTask; empty once the task is no longer running.
   */
  'taskHandle': (string);
  /**
   * Where the task is in its life.
   */
  'status': (_millrace_v1_MessageMoveTaskStatus__Output);
  /**
   * The ARN of the dead-letter queue being drained.
   */
  'sourceArn': (string);
  /**
   * The ARN of the queue receiving the messages; empty means each message returns to its source queue.
   */
  'destinationArn': (string);
  /**
   * The requested rate limit in messages per second; 0 means as fast as the cluster allows.
   */
  'maxNumberOfMessagesPerSecond': (number);
  /**
   * How many messages have been moved so far.
   */
  'approximateNumberOfMessagesMoved': (string);
  /**
   * How many messages the task set out to move (the queue's depth when it started).
   */
  'approximateNumberOfMessagesToMove': (string);
  /**
   * Why the task failed, when its status is FAILED.
   */
  'failureReason': (string);
  /**
   * When the task started, in milliseconds since the Unix epoch.
   */
  'startedTimestampMs': (string);
}

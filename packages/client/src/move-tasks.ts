import { type v1 } from "@millrace/proto";
import { invalidArgument } from "./errors.js";
import type { CallOptions } from "./transport.js";
import { checkIntegerRange } from "./validation.js";

/** Where a message move task is in its life; RUNNING and CANCELLING are active. */
export type MessageMoveTaskStatus = "RUNNING" | "COMPLETED" | "CANCELLING" | "CANCELLED" | "FAILED";

/** A message move task (a DLQ redrive), as `listMessageMoveTasks` reports it. */
export interface MessageMoveTask {
  /** What `cancelMessageMoveTask` takes; "" unless the task is RUNNING. */
  readonly taskHandle: string;
  readonly status: MessageMoveTaskStatus;
  /** The dead-letter queue being drained. */
  readonly sourceArn: string;
  /** "" when each message goes back to the queue it was dead-lettered from. */
  readonly destinationArn: string;
  /** 0: as fast as the cluster allows. */
  readonly maxNumberOfMessagesPerSecond: number;
  readonly approximateNumberOfMessagesMoved: number;
  /** The source's visible depth when the task started. */
  readonly approximateNumberOfMessagesToMove: number;
  /** Why the task failed; "" unless FAILED. */
  readonly failureReason: string;
  readonly startedTimestampMs: number;
}

export interface StartMessageMoveTaskOptions extends CallOptions {
  /** The dead-letter queue to drain, by name or ARN. It must be some queue's dead-letter queue. */
  readonly source: string;
  /** Where to move the messages, by name or ARN; unset returns each one to the queue it came from. */
  readonly destination?: string;
  /** 1..500 messages per second; unset moves as fast as the cluster allows. */
  readonly maxMessagesPerSecond?: number;
}

/** A rate above SQS's ceiling is refused here, as the server would. */
export const moveTaskMessagesPerSecondMax = 500;
/** ListMessageMoveTasks returns at most this many, newest first. */
export const moveTasksListedMax = 10;

export function startRequest(options: StartMessageMoveTaskOptions): v1.StartMessageMoveTaskRequest {
  if (options.source === "") throw invalidArgument("source", "must name a queue");
  if (options.maxMessagesPerSecond !== undefined)
    checkIntegerRange(options.maxMessagesPerSecond, 1, moveTaskMessagesPerSecondMax, "maxMessagesPerSecond");
  return {
    sourceArn: options.source,
    destinationArn: options.destination ?? "",
    maxNumberOfMessagesPerSecond: options.maxMessagesPerSecond ?? 0,
  };
}

const statusOf = {
  MESSAGE_MOVE_TASK_STATUS_UNSPECIFIED: undefined,
  MESSAGE_MOVE_TASK_STATUS_RUNNING: "RUNNING",
  MESSAGE_MOVE_TASK_STATUS_COMPLETED: "COMPLETED",
  MESSAGE_MOVE_TASK_STATUS_CANCELLING: "CANCELLING",
  MESSAGE_MOVE_TASK_STATUS_CANCELLED: "CANCELLED",
  MESSAGE_MOVE_TASK_STATUS_FAILED: "FAILED",
} as const satisfies Record<v1.MessageMoveTaskStatus__Output, MessageMoveTaskStatus | undefined>;

/** The wire's task; a status this SDK does not know reads as FAILED, so it is never taken for active. */
export function toMessageMoveTask(task: v1.MessageMoveTask__Output): MessageMoveTask {
  return {
    taskHandle: task.taskHandle,
    status: statusOf[task.status] ?? "FAILED",
    sourceArn: task.sourceArn,
    destinationArn: task.destinationArn,
    maxNumberOfMessagesPerSecond: task.maxNumberOfMessagesPerSecond,
    approximateNumberOfMessagesMoved: Number(task.approximateNumberOfMessagesMoved),
    approximateNumberOfMessagesToMove: Number(task.approximateNumberOfMessagesToMove),
    failureReason: task.failureReason,
    startedTimestampMs: Number(task.startedTimestampMs),
  };
}

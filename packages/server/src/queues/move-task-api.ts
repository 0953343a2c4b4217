import { randomUUID } from "node:crypto";
import { ErrorCode, MillraceError, isFifoName, isValidQueueName, shown } from "@millrace/common";
import { queueNameOfArn } from "@millrace/broker";
import { invalid, type GatewayCallContext } from "@millrace/gateway";
import { type v1 } from "@millrace/proto";
import {
  movedOf,
  type GroupRecord,
  type MetaCommand,
  type MetaResult,
  type MetaStateMachine,
  type MoveTaskRecord,
  type MoveTaskStatus,
  type ResourceRecord,
} from "@millrace/router";
import { queueArn } from "./queue-names.js";
import { deadLetterSourcesOf } from "./redrive-targets.js";

export interface MessageMoveTasksDeps {
  readonly meta: MetaStateMachine;
  /** Proposes a meta command on the meta leader, wherever it is. */
  proposeMeta(command: MetaCommand, ctx: GatewayCallContext): Promise<MetaResult>;
  /** The queue's record and partitions, or NOT_FOUND naming `field`. */
  resolve(
    name: string,
    field: string,
    ctx: GatewayCallContext,
  ): Promise<{ resource: ResourceRecord; groups: GroupRecord[] }>;
  /** ApproximateNumberOfMessages over these partitions. */
  visibleMessages(groups: readonly GroupRecord[], ctx: GatewayCallContext): Promise<number>;
  /** A source queue's tasks, newest first, as the meta leader has them (a linearizable read). */
  tasksOnLeader(sourceQueue: string, ctx: GatewayCallContext): Promise<MoveTaskRecord[]>;
  /** The task with this handle as the meta leader knows it (after a ReadIndex), or null. */
  taskOnLeader(taskHandle: string, ctx: GatewayCallContext): Promise<MoveTaskRecord | null>;
}

/**
 * StartMessageMoveTask, ListMessageMoveTasks and CancelMessageMoveTask: checks the request against the
 * catalog and records the task in the meta group; the movers (move-task-runner.ts) do the moving.
 */
export class MessageMoveTasks {
  constructor(private readonly d: MessageMoveTasksDeps) {}

  async start(
    r: v1.StartMessageMoveTaskRequest__Output,
    ctx: GatewayCallContext,
  ): Promise<v1.StartMessageMoveTaskResponse> {
    const sourceQueue = queueNameOfField(r.sourceArn, "source_arn");
    const { groups } = await this.d.resolve(sourceQueue, "source_arn", ctx);
    if (deadLetterSourcesOf(this.d.meta.resources.values(), sourceQueue).length === 0)
      throw invalid("source_arn", `names ${sourceQueue}, which is not the dead-letter queue of any queue`);
    const destinationQueue = await this.destination(r.destinationArn, sourceQueue, ctx);
    const toMove = await this.d.visibleMessages(groups, ctx);
    const result = await this.d
      .proposeMeta(
        {
          type: "move-task-start",
          nowMs: Date.now(),
          taskHandle: randomUUID(),
          sourceQueue,
          destinationQueue,
          messagesPerSecondMax: r.maxNumberOfMessagesPerSecond,
          toMove,
        },
        ctx,
      )
      .catch((error: unknown) => {
        throw naming(error, "source_arn", sourceQueue);
      });
    if (result.type !== "move-task-start")
      throw new MillraceError(ErrorCode.INTERNAL, "unexpected meta result");
    return { taskHandle: result.task.taskHandle };
  }

  async list(
    r: v1.ListMessageMoveTasksRequest__Output,
    ctx: GatewayCallContext,
  ): Promise<v1.ListMessageMoveTasksResponse> {
    const sourceQueue = queueNameOfField(r.sourceArn, "source_arn");
    await this.d.resolve(sourceQueue, "source_arn", ctx);
    const tasks = await this.d.tasksOnLeader(sourceQueue, ctx);
    return { tasks: tasks.slice(0, r.maxResults === 0 ? 1 : r.maxResults).map(toWireTask) };
  }

  async cancel(
    r: v1.CancelMessageMoveTaskRequest__Output,
    ctx: GatewayCallContext,
  ): Promise<v1.CancelMessageMoveTaskResponse> {
    // A handle this node's catalog does not hold may be one the meta leader has just issued, so ask it
    // (a read) before proposing: a made-up handle then costs no entry in the meta log.
    if (!this.d.meta.moveTasks.has(r.taskHandle) && (await this.d.taskOnLeader(r.taskHandle, ctx)) === null) {
      throw new MillraceError(
        ErrorCode.NOT_FOUND,
        `no message move task has the handle ${shown(r.taskHandle)}`,
        { details: { field: "task_handle" } },
      );
    }
    const result = await this.d
      .proposeMeta({ type: "move-task-cancel", taskHandle: r.taskHandle }, ctx)
      .catch((error: unknown) => {
        throw naming(error, "task_handle", undefined);
      });
    if (result.type !== "move-task-cancel")
      throw new MillraceError(ErrorCode.INTERNAL, "unexpected meta result");
    return { approximateNumberOfMessagesMoved: movedOf(result.task) };
  }

  /** "" for each message's own source queue; else an existing queue of the source's type. */
  private async destination(arn: string, sourceQueue: string, ctx: GatewayCallContext): Promise<string> {
    if (arn === "") return "";
    const name = queueNameOfField(arn, "destination_arn");
    if (name === sourceQueue) throw invalid("destination_arn", "must name another queue than source_arn");
    await this.d.resolve(name, "destination_arn", ctx);
    if (isFifoName(name) !== isFifoName(sourceQueue))
      throw invalid(
        "destination_arn",
        `must name a queue of the same type (standard or FIFO) as ${sourceQueue}`,
      );
    return name;
  }
}

/** A queue's ARN (any region and account: Millrace has one namespace), or its bare name. */
function queueNameOfField(arn: string, field: string): string {
  const name = queueNameOfArn(arn);
  if (!isValidQueueName(name))
    throw invalid(field, "must be a queue ARN (arn:aws:sqs:<region>:<account>:<queue name>) or a queue name");
  return name;
}

/** The meta group's refusal, with the request field (and queue) it concerns. */
function naming(error: unknown, field: string, resource: string | undefined): unknown {
  if (!(error instanceof MillraceError)) return error;
  if (error.code !== ErrorCode.NOT_FOUND && error.code !== ErrorCode.FAILED_PRECONDITION) return error;
  return new MillraceError(error.code, error.message, {
    details: { ...error.details, field, ...(resource === undefined ? {} : { resource }) },
  });
}

const wireStatus = {
  running: "MESSAGE_MOVE_TASK_STATUS_RUNNING",
  completed: "MESSAGE_MOVE_TASK_STATUS_COMPLETED",
  cancelling: "MESSAGE_MOVE_TASK_STATUS_CANCELLING",
  cancelled: "MESSAGE_MOVE_TASK_STATUS_CANCELLED",
  failed: "MESSAGE_MOVE_TASK_STATUS_FAILED",
} as const satisfies Record<MoveTaskStatus, v1.MessageMoveTaskStatus>;

export function toWireTask(task: MoveTaskRecord): v1.MessageMoveTask {
  return {
    // As in SQS, only a running task shows its handle: it is what CancelMessageMoveTask takes.
    taskHandle: task.status === "running" ? task.taskHandle : "",
    status: wireStatus[task.status],
    sourceArn: queueArn(task.sourceQueue),
    destinationArn: task.destinationQueue === "" ? "" : queueArn(task.destinationQueue),
    maxNumberOfMessagesPerSecond: task.messagesPerSecondMax,
    approximateNumberOfMessagesMoved: movedOf(task),
    approximateNumberOfMessagesToMove: task.toMove,
    failureReason: task.failureReason,
    startedTimestampMs: task.startedAtMs,
  };
}

import { ErrorCode, isFifoName, shown, type ApplyResult } from "@millrace/common";
import { catalogLimits } from "./catalog-limits.js";
import { isGroupId, isIntIn, isStringUpTo, isTimeMs } from "./command-validation.js";
import { type MetaCommand } from "./meta-commands.js";
import { findResource, type MetaState } from "./meta-state.js";
import { type MoveTaskPartition, type MoveTaskRecord } from "./records.js";

/**
 * The life of a message move task (DLQ redrive) as the meta group records it. These functions decide; the
 * state machine writes what they return. The work itself is done by the leaders of the source queue's
 * partitions (the server's movers), which report each step with `move-task-progress`.
 *
 *   running ──every partition done──▶ completed
 *      │ cancel                              running / cancelling ──fail──▶ failed
 *      ▼
 *   cancelling ──every partition done──▶ cancelled
 */

type Command<T extends MetaCommand["type"]> = Extract<MetaCommand, { type: T }>;

export function isActiveMoveTask(task: MoveTaskRecord): boolean {
  return task.status === "running" || task.status === "cancelling";
}

/** ApproximateNumberOfMessagesMoved: what every partition's movers reported. */
export function movedOf(task: MoveTaskRecord): number {
  return task.partitions.reduce((sum, p) => sum + p.moved, 0);
}

/** A source queue's tasks, newest first. */
export function moveTasksOf(tasks: Iterable<MoveTaskRecord>, sourceQueue: string): MoveTaskRecord[] {
  return [...tasks].filter((t) => t.sourceQueue === sourceQueue).sort((a, b) => b.ordinal - a.ordinal);
}

export interface StartedTask {
  readonly task: MoveTaskRecord;
  /** False when the handle named an existing task of the same source (a repeated proposal). */
  readonly created: boolean;
  /** The source's oldest tasks, all finished, that the new one pushes out of the kept history. */
  readonly pruned: readonly MoveTaskRecord[];
}

export function startMoveTask(
  state: MetaState,
  tasks: ReadonlyMap<string, MoveTaskRecord>,
  cmd: Command<"move-task-start">,
): ApplyResult<StartedTask> {
  if (!isTimeMs(cmd.nowMs)) return reject("nowMs must be a non-negative integer");
  if (!isHandle(cmd.taskHandle))
    return reject(`taskHandle must be 1 to ${catalogLimits.moveTaskHandleLengthMax} characters`);
  if (typeof cmd.sourceQueue !== "string") return reject("sourceQueue must be a queue name");
  const existing = tasks.get(cmd.taskHandle);
  if (existing !== undefined) {
    return existing.sourceQueue === cmd.sourceQueue
      ? { ok: true, value: { task: existing, created: false, pruned: [] } }
      : reject("another message move task has that handle", ErrorCode.ALREADY_EXISTS);
  }
  const source = findResource(state, "queue", cmd.sourceQueue);
  if (source === undefined) return reject(`the queue ${cmd.sourceQueue} does not exist`, ErrorCode.NOT_FOUND);
  const destinationFault = checkDestination(state, cmd);
  if (destinationFault !== undefined) return destinationFault;
  if (!isIntIn(cmd.messagesPerSecondMax, 0, catalogLimits.moveTaskMessagesPerSecondMax))
    return reject(`messagesPerSecondMax must be 0..${catalogLimits.moveTaskMessagesPerSecondMax}`);
  if (!isIntIn(cmd.toMove, 0, Number.MAX_SAFE_INTEGER))
    return reject("toMove must be a non-negative integer");
  const earlier = moveTasksOf(tasks.values(), source.name);
  const active = earlier.find(isActiveMoveTask);
  if (active !== undefined)
    return reject(
      `the queue ${source.name} already has an active message move task (${active.taskHandle}); cancel it or wait for it to finish`,
      ErrorCode.FAILED_PRECONDITION,
    );
  const task: MoveTaskRecord = {
    taskHandle: cmd.taskHandle,
    sourceQueue: source.name,
    destinationQueue: cmd.destinationQueue,
    messagesPerSecondMax: cmd.messagesPerSecondMax,
    status: "running",
    startedAtMs: cmd.nowMs,
    toMove: cmd.toMove,
    failureReason: "",
    partitions: source.groupIds.map((groupId) => ({ groupId, moved: 0, done: false, lastStepId: "" })),
    ordinal: (earlier[0]?.ordinal ?? 0) + 1,
  };
  const pruned = earlier.slice(catalogLimits.moveTasksPerQueueMax - 1);
  return { ok: true, value: { task, created: true, pruned } };
}

function checkDestination(state: MetaState, cmd: Command<"move-task-start">): ApplyResult<never> | undefined {
  if (typeof cmd.destinationQueue !== "string") return reject("destinationQueue must be a string");
  if (cmd.destinationQueue === "") return undefined;
  if (cmd.destinationQueue === cmd.sourceQueue)
    return reject("the destination must be another queue than the source");
  if (findResource(state, "queue", cmd.destinationQueue) === undefined)
    return reject(`the queue ${cmd.destinationQueue} does not exist`, ErrorCode.NOT_FOUND);
  if (isFifoName(cmd.destinationQueue) !== isFifoName(cmd.sourceQueue))
    return reject("the destination must be of the same type (standard or FIFO) as the source");
  return undefined;
}

export function progressMoveTask(
  task: MoveTaskRecord,
  cmd: Command<"move-task-progress">,
): ApplyResult<MoveTaskRecord> {
  const index = isGroupId(cmd.groupId) ? task.partitions.findIndex((p) => p.groupId === cmd.groupId) : -1;
  if (index < 0) return reject(`group ${shown(cmd.groupId)} is not a partition of the task's source`);
  if (!isHandle(cmd.stepId))
    return reject(`stepId must be 1 to ${catalogLimits.moveTaskHandleLengthMax} characters`);
  if (!isIntIn(cmd.moved, 0, catalogLimits.moveTaskStepMessagesMax))
    return reject(`moved must be 0..${catalogLimits.moveTaskStepMessagesMax}`);
  if (typeof cmd.done !== "boolean") return reject("done must be a boolean");
  const partition = task.partitions[index] as MoveTaskPartition;
  if (partition.lastStepId === cmd.stepId) return { ok: true, value: task };
  const active = isActiveMoveTask(task);
  const partitions = task.partitions.map((p, i) =>
    i === index
      ? { ...p, moved: p.moved + cmd.moved, done: p.done || (cmd.done && active), lastStepId: cmd.stepId }
      : p,
  );
  const finished = active && partitions.every((p) => p.done);
  const status = !finished ? task.status : task.status === "cancelling" ? "cancelled" : "completed";
  return { ok: true, value: { ...task, partitions, status } };
}

export function cancelMoveTask(task: MoveTaskRecord): ApplyResult<MoveTaskRecord> {
  if (task.status === "cancelling") return { ok: true, value: task };
  if (task.status !== "running")
    return reject(`the message move task is already ${task.status}`, ErrorCode.FAILED_PRECONDITION);
  return { ok: true, value: { ...task, status: "cancelling" } };
}

export function failMoveTask(
  task: MoveTaskRecord,
  cmd: Command<"move-task-fail">,
): ApplyResult<MoveTaskRecord> {
  if (!isStringUpTo(cmd.reason, catalogLimits.moveTaskFailureReasonLengthMax) || cmd.reason === "")
    return reject(`reason must be 1 to ${catalogLimits.moveTaskFailureReasonLengthMax} characters`);
  if (!isActiveMoveTask(task)) return { ok: true, value: task };
  return { ok: true, value: { ...task, status: "failed", failureReason: cmd.reason } };
}

function isHandle(value: unknown): value is string {
  return isStringUpTo(value, catalogLimits.moveTaskHandleLengthMax) && value !== "";
}

function reject(message: string, code: ErrorCode = ErrorCode.INVALID_ARGUMENT): ApplyResult<never> {
  return { ok: false, code, message };
}

import { ErrorCode, MillraceError } from "@millrace/common";
import { MetaStateMachine, type MetaCommand, type MoveTaskRecord } from "@millrace/router";
import { describe, expect, it } from "vitest";
import { MessageMoveTasks } from "../../src/queues/move-task-api.js";

const ctx = {
  deadlineMs: Date.now() + 10_000,
  signal: new AbortController().signal,
  aborted: false,
  redirect: false,
  firstTry: false,
};

/** CancelMessageMoveTask on a node whose catalog holds no tasks; the meta leader knows `onLeader`. */
function tasks(onLeader: MoveTaskRecord | null) {
  const proposed: MetaCommand[] = [];
  const api = new MessageMoveTasks({
    meta: new MetaStateMachine(),
    proposeMeta: (command) => {
      proposed.push(command);
      return Promise.resolve({ type: "move-task-cancel", task: { ...onLeader!, status: "cancelling" } });
    },
    resolve: () => Promise.reject(new Error("not used")),
    visibleMessages: () => Promise.reject(new Error("not used")),
    tasksOnLeader: () => Promise.resolve([]),
    taskOnLeader: (handle) => Promise.resolve(handle === onLeader?.taskHandle ? onLeader : null),
  });
  return { api, proposed };
}

const running: MoveTaskRecord = {
  taskHandle: "c0ffee00-0000-4000-8000-000000000001",
  sourceQueue: "dlq",
  destinationQueue: "",
  messagesPerSecondMax: 0,
  status: "running",
  startedAtMs: 1_700_000_000_000,
  toMove: 10,
  failureReason: "",
  partitions: [{ groupId: 40, moved: 3, done: false, lastStepId: "" }],
  ordinal: 1,
};

describe("CancelMessageMoveTask", () => {
  it("answers a handle no one issued NOT_FOUND naming task_handle, and proposes nothing", async () => {
    const { api, proposed } = tasks(running);
    for (const handle of ["no-such-task", "", "c0ffee00-0000-4000-8000-000000000002"]) {
      const error = await api.cancel({ taskHandle: handle }, ctx).then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(error).toBeInstanceOf(MillraceError);
      expect(error).toMatchObject({ code: ErrorCode.NOT_FOUND, details: { field: "task_handle" } });
    }
    expect(proposed).toEqual([]);
  });

  it("cancels a task the meta leader has issued though this node's catalog does not hold it yet", async () => {
    const { api, proposed } = tasks(running);
    const answer = await api.cancel({ taskHandle: running.taskHandle }, ctx);
    expect(proposed).toEqual([{ type: "move-task-cancel", taskHandle: running.taskHandle }]);
    expect(answer.approximateNumberOfMessagesMoved).toBe(3);
  });
});

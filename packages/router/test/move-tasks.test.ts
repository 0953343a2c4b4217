import { encode } from "@millrace/common";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { catalogLimits, movedOf, type MetaCommand, type MoveTaskRecord } from "../src/index.js";
import { cluster, dump, type Harness } from "./helpers.js";

type Start = Extract<MetaCommand, { type: "move-task-start" }>;

/** A cluster with a source queue `orders` whose dead-letter queue `dlq` has `partitions` partitions. */
function withDlq(partitions = 1): Harness {
  const h = cluster([{}, {}, {}]);
  h.ok({ type: "create-resource", nowMs: 1_000, kind: "queue", name: "dlq", partitions });
  h.ok({ type: "create-resource", nowMs: 1_000, kind: "queue", name: "orders" });
  h.ok({ type: "create-resource", nowMs: 1_000, kind: "queue", name: "other" });
  h.ok({ type: "create-resource", nowMs: 1_000, kind: "queue", name: "jobs.fifo" });
  return h;
}

const start = (taskHandle: string, extra: Partial<Start> = {}): Start => ({
  type: "move-task-start",
  nowMs: 50_000,
  taskHandle,
  sourceQueue: "dlq",
  destinationQueue: "",
  messagesPerSecondMax: 0,
  toMove: 7,
  ...extra,
});

const progress = (taskHandle: string, groupId: number, stepId: string, moved: number, done = false) =>
  ({ type: "move-task-progress", taskHandle, groupId, stepId, moved, done }) as const;

function task(h: Harness, handle: string): MoveTaskRecord {
  const found = h.meta.moveTasks.get(handle);
  if (found === undefined) throw new Error(`no task ${handle}`);
  return found;
}

const dlqGroups = (h: Harness): number[] => h.meta.resource("queue", "dlq")?.groupIds.slice() ?? [];

describe("message move tasks in the meta group", () => {
  it("starts a task that covers every partition of its source, stamped with the proposer's time", () => {
    const h = withDlq(3);
    const result = h.ok(start("t1", { messagesPerSecondMax: 25, destinationQueue: "other", toMove: 40 }));
    expect(result).toMatchObject({ type: "move-task-start", created: true });
    expect(task(h, "t1")).toEqual({
      taskHandle: "t1",
      sourceQueue: "dlq",
      destinationQueue: "other",
      messagesPerSecondMax: 25,
      status: "running",
      startedAtMs: 50_000,
      toMove: 40,
      failureReason: "",
      partitions: dlqGroups(h).map((groupId) => ({ groupId, moved: 0, done: false, lastStepId: "" })),
      ordinal: 1,
    });
    expect(h.meta.moveTasksOf("dlq").map((t) => t.taskHandle)).toEqual(["t1"]);
    expect(h.meta.moveTasksOf("orders")).toEqual([]);
  });

  it("answers a repeated start with the same task and refuses the handle for another source", () => {
    const h = withDlq();
    h.ok(start("t1"));
    const before = new Map(h.ks.rows);
    expect(h.ok(start("t1", { nowMs: 99_000, toMove: 1 }))).toMatchObject({
      created: false,
      task: { startedAtMs: 50_000, toMove: 7 },
    });
    expect(h.ks.rows).toEqual(before);
    expect(h.run(start("t1", { sourceQueue: "orders" }))).toMatchObject({ code: "ALREADY_EXISTS" });
  });

  it("refuses a bad start, naming what is wrong, and writes nothing", () => {
    const h = withDlq();
    const before = new Map(h.ks.rows);
    const refusals: [Partial<Start>, string, RegExp][] = [
      [{ sourceQueue: "nope" }, "NOT_FOUND", /queue nope does not exist/],
      [{ destinationQueue: "nope" }, "NOT_FOUND", /queue nope does not exist/],
      [{ destinationQueue: "dlq" }, "INVALID_ARGUMENT", /another queue than the source/],
      [{ destinationQueue: "jobs.fifo" }, "INVALID_ARGUMENT", /same type/],
      [{ messagesPerSecondMax: 501 }, "INVALID_ARGUMENT", /messagesPerSecondMax/],
      [{ messagesPerSecondMax: -1 }, "INVALID_ARGUMENT", /messagesPerSecondMax/],
      [{ toMove: -1 }, "INVALID_ARGUMENT", /toMove/],
      [{ taskHandle: "" }, "INVALID_ARGUMENT", /taskHandle/],
      [{ taskHandle: "x".repeat(129) }, "INVALID_ARGUMENT", /taskHandle/],
      [{ nowMs: -5 }, "INVALID_ARGUMENT", /nowMs/],
    ];
    for (const [fields, code, message] of refusals) {
      const result = h.run(start("t1", fields));
      expect(result, JSON.stringify(fields)).toMatchObject({ ok: false, code });
      expect(!result.ok && result.message).toMatch(message);
    }
    expect(h.ks.rows).toEqual(before);
    expect(h.meta.moveTasks.size).toBe(0);
  });

  it("allows one active task per source queue, and a new one once the last has finished", () => {
    const h = withDlq();
    h.ok(start("t1"));
    const second = h.run(start("t2", { nowMs: 51_000 }));
    expect(second).toMatchObject({ ok: false, code: "FAILED_PRECONDITION" });
    expect(!second.ok && second.message).toMatch(
      /the queue dlq already has an active message move task \(t1\)/,
    );
    // Another source is independent.
    h.ok({ type: "create-resource", nowMs: 1_000, kind: "queue", name: "dlq2" });
    h.ok(start("u1", { sourceQueue: "dlq2" }));
    // Cancelling is still active.
    h.ok({ type: "move-task-cancel", taskHandle: "t1" });
    expect(h.run(start("t2", { nowMs: 51_000 }))).toMatchObject({ code: "FAILED_PRECONDITION" });
    const [groupId] = dlqGroups(h) as [number];
    h.ok(progress("t1", groupId, "s1", 0, true));
    expect(task(h, "t1").status).toBe("cancelled");
    expect(h.ok(start("t2", { nowMs: 51_000 }))).toMatchObject({ created: true, task: { ordinal: 2 } });
    expect(h.meta.moveTasksOf("dlq").map((t) => t.taskHandle)).toEqual(["t2", "t1"]);
  });

  it("counts each step once and completes when every partition is done", () => {
    const h = withDlq(2);
    const [a, b] = dlqGroups(h) as [number, number];
    h.ok(start("t1"));
    h.ok(progress("t1", a, "a1", 3));
    // A re-proposed step (its answer was lost, or a new meta leader saw it twice) is not counted again.
    h.ok(progress("t1", a, "a1", 3));
    h.ok(progress("t1", b, "b1", 2));
    h.ok(progress("t1", a, "a2", 1, true));
    expect(task(h, "t1")).toMatchObject({ status: "running" });
    expect(movedOf(task(h, "t1"))).toBe(6);
    expect(h.ok(progress("t1", b, "b2", 0, true))).toMatchObject({ task: { status: "completed" } });
    expect(movedOf(task(h, "t1"))).toBe(6);
    // A step that was in flight when the task finished still moved its messages: they are counted.
    h.ok(progress("t1", b, "b3", 2));
    expect(task(h, "t1")).toMatchObject({ status: "completed" });
    expect(movedOf(task(h, "t1"))).toBe(8);
    // Reports about other groups or with bad counts are refused.
    expect(h.run(progress("t1", 999, "z", 1))).toMatchObject({ code: "INVALID_ARGUMENT" });
    expect(h.run(progress("t1", a, "z", -1))).toMatchObject({ code: "INVALID_ARGUMENT" });
    expect(h.run(progress("t1", a, "z", catalogLimits.moveTaskStepMessagesMax + 1))).toMatchObject({
      code: "INVALID_ARGUMENT",
    });
    expect(h.run(progress("nope", a, "z", 1))).toMatchObject({ code: "NOT_FOUND" });
  });

  it("cancels: CANCELLING until the movers stop, then CANCELLED; a finished task cannot be cancelled", () => {
    const h = withDlq(2);
    const [a, b] = dlqGroups(h) as [number, number];
    h.ok(start("t1"));
    h.ok(progress("t1", a, "a1", 4));
    expect(h.ok({ type: "move-task-cancel", taskHandle: "t1" })).toMatchObject({
      task: { status: "cancelling" },
    });
    expect(h.ok({ type: "move-task-cancel", taskHandle: "t1" })).toMatchObject({
      task: { status: "cancelling" },
    });
    h.ok(progress("t1", a, "a2", 1, true));
    expect(task(h, "t1").status).toBe("cancelling");
    h.ok(progress("t1", b, "b1", 0, true));
    expect(task(h, "t1")).toMatchObject({ status: "cancelled" });
    expect(movedOf(task(h, "t1"))).toBe(5);
    const again = h.run({ type: "move-task-cancel", taskHandle: "t1" });
    expect(again).toMatchObject({ ok: false, code: "FAILED_PRECONDITION" });
    expect(!again.ok && again.message).toMatch(/already cancelled/);
    expect(h.run({ type: "move-task-cancel", taskHandle: "unknown" })).toMatchObject({ code: "NOT_FOUND" });
  });

  it("fails an active task with its reason, once; a finished task stays as it finished", () => {
    const h = withDlq();
    const [a] = dlqGroups(h) as [number];
    h.ok(start("t1"));
    h.ok({ type: "move-task-fail", taskHandle: "t1", reason: "the queue other was deleted" });
    expect(task(h, "t1")).toMatchObject({ status: "failed", failureReason: "the queue other was deleted" });
    h.ok({ type: "move-task-fail", taskHandle: "t1", reason: "a later reason" });
    expect(task(h, "t1").failureReason).toBe("the queue other was deleted");
    // A done report after the failure does not turn it into COMPLETED.
    h.ok(progress("t1", a, "a1", 2, true));
    expect(task(h, "t1")).toMatchObject({ status: "failed" });
    expect(h.run({ type: "move-task-cancel", taskHandle: "t1" })).toMatchObject({
      code: "FAILED_PRECONDITION",
    });
    h.ok(start("t2"));
    h.ok(progress("t2", a, "a1", 0, true));
    h.ok({ type: "move-task-fail", taskHandle: "t2", reason: "too late" });
    expect(task(h, "t2")).toMatchObject({ status: "completed", failureReason: "" });
    expect(h.run({ type: "move-task-fail", taskHandle: "t2", reason: "" })).toMatchObject({
      code: "INVALID_ARGUMENT",
    });
  });

  it("keeps each source's newest tasks only, and forgets a deleted queue's tasks", async () => {
    const h = withDlq();
    const [a] = dlqGroups(h) as [number];
    const count = catalogLimits.moveTasksPerQueueMax + 3;
    for (let i = 1; i <= count; i++) {
      h.ok(start(`t${i}`, { nowMs: 50_000 + i }));
      h.ok(progress(`t${i}`, a, "s", 1, true));
    }
    const kept = h.meta.moveTasksOf("dlq");
    expect(kept.map((t) => t.ordinal)).toEqual(
      Array.from({ length: catalogLimits.moveTasksPerQueueMax }, (_, i) => count - i),
    );
    expect(h.meta.moveTasks.size).toBe(catalogLimits.moveTasksPerQueueMax);
    const restored = await h.restarted();
    expect(dump(restored)).toEqual(dump(h.meta));
    expect(restored.moveTasksOf("dlq")).toEqual(kept);

    h.ok({ type: "delete-resource", nowMs: 60_000, kind: "queue", name: "dlq" });
    expect(h.meta.moveTasks.size).toBe(0);
    // "m" is 0x6d: no move-task row is left behind.
    expect([...h.ks.rows.keys()].filter((k) => k.startsWith("6d"))).toEqual([]);
    expect(dump(await h.restarted())).toEqual(dump(h.meta));
  });

  it("rejects garbage move-task commands with a returned value, writing nothing", async () => {
    const h = withDlq();
    h.ok(start("t1"));
    const before = new Map(h.ks.rows);
    const snapshot = JSON.stringify(dump(h.meta));
    const junk = fc.oneof(
      fc.constant(undefined),
      fc.constant(null),
      fc.boolean(),
      fc.integer(),
      fc.double(),
      fc.string({ maxLength: 200 }),
      fc.array(fc.anything(), { maxLength: 3 }),
      fc.dictionary(fc.string(), fc.anything(), { maxKeys: 3 }),
    );
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom("move-task-start", "move-task-progress", "move-task-cancel", "move-task-fail"),
        fc.record(
          {
            nowMs: junk,
            taskHandle: fc.oneof(junk, fc.constant("t1")),
            sourceQueue: fc.oneof(junk, fc.constant("dlq")),
            destinationQueue: junk,
            messagesPerSecondMax: junk,
            toMove: junk,
            groupId: junk,
            stepId: junk,
            moved: junk,
            done: fc.oneof(junk, fc.constant(true)),
            reason: junk,
          },
          { requiredKeys: [] },
        ),
        async (type, fields) => {
          const result = h.meta.apply(1, encode({ ...fields, type }), h.ks);
          if (result.ok) {
            // Some junk happens to be valid (a cancel of t1); put the previous state back.
            h.ks.rows.clear();
            for (const [k, v] of before) h.ks.rows.set(k, v);
            await h.meta.restore(h.ks);
            return;
          }
          expect(typeof result.message).toBe("string");
          expect(h.ks.rows).toEqual(before);
          expect(JSON.stringify(dump(h.meta))).toEqual(snapshot);
        },
      ),
      { numRuns: 2_000 },
    );
  });
});

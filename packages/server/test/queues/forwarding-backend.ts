import { MillraceError, decode, encode, type StateWriter } from "@millrace/common";
import { type GatewayCallContext } from "@millrace/gateway";
import {
  MetaStateMachine,
  encodeMetaCommand,
  type GroupRecord,
  type MetaCommand,
  type MetaResult,
  type ResourceRecord,
} from "@millrace/router";
import { type MetaOp } from "../../src/node/controller.js";
import { metaGroupId } from "../../src/node/group-ids.js";
import { checkMetaOp } from "../../src/node/meta-op-check.js";
import { PartitionRouter } from "../../src/node/partition-router.js";
import { QueueBackendImpl } from "../../src/queues/queue-backend.js";
import { checkQueueOp } from "../../src/queues/queue-op-check.js";
import { type QueueOp, type ReceivedMessage } from "../../src/queues/queue-ops.js";

const bytes = (s: string) => new TextEncoder().encode(s);

/**
 * A queue backend on node 1 of a cluster whose every group is led by node 2, wired as MillraceNode wires
 * it: each partition call and meta call is forwarded, and "node 2" checks the op as its executor does,
 * records it, and answers plausibly. A refused op fails the backend's call at once (INVALID_ARGUMENT).
 */
export function backendForwardingEverything(
  options: {
    /** Answers an op in place of the stand-in's plausible answer, unless it returns undefined. */
    answer?: (groupId: number, op: QueueOp, before: readonly { op: unknown }[]) => unknown;
    /** Waits on the stand-in leader last until the caller cancels them, as on an idle queue. */
    waitsHang?: boolean;
    /** The node's stopping signal (QueueBackendDeps.stopping). */
    stopping?: AbortSignal;
  } = {},
) {
  const meta = new MetaStateMachine();
  const rows = new Map<string, Uint8Array>();
  const hex = (key: Uint8Array) => Buffer.from(key).toString("hex");
  const writer: StateWriter = {
    put: (key, value) => rows.set(hex(key), value.slice()),
    del: (key) => rows.delete(hex(key)),
    getSync: (key) => rows.get(hex(key)),
  };
  let index = 0;
  const applyMeta = (command: MetaCommand): unknown => {
    const result = meta.apply(++index, encodeMetaCommand(command), writer);
    if (!result.ok) throw new MillraceError(result.code, result.message);
    return result.value;
  };
  applyMeta({
    type: "bootstrap",
    clusterId: "c",
    nowMs: Date.now(),
    nodes: [{ nodeId: 1, peerAddress: "p1", clientAddress: "c1", httpAddress: "h1" }],
    groups: [
      { groupId: metaGroupId, kind: "meta", voters: [1] },
      { groupId: 2, kind: "log", voters: [1] },
    ],
  });
  const forwarded: { groupId: number; op: unknown; checked: unknown }[] = [];
  const answer = (groupId: number, op: unknown): unknown => {
    if (groupId === metaGroupId) {
      const checked = checkMetaOp(op);
      forwarded.push({ groupId, op, checked });
      if (checked.type === "propose") return applyMeta(checked.command);
      return checked.type === "move-tasks" ? [] : null;
    }
    const checked = checkQueueOp(op);
    const before = [...forwarded];
    forwarded.push({ groupId, op, checked });
    return options.answer?.(groupId, checked, before) ?? queueAnswer(checked, forwarded);
  };
  const partitions = new PartitionRouter({
    nodeId: 1,
    clusterId: "c",
    replica: () => undefined,
    route: () => ({ leader: 2, replicas: [2] }),
    executor: () => undefined,
    forward: (_to, request, _deadlineMs, signal) => {
      const { groupId, op } = decode(request.request as Uint8Array) as { groupId: number; op: unknown };
      const result = Promise.resolve().then(() => encode(answer(groupId, op)));
      if (options.waitsHang !== true || (op as { type?: string }).type !== "wait") return result;
      return new Promise<Uint8Array>((_resolve, reject) => {
        void result.then(() =>
          signal?.addEventListener("abort", () => reject(signal.reason as Error), { once: true }),
        );
      });
    },
  });
  const backend = new QueueBackendImpl({
    nodeId: 1,
    meta,
    partitions,
    proposeMeta: (command, ctx) =>
      partitions.call(metaGroupId, { type: "propose", command } satisfies MetaOp, ctx, {
        idempotent: false,
      }) as Promise<MetaResult>,
    lookupOnLeader: (name, ctx) =>
      partitions.call(metaGroupId, { type: "resource", kind: "queue", name } satisfies MetaOp, ctx, {
        idempotent: true,
      }) as Promise<{ resource: ResourceRecord; groups: GroupRecord[] } | null>,
    httpAddress: "h1",
    deadNodeAfterMs: 60_000,
    ...(options.stopping === undefined ? {} : { stopping: options.stopping }),
  });
  const groupsOf = (name: string) => meta.groupsOfResource("queue", name).map((g) => g.groupId);
  return { backend, forwarded, groupsOf };
}

/** A leader's plausible answer to each op; receives find nothing until a wait has run. */
function queueAnswer(op: QueueOp, before: readonly { op: unknown }[]): unknown {
  switch (op.type) {
    case "configure":
    case "purge":
      return null;
    case "send":
      return op.entries.map((e) => ({
        entryId: e.entryId,
        ok: true,
        messageId: `m-${e.entryId}`,
        md5OfMessageBody: "0".repeat(32),
      }));
    case "receive": {
      if (!before.some((f) => (f.op as QueueOp).type === "wait")) return [];
      const message: ReceivedMessage = {
        messageId: "m-1",
        receiptHandle: "h",
        body: bytes("hello"),
        md5OfBody: "0".repeat(32),
        messageAttributes: {},
        attributes: {},
      };
      return [message];
    }
    case "wait":
      return true;
    case "delete":
    case "change-visibility":
      return op.entries.map((e) => ({ entryId: e.entryId, ok: true }));
    case "stats":
      return { visible: 0, notVisible: 0, delayed: 0 };
  }
}

export function callContext(): GatewayCallContext {
  return {
    deadlineMs: Date.now() + 10_000,
    signal: new AbortController().signal,
    aborted: false,
    redirect: false,
    firstTry: false,
  };
}

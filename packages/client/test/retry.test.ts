import { Metadata, status } from "@grpc/grpc-js";
import { loadMillraceProto, type v1 } from "@millrace/proto";
import { afterEach, describe, expect, it } from "vitest";
import {
  MillraceAbortError,
  MillraceClientError,
  connect,
  isRetryable,
  type MillraceClient,
} from "../src/index.js";
import { FakeRouting, deferred, eventually, millraceError, sendOk, startServer } from "./fake-cluster.js";

const cleanup: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const c of cleanup.splice(0).reverse()) await c();
});

async function oneNode(queue: Partial<v1.QueueServiceHandlers>, options: { maxAttempts?: number } = {}) {
  const routing = new FakeRouting();
  const node = await startServer({ admin: routing.handlers(), queue });
  cleanup.push(() => node.stop());
  routing.set(
    [{ nodeId: 1, address: node.address }],
    [{ resourceName: "jobs", partition: 0, leaderNodeId: 1 }],
  );
  const client: MillraceClient = await connect({
    endpoints: [node.address],
    retry: { initialBackoffMs: 5, maxBackoffMs: 20, ...options },
  });
  cleanup.push(() => client.close());
  return { node, client, queue: client.queue("jobs") };
}

const attemptsOf = (calls: { method: string }[], method: string) =>
  calls.filter((c) => c.method === method).length;

describe("retries", () => {
  it("backs off and retries UNAVAILABLE until the call succeeds", async () => {
    let failures = 2;
    const { node, queue } = await oneNode({
      SendMessage: (_call, callback) =>
        failures-- > 0 ? callback(millraceError("UNAVAILABLE")) : callback(null, sendOk("third-time")),
    });
    await expect(queue.send("hi")).resolves.toMatchObject({ messageId: "third-time" });
    expect(attemptsOf(node.calls, "SendMessage")).toBe(3);
  });

  it("retries PROPOSAL_DROPPED and RESOURCE_EXHAUSTED the same way", async () => {
    const answers = [millraceError("PROPOSAL_DROPPED"), millraceError("RESOURCE_EXHAUSTED")];
    const { queue } = await oneNode({
      SendMessage: (_call, callback) => {
        const next = answers.shift();
        if (next === undefined) callback(null, sendOk("ok"));
        else callback(next);
      },
    });
    await expect(queue.send("hi")).resolves.toMatchObject({ messageId: "ok" });
  });

  it("does not retry INVALID_ARGUMENT, and names the field", async () => {
    const { node, queue } = await oneNode({
      SendMessage: (_call, callback) =>
        callback(millraceError("INVALID_ARGUMENT", { field: "message_body" })),
    });
    const error = await queue.send("hi").catch((e: unknown) => e);
    expect(error).toBeInstanceOf(MillraceClientError);
    expect(error).toMatchObject({
      code: "INVALID_ARGUMENT",
      field: "message_body",
      grpcStatus: status.INVALID_ARGUMENT,
    });
    expect(isRetryable(error)).toBe(false);
    expect(attemptsOf(node.calls, "SendMessage")).toBe(1);
  });

  it("gives up with the last error once the attempts are spent", async () => {
    const { node, queue } = await oneNode(
      { SendMessage: (_call, callback) => callback(millraceError("UNAVAILABLE")) },
      { maxAttempts: 4 },
    );
    await expect(queue.send("hi")).rejects.toMatchObject({ code: "UNAVAILABLE", isRetryable: true });
    expect(attemptsOf(node.calls, "SendMessage")).toBe(4);
  });

  it("stops retrying when the caller's deadline is spent, however many attempts remain", async () => {
    const { node, queue } = await oneNode(
      { SendMessage: (_call, callback) => callback(millraceError("UNAVAILABLE")) },
      { maxAttempts: 1_000_000 },
    );
    await expect(queue.send("hi", { deadlineMs: 200 })).rejects.toBeInstanceOf(MillraceClientError);
    expect(attemptsOf(node.calls, "SendMessage")).toBeLessThan(1_000_000);
  });

  it("fails a call the server never answers with DEADLINE_EXCEEDED at the deadline", async () => {
    const { queue } = await oneNode({ SendMessage: () => undefined });
    await expect(queue.send("hi", { deadlineMs: 100 })).rejects.toMatchObject({ code: "DEADLINE_EXCEEDED" });
  });

  it("cancels an in-flight long poll when its signal aborts", async () => {
    const started = deferred();
    const cancelled = deferred();
    const { queue } = await oneNode({
      ReceiveMessage: (call) => {
        call.on("cancelled", () => cancelled.resolve());
        started.resolve();
      },
    });
    const controller = new AbortController();
    const receiving = queue.receive({ waitSeconds: 20, signal: controller.signal });
    await started.promise;
    controller.abort();
    await expect(receiving).rejects.toBeInstanceOf(MillraceAbortError);
    await cancelled.promise;
  });

  it("rejects at once, without a call, when the signal is already aborted", async () => {
    const { node, queue } = await oneNode({ SendMessage: (_call, callback) => callback(null, sendOk("x")) });
    await expect(queue.send("hi", { signal: AbortSignal.abort() })).rejects.toMatchObject({
      code: "CANCELLED",
    });
    expect(attemptsOf(node.calls, "SendMessage")).toBe(0);
  });

  /** A client of one fake node that leads the log group and answers LogService with `log`. */
  async function logLeader(log: Partial<v1.LogServiceHandlers>) {
    const routing = new FakeRouting();
    const node = await startServer({ admin: routing.handlers(), log });
    cleanup.push(() => node.stop());
    routing.set(
      [{ nodeId: 1, address: node.address }],
      [{ resourceName: "", partition: 0, leaderNodeId: 1, kind: "GROUP_KIND_LOG" }],
    );
    const client = await connect({
      endpoints: [node.address],
      retry: { initialBackoffMs: 5, maxBackoffMs: 20 },
    });
    cleanup.push(() => client.close());
    return client;
  }

  it("log appends are retried after NOT_LEADER but not after an outcome-unknown failure", async () => {
    let appends = 0;
    const client = await logLeader({
      Append: (_call, callback) => {
        appends += 1;
        if (appends === 1) callback(millraceError("PROPOSAL_DROPPED"));
        else if (appends === 2) callback(null, { firstSeq: "41", count: 2 });
        else callback(millraceError("UNAVAILABLE"));
      },
    });
    await expect(client.log.append(["a", "b"])).resolves.toEqual({ firstSeq: 41n, count: 2 });
    await expect(client.log.append(["c"])).rejects.toMatchObject({ code: "UNAVAILABLE" });
    expect(appends).toBe(3);
  });

  it("log trims are retried after an outcome-unknown failure (a trim is idempotent), and refuse a start below 1", async () => {
    const asked: string[] = [];
    const client = await logLeader({
      Trim: (call, callback) => {
        asked.push(call.request.beforeSeq);
        if (asked.length === 1) callback(millraceError("UNAVAILABLE"));
        else callback(null, { firstSeq: call.request.beforeSeq });
      },
    });
    await expect(client.log.trim(2n ** 60n)).resolves.toEqual({ firstSeq: 2n ** 60n });
    expect(asked).toEqual([String(2n ** 60n), String(2n ** 60n)]);
    await expect(client.log.trim(0)).rejects.toMatchObject({ code: "INVALID_ARGUMENT", field: "beforeSeq" });
    expect(asked).toHaveLength(2);
  });

  // A release (visibility 0) that worked but whose answer was lost must not come back as
  // MESSAGE_NOT_INFLIGHT from a second attempt; an extension may be repeated safely.
  it("retries a lost visibility extension, but not a lost release", async () => {
    let changes = 0;
    const { node, queue } = await oneNode({
      ChangeMessageVisibility: (call, callback) => {
        changes += 1;
        if (changes % 2 === 1) callback(millraceError("UNAVAILABLE"));
        else if (call.request.visibilityTimeoutSeconds === 0) callback(millraceError("MESSAGE_NOT_INFLIGHT"));
        else callback(null, {});
      },
    });
    await expect(queue.changeVisibility("handle", 30)).resolves.toBeUndefined();
    expect(attemptsOf(node.calls, "ChangeMessageVisibility")).toBe(2);
    await expect(queue.changeVisibility("handle", 0)).rejects.toMatchObject({ code: "UNAVAILABLE" });
    expect(attemptsOf(node.calls, "ChangeMessageVisibility")).toBe(3);
  });
});

describe("first tries", () => {
  // A server asks every partition to replay a FIFO receive's attempt only for a retry: the first try,
  // whose attempt id is new, says so; a retry, with the same attempt id, does not.
  it("marks a FIFO receive's first try, and retries it unmarked with the same attempt id", async () => {
    const seen: { firstTry: unknown[]; attemptId: string }[] = [];
    const { client } = await oneNode({
      ReceiveMessage: (call, callback) => {
        seen.push({
          firstTry: call.metadata.get("millrace-first-try"),
          attemptId: call.request.receiveRequestAttemptId,
        });
        if (seen.length === 1) callback(millraceError("UNAVAILABLE"));
        else callback(null, { messages: [] });
      },
    });
    await expect(client.queue("jobs.fifo").receive({ waitSeconds: 0 })).resolves.toEqual([]);
    expect(seen.map((s) => s.firstTry)).toEqual([["1"], []]);
    expect(seen[0]?.attemptId).not.toBe("");
    expect(seen[1]?.attemptId).toBe(seen[0]?.attemptId);
    // A standard queue's receive has no attempt id, and nothing to mark.
    await client.queue("jobs").receive({ waitSeconds: 0 });
    expect(seen[2]).toEqual({ firstTry: [], attemptId: "" });
  });
});

describe("error parsing", () => {
  it("reads the binary ErrorDetails trailer: code, retryable, leader hint, fields, retry-after", async () => {
    const details = loadMillraceProto().millrace.v1.ErrorDetails.serialize({
      code: "INVALID_ARGUMENT",
      message: "entries[3].delay_seconds must be 0..900",
      retryable: false,
      fieldViolations: [{ field: "entries[3].delay_seconds", description: "must be 0..900" }],
      awsErrorCode: "InvalidParameterValue",
    });
    const { queue } = await oneNode({
      SendMessage: (_call, callback) => {
        const metadata = new Metadata();
        metadata.set("millrace-error-details-bin", details);
        callback({ code: status.INVALID_ARGUMENT, details: "bad", metadata });
      },
    });
    await expect(queue.send("hi")).rejects.toMatchObject({
      code: "INVALID_ARGUMENT",
      message: "entries[3].delay_seconds must be 0..900",
      field: "entries[3].delay_seconds",
      fieldViolations: [{ field: "entries[3].delay_seconds", description: "must be 0..900" }],
      awsErrorCode: "InvalidParameterValue",
      isRetryable: false,
    });
  });

  it("reads the text trailers: leader id and address, and the server's retryable verdict", async () => {
    const { queue } = await oneNode({
      SendMessage: (_call, callback) =>
        callback(millraceError("UNAVAILABLE", { retryable: false, leaderId: 7 })),
    });
    const error = await queue.send("hi").catch((e: unknown) => e);
    expect(error).toMatchObject({ code: "UNAVAILABLE", isRetryable: false, leaderHint: { nodeId: 7 } });
  });

  it("maps an unknown code to INTERNAL and a bare gRPC status to its ErrorCode", async () => {
    let answer = 0;
    const { queue } = await oneNode({
      SendMessage: (_call, callback) => {
        answer += 1;
        if (answer === 1) {
          const metadata = new Metadata();
          metadata.set("millrace-error-code", "SOMETHING_NEW");
          callback({ code: status.INTERNAL, details: "?", metadata });
        } else callback({ code: status.NOT_FOUND, details: "no such queue" });
      },
    });
    await expect(queue.send("a")).rejects.toMatchObject({ code: "INTERNAL" });
    await expect(queue.send("b")).rejects.toMatchObject({ code: "NOT_FOUND", message: "no such queue" });
  });
});

describe("client-side validation", () => {
  it("rejects bad input with typed errors naming the field, before any call", async () => {
    const { node, client } = await oneNode({});
    expect(() => client.queue("no spaces allowed")).toThrow(
      expect.objectContaining({ code: "INVALID_ARGUMENT", field: "queueName" }),
    );
    const fifo = client.queue("orders.fifo");
    await expect(fifo.send("x")).rejects.toMatchObject({ code: "INVALID_ARGUMENT", field: "groupId" });
    await expect(client.queue("jobs").send("")).rejects.toMatchObject({ field: "body" });
    await expect(client.queue("jobs").send(new Uint8Array([0xff, 0xfe]))).rejects.toMatchObject({
      field: "body",
    });
    await expect(client.queue("jobs").send("x", { delaySeconds: 901 })).rejects.toMatchObject({
      field: "delaySeconds",
    });
    const eleven = Array.from({ length: 11 }, () => ({ body: "x" }));
    await expect(client.queue("jobs").sendBatch(eleven)).rejects.toMatchObject({
      code: "TOO_MANY_ENTRIES_IN_BATCH",
      field: "entries",
    });
    await expect(client.queue("jobs").sendBatch([])).rejects.toMatchObject({ code: "EMPTY_BATCH" });
    await expect(client.queue("jobs").receive({ maxMessages: 11 })).rejects.toMatchObject({
      field: "maxMessages",
    });
    await eventually(() => true);
    expect(
      node.calls.filter((c) => c.method !== "GetRoutingTable" && c.method !== "WatchRoutingTable"),
    ).toEqual([]);
  });
});

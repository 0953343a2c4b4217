import { ErrorCode, decode, encode, isMillraceError } from "@millrace/common";
import { ReplicatedLog } from "@millrace/broker";
import { afterEach, describe, expect, it } from "vitest";
import { logExecutor } from "../src/node/log-executor.js";
import { type GroupExecutor } from "../src/node/partition-router.js";
import { committedEntriesOf, readerOf } from "../src/host/group-replica.js";
import { StartedGroups } from "./single-node-group.js";

const groupId = 20;
const text = (s: string) => new TextEncoder().encode(s);
const testTimeoutMs = 30_000;

const groups = new StartedGroups();
afterEach(() => groups.stopAll());

/** The log executor of a single-node log group, and a way to run an op as a peer forwards it. */
async function startLog() {
  const log = new ReplicatedLog();
  const group = await groups.start(groupId, log);
  const { replica } = group;
  const execute: GroupExecutor = logExecutor(log, group.host);
  const ctx = { deadlineMs: Date.now() + 10_000 };
  // PartitionRouter.serve hands the executor whatever msgpack the peer's payload decodes to.
  const forwarded = (op: unknown) => {
    const payload = decode(encode({ groupId, op })) as { op: unknown };
    return execute(replica, payload.op, ctx);
  };
  const stored = async () => {
    const rows = await log.read(
      readerOf(replica.storage.keyspace),
      committedEntriesOf(replica.storage),
      1,
      100_000,
    );
    return rows.map((r) => [...r.record]);
  };
  return { execute: forwarded, stored };
}

async function failure(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => new Error("expected a rejection"),
    (error: unknown) => error,
  );
}

function expectInvalid(error: unknown, field: string): void {
  expect(isMillraceError(error, ErrorCode.INVALID_ARGUMENT), String(error)).toBe(true);
  expect((error as Error).message).toContain(field);
}

// A forwarded call's op comes from a peer's bytes: the executor checks it as LogService checks a client's.
describe("logExecutor with forwarded ops", () => {
  it(
    "refuses an append whose records are not bytes, storing nothing",
    async () => {
      const { execute, stored } = await startLog();
      for (const records of [[{ byteLength: 3 }], ["abc"], "abc", [text("a"), 7], null]) {
        expectInvalid(await failure(execute({ type: "append", records })), "records");
      }
      expect(await stored()).toEqual([]);
    },
    testTimeoutMs,
  );

  it(
    "fails a malformed append alone, not the calls batched with it",
    async () => {
      const { execute, stored } = await startLog();
      const results = await Promise.allSettled([
        execute({ type: "append", records: [text("a")] }),
        execute({ type: "append", records: [{ byteLength: -5 }] }),
        execute({ type: "append", records: [text("b")] }),
      ]);
      expect(results.map((r) => r.status)).toEqual(["fulfilled", "rejected", "fulfilled"]);
      expect(await stored()).toEqual([[...text("a")], [...text("b")]]);
    },
    testTimeoutMs,
  );

  it(
    "refuses a read past LogService's limit or from a position that is no sequence number",
    async () => {
      const { execute } = await startLog();
      await execute({ type: "append", records: Array.from({ length: 1_500 }, (_, i) => text(`r${i}`)) });
      expectInvalid(await failure(execute({ type: "read", fromSeq: 1, limit: 1_000_000_000 })), "limit");
      expectInvalid(await failure(execute({ type: "read", fromSeq: 1, limit: 0 })), "limit");
      expectInvalid(await failure(execute({ type: "read", fromSeq: "1", limit: 10 })), "fromSeq");
      expectInvalid(await failure(execute({ type: "read", fromSeq: 2n ** 64n - 1n, limit: 10 })), "fromSeq");
      const read = (await execute({ type: "read", fromSeq: 1, limit: 1_000 })) as { records: unknown[] };
      expect(read.records).toHaveLength(1_000);
    },
    testTimeoutMs,
  );

  it(
    "trims through Raft, answering the log's new start, and refuses a position that is no sequence number",
    async () => {
      const { execute, stored } = await startLog();
      await execute({ type: "append", records: [text("a"), text("b"), text("c")] });
      for (const beforeSeq of [0, -1, 1.5, "2", 2n ** 64n - 1n]) {
        expectInvalid(await failure(execute({ type: "trim", beforeSeq })), "beforeSeq");
      }
      expect(await execute({ type: "trim", beforeSeq: 3 })).toEqual({ type: "trim", firstSeq: 3 });
      expect(await stored()).toEqual([[...text("c")]]);
      const read = (await execute({ type: "read", fromSeq: 1, limit: 10 })) as { firstSeq: number };
      expect(read.firstSeq).toBe(3);
    },
    testTimeoutMs,
  );

  it(
    "names an unknown operation",
    async () => {
      const { execute } = await startLog();
      for (const op of [null, 7, { type: 2n ** 64n - 1n }, { type: { toString: false } }]) {
        expectInvalid(await failure(execute(op)), "log operation");
      }
    },
    testTimeoutMs,
  );
});

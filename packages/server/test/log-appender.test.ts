import { ErrorCode, isMillraceError, limits, type StateMachine } from "@millrace/common";
import { ReplicatedLog, type AppendResult } from "@millrace/broker";
import { afterEach, describe, expect, it } from "vitest";
import { LogAppender, type LogAppenderLimits } from "../src/node/log-appender.js";
import { committedEntriesOf, readerOf } from "../src/host/group-replica.js";
import { StartedGroups } from "./single-node-group.js";

const groupId = 20;
const text = (s: string) => new TextEncoder().encode(s);
const testTimeoutMs = 30_000;

const groups = new StartedGroups();
afterEach(() => groups.stopAll());

/** A LogAppender in front of a replicated log on a single-node group, and a reader of what it holds. */
async function startLog(appenderLimits: Partial<LogAppenderLimits> = {}, stateMachine?: StateMachine) {
  const log = new ReplicatedLog();
  const group = await groups.start(groupId, stateMachine ?? log);
  const appender = new LogAppender(groupId, group.host, appenderLimits);
  const { storage } = group.replica;
  const stored = async () =>
    (await log.read(readerOf(storage.keyspace), committedEntriesOf(storage), 1, 1000)).map((r) => [
      r.seq,
      new TextDecoder().decode(r.record),
    ]);
  return { appender, applied: group.applied, stored };
}

describe("LogAppender", () => {
  it(
    "folds concurrent appends into few entries, and each caller's records sit at the sequence numbers it was given",
    async () => {
      const { appender, applied, stored } = await startLog();
      const calls = Array.from({ length: 60 }, (_, i) =>
        Array.from({ length: 1 + (i % 3) }, (_, j) => text(`c${i}r${j}`)),
      );
      const results = await Promise.all(calls.map((records) => appender.append(records)));

      // 60 calls arriving together cannot have taken 60 entries: they share them.
      expect(applied.entries).toBeLessThan(10);
      const rows = new Map((await stored()).map(([seq, record]) => [seq, record]));
      expect(rows.size).toBe(calls.reduce((n, records) => n + records.length, 0));
      calls.forEach((records, i) => {
        const result = results[i] as AppendResult;
        expect(result.count).toBe(records.length);
        records.forEach((_, j) => expect(rows.get(result.firstSeq + j)).toBe(`c${i}r${j}`));
      });
    },
    testTimeoutMs,
  );

  it(
    "proposes an append on an idle log at once, one entry per call",
    async () => {
      const { appender, applied, stored } = await startLog();
      expect(await appender.append([text("a")])).toEqual({ type: "append", firstSeq: 1, count: 1 });
      expect(await appender.append([text("b"), text("c")])).toEqual({
        type: "append",
        firstSeq: 2,
        count: 2,
      });
      expect(applied.entries).toBe(2);
      expect(await stored()).toEqual([
        [1, "a"],
        [2, "b"],
        [3, "c"],
      ]);
    },
    testTimeoutMs,
  );

  it(
    "keeps each entry within its bounds: appends, records and bytes",
    async () => {
      const { appender, applied } = await startLog({
        batchAppendsMax: 3,
        batchRecordsMax: 4,
        batchBytesMax: 64,
      });
      const results = await Promise.all([
        ...Array.from({ length: 6 }, () => appender.append([text("x")])),
        appender.append([text("a"), text("b"), text("c"), text("d")]),
        appender.append([new Uint8Array(64)]),
        appender.append([new Uint8Array(64)]),
      ]);
      // 6 single appends need 2 entries (3 per entry); the 4-record and both 64-byte appends fill one each.
      expect(applied.entries).toBe(5);
      expect(results.map((r) => r.count)).toEqual([1, 1, 1, 1, 1, 1, 4, 1, 1]);
    },
    testTimeoutMs,
  );

  it(
    "refuses a call that could never fit an entry, and one that finds the waiting room full, having done nothing",
    async () => {
      const { appender, stored } = await startLog({
        batchRecordsMax: 10,
        batchBytesMax: 8,
        pendingAppendsMax: 2,
        pendingBytesMax: 4096,
      });
      await expect(appender.append([])).rejects.toMatchObject({ code: ErrorCode.INVALID_ARGUMENT });
      const eleven = Array.from({ length: 11 }, () => text("r"));
      await expect(appender.append(eleven)).rejects.toMatchObject({ code: ErrorCode.INVALID_ARGUMENT });
      await expect(appender.append([new Uint8Array(9)])).rejects.toMatchObject({
        code: ErrorCode.PAYLOAD_TOO_LARGE,
      });
      const settled = await Promise.allSettled([1, 2, 3].map((i) => appender.append([text(`${i}`)])));
      expect(settled.map((s) => s.status)).toEqual(["fulfilled", "fulfilled", "rejected"]);
      const refused = (settled[2] as PromiseRejectedResult).reason as unknown;
      expect(isMillraceError(refused) && refused.code).toBe(ErrorCode.RESOURCE_EXHAUSTED);
      expect(await stored()).toEqual([
        [1, "1"],
        [2, "2"],
      ]);
    },
    testTimeoutMs,
  );

  it(
    "counts what many tiny records hold in memory against the waiting room, not just their bytes",
    async () => {
      // Ten empty records are no bytes, but ten Buffers: two such calls fill a 2,000-byte room.
      const { appender } = await startLog({
        batchRecordsMax: 10,
        batchBytesMax: 8,
        pendingAppendsMax: 100,
        pendingBytesMax: 2000,
      });
      const empties = () => Array.from({ length: 10 }, () => new Uint8Array(0));
      const settled = await Promise.allSettled([
        appender.append(empties()),
        appender.append(empties()),
        appender.append(empties()),
      ]);
      expect(settled.map((s) => s.status)).toEqual(["fulfilled", "fulfilled", "rejected"]);
      const refused = (settled[2] as PromiseRejectedResult).reason as unknown;
      expect(isMillraceError(refused) && refused.code).toBe(ErrorCode.RESOURCE_EXHAUSTED);
    },
    testTimeoutMs,
  );

  it(
    "fails every call of an entry the log refuses, and appends later calls normally",
    async () => {
      const log = new ReplicatedLog();
      let refuse = true;
      // A state machine that refuses the first entry, as a log would refuse one it cannot take.
      const refusing: StateMachine = {
        apply: (index, command, writer) =>
          refuse
            ? ((refuse = false), { ok: false, code: ErrorCode.INVALID_ARGUMENT, message: "refused" })
            : log.apply(index, command, writer),
        restore: (reader) => log.restore(reader),
        logNeededFrom: () => log.logNeededFrom(),
      };
      const { appender } = await startLog({}, refusing);
      const first = await Promise.allSettled([appender.append([text("a")]), appender.append([text("b")])]);
      expect(first.map((s) => s.status)).toEqual(["rejected", "rejected"]);
      expect(await appender.append([text("c")])).toEqual({ type: "append", firstSeq: 1, count: 1 });
    },
    testTimeoutMs,
  );

  it(
    "takes a call of the most records and bytes an Append may carry",
    async () => {
      const { appender } = await startLog();
      const many = Array.from({ length: limits.logAppendRecordsMax }, () => new Uint8Array(0));
      expect(await appender.append(many)).toMatchObject({ firstSeq: 1, count: limits.logAppendRecordsMax });
      const big = await appender.append([new Uint8Array(limits.batchBytesMax)]);
      expect(big).toMatchObject({ firstSeq: limits.logAppendRecordsMax + 1, count: 1 });
    },
    testTimeoutMs,
  );
});

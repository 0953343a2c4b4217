import { MillraceError, shown } from "@millrace/common";
import { invalid } from "@millrace/gateway";
import { encodeLogCommand, type ReplicatedLog } from "@millrace/broker";
import { committedEntriesOf, readerOf } from "../host/group-replica.js";
import { type RaftHost } from "../host/raft-host.js";
import { LogAppender } from "./log-appender.js";
import { type GroupExecutor } from "./partition-router.js";

/** What LogService asks of the log group's leader. */
export type LogOp =
  | { readonly type: "append"; readonly records: readonly Uint8Array[] }
  | { readonly type: "read"; readonly fromSeq: number; readonly limit: number }
  | { readonly type: "trim"; readonly beforeSeq: number };

/** Records one read returns at most: a bound on the response and on the work of the read. */
export const logReadLimitMax = 1000;

export interface LogReadResult {
  readonly records: { seq: number; data: Uint8Array }[];
  readonly nextSeq: number;
  readonly firstSeq: number;
}

/**
 * Runs log operations on the leader of the log group: appends through Raft, folded into few entries by
 * the group's LogAppender; trims through Raft, one entry each; reads by ReadIndex.
 */
export function logExecutor(log: ReplicatedLog, host: RaftHost): GroupExecutor {
  const appenders = new Map<number, LogAppender>();
  return async (replica, op) => {
    const o = checkLogOp(op);
    if (o.type === "append") {
      let appender = appenders.get(replica.groupId);
      if (appender === undefined) {
        appender = new LogAppender(replica.groupId, host);
        appenders.set(replica.groupId, appender);
      }
      return appender.append(o.records);
    }
    if (o.type === "trim") {
      const result = await host.propose(
        replica.groupId,
        encodeLogCommand({ type: "trim", beforeSeq: o.beforeSeq }),
      );
      if (!result.ok) throw new MillraceError(result.code, result.message);
      return result.value;
    }
    // ReadIndex: confirms leadership with a quorum and waits for the state machine to catch up, so the
    // read sees every append acknowledged before it started.
    await host.readBarrier(replica.groupId);
    const rows = await log.read(
      readerOf(replica.storage.keyspace),
      committedEntriesOf(replica.storage),
      Math.max(o.fromSeq, 1),
      o.limit,
    );
    return {
      records: rows.map((r) => ({ seq: r.seq, data: r.record })),
      nextSeq: log.nextSeq,
      firstSeq: log.firstSeq,
    } satisfies LogReadResult;
  };
}

/**
 * The op as a LogOp, or INVALID_ARGUMENT naming what is wrong. A forwarded call's op is whatever a peer's
 * msgpack decodes to, so it is checked here as LogService checks a client's request. Record count and
 * size are the LogAppender's to check.
 */
function checkLogOp(op: unknown): LogOp {
  const fields = (typeof op === "object" && op !== null ? op : {}) as Record<string, unknown>;
  const type = fields["type"];
  if (type === "append") {
    const records = fields["records"];
    if (!Array.isArray(records) || !records.every((record) => record instanceof Uint8Array)) {
      throw invalid("records", "must be a list of byte strings");
    }
    return { type, records };
  }
  if (type === "read") {
    const { fromSeq, limit } = fields;
    if (typeof fromSeq !== "number" || !Number.isSafeInteger(fromSeq) || fromSeq < 0) {
      throw invalid("fromSeq", `must be a non-negative integer, got ${shown(fromSeq)}`);
    }
    if (typeof limit !== "number" || !Number.isInteger(limit) || limit < 1 || limit > logReadLimitMax) {
      throw invalid("limit", `must be in [1, ${logReadLimitMax}], got ${shown(limit)}`);
    }
    return { type, fromSeq, limit };
  }
  if (type === "trim") {
    const { beforeSeq } = fields;
    if (typeof beforeSeq !== "number" || !Number.isSafeInteger(beforeSeq) || beforeSeq < 1) {
      throw invalid("beforeSeq", `must be a positive integer, got ${shown(beforeSeq)}`);
    }
    return { type, beforeSeq };
  }
  throw invalid("type", `unknown log operation ${shown(type)}`);
}

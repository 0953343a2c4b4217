import { ErrorCode, MillraceError } from "@millrace/common";
import { type ReplicatedLog } from "@millrace/broker";
import { type RaftHost } from "../host/raft-host.js";
import { LogAppender } from "./log-appender.js";
import { type GroupExecutor } from "./partition-router.js";

/** What LogService asks of the log group's leader. */
export type LogOp =
  | { readonly type: "append"; readonly records: readonly Uint8Array[] }
  | { readonly type: "read"; readonly fromSeq: number; readonly limit: number };

export interface LogReadResult {
  readonly records: { seq: number; data: Uint8Array }[];
  readonly nextSeq: number;
  readonly firstSeq: number;
}

/**
 * Runs log operations on the leader of the log group: appends through Raft, folded into few entries by
 * the group's LogAppender; reads by ReadIndex.
 */
export function logExecutor(log: ReplicatedLog, host: RaftHost): GroupExecutor {
  const appenders = new Map<number, LogAppender>();
  return async (replica, op) => {
    const o = op as LogOp;
    if (o.type === "append") {
      let appender = appenders.get(replica.groupId);
      if (appender === undefined) {
        appender = new LogAppender(replica.groupId, host);
        appenders.set(replica.groupId, appender);
      }
      return appender.append(o.records);
    }
    if (o.type === "read") {
      // ReadIndex: confirms leadership with a quorum and waits for the state machine to catch up, so the
      // read sees every append acknowledged before it started.
      await host.readBarrier(replica.groupId);
      const keyspace = replica.storage.keyspace;
      const rows = await log.read(
        { get: (key) => keyspace.get(key), range: (a, b, n) => keyspace.iterate(a, b, n) },
        Math.max(o.fromSeq, 1),
        o.limit,
      );
      return {
        records: rows.map((r) => ({ seq: r.seq, data: r.record })),
        nextSeq: log.nextSeq,
        firstSeq: log.firstSeq,
      } satisfies LogReadResult;
    }
    throw new MillraceError(ErrorCode.INVALID_ARGUMENT, "unknown log operation");
  };
}

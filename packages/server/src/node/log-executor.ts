import { ErrorCode, MillraceError } from "@millrace/common";
import { encodeLogCommand, type ReplicatedLog } from "@millrace/broker";
import { type RaftHost } from "../host/raft-host.js";
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

/** Runs log operations on the leader of the log group: appends through Raft, reads by ReadIndex. */
export function logExecutor(log: ReplicatedLog, host: RaftHost): GroupExecutor {
  return async (replica, op) => {
    const o = op as LogOp;
    if (o.type === "append") {
      const result = await host.propose(
        replica.groupId,
        encodeLogCommand({ type: "append", records: o.records }),
      );
      if (!result.ok) throw new MillraceError(result.code, result.message);
      return result.value;
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

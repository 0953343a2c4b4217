import { ErrorCode, MillraceError, limits } from "@millrace/common";
import { type AppendResult, type TrimResult } from "@millrace/broker";
import { gatewayCallContext as callContext, invalid, toServiceError } from "@millrace/gateway";
import { type v1 } from "@millrace/proto";
import { defaultLogGroupId } from "./group-ids.js";
import { logReadLimitMax, type LogOp, type LogReadResult } from "./log-executor.js";
import { type MillraceNode } from "./millrace-node.js";

/**
 * LogService on this node. Any node answers: the call runs on the log group's leader, here or forwarded
 * over the peer link to wherever the leader is.
 */
export function logService(node: MillraceNode): v1.LogServiceHandlers {
  const leaderAddress = (id: number) => node.clientAddressOf(id);
  return {
    Append(call, callback) {
      const { groupId, records } = call.request;
      const run = async () => {
        checkGroup(groupId);
        if (records.length === 0) throw invalid("records", "at least one record is required");
        if (records.length > limits.logAppendRecordsMax) {
          throw invalid(
            "records",
            `holds ${records.length} records, above the ${limits.logAppendRecordsMax}-record limit`,
          );
        }
        let bytes = 0;
        for (const record of records) bytes += record.byteLength;
        if (bytes > limits.batchBytesMax) {
          throw new MillraceError(
            ErrorCode.PAYLOAD_TOO_LARGE,
            `records total ${bytes} bytes, above the ${limits.batchBytesMax}-byte limit`,
            { details: { field: "records" } },
          );
        }
        const op: LogOp = { type: "append", records };
        const value = (await node.partitions.call(defaultLogGroupId, op, callContext(call), {
          idempotent: false,
        })) as AppendResult;
        return { firstSeq: String(value.firstSeq), count: value.count };
      };
      run().then(
        (response) => callback(null, response),
        (error: unknown) => callback(toServiceError(error, leaderAddress)),
      );
    },
    Read(call, callback) {
      const { groupId, fromSeq, limit } = call.request;
      const run = async () => {
        checkGroup(groupId);
        const from = Number(fromSeq);
        if (!Number.isSafeInteger(from) || from < 0)
          throw invalid("from_seq", "must be a non-negative integer");
        if (limit < 1 || limit > logReadLimitMax)
          throw invalid("limit", `must be in [1, ${logReadLimitMax}]`);
        const op: LogOp = { type: "read", fromSeq: from, limit };
        const result = (await node.partitions.call(defaultLogGroupId, op, callContext(call), {
          idempotent: true,
        })) as LogReadResult;
        return {
          records: result.records.map((r) => ({ seq: String(r.seq), data: r.data })),
          nextSeq: String(result.nextSeq),
          firstSeq: String(result.firstSeq),
        };
      };
      run().then(
        (response) => callback(null, response),
        (error: unknown) => callback(toServiceError(error, leaderAddress)),
      );
    },
    Trim(call, callback) {
      const { groupId, beforeSeq } = call.request;
      const run = async () => {
        checkGroup(groupId);
        const before = Number(beforeSeq);
        if (!Number.isSafeInteger(before) || before < 1) {
          throw invalid("before_seq", "must be a positive integer");
        }
        const op: LogOp = { type: "trim", beforeSeq: before };
        const value = (await node.partitions.call(defaultLogGroupId, op, callContext(call), {
          idempotent: true,
        })) as TrimResult;
        return { firstSeq: String(value.firstSeq) };
      };
      run().then(
        (response) => callback(null, response),
        (error: unknown) => callback(toServiceError(error, leaderAddress)),
      );
    },
  };
}

function checkGroup(groupId: number): void {
  if (groupId !== 0 && groupId !== defaultLogGroupId) {
    throw new MillraceError(ErrorCode.NOT_FOUND, `log group ${groupId} does not exist`, {
      details: { field: "group_id" },
    });
  }
}

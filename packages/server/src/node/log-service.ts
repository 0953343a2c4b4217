import { ErrorCode, MillraceError, limits } from "@millrace/common";
import { encodeLogCommand, type AppendResult } from "@millrace/broker";
import { type v1 } from "@millrace/proto";
import { defaultLogGroupId } from "./group-ids.js";
import { toServiceError } from "./grpc-errors.js";
import { type MillraceNode } from "./millrace-node.js";

const readLimitMax = 1000;

/**
 * LogService on this node. Writes and reads go to the group's leader: a follower answers NOT_LEADER
 * with the leader's client address in the trailers (forwarding arrives with the gateway).
 */
export function logService(node: MillraceNode): v1.LogServiceHandlers {
  const leaderAddress = (id: number) => node.clientAddressOf(id);
  return {
    Append(call, callback) {
      const { groupId, records } = call.request;
      const run = async () => {
        checkGroup(groupId);
        if (records.length === 0) throw invalid("records", "at least one record is required");
        let bytes = 0;
        for (const record of records) bytes += record.byteLength;
        if (bytes > limits.batchBytesMax) {
          throw new MillraceError(
            ErrorCode.PAYLOAD_TOO_LARGE,
            `records total ${bytes} bytes, above the ${limits.batchBytesMax}-byte limit`,
            {
              details: { field: "records" },
            },
          );
        }
        const result = await node.host.propose(
          defaultLogGroupId,
          encodeLogCommand({ type: "append", records }),
        );
        if (!result.ok) throw new MillraceError(result.code, result.message);
        const value = result.value as AppendResult;
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
        if (limit < 1 || limit > readLimitMax) throw invalid("limit", `must be in [1, ${readLimitMax}]`);
        // ReadIndex: confirms leadership with a quorum and waits for the state machine to catch up, so
        // the read sees every append acknowledged before it started.
        await node.host.readBarrier(defaultLogGroupId);
        const replica = node.host.group(defaultLogGroupId);
        const rows = await node.log.read(
          {
            get: (key) => replica.storage.keyspace.get(key),
            range: (a, b, n) => replica.storage.keyspace.iterate(a, b, n),
          },
          Math.max(from, 1),
          limit,
        );
        return {
          records: rows.map((r) => ({ seq: String(r.seq), data: r.record })),
          nextSeq: String(node.log.nextSeq),
          firstSeq: String(node.log.firstSeq),
        };
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

function invalid(field: string, message: string): MillraceError {
  return new MillraceError(ErrorCode.INVALID_ARGUMENT, `${field} ${message}`, { details: { field } });
}

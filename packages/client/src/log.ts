import { ErrorCode } from "@millrace/common";
import { loadMillraceProto } from "@millrace/proto";
import { MillraceClientError, invalidArgument } from "./errors.js";
import type { RouteTarget } from "./routing.js";
import type { CallOptions, Transport } from "./transport.js";
import { checkIntegerRange } from "./validation.js";

function service() {
  return loadMillraceProto().millrace.v1.LogService.service;
}

/** The default log is the routing table's GROUP_KIND_LOG route with an empty resource name. */
const defaultLog: RouteTarget = { type: "group", kind: "GROUP_KIND_LOG", resourceName: "", partition: 0 };

export interface LogRecord {
  readonly seq: bigint;
  readonly data: Buffer;
}

export interface ReadResult {
  readonly records: LogRecord[];
  /** The sequence number the next appended record will get. */
  readonly nextSeq: bigint;
  /** The lowest sequence number still stored. */
  readonly firstSeq: bigint;
}

const readLimitMax = 1_000;

/** `client.log`: the replicated append-only log (LogService). */
export class Log {
  constructor(private readonly transport: Transport) {}

  /**
   * Appends records in order; resolves with the first one's sequence number once they are committed.
   * Appends carry no deduplication id, so the SDK retries them only after errors that prove nothing was
   * appended (NOT_LEADER, PROPOSAL_DROPPED, RESOURCE_EXHAUSTED, no connection); after any other failure
   * the records may or may not be in the log.
   */
  async append(
    records: readonly (Uint8Array | string)[],
    options: CallOptions = {},
  ): Promise<{ firstSeq: bigint; count: number }> {
    if (records.length === 0) throw invalidArgument("records", "must hold at least one record");
    const response = await this.transport.call(
      {
        method: service().Append,
        request: {
          groupId: 0,
          records: records.map((r) => (typeof r === "string" ? Buffer.from(r, "utf8") : r)),
        },
        target: defaultLog,
        retry: "not-applied",
      },
      options,
    );
    return { firstSeq: toBigInt(response.firstSeq, "firstSeq"), count: response.count };
  }

  /** Reads up to `limit` (1..1000) records from `fromSeq` on, linearizably. */
  async read(fromSeq: bigint | number, limit: number, options: CallOptions = {}): Promise<ReadResult> {
    const from = BigInt(fromSeq);
    if (from < 0n) throw invalidArgument("fromSeq", "must not be negative");
    checkIntegerRange(limit, 1, readLimitMax, "limit");
    const response = await this.transport.call(
      {
        method: service().Read,
        request: { groupId: 0, fromSeq: from.toString(), limit },
        target: defaultLog,
        retry: "retryable",
      },
      options,
    );
    return {
      records: response.records.map((r) => ({ seq: toBigInt(r.seq, "seq"), data: Buffer.from(r.data) })),
      nextSeq: toBigInt(response.nextSeq, "nextSeq"),
      firstSeq: toBigInt(response.firstSeq, "firstSeq"),
    };
  }

  /**
   * Discards every record below `beforeSeq`; resolves with the log's new first sequence number once
   * committed. Trimming is idempotent, so it is retried like a read.
   */
  async trim(beforeSeq: bigint | number, options: CallOptions = {}): Promise<{ firstSeq: bigint }> {
    const before = BigInt(beforeSeq);
    if (before < 1n) throw invalidArgument("beforeSeq", "must be at least 1");
    const response = await this.transport.call(
      {
        method: service().Trim,
        request: { groupId: 0, beforeSeq: before.toString() },
        target: defaultLog,
        retry: "retryable",
      },
      options,
    );
    return { firstSeq: toBigInt(response.firstSeq, "firstSeq") };
  }
}

function toBigInt(value: string, field: string): bigint {
  try {
    return BigInt(value);
  } catch (cause) {
    throw new MillraceClientError(ErrorCode.INTERNAL, `the server sent a malformed ${field}`, { cause });
  }
}

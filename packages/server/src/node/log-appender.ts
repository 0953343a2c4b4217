import { AssertionError, BoundedQueue, ErrorCode, MillraceError, assert, limits } from "@millrace/common";
import { encodeLogCommand, type AppendResult } from "@millrace/broker";
import { type RaftHost } from "../host/raft-host.js";

interface PendingAppend {
  readonly records: readonly Uint8Array[];
  readonly bytes: number;
  resolve(result: AppendResult): void;
  reject(error: Error): void;
}

export interface LogAppenderLimits {
  /** Calls folded into one entry. */
  readonly batchAppendsMax: number;
  /** Records of one entry; a single call's records always fit. */
  readonly batchRecordsMax: number;
  /** Record bytes of one entry; a single call's records always fit. */
  readonly batchBytesMax: number;
  /** Entries proposed and not yet committed. */
  readonly proposalsInFlightMax: number;
  readonly pendingAppendsMax: number;
  readonly pendingBytesMax: number;
}

/**
 * What a waiting record holds in memory beside its bytes (its Buffer object and array slot), counted
 * against the pending bound so that calls of many tiny records are bounded by memory, not by bytes alone.
 */
const recordMemoryBytes = 96;

const defaultLimits: LogAppenderLimits = {
  batchAppendsMax: limits.logBatchAppendsMax,
  batchRecordsMax: limits.logAppendRecordsMax,
  batchBytesMax: limits.batchBytesMax,
  proposalsInFlightMax: limits.logProposalsInFlightMax,
  pendingAppendsMax: limits.logPendingAppendsMax,
  pendingBytesMax: limits.logPendingBytesMax,
};

/**
 * Folds concurrent appends to the log group into few Raft entries, on the group's leader. An idle log
 * proposes a call at the end of the event-loop turn it arrived in; under load, calls gather while up to
 * `proposalsInFlightMax` entries are being committed, and each later entry carries many of them. One entry
 * of many records costs one encode, one checksum, one log write, one replication frame and one stored
 * chunk (replicated-log.ts) where one entry per call cost each of those per call.
 *
 * The entry's records are the calls' records in arrival order, and apply numbers them consecutively, so
 * each caller's sequence numbers follow from the entry's first one. An entry that fails (leadership lost,
 * an outcome unknown) fails every call in it: they share its fate, as one call's records always did.
 */
export class LogAppender {
  private readonly limits: LogAppenderLimits;
  private readonly pending: BoundedQueue<PendingAppend>;
  private inFlight = 0;
  private flushScheduled = false;

  constructor(
    readonly groupId: number,
    private readonly host: RaftHost,
    appenderLimits: Partial<LogAppenderLimits> = {},
  ) {
    this.limits = { ...defaultLimits, ...appenderLimits };
    assert(
      this.limits.batchBytesMax <= this.limits.pendingBytesMax,
      "pending bounds must hold a whole batch",
    );
    this.pending = new BoundedQueue<PendingAppend>({
      name: `pending-appends/log-${groupId}`,
      itemsMax: this.limits.pendingAppendsMax,
      bytesMax: this.limits.pendingBytesMax,
      sizeOf: (p) => p.bytes + p.records.length * recordMemoryBytes,
    });
  }

  /**
   * Appends `records` in order; resolves with the first one's sequence number. Refuses at once, having
   * done nothing, when the call could never fit an entry or too many appends are waiting
   * (RESOURCE_EXHAUSTED).
   */
  append(records: readonly Uint8Array[]): Promise<AppendResult> {
    let bytes = 0;
    for (const record of records) bytes += record.byteLength;
    if (records.length === 0 || records.length > this.limits.batchRecordsMax) {
      const message = `an append needs 1 to ${this.limits.batchRecordsMax} records, got ${records.length}`;
      return Promise.reject(new MillraceError(ErrorCode.INVALID_ARGUMENT, message));
    }
    if (bytes > this.limits.batchBytesMax) {
      const message = `records total ${bytes} bytes, above the ${this.limits.batchBytesMax}-byte limit`;
      return Promise.reject(new MillraceError(ErrorCode.PAYLOAD_TOO_LARGE, message));
    }
    return new Promise((resolve, reject) => {
      this.pending.tryOffer({ records, bytes, resolve, reject });
      this.scheduleFlush();
    });
  }

  /** Proposes at the end of this event-loop turn, so calls arriving together share an entry. */
  private scheduleFlush(): void {
    if (this.flushScheduled || this.inFlight >= this.limits.proposalsInFlightMax) return;
    this.flushScheduled = true;
    setImmediate(() => {
      this.flushScheduled = false;
      while (this.inFlight < this.limits.proposalsInFlightMax && !this.pending.isEmpty) {
        void this.propose(this.takeBatch());
      }
    });
  }

  /** The oldest waiting appends, as many as one entry holds (at least one: each fits alone). */
  private takeBatch(): PendingAppend[] {
    const batch: PendingAppend[] = [];
    let records = 0;
    let bytes = 0;
    for (;;) {
      const next = this.pending.peek();
      if (next === undefined || batch.length >= this.limits.batchAppendsMax) break;
      if (
        batch.length > 0 &&
        (records + next.records.length > this.limits.batchRecordsMax ||
          bytes + next.bytes > this.limits.batchBytesMax)
      ) {
        break;
      }
      this.pending.poll();
      batch.push(next);
      records += next.records.length;
      bytes += next.bytes;
    }
    return batch;
  }

  private async propose(batch: readonly PendingAppend[]): Promise<void> {
    this.inFlight++;
    try {
      const records =
        batch.length === 1 ? (batch[0] as PendingAppend).records : batch.flatMap((p) => p.records);
      const result = await this.host.propose(this.groupId, encodeLogCommand({ type: "append", records }));
      if (!result.ok) throw new MillraceError(result.code, result.message);
      const appended = result.value as AppendResult;
      assert(appended.count === records.length, "an entry's records are all appended");
      let seq = appended.firstSeq;
      for (const p of batch) {
        p.resolve({ type: "append", firstSeq: seq, count: p.records.length });
        seq += p.records.length;
      }
    } catch (error) {
      // A broken invariant stops the node rather than answering callers with a guess.
      if (error instanceof AssertionError) throw error;
      for (const p of batch) p.reject(error instanceof Error ? error : new Error(String(error)));
    } finally {
      this.inFlight--;
      this.scheduleFlush();
    }
  }
}

import { ErrorCode, MillraceError, type Clock, type Random, type TimerHandle } from "@millrace/common";
import type { Snapshot } from "@millrace/raft";
import { backoffDelayMs, type BackoffOptions } from "./backoff.js";
import { crc32c } from "@millrace/storage";
import { SnapshotRejectCode, rejectCodeOf, type SnapshotChunk } from "./peer-frames.js";

export interface OutgoingSnapshotOptions {
  readonly groupId: number;
  readonly snapshot: Snapshot;
  /** encodeSnapshotMetadata's bytes, sent with the chunk at offset 0. */
  readonly metadataBytes: Uint8Array;
  readonly chunkBytes: number;
  readonly windowChunks: number;
  readonly retriesMax: number;
  readonly ackTimeoutMs: number;
  /** The pause before starting over after a `busy` rejection. */
  readonly busyBackoff: BackoffOptions;
  readonly clock: Clock;
  readonly random: Random;
  /** Asks the link to write frames now (chunks may have become sendable). */
  readonly wake: () => void;
  /** Called once when the transfer resolves or rejects, so the link forgets it. */
  readonly onSettled: (transfer: OutgoingSnapshot, error: MillraceError | undefined) => void;
}

/** A parsed SnapshotAck for this transfer. */
export interface ParsedAck {
  readonly nextOffset: number;
  readonly done: boolean;
  readonly rejectReason: string;
}

/**
 * One snapshot on its way to one peer: which chunks to send next, and what the receiver's acks mean.
 *
 * The sender keeps `ackedOffset`, the receiver's last reported `next_offset`, and `nextOffset`, the next
 * byte to send; at most `windowChunks` chunks lie between them. Within one stream chunks arrive in
 * order, so there is nothing to re-send until the stream breaks: then the link calls `onLinkDown` and
 * the transfer resumes from `ackedOffset` on the next stream. The receiver answers chunks it already has
 * with its `next_offset`, which moves the sender forward past acks it lost with the old stream.
 * When no ack arrives for `ackTimeoutMs` (a lost chunk, a dead peer, a hung install), one retry is
 * counted and the window is re-sent; past `retriesMax` retries the transfer rejects.
 */
export class OutgoingSnapshot {
  readonly groupId: number;
  readonly term: number;
  readonly index: number;
  readonly totalBytes: number;
  readonly promise: Promise<void>;

  private readonly options: OutgoingSnapshotOptions;
  private readonly chunkCrcs: (number | undefined)[] = [];
  private ackedOffset = 0;
  private nextOffset = 0;
  /** The last chunk (with `done`) has been handed out on the current stream. */
  private sentAll = false;
  /** Failed rounds so far; past `retriesMax` the transfer rejects. */
  private retries = 0;
  /** Chunks written on the current stream that the receiver has not answered yet (it answers each once). */
  private unanswered = 0;
  /**
   * Answers still to come for chunks of an abandoned round (before a restart or rewind). The stream is
   * ordered, so they arrive before any answer of the new round; their rejections say nothing about the
   * new round and are ignored, while their offsets, which only ever move forward, are still used.
   */
  private staleAnswers = 0;
  private pausedUntilTimer: TimerHandle | undefined;
  private stallTimer: TimerHandle | undefined;
  private settled = false;
  private resolvePromise!: () => void;
  private rejectPromise!: (error: MillraceError) => void;

  constructor(options: OutgoingSnapshotOptions) {
    this.options = options;
    this.groupId = options.groupId;
    this.term = options.snapshot.metadata.term;
    this.index = options.snapshot.metadata.index;
    this.totalBytes = options.snapshot.data.byteLength;
    this.promise = new Promise<void>((resolve, reject) => {
      this.resolvePromise = resolve;
      this.rejectPromise = reject;
    });
    this.armStallTimer();
  }

  /** The next chunk to write, or undefined while the window is full, paused, or everything is out. */
  nextChunk(): SnapshotChunk | undefined {
    if (this.settled || this.pausedUntilTimer !== undefined || this.sentAll) return undefined;
    const { chunkBytes, windowChunks, snapshot, metadataBytes } = this.options;
    if (this.nextOffset >= this.totalBytes && this.totalBytes > 0) {
      this.sentAll = true;
      return undefined;
    }
    const inFlightChunks = Math.ceil((this.nextOffset - this.ackedOffset) / chunkBytes);
    if (inFlightChunks >= windowChunks) return undefined;
    const offset = this.nextOffset;
    const end = Math.min(this.totalBytes, offset + chunkBytes);
    const data = snapshot.data.subarray(offset, end);
    const done = end === this.totalBytes;
    this.nextOffset = end;
    this.sentAll = done;
    this.unanswered += 1;
    return {
      groupId: String(this.groupId),
      term: this.term,
      index: this.index,
      offset,
      data,
      totalSizeBytes: this.totalBytes,
      dataCrc32c: this.chunkCrc(offset, data),
      done,
      metadata: offset === 0 ? metadataBytes : new Uint8Array(0),
    };
  }

  /** The stream broke: whatever was in flight is lost, so the next stream starts at the last ack. */
  onLinkDown(): void {
    this.nextOffset = this.ackedOffset;
    this.sentAll = false;
    this.unanswered = 0;
    this.staleAnswers = 0;
  }

  onAck(ack: ParsedAck): void {
    if (this.settled) return;
    if (ack.nextOffset > this.totalBytes) {
      this.fail(ErrorCode.INTERNAL, `receiver acknowledged offset ${ack.nextOffset} past ${this.totalBytes}`);
      return;
    }
    // Done and install-failed come once per transfer, after the install: final whatever else is going on.
    if (ack.done) {
      this.settle(undefined);
      return;
    }
    if (rejectCodeOf(ack.rejectReason) === SnapshotRejectCode.InstallFailed) {
      this.fail(ErrorCode.FAILED_PRECONDITION, `receiver refused it: ${ack.rejectReason}`);
      return;
    }
    this.unanswered = Math.max(0, this.unanswered - 1);
    const stale = this.staleAnswers > 0;
    if (stale) this.staleAnswers -= 1;
    if (ack.rejectReason !== "") {
      if (!stale) this.onReject(ack);
      return;
    }
    if (ack.nextOffset > this.ackedOffset) {
      this.ackedOffset = ack.nextOffset;
      this.armStallTimer();
    }
    // The receiver may be ahead of what we are about to send: acks of the old stream were lost.
    if (ack.nextOffset > this.nextOffset) this.nextOffset = ack.nextOffset;
    this.options.wake();
  }

  /** Rejects the transfer; the link calls this on stop, supersession or removal. */
  fail(code: ErrorCode, message: string): void {
    if (this.settled) return;
    this.settle(new MillraceError(code, `snapshot of group ${this.groupId} at ${this.index}: ${message}`));
  }

  private onReject(ack: ParsedAck): void {
    const code = rejectCodeOf(ack.rejectReason);
    switch (code) {
      case SnapshotRejectCode.ChecksumMismatch:
        if (!this.countRetry(ack.rejectReason)) return;
        this.nextOffset = ack.nextOffset;
        this.ackedOffset = Math.min(this.ackedOffset, ack.nextOffset);
        this.sentAll = false;
        this.staleAnswers = this.unanswered;
        this.options.wake();
        return;
      case SnapshotRejectCode.UnknownTransfer:
        if (!this.countRetry(ack.rejectReason)) return;
        this.startOver(0);
        return;
      case SnapshotRejectCode.Busy:
        if (!this.countRetry(ack.rejectReason)) return;
        this.startOver(backoffDelayMs(this.retries - 1, this.options.busyBackoff, this.options.random));
        return;
      case SnapshotRejectCode.TooLarge:
        this.fail(ErrorCode.PAYLOAD_TOO_LARGE, `receiver refused it: ${ack.rejectReason}`);
        return;
      default:
        this.fail(ErrorCode.FAILED_PRECONDITION, `receiver refused it: ${ack.rejectReason}`);
    }
  }

  private startOver(delayMs: number): void {
    this.ackedOffset = 0;
    this.nextOffset = 0;
    this.sentAll = false;
    this.staleAnswers = this.unanswered;
    if (delayMs === 0) {
      this.options.wake();
      return;
    }
    this.pausedUntilTimer = this.options.clock.setTimer(delayMs, () => {
      this.pausedUntilTimer = undefined;
      this.options.wake();
    });
  }

  /** Counts one failed round; false (and the transfer rejected) when the budget is spent. */
  private countRetry(reason: string): boolean {
    this.retries += 1;
    if (this.retries <= this.options.retriesMax) return true;
    this.fail(ErrorCode.UNAVAILABLE, `gave up after ${this.retries - 1} retries; last: ${reason}`);
    return false;
  }

  private armStallTimer(): void {
    const { clock, ackTimeoutMs } = this.options;
    if (this.stallTimer !== undefined) clock.clearTimer(this.stallTimer);
    this.stallTimer = clock.setTimer(ackTimeoutMs, () => {
      this.stallTimer = undefined;
      this.onStall();
    });
  }

  private onStall(): void {
    if (this.settled) return;
    if (!this.countRetry(`no acknowledgement for ${this.options.ackTimeoutMs} ms`)) return;
    // Re-send the window; once everything is acknowledged, re-send the last chunk, which asks the
    // receiver whether its install finished.
    const lastChunkOffset =
      this.totalBytes === 0
        ? 0
        : Math.floor((this.totalBytes - 1) / this.options.chunkBytes) * this.options.chunkBytes;
    this.nextOffset = Math.min(this.ackedOffset, lastChunkOffset);
    this.sentAll = false;
    this.staleAnswers = this.unanswered;
    this.armStallTimer();
    this.options.wake();
  }

  private chunkCrc(offset: number, data: Uint8Array): number {
    const slot = offset / this.options.chunkBytes;
    if (!Number.isInteger(slot)) return crc32c(data);
    const cached = this.chunkCrcs[slot];
    if (cached !== undefined) return cached;
    const crc = crc32c(data);
    this.chunkCrcs[slot] = crc;
    return crc;
  }

  private settle(error: MillraceError | undefined): void {
    this.settled = true;
    const { clock } = this.options;
    if (this.stallTimer !== undefined) clock.clearTimer(this.stallTimer);
    if (this.pausedUntilTimer !== undefined) clock.clearTimer(this.pausedUntilTimer);
    this.stallTimer = undefined;
    this.pausedUntilTimer = undefined;
    if (error === undefined) this.resolvePromise();
    else this.rejectPromise(error);
    this.options.onSettled(this, error);
  }
}

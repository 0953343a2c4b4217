import { ErrorCode, MillraceError, type Clock, type Random, type TimerHandle } from "@millrace/common";
import type { SnapshotMetadata } from "@millrace/raft";
import { crc32c } from "@millrace/storage";
import { backoffDelayMs, type BackoffOptions } from "./backoff.js";
import { SnapshotRejectCode, rejectCodeOf, type SnapshotChunk } from "./peer-frames.js";

/** A snapshot to send: its metadata, and its contents as a stream of byte pieces of any size. */
export interface SnapshotSource {
  readonly metadata: SnapshotMetadata;
  /** Read only as the window opens; ended early (`return`) when the transfer ends first. */
  readonly data: AsyncIterator<Uint8Array>;
}

export interface OutgoingSnapshotOptions {
  readonly groupId: number;
  readonly source: SnapshotSource;
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

/** `chunkBytes` (the last one fewer) of the stream, from `offset`. */
interface Segment {
  readonly offset: number;
  readonly data: Uint8Array;
  readonly crc: number;
}

/**
 * One snapshot on its way to one peer: which chunks to send next, and what the receiver's acks mean.
 *
 * The contents are read from the source as they are needed and cut into chunks of `chunkBytes`; only the
 * chunks between the receiver's last ack and what has been read are kept, at most the window and one
 * more, so a snapshot of any size costs the sender a few chunks of memory.
 *
 * The sender keeps `ackedOffset`, the receiver's last reported `next_offset`, and `nextOffset`, the next
 * byte to send; at most `windowChunks` chunks lie between them. Within one stream chunks arrive in
 * order, so there is nothing to re-send until the stream breaks: then the link calls `onLinkDown` and
 * the transfer resumes from `ackedOffset` on the next stream. The receiver answers chunks it already has
 * with its `next_offset`, which moves the sender forward past acks it lost with the old stream.
 * When no ack arrives for `ackTimeoutMs` (a lost chunk, a dead peer, a hung install), one retry is
 * counted and the window is re-sent; past `retriesMax` retries the transfer rejects. A receiver that
 * lost the transfer, or is busy, can be started over only while the first chunk is still kept; after
 * that the transfer rejects, and the host sends a new snapshot.
 */
export class OutgoingSnapshot {
  readonly groupId: number;
  readonly term: number;
  readonly index: number;
  /** This attempt's id (SnapshotChunk.transfer_id): answers to another attempt are not for it. */
  readonly transferId: number;
  readonly promise: Promise<void>;

  private readonly options: OutgoingSnapshotOptions;
  /** Chunks read and not yet acknowledged (the last one is kept until the end, to ask about the install). */
  private readonly segments: Segment[] = [];
  /** Pieces read but not yet making up a chunk. */
  private pieces: Uint8Array[] = [];
  private pieceBytes = 0;
  /** Bytes of the stream cut into segments so far. */
  private readOffset = 0;
  /** The source has ended: `readOffset` is the stream's size. */
  private exhausted = false;
  private reading = false;
  private ackedOffset = 0;
  private nextOffset = 0;
  /** The last chunk (with `done`) has been handed out on the current stream. */
  private sentAll = false;
  /** Failed rounds since the last progress; past `retriesMax` the transfer rejects. */
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
    this.term = options.source.metadata.term;
    this.index = options.source.metadata.index;
    this.transferId = options.random.nextUint32() + 1;
    this.promise = new Promise<void>((resolve, reject) => {
      this.resolvePromise = resolve;
      this.rejectPromise = reject;
    });
    this.armStallTimer();
    this.readAhead();
  }

  /** The next chunk to write, or undefined while the window is full, paused, or everything is out. */
  nextChunk(): SnapshotChunk | undefined {
    if (this.settled || this.pausedUntilTimer !== undefined || this.sentAll) return undefined;
    const { chunkBytes, windowChunks, metadataBytes } = this.options;
    const inFlightChunks = Math.ceil((this.nextOffset - this.ackedOffset) / chunkBytes);
    if (inFlightChunks >= windowChunks) return undefined;
    const segment = this.segments.find((s) => s.offset === this.nextOffset);
    if (segment === undefined) return undefined;
    const end = segment.offset + segment.data.byteLength;
    // Whether a chunk is the last is known once the source has ended: until then the newest waits.
    const done = this.exhausted && end === this.readOffset;
    if (!done && end === this.readOffset) return undefined;
    this.nextOffset = end;
    this.sentAll = done;
    this.unanswered += 1;
    this.readAhead();
    return {
      groupId: String(this.groupId),
      term: this.term,
      index: this.index,
      offset: segment.offset,
      data: segment.data,
      // The size is known only at the end; 0 until then.
      totalSizeBytes: done ? this.readOffset : 0,
      dataCrc32c: segment.crc,
      done,
      metadata: segment.offset === 0 ? metadataBytes : new Uint8Array(0),
      transferId: this.transferId,
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
    if (ack.nextOffset > this.readOffset) {
      this.fail(ErrorCode.INTERNAL, `receiver acknowledged offset ${ack.nextOffset} past ${this.readOffset}`);
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
      // Progress: the budget is for failed rounds in a row, not over a transfer of any length.
      this.retries = 0;
      this.release();
      this.armStallTimer();
      this.readAhead();
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
        if (!this.holds(ack.nextOffset)) {
          this.fail(ErrorCode.INTERNAL, `receiver asked again from ${ack.nextOffset}, no longer held`);
          return;
        }
        this.nextOffset = ack.nextOffset;
        this.ackedOffset = Math.min(this.ackedOffset, ack.nextOffset);
        this.sentAll = false;
        this.staleAnswers = this.unanswered;
        this.options.wake();
        return;
      case SnapshotRejectCode.UnknownTransfer:
        if (!this.countRetry(ack.rejectReason)) return;
        this.startOver(0, ack.rejectReason);
        return;
      case SnapshotRejectCode.Busy:
        if (!this.countRetry(ack.rejectReason)) return;
        this.startOver(
          backoffDelayMs(this.retries - 1, this.options.busyBackoff, this.options.random),
          ack.rejectReason,
        );
        return;
      default:
        this.fail(ErrorCode.FAILED_PRECONDITION, `receiver refused it: ${ack.rejectReason}`);
    }
  }

  /** Sends again from offset 0, if it is still held; otherwise the transfer must give way to a new one. */
  private startOver(delayMs: number, reason: string): void {
    if (!this.holds(0)) {
      this.fail(
        ErrorCode.UNAVAILABLE,
        `the receiver must start over, and the start was already let go: ${reason}`,
      );
      return;
    }
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

  /** Whether the chunk at `offset` is still kept (or is yet to be read). */
  private holds(offset: number): boolean {
    const first = this.segments[0];
    return offset >= (first?.offset ?? this.readOffset);
  }

  /** Lets go of chunks the receiver has, keeping the last one of an ended source. */
  private release(): void {
    while (this.segments.length > 0) {
      const first = this.segments[0] as Segment;
      const end = first.offset + first.data.byteLength;
      if (end > this.ackedOffset) break;
      if (this.exhausted && end === this.readOffset) break;
      this.segments.shift();
    }
  }

  /**
   * Reads from the source until a window and one chunk more lie past the last ack, or it ends. One read
   * runs at a time; each chunk read wakes the link.
   */
  private readAhead(): void {
    if (this.reading || this.exhausted || this.settled) return;
    const { chunkBytes, windowChunks } = this.options;
    if (this.readOffset - this.ackedOffset >= (windowChunks + 1) * chunkBytes) return;
    this.reading = true;
    this.options.source.data.next().then(
      (result) => {
        this.reading = false;
        if (this.settled) return;
        if (result.done === true) {
          this.exhausted = true;
          this.cut(true);
        } else {
          this.pieces.push(result.value);
          this.pieceBytes += result.value.byteLength;
          this.cut(false);
        }
        this.options.wake();
        this.readAhead();
      },
      (error: unknown) => {
        this.reading = false;
        this.fail(ErrorCode.INTERNAL, `reading the snapshot failed: ${String(error)}`);
      },
    );
  }

  /** Cuts the pieces read into chunks of `chunkBytes`; at the end, the rest too (one chunk, maybe empty). */
  private cut(final: boolean): void {
    const { chunkBytes } = this.options;
    while (this.pieceBytes >= chunkBytes || (final && (this.pieceBytes > 0 || this.readOffset === 0))) {
      const size = Math.min(chunkBytes, this.pieceBytes);
      const data = new Uint8Array(size);
      let filled = 0;
      while (filled < size) {
        const piece = this.pieces[0] as Uint8Array;
        const take = Math.min(piece.byteLength, size - filled);
        data.set(piece.subarray(0, take), filled);
        filled += take;
        if (take === piece.byteLength) this.pieces.shift();
        else this.pieces[0] = piece.subarray(take);
      }
      this.pieceBytes -= size;
      this.segments.push({ offset: this.readOffset, data, crc: crc32c(data) });
      this.readOffset += size;
      if (size === 0) break;
    }
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
    const last = this.segments.at(-1);
    const lastChunkOffset = this.exhausted && last !== undefined ? last.offset : this.ackedOffset;
    this.nextOffset = Math.min(this.ackedOffset, lastChunkOffset);
    this.sentAll = false;
    this.staleAnswers = this.unanswered;
    this.armStallTimer();
    this.options.wake();
  }

  private settle(error: MillraceError | undefined): void {
    this.settled = true;
    this.segments.length = 0;
    this.pieces = [];
    // Ends the source early (a LevelDB iterator holds a snapshot of the database until it is closed).
    this.options.source.data.return?.().catch(() => undefined);
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

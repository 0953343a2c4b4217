import { AssertionError, type Clock, type TimerHandle } from "@millrace/common";
import type { NodeId, SnapshotMetadata } from "@millrace/raft";
import { crc32c } from "@millrace/storage";
import {
  SnapshotRejectCode,
  parseUint64,
  type SnapshotAck,
  type SnapshotChunkOutput,
} from "./peer-frames.js";
import {
  decodeSnapshotMetadata,
  type DecodedSnapshotMetadata,
  type SnapshotEnvelope,
} from "./snapshot-codec.js";
import type { IncomingSnapshotSink, PeerTransportLimits, TransportLogger } from "./transport-options.js";
import type { PeerCounters } from "./transport-stats.js";

/** Writes an ack back to the sender on the stream the chunk came from. */
export type AckReply = (ack: SnapshotAck) => void;

export interface SnapshotReceiverOptions {
  readonly limits: Pick<
    PeerTransportLimits,
    "snapshotReceiveBytesMax" | "snapshotChunkBytes" | "snapshotWindowChunks"
  >;
  readonly partialTtlMs: number;
  readonly clock: Clock;
  readonly logger: TransportLogger;
  readonly counters: (peer: NodeId) => PeerCounters;
  /** Opens the sink a transfer's bytes go to (PeerTransportHandlers.onSnapshot). */
  readonly open: (
    from: NodeId,
    groupId: number,
    metadata: SnapshotMetadata,
    envelope: SnapshotEnvelope,
  ) => IncomingSnapshotSink | Promise<IncomingSnapshotSink>;
  /** Told about a synchronous throw from `open` other than an AssertionError (which propagates). */
  readonly onHandlerError: () => void;
}

/** A chunk taken in order and waiting to be written to the sink. */
interface QueuedChunk {
  readonly data: Uint8Array;
  readonly end: number;
  readonly done: boolean;
}

interface IncomingTransfer {
  readonly key: string;
  readonly from: NodeId;
  readonly groupId: number;
  readonly term: number;
  readonly index: number;
  readonly transferId: string;
  readonly sink: Promise<IncomingSnapshotSink>;
  /**
   * What it is charged against snapshotReceiveBytesMax from its first chunk to its end: a window of
   * chunks, so a chunk the sender may send is never refused for memory, and what it holds besides.
   */
  readonly reservedBytes: number;
  queue: QueuedChunk[];
  queuedBytes: number;
  /** The end of the chunks taken (queued or written): the next chunk must start here. */
  receivedOffset: number;
  /** The end of the chunks written to the sink: what acks report. */
  storedOffset: number;
  /** The chunk flagged done has been taken: the rest is writing it and installing. */
  installing: boolean;
  /** Dropped (superseded, expired, closed): its writes stop and its sink is abandoned. */
  dropped: boolean;
  writing: boolean;
  lastActivityMs: number;
  /** The stream of the latest chunk: a resumed sender listens there, not on the broken one. */
  reply: AckReply;
}

interface ParsedChunk {
  readonly groupId: number;
  readonly term: number;
  readonly index: number;
  readonly offset: number;
  readonly transferId: number;
}

/**
 * Recently completed transfers are remembered (for `partialTtlMs`) so that a sender that lost the done
 * ack with a broken stream and re-sends the last chunk is told "done" instead of starting over and
 * installing the snapshot twice. Capped so a peer cannot grow the set without bound.
 */
const completedKeysMax = 1_024;

/**
 * What a transfer holds besides its queued chunks (its record, key strings, and the one snapshot chunk
 * the sink may be assembling), charged with it against snapshotReceiveBytesMax: counting chunks alone, a
 * peer opening transfers of a byte each could hold memory the bound never sees.
 */
const transferMemoryBytes = 512;

/** A transfer's charge besides its chunks: its own objects, and 8 bytes per id in its decoded ConfState. */
function heldBytesOf(decoded: DecodedSnapshotMetadata): number {
  const { voters, learners, votersOutgoing, learnersNext } = decoded.metadata.confState;
  const ids = voters.length + learners.length + votersOutgoing.length + learnersNext.length;
  return transferMemoryBytes + 8 * ids;
}

/**
 * The receiving half of snapshot transfer. A transfer's chunks are taken in order and written to the sink
 * the host opened for it, one at a time; each is acknowledged once written, so the sender's window is
 * all a transfer holds in memory, whatever the snapshot's size. The chunk flagged done is followed by the
 * sink's `finish` (the install), and the transfer is acknowledged done once that resolves.
 *
 * Transfers are keyed by (from, group, term, index, transfer id) and kept for `partialTtlMs` after their last chunk,
 * so a sender whose stream broke can resume from the last acknowledged offset. One transfer per group at
 * a time: a newer snapshot of the group (from any sender) supersedes an older one that is not yet
 * installing. Memory is bounded by `snapshotReceiveBytesMax`: each transfer reserves a window of chunks
 * (and what it holds besides) when it begins, and is refused `busy` when that does not fit.
 */
export class SnapshotReceiver {
  private readonly options: SnapshotReceiverOptions;
  private readonly transfers = new Map<string, IncomingTransfer>();
  /** Group id to the key of the transfer in progress for it. */
  private readonly latestByGroup = new Map<number, string>();
  private readonly completed = new Map<string, number>();
  /** What the transfers in progress reserved (a window each, and what they hold besides). */
  private heldBytes = 0;
  /** Bytes of chunks waiting to be written, across transfers: within what they reserved. */
  private queuedBytesTotal = 0;
  private sweepTimer: TimerHandle | undefined;
  private closed = false;

  constructor(options: SnapshotReceiverOptions) {
    this.options = options;
  }

  /** Bytes the transfers in progress reserved: a window of chunks each, and what each holds besides. */
  get partialBytes(): number {
    return this.heldBytes;
  }

  /** Bytes of chunks received and waiting to be written to their sinks. */
  get queuedBytes(): number {
    return this.queuedBytesTotal;
  }

  get partialCount(): number {
    return this.transfers.size;
  }

  onChunk(from: NodeId, chunk: SnapshotChunkOutput, reply: AckReply): void {
    if (this.closed) return;
    const counters = this.options.counters(from);
    counters.snapshotChunksReceived += 1;
    const answer = (nextOffset: number, done: boolean, rejectReason = ""): void =>
      reply({
        groupId: chunk.groupId,
        term: chunk.term,
        index: chunk.index,
        transferId: chunk.transferId,
        nextOffset,
        done,
        rejectReason,
      });
    const parsed = parseChunk(chunk);
    if (parsed === undefined) {
      answer(0, false, `${SnapshotRejectCode.Invalid}: unreadable ids or offsets`);
      return;
    }
    const key = `${from}/${parsed.groupId}/${parsed.term}/${parsed.index}/${parsed.transferId}`;
    const completedAt = this.completed.get(key);
    if (completedAt !== undefined) {
      answer(parsed.offset + chunk.data.byteLength, true);
      return;
    }
    // A new attempt at the same snapshot has a new transfer id, so it begins afresh (superseding the old
    // attempt's partial) rather than being answered with progress it never made; the first chunk again
    // with the same id is a resumed sender that never got an ack, and is told where to go on from.
    const transfer = this.transfers.get(key) ?? this.begin(from, key, parsed, chunk, answer);
    if (transfer === undefined) return;
    transfer.reply = reply;
    this.accept(transfer, parsed, chunk, answer, counters);
  }

  /** Drops every transfer and stops the sweep timer; installs in progress finish unacknowledged. */
  close(): void {
    this.closed = true;
    if (this.sweepTimer !== undefined) this.options.clock.clearTimer(this.sweepTimer);
    this.sweepTimer = undefined;
    for (const transfer of [...this.transfers.values()]) this.drop(transfer);
    this.completed.clear();
  }

  private begin(
    from: NodeId,
    key: string,
    parsed: ParsedChunk,
    chunk: SnapshotChunkOutput,
    answer: (nextOffset: number, done: boolean, rejectReason?: string) => void,
  ): IncomingTransfer | undefined {
    if (parsed.offset !== 0) {
      answer(0, false, `${SnapshotRejectCode.UnknownTransfer}: no partial transfer, start from offset 0`);
      return undefined;
    }
    const current = this.transfers.get(this.latestByGroup.get(parsed.groupId) ?? "");
    if (current !== undefined) {
      // From the same sender, an older snapshot is a late frame; from another, a new leader's, which wins.
      const older =
        current.index > parsed.index || (current.index === parsed.index && current.term > parsed.term);
      if (current.from === from && older) {
        answer(0, false, `${SnapshotRejectCode.Stale}: a newer snapshot of the group is in progress`);
        return undefined;
      }
      if (current.installing) {
        answer(0, false, `${SnapshotRejectCode.Busy}: a snapshot of the group is being installed`);
        return undefined;
      }
      this.drop(current);
    }
    let decoded: DecodedSnapshotMetadata;
    try {
      decoded = decodeSnapshotMetadata(chunk.metadata);
    } catch {
      answer(0, false, `${SnapshotRejectCode.Invalid}: unreadable metadata`);
      return undefined;
    }
    if (decoded.metadata.index !== parsed.index || decoded.metadata.term !== parsed.term) {
      answer(0, false, `${SnapshotRejectCode.Invalid}: metadata names another snapshot`);
      return undefined;
    }
    const reservedBytes = this.windowBytes() + heldBytesOf(decoded);
    if (this.heldBytes + reservedBytes > this.options.limits.snapshotReceiveBytesMax) this.sweep();
    if (this.heldBytes + reservedBytes > this.options.limits.snapshotReceiveBytesMax) {
      answer(0, false, `${SnapshotRejectCode.Busy}: ${this.heldBytes} bytes of snapshots in progress`);
      return undefined;
    }
    let sink: Promise<IncomingSnapshotSink>;
    try {
      sink = Promise.resolve(this.options.open(from, parsed.groupId, decoded.metadata, decoded.envelope));
    } catch (error) {
      if (error instanceof AssertionError) throw error;
      this.options.onHandlerError();
      sink = Promise.reject(error instanceof Error ? error : new Error("opening the snapshot sink failed"));
    }
    // A rejection is reported when the first chunk is written; until then it must not go unhandled.
    sink.catch(() => undefined);
    const transfer: IncomingTransfer = {
      key,
      from,
      groupId: parsed.groupId,
      term: parsed.term,
      index: parsed.index,
      transferId: chunk.transferId,
      sink,
      reservedBytes,
      queue: [],
      queuedBytes: 0,
      receivedOffset: 0,
      storedOffset: 0,
      installing: false,
      dropped: false,
      writing: false,
      lastActivityMs: this.options.clock.monotonicMs(),
      reply: () => {},
    };
    this.transfers.set(key, transfer);
    this.latestByGroup.set(parsed.groupId, key);
    this.heldBytes += reservedBytes;
    this.armSweep();
    return transfer;
  }

  private accept(
    transfer: IncomingTransfer,
    parsed: ParsedChunk,
    chunk: SnapshotChunkOutput,
    answer: (nextOffset: number, done: boolean, rejectReason?: string) => void,
    counters: PeerCounters,
  ): void {
    const end = parsed.offset + chunk.data.byteLength;
    // A duplicate (a resumed sender behind our progress), a gap (a chunk lost to a dropped frame), or
    // anything after the last chunk: the sender learns where we are and goes on from there.
    if (transfer.installing || parsed.offset !== transfer.receivedOffset) {
      answer(transfer.storedOffset, false);
      return;
    }
    if (crc32c(chunk.data) !== chunk.dataCrc32c >>> 0) {
      answer(
        transfer.receivedOffset,
        false,
        `${SnapshotRejectCode.ChecksumMismatch}: chunk at ${parsed.offset}`,
      );
      return;
    }
    const bytes = chunk.data.byteLength;
    if (transfer.queuedBytes + bytes > this.windowBytes()) {
      // Past its reserved window: a sender with a larger window than ours. Left for it to send again.
      answer(transfer.storedOffset, false);
      return;
    }
    // A copy: the frame's buffer is not ours to keep past this call.
    transfer.queue.push({ data: new Uint8Array(chunk.data), end, done: chunk.done });
    transfer.queuedBytes += bytes;
    this.queuedBytesTotal += bytes;
    transfer.receivedOffset = end;
    transfer.lastActivityMs = this.options.clock.monotonicMs();
    counters.snapshotBytesReceived += bytes;
    if (chunk.done) transfer.installing = true;
    void this.drain(transfer);
  }

  /** Writes the transfer's queued chunks to its sink in order, acknowledging each; then installs. */
  private async drain(transfer: IncomingTransfer): Promise<void> {
    if (transfer.writing) return;
    transfer.writing = true;
    try {
      const sink = await transfer.sink;
      for (let next = transfer.queue[0]; next !== undefined && !transfer.dropped; next = transfer.queue[0]) {
        await sink.write(next.data);
        transfer.queue.shift();
        this.release(transfer, next.data.byteLength);
        if (transfer.dropped) return;
        transfer.storedOffset = next.end;
        transfer.lastActivityMs = this.options.clock.monotonicMs();
        if (next.done) {
          await sink.finish();
          this.finishInstall(transfer, undefined);
          return;
        }
        this.ack(transfer, transfer.storedOffset, false);
      }
    } catch (error) {
      if (error instanceof AssertionError) throw error;
      this.finishInstall(transfer, error instanceof Error ? error : new Error("the snapshot sink failed"));
    } finally {
      transfer.writing = false;
    }
  }

  private ack(transfer: IncomingTransfer, nextOffset: number, done: boolean, rejectReason = ""): void {
    transfer.reply({
      groupId: String(transfer.groupId),
      term: transfer.term,
      index: transfer.index,
      transferId: transfer.transferId,
      nextOffset,
      done,
      rejectReason,
    });
  }

  private finishInstall(transfer: IncomingTransfer, error: Error | undefined): void {
    if (this.transfers.get(transfer.key) !== transfer) return;
    this.forget(transfer);
    if (error !== undefined) {
      this.options.logger.error(
        { peer: transfer.from, groupId: transfer.groupId, index: transfer.index, err: error },
        "receiving a snapshot failed",
      );
      void transfer.sink.then(
        (sink) => sink.abandon(),
        () => undefined,
      );
      this.ack(transfer, 0, false, `${SnapshotRejectCode.InstallFailed}: ${error.message}`);
      return;
    }
    this.options.counters(transfer.from).snapshotsReceived += 1;
    this.completed.set(transfer.key, this.options.clock.monotonicMs() + this.options.partialTtlMs);
    if (this.completed.size > completedKeysMax) {
      const oldest = this.completed.keys().next();
      if (oldest.done !== true) this.completed.delete(oldest.value);
    }
    this.armSweep();
    this.ack(transfer, transfer.storedOffset, true);
  }

  private drop(transfer: IncomingTransfer): void {
    transfer.dropped = true;
    this.forget(transfer);
    void transfer.sink.then(
      (sink) => sink.abandon(),
      () => undefined,
    );
    this.options.logger.debug(
      {
        peer: transfer.from,
        groupId: transfer.groupId,
        index: transfer.index,
        storedOffset: transfer.storedOffset,
      },
      "dropped a partial snapshot transfer",
    );
  }

  private release(transfer: IncomingTransfer, bytes: number): void {
    transfer.queuedBytes -= bytes;
    if (this.transfers.get(transfer.key) === transfer) this.queuedBytesTotal -= bytes;
  }

  /** A transfer's window: what a sender configured as this node is may have unacknowledged. */
  private windowBytes(): number {
    const { snapshotChunkBytes, snapshotWindowChunks } = this.options.limits;
    return snapshotChunkBytes * snapshotWindowChunks;
  }

  private forget(transfer: IncomingTransfer): void {
    if (!this.transfers.delete(transfer.key)) return;
    this.heldBytes -= transfer.reservedBytes;
    this.queuedBytesTotal -= transfer.queuedBytes;
    if (this.latestByGroup.get(transfer.groupId) === transfer.key)
      this.latestByGroup.delete(transfer.groupId);
  }

  /** Forgets transfers idle past their TTL and completed keys past theirs. */
  private sweep(): void {
    const now = this.options.clock.monotonicMs();
    for (const transfer of [...this.transfers.values()]) {
      if (
        !transfer.installing &&
        !transfer.writing &&
        now - transfer.lastActivityMs >= this.options.partialTtlMs
      )
        this.drop(transfer);
    }
    for (const [key, expiresMs] of [...this.completed]) {
      if (expiresMs <= now) this.completed.delete(key);
    }
  }

  /** Keeps one sweep timer while there is anything to expire, none when idle. */
  private armSweep(): void {
    if (this.sweepTimer !== undefined || this.closed) return;
    const intervalMs = Math.max(100, Math.floor(this.options.partialTtlMs / 4));
    this.sweepTimer = this.options.clock.setTimer(intervalMs, () => {
      this.sweepTimer = undefined;
      this.sweep();
      if (this.transfers.size > 0 || this.completed.size > 0) this.armSweep();
    });
  }
}

function parseChunk(chunk: SnapshotChunkOutput): ParsedChunk | undefined {
  const groupId = parseUint64(chunk.groupId);
  const term = parseUint64(chunk.term);
  const index = parseUint64(chunk.index);
  const offset = parseUint64(chunk.offset);
  const transferId = parseUint64(chunk.transferId);
  if (
    groupId === undefined ||
    term === undefined ||
    index === undefined ||
    offset === undefined ||
    transferId === undefined
  ) {
    return undefined;
  }
  return { groupId, term, index, offset, transferId };
}

import { AssertionError, type Clock, type TimerHandle } from "@millrace/common";
import type { NodeId, Snapshot } from "@millrace/raft";
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
import type { PeerTransportLimits, TransportLogger } from "./transport-options.js";
import type { PeerCounters } from "./transport-stats.js";

/** Writes an ack back to the sender on the stream the chunk came from. */
export type AckReply = (ack: SnapshotAck) => void;

export interface SnapshotReceiverOptions {
  readonly limits: Pick<PeerTransportLimits, "snapshotBytesMax" | "snapshotReceiveBytesMax">;
  readonly partialTtlMs: number;
  readonly clock: Clock;
  readonly logger: TransportLogger;
  readonly counters: (peer: NodeId) => PeerCounters;
  readonly install: (
    from: NodeId,
    groupId: number,
    snapshot: Snapshot,
    envelope: SnapshotEnvelope,
  ) => void | Promise<void>;
  /** Told about a synchronous throw from `install` other than an AssertionError (which propagates). */
  readonly onHandlerError: () => void;
}

interface IncomingTransfer {
  readonly key: string;
  readonly groupKey: string;
  readonly from: NodeId;
  readonly groupId: number;
  readonly term: number;
  readonly index: number;
  readonly data: Uint8Array;
  readonly decoded: DecodedSnapshotMetadata;
  /** What it is charged against snapshotReceiveBytesMax (heldBytesOf). */
  readonly heldBytes: number;
  nextOffset: number;
  installing: boolean;
  lastActivityMs: number;
  /** The stream of the latest chunk: a resumed sender listens there, not on the broken one. */
  reply: AckReply;
}

interface ParsedChunk {
  readonly groupId: number;
  readonly term: number;
  readonly index: number;
  readonly offset: number;
  readonly totalBytes: number;
}

/**
 * Recently completed transfers are remembered (for `partialTtlMs`) so that a sender that lost the done
 * ack with a broken stream and re-sends the last chunk is told "done" instead of starting over and
 * installing the snapshot twice. Capped so a peer cannot grow the set without bound.
 */
const completedKeysMax = 1_024;

/**
 * What a transfer holds besides its data (its record, key strings and buffer object), charged with it
 * against snapshotReceiveBytesMax: counting data alone, a peer opening transfers of a byte each could
 * hold memory the bound never sees.
 */
const transferMemoryBytes = 512;

/** A transfer's charge: its data, its own objects, and 8 bytes for each id in its decoded ConfState. */
function heldBytesOf(totalBytes: number, decoded: DecodedSnapshotMetadata): number {
  const { voters, learners, votersOutgoing, learnersNext } = decoded.metadata.confState;
  const ids = voters.length + learners.length + votersOutgoing.length + learnersNext.length;
  return totalBytes + transferMemoryBytes + 8 * ids;
}

/**
 * The receiving half of snapshot transfer. Partial transfers are keyed by (from, group, term, index) and
 * kept for `partialTtlMs` after their last chunk, so a sender whose stream broke can resume from the
 * last acknowledged offset. Memory is bounded: each snapshot by `snapshotBytesMax`, all partial and
 * installing ones together (with what each holds besides its data) by `snapshotReceiveBytesMax`; the
 * buffer for a transfer is allocated once, at its first chunk, at the size it announces.
 */
export class SnapshotReceiver {
  private readonly options: SnapshotReceiverOptions;
  private readonly transfers = new Map<string, IncomingTransfer>();
  /** `from/group` to the key of the transfer in progress for it: a newer snapshot supersedes an older one. */
  private readonly latestByGroup = new Map<string, string>();
  private readonly completed = new Map<string, number>();
  private heldBytes = 0;
  private sweepTimer: TimerHandle | undefined;
  private closed = false;

  constructor(options: SnapshotReceiverOptions) {
    this.options = options;
  }

  /** Bytes of partial and installing transfers, with what each holds besides its data. */
  get partialBytes(): number {
    return this.heldBytes;
  }

  get partialCount(): number {
    return this.transfers.size;
  }

  onChunk(from: NodeId, chunk: SnapshotChunkOutput, reply: AckReply): void {
    if (this.closed) return;
    const counters = this.options.counters(from);
    counters.snapshotChunksReceived += 1;
    const answer = (nextOffset: number, done: boolean, rejectReason = ""): void =>
      reply({ groupId: chunk.groupId, term: chunk.term, index: chunk.index, nextOffset, done, rejectReason });
    const parsed = parseChunk(chunk);
    if (parsed === undefined) {
      answer(0, false, `${SnapshotRejectCode.Invalid}: unreadable ids, offsets or size`);
      return;
    }
    const key = `${from}/${parsed.groupId}/${parsed.term}/${parsed.index}`;
    if (this.completed.has(key)) {
      answer(parsed.totalBytes, true);
      return;
    }
    const transfer = this.transfers.get(key) ?? this.begin(from, key, parsed, chunk, answer);
    if (transfer === undefined) return;
    transfer.reply = reply;
    transfer.lastActivityMs = this.options.clock.monotonicMs();
    if (transfer.installing) {
      answer(transfer.data.byteLength, false);
      return;
    }
    this.accept(transfer, parsed, chunk, answer, counters);
  }

  /** Drops every partial transfer and stops the sweep timer; installs in progress finish unacknowledged. */
  close(): void {
    this.closed = true;
    if (this.sweepTimer !== undefined) this.options.clock.clearTimer(this.sweepTimer);
    this.sweepTimer = undefined;
    this.transfers.clear();
    this.latestByGroup.clear();
    this.completed.clear();
    this.heldBytes = 0;
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
    const groupKey = `${from}/${parsed.groupId}`;
    const current = this.transfers.get(this.latestByGroup.get(groupKey) ?? "");
    if (current !== undefined) {
      if (current.index > parsed.index || (current.index === parsed.index && current.term > parsed.term)) {
        answer(0, false, `${SnapshotRejectCode.Stale}: a newer snapshot of the group is in progress`);
        return undefined;
      }
      if (!current.installing) this.drop(current);
    }
    const { snapshotBytesMax, snapshotReceiveBytesMax } = this.options.limits;
    if (parsed.totalBytes > snapshotBytesMax) {
      answer(0, false, `${SnapshotRejectCode.TooLarge}: ${parsed.totalBytes} bytes > ${snapshotBytesMax}`);
      return undefined;
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
    const heldBytes = heldBytesOf(parsed.totalBytes, decoded);
    if (this.heldBytes + heldBytes > snapshotReceiveBytesMax) this.sweep();
    if (this.heldBytes + heldBytes > snapshotReceiveBytesMax) {
      answer(0, false, `${SnapshotRejectCode.Busy}: ${this.heldBytes} bytes of snapshots in progress`);
      return undefined;
    }
    const transfer: IncomingTransfer = {
      key,
      groupKey,
      from,
      groupId: parsed.groupId,
      term: parsed.term,
      index: parsed.index,
      data: new Uint8Array(parsed.totalBytes),
      decoded,
      heldBytes,
      nextOffset: 0,
      installing: false,
      lastActivityMs: this.options.clock.monotonicMs(),
      reply: () => {},
    };
    this.transfers.set(key, transfer);
    this.latestByGroup.set(groupKey, key);
    this.heldBytes += heldBytes;
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
    const total = transfer.data.byteLength;
    const end = parsed.offset + chunk.data.byteLength;
    if (parsed.totalBytes !== total || end > total || (chunk.done && end !== total)) {
      this.drop(transfer);
      answer(0, false, `${SnapshotRejectCode.Invalid}: chunk [${parsed.offset}, ${end}) of ${total} bytes`);
      return;
    }
    // A gap (a chunk lost to a dropped frame) or a duplicate (a resumed sender behind our progress):
    // either way the sender learns where we are and continues from there. An empty snapshot's one
    // empty chunk is neither.
    const duplicate = end <= transfer.nextOffset && total > 0;
    if (parsed.offset > transfer.nextOffset || duplicate) {
      answer(transfer.nextOffset, false);
      return;
    }
    if (crc32c(chunk.data) !== chunk.dataCrc32c >>> 0) {
      answer(transfer.nextOffset, false, `${SnapshotRejectCode.ChecksumMismatch}: chunk at ${parsed.offset}`);
      return;
    }
    const fresh = chunk.data.subarray(transfer.nextOffset - parsed.offset);
    transfer.data.set(fresh, transfer.nextOffset);
    transfer.nextOffset = end;
    counters.snapshotBytesReceived += fresh.byteLength;
    answer(transfer.nextOffset, false);
    if (transfer.nextOffset === total) this.install(transfer);
  }

  private install(transfer: IncomingTransfer): void {
    transfer.installing = true;
    const { metadata, envelope } = transfer.decoded;
    let result: void | Promise<void>;
    try {
      result = this.options.install(
        transfer.from,
        transfer.groupId,
        { metadata, data: transfer.data },
        envelope,
      );
    } catch (error) {
      if (error instanceof AssertionError) throw error;
      this.options.onHandlerError();
      this.finishInstall(transfer, error);
      return;
    }
    Promise.resolve(result).then(
      () => this.finishInstall(transfer, undefined),
      (error: unknown) => this.finishInstall(transfer, error ?? new Error("onSnapshot rejected")),
    );
  }

  private finishInstall(transfer: IncomingTransfer, error: unknown): void {
    if (this.transfers.get(transfer.key) !== transfer) return;
    this.forget(transfer);
    const total = transfer.data.byteLength;
    const ack = { groupId: String(transfer.groupId), term: transfer.term, index: transfer.index };
    if (error !== undefined) {
      this.options.logger.error(
        { peer: transfer.from, groupId: transfer.groupId, index: transfer.index, err: error },
        "installing a received snapshot failed",
      );
      transfer.reply({ ...ack, nextOffset: 0, done: false, rejectReason: SnapshotRejectCode.InstallFailed });
      return;
    }
    this.options.counters(transfer.from).snapshotsReceived += 1;
    this.completed.set(transfer.key, this.options.clock.monotonicMs() + this.options.partialTtlMs);
    if (this.completed.size > completedKeysMax) {
      const oldest = this.completed.keys().next();
      if (oldest.done !== true) this.completed.delete(oldest.value);
    }
    this.armSweep();
    transfer.reply({ ...ack, nextOffset: total, done: true, rejectReason: "" });
  }

  private drop(transfer: IncomingTransfer): void {
    this.forget(transfer);
    this.options.logger.debug(
      {
        peer: transfer.from,
        groupId: transfer.groupId,
        index: transfer.index,
        nextOffset: transfer.nextOffset,
      },
      "dropped a partial snapshot transfer",
    );
  }

  private forget(transfer: IncomingTransfer): void {
    if (!this.transfers.delete(transfer.key)) return;
    this.heldBytes -= transfer.heldBytes;
    if (this.latestByGroup.get(transfer.groupKey) === transfer.key)
      this.latestByGroup.delete(transfer.groupKey);
  }

  /** Forgets partial transfers idle past their TTL and completed keys past theirs. */
  private sweep(): void {
    const now = this.options.clock.monotonicMs();
    for (const transfer of [...this.transfers.values()]) {
      if (!transfer.installing && now - transfer.lastActivityMs >= this.options.partialTtlMs)
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
  const totalBytes = parseUint64(chunk.totalSizeBytes);
  if (
    groupId === undefined ||
    term === undefined ||
    index === undefined ||
    offset === undefined ||
    totalBytes === undefined
  ) {
    return undefined;
  }
  return { groupId, term, index, offset, totalBytes };
}

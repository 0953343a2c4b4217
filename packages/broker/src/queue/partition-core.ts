import { assert, limits, type StateWriter } from "@millrace/common";
import {
  bodyKey,
  groupKey,
  groupMessageKey,
  metaKey,
  outboxKey,
  retentionKey,
  visibilityKey,
} from "./keys.js";
import { decodeMeta, encodeIdRecord, encodeMeta, encodeVisibilityEntry } from "./record-layouts.js";
import { inflightMessagesMaxOf, type QueueConfig } from "./queue-config.js";
import {
  MessageState,
  decodeRecord,
  encodeRecord,
  initialSummary,
  type GroupRecord,
  type MessageBody,
  type MessageMeta,
  type Summary,
  type VisibilityEntry,
} from "./records.js";
import { BucketKind, VisibilityBuckets, secondOf } from "./visibility-buckets.js";

export type MutableSummary = { -readonly [K in keyof Summary]: Summary[K] };

/**
 * The in-memory part of a partition (the summary, the visibility buckets and the latest metas, all O(1)
 * in the number of messages) and the operations on one message that every command shares. Every write here goes through
 * the StateWriter; reads are point reads.
 */
export class PartitionCore {
  summary: MutableSummary = initialSummary();
  readonly buckets = new VisibilityBuckets();
  /** The lowest visibility key (visibleAtMs, seq) written since the leader last took its scan floor. */
  lowestVisibilityWritten: VisibilityPosition | undefined = undefined;
  /**
   * The metas written last, by message id, as stored (undefined for a deleted one). Every meta write
   * goes through this class and updates it, so it always agrees with the keyspace; restore empties it.
   */
  private readonly metas = new Map<string, MessageMeta | undefined>();

  constructor(private readonly metaCacheMax = limits.queueMetaCacheEntriesMax) {}

  get config(): QueueConfig {
    assert(this.summary.config !== undefined, "queue partition used before configure");
    return this.summary.config;
  }

  get retentionMs(): number {
    return this.config.messageRetentionSeconds * 1000;
  }

  /**
   * How many more messages may go in flight before the partition reaches its share of the queue's cap;
   * 0 or less when it has. Counted at the partition's clock, from the visibility buckets.
   */
  get inflightRoom(): number {
    return inflightMessagesMaxOf(this.config) - this.buckets.inflight;
  }

  isStored(meta: MessageMeta, atMs: number): boolean {
    return isStored(this.summary, meta.seq, meta.retainFromMs, atMs);
  }

  /** Stored and not being dead-lettered: a message receivers can see or hold. */
  isLive(meta: MessageMeta | undefined, atMs: number): meta is MessageMeta {
    return meta !== undefined && meta.state === MessageState.live && this.isStored(meta, atMs);
  }

  isInFlight(meta: MessageMeta, atMs: number): boolean {
    return meta.receiveCount > 0 && meta.visibleAtMs > atMs;
  }

  getMeta(writer: StateWriter, id: string): MessageMeta | undefined {
    if (this.metas.has(id)) return this.metas.get(id);
    const bytes = writer.getSync(metaKey(id));
    return bytes === undefined ? undefined : decodeMeta(bytes);
  }

  /** Forgets every cached meta: the keyspace was replaced. */
  forgetMetas(): void {
    this.metas.clear();
  }

  getBody(writer: StateWriter, id: string): MessageBody {
    const bytes = writer.getSync(bodyKey(id));
    assert(bytes !== undefined, "message meta without a body");
    return decodeRecord<MessageBody>(bytes, "message body");
  }

  /** Stores a new live message and indexes it. */
  insert(writer: StateWriter, id: string, meta: MessageMeta, body: MessageBody): MessageMeta {
    const counted = this.countIn(meta);
    this.putMeta(writer, id, counted);
    writer.put(bodyKey(id), encodeRecord(body));
    writer.put(retentionKey(meta.retainFromMs, meta.seq), encodeIdRecord(id));
    this.putVisibility(writer, id, counted);
    if (meta.groupId !== undefined && this.config.fifo) {
      writer.put(groupMessageKey(meta.groupId, meta.seq), encodeIdRecord(id));
    }
    this.summary.stored++;
    return counted;
  }

  /** Replaces a live message's meta after a receive or visibility change, moving its index entry. */
  update(writer: StateWriter, id: string, before: MessageMeta, after: MessageMeta): MessageMeta {
    this.countOut(before);
    writer.del(visibilityKey(before.visibleAtMs, before.seq));
    const counted = this.countIn(after);
    this.putMeta(writer, id, counted);
    this.putVisibility(writer, id, counted);
    return counted;
  }

  /** Takes a live message out of receivers' reach and into the dead-letter outbox. */
  deadLetter(writer: StateWriter, id: string, meta: MessageMeta): void {
    this.unindexLive(writer, id, meta);
    this.putMeta(writer, id, { ...meta, state: MessageState.deadLettering, countedSecond: 0 });
    writer.put(outboxKey(meta.seq), encodeIdRecord(id));
    this.summary.deadLettering++;
  }

  /**
   * Deletes a message and its index entries. Counters change only for a message still counted: purged
   * messages left the counters when the purge zeroed them.
   */
  remove(writer: StateWriter, id: string, meta: MessageMeta): void {
    const counted = meta.seq > this.summary.purgedThroughSeq;
    if (meta.state === MessageState.live) {
      if (counted) this.unindexLive(writer, id, meta);
      else this.unindexLiveKeys(writer, id, meta);
    } else {
      writer.del(outboxKey(meta.seq));
      if (counted) this.summary.deadLettering--;
    }
    writer.del(metaKey(id));
    this.remember(id, undefined);
    writer.del(bodyKey(id));
    writer.del(retentionKey(meta.retainFromMs, meta.seq));
    if (counted) this.summary.stored--;
  }

  /** The FIFO group is locked at `atMs` when a message from its latest receive is still in flight. */
  isGroupLocked(writer: StateWriter, groupId: string, atMs: number): boolean {
    const record = this.getGroup(writer, groupId);
    if (record === undefined) return false;
    return record.inflight.some((id) => {
      const meta = this.getMeta(writer, id);
      return this.isLive(meta, atMs) && this.isInFlight(meta, atMs);
    });
  }

  getGroup(writer: StateWriter, groupId: string): GroupRecord | undefined {
    const bytes = writer.getSync(groupKey(groupId));
    return bytes === undefined ? undefined : decodeRecord<GroupRecord>(bytes, "group");
  }

  putGroup(writer: StateWriter, groupId: string, inflight: readonly string[]): void {
    if (inflight.length === 0) writer.del(groupKey(groupId));
    else writer.put(groupKey(groupId), encodeRecord({ inflight }));
  }

  private unindexLive(writer: StateWriter, id: string, meta: MessageMeta): void {
    this.countOut(meta);
    this.unindexLiveKeys(writer, id, meta);
  }

  private unindexLiveKeys(writer: StateWriter, id: string, meta: MessageMeta): void {
    writer.del(visibilityKey(meta.visibleAtMs, meta.seq));
    if (meta.groupId === undefined || !this.config.fifo) return;
    writer.del(groupMessageKey(meta.groupId, meta.seq));
    const group = this.getGroup(writer, meta.groupId);
    if (group !== undefined && group.inflight.includes(id)) {
      this.putGroup(
        writer,
        meta.groupId,
        group.inflight.filter((other) => other !== id),
      );
    }
  }

  private putMeta(writer: StateWriter, id: string, meta: MessageMeta): void {
    writer.put(metaKey(id), encodeMeta(meta));
    this.remember(id, meta);
  }

  /** Caches the meta now stored for `id`, dropping the longest cached when full. */
  private remember(id: string, meta: MessageMeta | undefined): void {
    // Deleted first, so the id moves to the end of the Map's order: the oldest write goes first.
    this.metas.delete(id);
    this.metas.set(id, meta);
    if (this.metas.size > this.metaCacheMax) {
      this.metas.delete(this.metas.keys().next().value as string);
    }
  }

  private putVisibility(writer: StateWriter, id: string, meta: MessageMeta): void {
    this.lowestVisibilityWritten = lowerPosition(this.lowestVisibilityWritten, {
      visibleAtMs: meta.visibleAtMs,
      seq: meta.seq,
    });
    const { retainFromMs, receiveCount } = meta;
    const entry: VisibilityEntry =
      meta.groupId === undefined
        ? { id, retainFromMs, receiveCount }
        : { id, retainFromMs, groupId: meta.groupId, receiveCount };
    writer.put(visibilityKey(meta.visibleAtMs, meta.seq), encodeVisibilityEntry(entry));
  }

  /** Counts a message that is invisible now in its bucket, and records which bucket. */
  private countIn(meta: MessageMeta): MessageMeta {
    const clockMs = this.summary.clockMs;
    if (meta.visibleAtMs <= clockMs) return { ...meta, countedSecond: 0 };
    this.buckets.add(clockMs, meta.visibleAtMs, kindOf(meta), 1);
    return { ...meta, countedSecond: secondOf(meta.visibleAtMs) };
  }

  private countOut(meta: MessageMeta): void {
    if (meta.countedSecond === 0) return;
    this.buckets.add(this.summary.clockMs, meta.visibleAtMs, kindOf(meta), -1);
  }
}

/**
 * Neither purged nor past retention at `atMs`. Purged and expired messages are gone to every reader at
 * once, before cleanup deletes their keys.
 */
export function isStored(summary: Summary, seq: number, retainFromMs: number, atMs: number): boolean {
  const retentionMs = (summary.config?.messageRetentionSeconds ?? 0) * 1000;
  return seq > summary.purgedThroughSeq && retainFromMs + retentionMs > atMs;
}

function kindOf(meta: MessageMeta): BucketKind {
  return meta.receiveCount > 0 ? BucketKind.inflight : BucketKind.delayed;
}

/** FIFO SequenceNumber: the partition's sequence as a fixed-width decimal string, so it also sorts as text. */
export function formatSequenceNumber(seq: number): string {
  return String(seq).padStart(20, "0");
}

/** A place in the visibility index: its keys sort by visibleAtMs, then seq. */
export interface VisibilityPosition {
  readonly visibleAtMs: number;
  readonly seq: number;
}

/** The lower of two positions; undefined stands for "past every key". */
export function lowerPosition(
  a: VisibilityPosition | undefined,
  b: VisibilityPosition | undefined,
): VisibilityPosition | undefined {
  if (a === undefined) return b;
  if (b === undefined) return a;
  return a.visibleAtMs < b.visibleAtMs || (a.visibleAtMs === b.visibleAtMs && a.seq <= b.seq) ? a : b;
}

import { type StateReader, type StateWriter } from "@millrace/common";
import { readU64 } from "./bytes.js";
import { Prefix, bucketKey, prefixEnd, prefixStart } from "./keys.js";
import { decodeRecord, encodeRecord, type BucketCounts } from "./records.js";

export const BucketKind = { delayed: "delayed", inflight: "inflight" } as const;
export type BucketKind = (typeof BucketKind)[keyof typeof BucketKind];

/**
 * ApproximateNumberOfMessagesDelayed and …NotVisible change as time passes, with no command to count the
 * change. So the partition counts delayed and in-flight messages per second in which they become visible:
 * the count at time t is the sum over seconds after t. Only future seconds are kept (a second is dropped
 * once the clock passes it), and delays and visibility timeouts are capped, so there are at most
 * delaySecondsMax + visibilityTimeoutSecondsMax buckets however many messages the partition holds.
 *
 * A message counts until the end of the second in which it becomes visible: approximate, as SQS's are.
 * Buckets are mirrored in the keyspace (`h` keys) so restore rebuilds them. Counting marks a bucket dirty
 * and `flush` writes each dirty bucket once: a batch of receives moving hundreds of messages into the
 * same second writes its key once, not once per message. Nothing reads those keys but restore, so the
 * keyspace needs to match the counts only where an apply ends.
 */
export class VisibilityBuckets {
  private readonly counts = new Map<number, { delayed: number; inflight: number }>();
  /** The seconds in `counts`, ascending, so expired ones are dropped from the front. */
  private seconds: number[] = [];
  /** In-flight messages over every bucket, kept as buckets change, so the in-flight cap costs O(1). */
  private inflightTotal = 0;
  /** Seconds whose counts changed since the last flush. */
  private readonly dirty = new Set<number>();

  /** Adds `delta` messages of `kind` becoming visible at `visibleAtMs`, unless that is not after `clockMs`. */
  add(clockMs: number, visibleAtMs: number, kind: BucketKind, delta: number): void {
    const second = secondOf(visibleAtMs);
    if (second * 1000 <= clockMs) return;
    let bucket = this.counts.get(second);
    if (bucket === undefined) {
      bucket = { delayed: 0, inflight: 0 };
      this.counts.set(second, bucket);
      this.insertSecond(second);
    }
    bucket[kind] += delta;
    if (kind === BucketKind.inflight) this.inflightTotal += delta;
    if (bucket.delayed === 0 && bucket.inflight === 0) {
      this.counts.delete(second);
      this.seconds.splice(this.seconds.indexOf(second), 1);
    }
    this.dirty.add(second);
  }

  /** Writes the buckets counted into since the last flush; call before an apply returns. */
  flush(writer: StateWriter): void {
    for (const second of this.dirty) {
      const bucket = this.counts.get(second);
      if (bucket === undefined) writer.del(bucketKey(second));
      else
        writer.put(bucketKey(second), encodeRecord({ delayed: bucket.delayed, inflight: bucket.inflight }));
    }
    this.dirty.clear();
  }

  /** Drops the buckets of seconds that have passed; their messages are visible now. */
  prune(writer: StateWriter, clockMs: number): void {
    let drop = 0;
    while (drop < this.seconds.length && (this.seconds[drop] as number) * 1000 <= clockMs) {
      const second = this.seconds[drop] as number;
      this.inflightTotal -= (this.counts.get(second) as BucketCounts).inflight;
      this.counts.delete(second);
      this.dirty.delete(second);
      writer.del(bucketKey(second));
      drop++;
    }
    if (drop > 0) this.seconds = this.seconds.slice(drop);
  }

  /**
   * In-flight messages at the partition's clock: those of every bucket left after the last prune. A
   * message counts until the end of the second in which it becomes visible, as in `countAt`.
   */
  get inflight(): number {
    return this.inflightTotal;
  }

  /** Delayed and in-flight messages at `nowMs` (at or after the partition's clock). */
  countAt(nowMs: number): BucketCounts {
    let delayed = 0;
    let inflight = 0;
    for (const second of this.seconds) {
      if (second * 1000 <= nowMs) continue;
      const bucket = this.counts.get(second) as BucketCounts;
      delayed += bucket.delayed;
      inflight += bucket.inflight;
    }
    return { delayed, inflight };
  }

  /**
   * When the in-flight count next drops with no command to drop it, judged at `nowMs`: the end of the
   * earliest later second whose bucket holds in-flight messages, or undefined when none does.
   */
  nextInflightDropMs(nowMs: number): number | undefined {
    for (const second of this.seconds) {
      if (second * 1000 > nowMs && (this.counts.get(second) as BucketCounts).inflight > 0)
        return second * 1000;
    }
    return undefined;
  }

  /**
   * The earliest later second (after `nowMs`) in which a counted message becomes visible, or undefined
   * when no bucket holds one.
   */
  nextSecond(nowMs: number): number | undefined {
    for (const second of this.seconds) {
      const bucket = this.counts.get(second) as BucketCounts;
      if (second * 1000 > nowMs && bucket.delayed + bucket.inflight > 0) return second;
    }
    return undefined;
  }

  /** Forgets every bucket (a purge): at most the capped number of point deletes. */
  clear(writer: StateWriter): void {
    for (const second of this.seconds) writer.del(bucketKey(second));
    // A bucket emptied since the last flush is gone from `seconds` but may still be stored.
    for (const second of this.dirty) writer.del(bucketKey(second));
    this.dirty.clear();
    this.counts.clear();
    this.seconds = [];
    this.inflightTotal = 0;
  }

  async restore(reader: StateReader): Promise<void> {
    this.counts.clear();
    this.dirty.clear();
    this.seconds = [];
    this.inflightTotal = 0;
    const prefix = prefixStart(Prefix.bucket);
    const rows = await reader.range(prefix, prefixEnd(prefix), Number.MAX_SAFE_INTEGER);
    for (const row of rows) {
      const second = readU64(row.key, 1);
      const { delayed, inflight } = decodeRecord<BucketCounts>(row.value, "bucket");
      this.counts.set(second, { delayed, inflight });
      this.seconds.push(second);
      this.inflightTotal += inflight;
    }
  }

  private insertSecond(second: number): void {
    // New buckets are usually the latest (now plus a timeout), so search from the back.
    let i = this.seconds.length;
    while (i > 0 && (this.seconds[i - 1] as number) > second) i--;
    this.seconds.splice(i, 0, second);
  }
}

/** The second at whose end a message visible at `visibleAtMs` stops counting. */
export function secondOf(visibleAtMs: number): number {
  return Math.floor((visibleAtMs + 999) / 1000);
}

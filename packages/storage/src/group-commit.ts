import { assert } from "@millrace/common";
import { compareBytes } from "./bytes.js";
import { StorageFencedError } from "./errors.js";
import { type KeyRange } from "./keys.js";

export type BatchOp =
  | { readonly type: "put"; readonly key: Uint8Array; readonly value: Uint8Array }
  | { readonly type: "del"; readonly key: Uint8Array };

/** Where commits go: the node's database, or in tests a wrapper that injects faults or latency. */
export interface BatchWriter {
  /** Writes every op atomically, in order; with `sync`, resolves only after an fsync. */
  write(ops: readonly BatchOp[], sync: boolean): Promise<void>;
  /** The keys in [gte, lt) as the database holds them now; range deletes are resolved through it. */
  keys(range: KeyRange): Promise<Uint8Array[]>;
}

/** Told once when a batch it staged into is durable, so it can let go of what it kept for that batch. */
export interface DurableListener {
  onDurable(generation: number): void;
}

/** What one commit wrote: the host exports these as "entries per fsync" and an fsync latency histogram. */
export interface CommitStats {
  /** Which batch this was; batches are numbered from 1 in staging order. 0 for a commit with nothing to write. */
  readonly generation: number;
  /** Puts and deletes written, range deletes counted by the keys they removed. */
  readonly ops: number;
  /** Raft log entries among the puts. */
  readonly entries: number;
  /** Key and value bytes written. */
  readonly bytes: number;
  /** Keys removed by range deletes (group destruction, keyspace clears). */
  readonly rangeDeletedKeys: number;
  /** Time in the batch write: one write, plus one fsync when `synced`. */
  readonly fsyncMs: number;
  /** Whether the write was fsynced (see WriteBatch.commit). */
  readonly synced: boolean;
  /** Time from the start of the commit to durability, including resolving range deletes. */
  readonly durationMs: number;
}

const emptyStats: CommitStats = Object.freeze({
  generation: 0,
  ops: 0,
  entries: 0,
  bytes: 0,
  rangeDeletedKeys: 0,
  synced: false,
  fsyncMs: 0,
  durationMs: 0,
});

interface RangeDelete {
  readonly type: "range";
  readonly range: KeyRange;
}

/** One generation of staged writes. */
class PendingBatch {
  readonly ops: (BatchOp | RangeDelete)[] = [];
  entries = 0;
  bytes = 0;
  rangeDeletes = 0;
  readonly listeners = new Set<DurableListener>();
  constructor(readonly generation: number) {}
}

export interface WriteBatchOptions {
  /** Milliseconds from a monotonic clock, for the stats. */
  readonly now?: () => number;
}

/**
 * The node's group commit. Every group stages its writes here (log entries, hard states, applied indexes,
 * state machine changes), and one `commit()` writes everything staged by all groups in one synchronous
 * LevelDB batch: one fsync for many entries of many groups. That write is the durability point: nothing
 * staged may be acknowledged (no vote, no append response, no client answer) before the commit that holds
 * it resolves.
 *
 * One commit is in flight at a time. Stages made while it runs go into the next batch (double buffering),
 * and every `commit()` call made meanwhile shares that next commit, so a call resolves once everything
 * staged before it is durable. Writes are atomic per batch, so what must be atomic (entries
 * with the truncation of a conflicting suffix, state machine writes with their applied index) must be
 * staged in one synchronous run: a commit may start at any `await`.
 *
 * A failed write fences the batch for good: the failing commit and every later one reject with
 * StorageFencedError, and so does every later stage, because after an IO error the database may or may not
 * hold the batch and the only honest answer is to stop.
 */
export class WriteBatch {
  private open: PendingBatch = new PendingBatch(1);
  private running: Promise<CommitStats> | undefined = undefined;
  private queued: Promise<CommitStats> | undefined = undefined;
  private durable = 0;
  private fenceError: StorageFencedError | undefined = undefined;
  private readonly now: () => number;

  constructor(
    private readonly writer: BatchWriter,
    options: WriteBatchOptions = {},
  ) {
    this.now = options.now ?? (() => performance.now());
  }

  /** The generation that stages go into now. */
  get generation(): number {
    return this.open.generation;
  }

  /** The last generation known durable (0 before the first commit). */
  get durableGeneration(): number {
    return this.durable;
  }

  /** Ops staged for the next commit (range deletes count as one); the host bounds its write loop by these. */
  get pendingOps(): number {
    return this.open.ops.length;
  }

  get pendingBytes(): number {
    return this.open.bytes;
  }

  get pendingEntries(): number {
    return this.open.entries;
  }

  /** True while a commit is being written. */
  get inFlight(): boolean {
    return this.running !== undefined;
  }

  /** Set once a write has failed; every commit and stage from then on throws it. */
  get fenced(): StorageFencedError | undefined {
    return this.fenceError;
  }

  put(key: Uint8Array, value: Uint8Array): void {
    this.checkNotFenced();
    this.open.ops.push({ type: "put", key, value });
    this.open.bytes += key.length + value.length;
  }

  del(key: Uint8Array): void {
    this.checkNotFenced();
    this.open.ops.push({ type: "del", key });
    this.open.bytes += key.length;
  }

  /**
   * Deletes every key in [gte, lt), in order with the other ops: what is staged before it in the range is
   * dropped, what is staged after it survives. The keys already stored are found when the commit runs, so
   * a range over much data makes that commit slower; it is meant for rare operations (destroying a group,
   * replacing a keyspace).
   */
  deleteRange(range: KeyRange): void {
    this.checkNotFenced();
    assert(compareBytes(range.gte, range.lt) < 0, "deleteRange needs gte < lt");
    const batch = this.open;
    let kept = 0;
    for (const op of batch.ops) {
      if (op.type !== "range" && inRange(op.key, range)) {
        batch.bytes -= op.key.length + (op.type === "put" ? op.value.length : 0);
        continue;
      }
      batch.ops[kept++] = op;
    }
    batch.ops.length = kept;
    batch.ops.push({ type: "range", range });
    batch.rangeDeletes += 1;
  }

  /** Counts Raft entries among the staged puts, for the stats. */
  countEntries(count: number): void {
    this.open.entries += count;
  }

  /** Registers `listener` to hear when the batch open now becomes durable; repeated calls register once. */
  afterDurable(listener: DurableListener): void {
    this.open.listeners.add(listener);
  }

  /**
   * Makes everything staged so far durable with one fsynced batch write.
   *
   * Every write is fsynced, even one holding only what the log can rebuild (commit and applied indexes,
   * state machine writes): a later synced write makes an unsynced one durable only while LevelDB writes
   * the same log file, and LevelDB closes a log file without an fsync when it switches memtables, so a
   * power loss could drop an unsynced batch and keep later ones (a hole, not a lost suffix). If a commit
   * is already in flight, this waits for it and then commits what was staged meanwhile, sharing that
   * commit with every other caller. Resolves immediately with empty stats when there is nothing to write.
   */
  commit(): Promise<CommitStats> {
    if (this.fenceError !== undefined) return Promise.reject(this.fenceError);
    if (this.queued !== undefined) return this.queued;
    if (this.running === undefined) return this.start();
    const next = (): Promise<CommitStats> => {
      this.queued = undefined;
      return this.start();
    };
    this.queued = this.running.then(next, next);
    return this.queued;
  }

  /** Resolves once no commit is in flight or queued, whatever their outcome. */
  async settled(): Promise<void> {
    while (this.running !== undefined || this.queued !== undefined) {
      await (this.queued ?? this.running)?.catch(() => undefined);
    }
  }

  private start(): Promise<CommitStats> {
    if (this.fenceError !== undefined) return Promise.reject(this.fenceError);
    const batch = this.open;
    // Nothing to write: the open batch stays open, listeners and all, for the next commit.
    if (batch.ops.length === 0) return Promise.resolve(emptyStats);
    this.open = new PendingBatch(batch.generation + 1);
    const running = this.write(batch).finally(() => {
      this.running = undefined;
    });
    this.running = running;
    return running;
  }

  private async write(batch: PendingBatch): Promise<CommitStats> {
    const started = this.now();
    let written: number;
    let fsyncMs: number;
    let rangeDeletedKeys = 0;
    try {
      let ops = batch.ops as BatchOp[];
      if (batch.rangeDeletes > 0) {
        const resolved = await this.resolveRanges(batch);
        ops = resolved.ops;
        rangeDeletedKeys = resolved.deletedKeys;
      }
      const writeStarted = this.now();
      await this.writer.write(ops, true);
      fsyncMs = this.now() - writeStarted;
      written = ops.length;
    } catch (cause) {
      this.fenceError ??= new StorageFencedError(cause);
      throw this.fenceError;
    }
    this.markDurable(batch);
    return {
      generation: batch.generation,
      ops: written,
      entries: batch.entries,
      bytes: batch.bytes,
      rangeDeletedKeys,
      fsyncMs,
      synced: true,
      durationMs: this.now() - started,
    };
  }

  private markDurable(batch: PendingBatch): void {
    this.durable = batch.generation;
    for (const listener of batch.listeners) listener.onDurable(batch.generation);
  }

  /** Replaces each range delete with deletes of the keys stored in its range, in place. */
  private async resolveRanges(batch: PendingBatch): Promise<{ ops: BatchOp[]; deletedKeys: number }> {
    const ops: BatchOp[] = [];
    let deletedKeys = 0;
    for (const op of batch.ops) {
      if (op.type !== "range") {
        ops.push(op);
        continue;
      }
      const keys = await this.writer.keys(op.range);
      for (const key of keys) ops.push({ type: "del", key });
      deletedKeys += keys.length;
      for (const key of keys) batch.bytes += key.length;
    }
    return { ops, deletedKeys };
  }

  private checkNotFenced(): void {
    if (this.fenceError !== undefined) throw this.fenceError;
  }
}

function inRange(key: Uint8Array, range: KeyRange): boolean {
  return compareBytes(key, range.gte) >= 0 && compareBytes(key, range.lt) < 0;
}

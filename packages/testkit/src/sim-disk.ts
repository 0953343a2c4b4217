import { assert, type Random } from "@millrace/common";
import {
  CompactedError,
  SnapshotOutOfDateError,
  SnapshotTemporarilyUnavailableError,
  UnavailableError,
  emptyHardState,
  emptySnapshot,
  limitSize,
  type ConfState,
  type Entry,
  type HardState,
  type Snapshot,
  type Storage,
} from "@millrace/raft";

/**
 * A simulated durable disk holding one node's Raft state (hard state, log, snapshot), for deterministic
 * simulation. It implements Raft's Storage over two layers:
 *
 * - what the OS holds ("current"): every write lands here at once and every read sees it;
 * - what is on the platter ("durable"): writes reach it only when a sync that was requested after them
 *   completes. A sync completes after a seeded delay (a slow disk has a longer one), and syncs complete in
 *   the order they were requested.
 *
 * A process crash loses nothing the OS holds (in-flight syncs still complete). A power loss throws away
 * every write not covered by a completed sync — or, if `partialPowerLossRate` says so, keeps a random
 * prefix of them, as an OS that flushed some of its cache in order would.
 *
 * Each write (one `write` batch, or one snapshot-and-compact) is atomic: a power loss keeps all of it or
 * none, as a single LevelDB write batch would.
 */

/** One atomic write of a Ready: snapshot, then entries, then hard state. */
export interface DiskWrite {
  readonly snapshot?: Snapshot | undefined;
  readonly entries?: readonly Entry[] | undefined;
  readonly hardState?: HardState | undefined;
}

export interface SimDiskOptions {
  readonly random: Random;
  /** Sync latency in ticks, uniform in [syncDelayMin, syncDelayMax]; 0 completes at the next advance. */
  readonly syncDelayMin?: number;
  readonly syncDelayMax?: number;
  /** Probability that a power loss keeps a random prefix of the unsynced writes instead of none. */
  readonly partialPowerLossRate?: number;
  /**
   * Probability that Storage.snapshot() answers SnapshotTemporarilyUnavailableError (a snapshot being
   * prepared), which Raft must retry later.
   */
  readonly snapshotUnavailableRate?: number;
}

/** A handle on a requested sync. */
export type SyncTicket = number;

/**
 * A whole disk image: what MemoryStorage keeps, plus a cheap clone. `ents[0]` is a placeholder holding the
 * snapshot's index and term.
 */
export class DiskImage {
  hardState: HardState = emptyHardState;
  snapshot: Snapshot = emptySnapshot;
  ents: Entry[] = [{ term: 0, index: 0, type: 0, data: new Uint8Array(0) }];

  clone(): DiskImage {
    const copy = new DiskImage();
    copy.hardState = this.hardState;
    copy.snapshot = this.snapshot;
    copy.ents = this.ents.slice();
    return copy;
  }

  get offset(): number {
    return (this.ents[0] as Entry).index;
  }

  firstIndex(): number {
    return this.offset + 1;
  }

  lastIndex(): number {
    return this.offset + this.ents.length - 1;
  }

  term(index: number): number {
    const offset = this.offset;
    if (index < offset) throw new CompactedError(index);
    if (index - offset >= this.ents.length) throw new UnavailableError(index);
    return (this.ents[index - offset] as Entry).term;
  }

  /** The term at `index`, or undefined when it is compacted or beyond the log. */
  termOrUndefined(index: number): number | undefined {
    const i = index - this.offset;
    return i < 0 || i >= this.ents.length ? undefined : (this.ents[i] as Entry).term;
  }

  /** The entry at `index` if the log holds it (not the snapshot placeholder). */
  entry(index: number): Entry | undefined {
    const i = index - this.offset;
    return i <= 0 || i >= this.ents.length ? undefined : this.ents[i];
  }

  entries(lo: number, hi: number, maxSize: number): Entry[] {
    const offset = this.offset;
    if (lo <= offset) throw new CompactedError(lo);
    if (hi > this.lastIndex() + 1) throw new UnavailableError(hi - 1);
    return limitSize(this.ents.slice(lo - offset, hi - offset), maxSize);
  }

  applySnapshot(snapshot: Snapshot): void {
    const current = this.snapshot.metadata.index;
    if (current >= snapshot.metadata.index)
      throw new SnapshotOutOfDateError(snapshot.metadata.index, current);
    this.snapshot = snapshot;
    this.ents = [
      { term: snapshot.metadata.term, index: snapshot.metadata.index, type: 0, data: new Uint8Array(0) },
    ];
  }

  /** Same semantics as MemoryStorage.append: a conflicting suffix is replaced, entries below the snapshot ignored. */
  append(entries: readonly Entry[]): void {
    if (entries.length === 0) return;
    const first = this.firstIndex();
    const last = (entries[entries.length - 1] as Entry).index;
    if (last < first) return;
    const fresh =
      first > (entries[0] as Entry).index ? entries.slice(first - (entries[0] as Entry).index) : entries;
    const at = (fresh[0] as Entry).index - this.offset;
    assert(
      at <= this.ents.length,
      () => `missing log entry [last: ${this.lastIndex()}, append at: ${(fresh[0] as Entry).index}]`,
    );
    if (at === this.ents.length) {
      for (const e of fresh) this.ents.push(e);
    } else {
      this.ents = this.ents.slice(0, at).concat(fresh);
    }
  }

  createSnapshot(index: number, confState: ConfState, data: Uint8Array): Snapshot {
    const current = this.snapshot.metadata.index;
    if (index <= current) throw new SnapshotOutOfDateError(index, current);
    assert(index <= this.lastIndex(), () => `snapshot ${index} is beyond the last index ${this.lastIndex()}`);
    this.snapshot = { metadata: { index, term: this.term(index), confState }, data };
    return this.snapshot;
  }

  compact(compactIndex: number): void {
    const offset = this.offset;
    if (compactIndex <= offset) throw new CompactedError(compactIndex);
    assert(
      compactIndex <= this.lastIndex(),
      () => `compact ${compactIndex} is out of bound lastindex(${this.lastIndex()})`,
    );
    const i = compactIndex - offset;
    const placeholder = this.ents[i] as Entry;
    this.ents = [
      { term: placeholder.term, index: placeholder.index, type: 0, data: new Uint8Array(0) },
      ...this.ents.slice(i + 1),
    ];
  }
}

interface PendingWrite {
  seq: number;
  apply: (image: DiskImage) => void;
}

interface PendingSync {
  ticket: SyncTicket;
  /** Writes with seq below this are covered. */
  covers: number;
  completesAt: number;
}

export interface DiskStats {
  writes: number;
  syncs: number;
  crashes: number;
  powerLosses: number;
  /** Writes thrown away by power losses. */
  writesLost: number;
}

export class SimDisk implements Storage {
  private current = new DiskImage();
  private durableImage = new DiskImage();
  private pendingWrites: PendingWrite[] = [];
  private syncs: PendingSync[] = [];
  private writeSeq = 0;
  private nextTicket = 1;
  /** Every ticket below this has completed (or been abandoned by a power loss, see abandonedBelow). */
  private completedBelow = 1;
  private abandoned = new Set<SyncTicket>();
  private lastCompletion = 0;
  private now = 0;
  private syncDelayMin: number;
  private syncDelayMax: number;
  private slowFactor = 1;
  private readonly random: Random;
  private readonly partialPowerLossRate: number;
  private readonly snapshotUnavailableRate: number;
  readonly stats: DiskStats = { writes: 0, syncs: 0, crashes: 0, powerLosses: 0, writesLost: 0 };

  constructor(options: SimDiskOptions) {
    this.random = options.random;
    this.syncDelayMin = options.syncDelayMin ?? 0;
    this.syncDelayMax = options.syncDelayMax ?? this.syncDelayMin;
    this.partialPowerLossRate = options.partialPowerLossRate ?? 0;
    this.snapshotUnavailableRate = options.snapshotUnavailableRate ?? 0;
    assert(
      Number.isInteger(this.syncDelayMin) && this.syncDelayMin >= 0 && this.syncDelayMax >= this.syncDelayMin,
      "sync delays must be integers with 0 ≤ min ≤ max",
    );
  }

  // ---- Storage: reads see everything the OS holds ------------------------------------------------

  initialState(): { hardState: HardState; confState: ConfState } {
    return { hardState: this.current.hardState, confState: this.current.snapshot.metadata.confState };
  }

  entries(lo: number, hi: number, maxSize: number): Entry[] {
    return this.current.entries(lo, hi, maxSize);
  }

  term(index: number): number {
    return this.current.term(index);
  }

  lastIndex(): number {
    return this.current.lastIndex();
  }

  firstIndex(): number {
    return this.current.firstIndex();
  }

  /** The latest snapshot; sometimes temporarily unavailable (see snapshotUnavailableRate). */
  snapshot(): Snapshot {
    if (this.snapshotUnavailableRate > 0 && this.random.chance(this.snapshotUnavailableRate)) {
      throw new SnapshotTemporarilyUnavailableError();
    }
    return this.current.snapshot;
  }

  /** What reads see (everything written). For checkers; do not mutate. */
  get visible(): DiskImage {
    return this.current;
  }

  /** What would survive a power loss right now. For checkers and tests; do not mutate. */
  get durable(): DiskImage {
    return this.durableImage;
  }

  /** Writes not yet covered by a completed sync. */
  get unsyncedWrites(): number {
    return this.pendingWrites.length;
  }

  // ---- writes --------------------------------------------------------------------------------------

  /** Writes one Ready's state atomically: snapshot, then entries, then hard state. */
  write(batch: DiskWrite): void {
    const { snapshot, entries, hardState } = batch;
    if (snapshot === undefined && (entries === undefined || entries.length === 0) && hardState === undefined)
      return;
    this.record((image) => {
      if (snapshot !== undefined) image.applySnapshot(snapshot);
      if (entries !== undefined) image.append(entries);
      if (hardState !== undefined) image.hardState = hardState;
    });
  }

  append(entries: readonly Entry[]): void {
    this.write({ entries });
  }

  setHardState(hardState: HardState): void {
    this.write({ hardState });
  }

  applySnapshot(snapshot: Snapshot): void {
    this.write({ snapshot });
  }

  /**
   * Records a snapshot of the application's state at `index` and, if `compactIndex` is given, discards the
   * log up to it — in one atomic write. Returns the snapshot.
   */
  createSnapshot(index: number, confState: ConfState, data: Uint8Array, compactIndex?: number): Snapshot {
    this.record((image) => {
      image.createSnapshot(index, confState, data);
      if (compactIndex !== undefined && compactIndex > image.offset) image.compact(compactIndex);
    });
    return this.current.snapshot;
  }

  compact(compactIndex: number): void {
    this.record((image) => image.compact(compactIndex));
  }

  /** Applies to what the OS holds now (throwing if the write is invalid), and queues it for the platter. */
  private record(apply: (image: DiskImage) => void): void {
    apply(this.current);
    this.pendingWrites.push({ seq: this.writeSeq++, apply });
    this.stats.writes++;
  }

  // ---- durability ----------------------------------------------------------------------------------

  /** Sync latency from now on; `slowFactor` multiplies it (a slow disk). */
  setSyncDelay(min: number, max: number): void {
    assert(
      Number.isInteger(min) && min >= 0 && max >= min,
      "sync delays must be integers with 0 ≤ min ≤ max",
    );
    this.syncDelayMin = min;
    this.syncDelayMax = max;
  }

  setSlowFactor(factor: number): void {
    assert(factor >= 1, "slow factor must be at least 1");
    this.slowFactor = factor;
  }

  get isSlow(): boolean {
    return this.slowFactor > 1;
  }

  /** Requests a sync of every write so far; it completes after the disk's delay, after earlier syncs. */
  sync(now: number): SyncTicket {
    this.advanceTo(now);
    const delay = Math.round(this.random.intBetween(this.syncDelayMin, this.syncDelayMax) * this.slowFactor);
    const completesAt = Math.max(now + delay, this.lastCompletion);
    this.lastCompletion = completesAt;
    const ticket = this.nextTicket++;
    this.syncs.push({ ticket, covers: this.writeSeq, completesAt });
    this.stats.syncs++;
    this.advanceTo(now);
    return ticket;
  }

  /** Whether the sync has completed by `now`. A sync abandoned by a power loss never completes. */
  isSynced(ticket: SyncTicket, now: number): boolean {
    this.advanceTo(now);
    return ticket < this.completedBelow && !this.abandoned.has(ticket);
  }

  /** Completes the syncs due by `now`, moving the writes they cover to the platter. */
  advanceTo(now: number): void {
    if (now > this.now) this.now = now;
    while (this.syncs.length > 0 && (this.syncs[0] as PendingSync).completesAt <= this.now) {
      const sync = this.syncs.shift() as PendingSync;
      let n = 0;
      while (n < this.pendingWrites.length && (this.pendingWrites[n] as PendingWrite).seq < sync.covers) {
        (this.pendingWrites[n] as PendingWrite).apply(this.durableImage);
        n++;
      }
      if (n > 0) this.pendingWrites = this.pendingWrites.slice(n);
      this.completedBelow = sync.ticket + 1;
    }
  }

  /**
   * Makes every write so far durable at once, outside simulated time: for setting a disk up (a node's
   * bootstrap state is on the platter before the simulation starts). Syncs in flight stay in flight.
   */
  flush(): void {
    for (const write of this.pendingWrites) write.apply(this.durableImage);
    this.pendingWrites = [];
  }

  /** A process crash: the OS keeps everything it was given, and keeps flushing it. */
  crash(): void {
    this.stats.crashes++;
  }

  /**
   * A power loss: everything not covered by a completed sync is gone (or, sometimes, all but a random
   * prefix of it), and syncs in flight never complete. Returns the number of writes lost.
   */
  powerLoss(): number {
    this.stats.powerLosses++;
    let kept = 0;
    if (this.pendingWrites.length > 0 && this.random.chance(this.partialPowerLossRate)) {
      kept = this.random.int(this.pendingWrites.length + 1);
      for (let i = 0; i < kept; i++) (this.pendingWrites[i] as PendingWrite).apply(this.durableImage);
    }
    const lost = this.pendingWrites.length - kept;
    this.stats.writesLost += lost;
    this.pendingWrites = [];
    for (const sync of this.syncs) this.abandoned.add(sync.ticket);
    this.syncs = [];
    this.completedBelow = this.nextTicket;
    this.lastCompletion = this.now;
    this.current = this.durableImage.clone();
    return lost;
  }
}

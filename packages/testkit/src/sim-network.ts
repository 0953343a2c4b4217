import { type Random } from "@millrace/common";

/**
 * A simulated network for deterministic simulation: every message gets a delivery time in ticks of the
 * simulator's clock, and may be lost, duplicated or held back (and so overtaken by later messages). Links
 * can be cut symmetrically or one way. Every random choice comes from the injected Random, so one seed
 * replays the same deliveries.
 *
 * The network never calls anybody: the simulator polls it once per tick and gets the envelopes that fell
 * due, each either delivered or dropped with a reason. Dropped envelopes are reported at the time they
 * would have arrived, which is when a real transport would notice (a timeout, a reset connection), so the
 * simulator can tell the sender (e.g. Raft's reportUnreachable / reportSnapshot).
 */

/** How a network behaves. Probabilities are per message; delays are in ticks of the simulated clock. */
export interface NetworkOptions {
  /** Smallest delivery delay. 0 means "at the next poll". */
  delayMin: number;
  /** Largest delivery delay (inclusive); delays are uniform in [delayMin, delayMax]. */
  delayMax: number;
  /** Probability a message is lost. */
  lossRate: number;
  /** Probability a message is delivered twice (the copy gets its own delay). */
  duplicateRate: number;
  /** Probability a message is held back by an extra delay in [1, reorderDelayMax], so later ones overtake it. */
  reorderRate: number;
  reorderDelayMax: number;
}

export const defaultNetworkOptions: Readonly<NetworkOptions> = Object.freeze({
  delayMin: 1,
  delayMax: 1,
  lossRate: 0,
  duplicateRate: 0,
  reorderRate: 0,
  reorderDelayMax: 0,
});

/** Why an envelope was not delivered. */
export type NetworkDropReason = "loss" | "partition";

export interface Envelope<M> {
  readonly from: number;
  readonly to: number;
  readonly message: M;
  /** Opaque to the network; the simulator uses it e.g. for the sender's incarnation. */
  readonly tag: number;
  readonly sentAt: number;
  readonly deliverAt: number;
  /** Global send order; ties at one delivery time are delivered in this order. */
  readonly seq: number;
  /** True for the extra copy of a duplicated message. */
  readonly duplicate: boolean;
}

export interface Delivery<M> {
  readonly envelope: Envelope<M>;
  /** Set when the envelope is not delivered. */
  readonly dropped?: NetworkDropReason;
}

interface Scheduled<M> {
  envelope: Envelope<M>;
  /** Loss and partitions at send time are decided then, but reported at delivery time. */
  dropped: NetworkDropReason | undefined;
}

export interface NetworkStats {
  sent: number;
  delivered: number;
  lost: number;
  partitioned: number;
  duplicated: number;
  reordered: number;
}

export class SimNetwork<M> {
  private options: NetworkOptions;
  /** Envelopes by delivery tick. */
  private readonly buckets = new Map<number, Scheduled<M>[]>();
  /** The first tick not yet polled: nothing may be scheduled before it. */
  private cursor = 0;
  private seq = 0;
  private pending = 0;
  /** blocked.get(from) holds every `to` that `from` cannot reach. */
  private readonly blocked = new Map<number, Set<number>>();
  readonly stats: NetworkStats = {
    sent: 0,
    delivered: 0,
    lost: 0,
    partitioned: 0,
    duplicated: 0,
    reordered: 0,
  };

  constructor(
    private readonly random: Random,
    options: Partial<NetworkOptions> = {},
  ) {
    this.options = checkOptions({ ...defaultNetworkOptions, ...options });
  }

  get currentOptions(): Readonly<NetworkOptions> {
    return this.options;
  }

  /** Changes how messages sent from now on behave; messages in flight keep their fate. */
  setOptions(options: Partial<NetworkOptions>): void {
    this.options = checkOptions({ ...this.options, ...options });
  }

  /** Messages scheduled and not yet polled. */
  get inFlight(): number {
    return this.pending;
  }

  send(from: number, to: number, message: M, now: number, tag = 0): void {
    const o = this.options;
    this.stats.sent++;
    const dropped: NetworkDropReason | undefined = this.isBlocked(from, to)
      ? "partition"
      : this.random.chance(o.lossRate)
        ? "loss"
        : undefined;
    this.schedule(from, to, message, now, tag, dropped, false);
    if (dropped === undefined && this.random.chance(o.duplicateRate)) {
      this.stats.duplicated++;
      this.schedule(from, to, message, now, tag, undefined, true);
    }
  }

  private schedule(
    from: number,
    to: number,
    message: M,
    now: number,
    tag: number,
    dropped: NetworkDropReason | undefined,
    duplicate: boolean,
  ): void {
    const o = this.options;
    let delay = this.random.intBetween(o.delayMin, o.delayMax);
    if (o.reorderDelayMax > 0 && this.random.chance(o.reorderRate)) {
      this.stats.reordered++;
      delay += this.random.intBetween(1, o.reorderDelayMax);
    }
    const deliverAt = Math.max(now + delay, this.cursor);
    const envelope: Envelope<M> = {
      from,
      to,
      message,
      tag,
      sentAt: now,
      deliverAt,
      seq: this.seq++,
      duplicate,
    };
    let bucket = this.buckets.get(deliverAt);
    if (bucket === undefined) {
      bucket = [];
      this.buckets.set(deliverAt, bucket);
    }
    bucket.push({ envelope, dropped });
    this.pending++;
  }

  /**
   * Everything due at or before `now`, in delivery order. A link cut while a message was in flight drops
   * it too: the partition is checked again on arrival.
   */
  poll(now: number): Delivery<M>[] {
    const out: Delivery<M>[] = [];
    for (; this.cursor <= now; this.cursor++) {
      const bucket = this.buckets.get(this.cursor);
      if (bucket === undefined) continue;
      this.buckets.delete(this.cursor);
      this.pending -= bucket.length;
      for (const { envelope, dropped } of bucket) {
        const reason = dropped ?? (this.isBlocked(envelope.from, envelope.to) ? "partition" : undefined);
        if (reason === undefined) {
          this.stats.delivered++;
          out.push({ envelope });
        } else {
          if (reason === "loss") this.stats.lost++;
          else this.stats.partitioned++;
          out.push({ envelope, dropped: reason });
        }
      }
    }
    return out;
  }

  /** Whether messages from `from` to `to` are currently dropped. */
  isBlocked(from: number, to: number): boolean {
    return this.blocked.get(from)?.has(to) ?? false;
  }

  /** Cuts the link from `from` to `to` only: `to` can still reach `from`. */
  blockOneWay(from: number, to: number): void {
    if (from === to) return;
    let set = this.blocked.get(from);
    if (set === undefined) {
      set = new Set();
      this.blocked.set(from, set);
    }
    set.add(to);
  }

  unblockOneWay(from: number, to: number): void {
    this.blocked.get(from)?.delete(to);
  }

  /** Cuts every link between a node of `a` and a node of `b`, both ways. */
  partition(a: readonly number[], b: readonly number[]): void {
    for (const x of a) {
      for (const y of b) {
        this.blockOneWay(x, y);
        this.blockOneWay(y, x);
      }
    }
  }

  /** Cuts `node` off from every node of `others`, both ways. */
  isolate(node: number, others: readonly number[]): void {
    this.partition([node], others);
  }

  /** Restores every link. Messages already dropped stay dropped. */
  heal(): void {
    this.blocked.clear();
  }

  /** The cut links, as [from, to] pairs, for traces. */
  blockedLinks(): Array<[number, number]> {
    const links: Array<[number, number]> = [];
    for (const [from, tos] of this.blocked) for (const to of tos) links.push([from, to]);
    return links.sort((x, y) => x[0] - y[0] || x[1] - y[1]);
  }
}

function checkOptions(o: NetworkOptions): NetworkOptions {
  const fail = (what: string) => {
    throw new RangeError(`network options: ${what}`);
  };
  if (!Number.isInteger(o.delayMin) || o.delayMin < 0)
    fail(`delayMin must be a non-negative integer, got ${o.delayMin}`);
  if (!Number.isInteger(o.delayMax) || o.delayMax < o.delayMin)
    fail(`delayMax must be an integer ≥ delayMin, got ${o.delayMax}`);
  if (!Number.isInteger(o.reorderDelayMax) || o.reorderDelayMax < 0)
    fail(`reorderDelayMax must be a non-negative integer`);
  for (const name of ["lossRate", "duplicateRate", "reorderRate"] as const) {
    const p = o[name];
    if (!(p >= 0 && p <= 1)) fail(`${name} must be a probability, got ${p}`);
  }
  return o;
}

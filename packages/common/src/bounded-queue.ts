import { assert } from "./assert.js";
import { ErrorCode, MillraceError } from "./errors.js";

export interface BoundedQueueOptions<T> {
  /** Names the queue in errors, e.g. `proposals/queue-7`, so an operator can tell which bound was hit. */
  readonly name: string;
  /** The most items held at once. */
  readonly itemsMax: number;
  /** The most bytes held at once, as measured by `sizeOf`. Omit both to bound by items alone. */
  readonly bytesMax?: number;
  /** One item's size in bytes; it is measured once, on offer, so later mutation cannot skew the count. */
  readonly sizeOf?: (item: T) => number;
}

const initialSlots = 16;

/**
 * A FIFO queue with fixed bounds that refuses, never grows, when full: the overflow becomes the caller's
 * typed RESOURCE_EXHAUSTED (back-pressure) instead of unbounded memory. A ring buffer gives O(1) offer and
 * poll; its storage doubles on demand up to `itemsMax`, so a mostly idle queue stays small.
 */
export class BoundedQueue<T> {
  readonly name: string;
  readonly itemsMax: number;
  /** Undefined when the queue is bounded by items alone. */
  readonly bytesMax: number | undefined;
  private readonly sizeOf: (item: T) => number;
  private items: (T | undefined)[];
  private sizes: number[];
  private head = 0;
  private count = 0;
  private byteCount = 0;

  constructor(options: BoundedQueueOptions<T>) {
    assert(
      Number.isSafeInteger(options.itemsMax) && options.itemsMax > 0,
      "itemsMax must be a positive integer",
    );
    assert(
      (options.bytesMax === undefined) === (options.sizeOf === undefined),
      "bytesMax and sizeOf go together",
    );
    if (options.bytesMax !== undefined) {
      assert(
        Number.isSafeInteger(options.bytesMax) && options.bytesMax > 0,
        "bytesMax must be a positive integer",
      );
    }
    this.name = options.name;
    this.itemsMax = options.itemsMax;
    this.bytesMax = options.bytesMax;
    this.sizeOf = options.sizeOf ?? (() => 0);
    const slots = Math.min(initialSlots, options.itemsMax);
    this.items = new Array<T | undefined>(slots).fill(undefined);
    this.sizes = new Array<number>(slots).fill(0);
  }

  /** Items held. */
  get size(): number {
    return this.count;
  }

  /** Bytes held, by `sizeOf`; always 0 for a queue bounded by items alone. */
  get bytes(): number {
    return this.byteCount;
  }

  get isEmpty(): boolean {
    return this.count === 0;
  }

  /** True when no further item can fit. A byte-bounded queue may refuse a large item before it is full. */
  get isFull(): boolean {
    return this.count === this.itemsMax || this.byteCount === this.bytesMax;
  }

  /** Appends `item` and returns true, or returns false and changes nothing when it does not fit. */
  offer(item: T): boolean {
    const itemBytes = this.measure(item);
    if (!this.fits(itemBytes)) return false;
    this.push(item, itemBytes);
    return true;
  }

  /**
   * Appends `item` or throws: RESOURCE_EXHAUSTED (retryable) when the queue is full now, PAYLOAD_TOO_LARGE
   * (not retryable) when the item exceeds `bytesMax` on its own and could never fit.
   */
  tryOffer(item: T): void {
    const itemBytes = this.measure(item);
    if (this.fits(itemBytes)) {
      this.push(item, itemBytes);
      return;
    }
    if (this.bytesMax !== undefined && itemBytes > this.bytesMax) {
      throw new MillraceError(
        ErrorCode.PAYLOAD_TOO_LARGE,
        `an item of ${itemBytes} bytes exceeds queue ${this.name}'s ${this.bytesMax}-byte bound`,
        { details: { resource: this.name, limit: this.bytesMax } },
      );
    }
    const itemsFull = this.count === this.itemsMax;
    throw new MillraceError(
      ErrorCode.RESOURCE_EXHAUSTED,
      `queue ${this.name} is full (${this.count}/${this.itemsMax} items, ${this.byteCount}/${this.bytesMax ?? "-"} bytes)`,
      {
        details: { resource: this.name, limit: itemsFull ? this.itemsMax : (this.bytesMax ?? this.itemsMax) },
      },
    );
  }

  /** The oldest item, without removing it. */
  peek(): T | undefined {
    return this.count === 0 ? undefined : this.items[this.head];
  }

  /** Removes and returns the oldest item, or undefined when empty. */
  poll(): T | undefined {
    if (this.count === 0) return undefined;
    const item = this.items[this.head];
    this.byteCount -= this.sizes[this.head] ?? 0;
    // Clear the slot so a polled item can be collected while the queue lives on.
    this.items[this.head] = undefined;
    this.head = (this.head + 1) % this.items.length;
    this.count -= 1;
    assert(this.byteCount >= 0, "byte count went negative");
    if (this.count === 0) assert(this.byteCount === 0, "an empty queue holds bytes");
    return item;
  }

  /** Removes up to `max` of the oldest items (all of them by default) and returns them oldest first. */
  drain(max: number = this.count): T[] {
    assert(
      Number.isSafeInteger(max) && max >= 0,
      () => `drain max must be a non-negative integer, got ${max}`,
    );
    const drained: T[] = [];
    while (drained.length < max && this.count > 0) {
      drained.push(this.poll() as T);
    }
    return drained;
  }

  private measure(item: T): number {
    // Undefined is what poll() returns for "empty", so it cannot be an item.
    assert(item !== undefined, "cannot queue undefined");
    const itemBytes = this.sizeOf(item);
    assert(Number.isSafeInteger(itemBytes) && itemBytes >= 0, () => `sizeOf returned ${itemBytes}`);
    return itemBytes;
  }

  private fits(itemBytes: number): boolean {
    if (this.count === this.itemsMax) return false;
    return this.bytesMax === undefined || this.byteCount + itemBytes <= this.bytesMax;
  }

  private push(item: T, itemBytes: number): void {
    if (this.count === this.items.length) this.grow();
    const tail = (this.head + this.count) % this.items.length;
    this.items[tail] = item;
    this.sizes[tail] = itemBytes;
    this.count += 1;
    this.byteCount += itemBytes;
    assert(this.count <= this.itemsMax, "queue exceeded itemsMax");
    if (this.bytesMax !== undefined) assert(this.byteCount <= this.bytesMax, "queue exceeded bytesMax");
  }

  /** Doubles storage (capped at itemsMax), unrolling the ring so the oldest item lands at index 0. */
  private grow(): void {
    assert(this.count < this.itemsMax, "grow past itemsMax");
    const length = Math.min(this.itemsMax, this.items.length * 2);
    const items = new Array<T | undefined>(length).fill(undefined);
    const sizes = new Array<number>(length).fill(0);
    for (let i = 0; i < this.count; i++) {
      const from = (this.head + i) % this.items.length;
      items[i] = this.items[from];
      sizes[i] = this.sizes[from] ?? 0;
    }
    this.items = items;
    this.sizes = sizes;
    this.head = 0;
  }
}

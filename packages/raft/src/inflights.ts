import { assert } from "@millrace/common";

/**
 * The window of append messages sent to a follower but not yet acknowledged, bounded both in count
 * and in bytes. Stored as a ring buffer of (last index, bytes) pairs in increasing index order.
 */
export class Inflights {
  private start = 0;
  private countValue = 0;
  private bytesValue = 0;
  private readonly indexes: number[];
  private readonly sizes: number[];

  constructor(
    /** Most messages in flight at once. */
    readonly size: number,
    /** Most payload bytes in flight at once; 0 means unlimited. */
    readonly maxBytes: number,
  ) {
    assert(size > 0, "inflights size must be positive");
    this.indexes = new Array<number>(size).fill(0);
    this.sizes = new Array<number>(size).fill(0);
  }

  clone(): Inflights {
    const copy = new Inflights(this.size, this.maxBytes);
    for (let i = 0; i < this.countValue; i++) {
      const slot = (this.start + i) % this.size;
      copy.add(this.indexes[slot] as number, this.sizes[slot] as number);
    }
    return copy;
  }

  get count(): number {
    return this.countValue;
  }

  get bytes(): number {
    return this.bytesValue;
  }

  /** Records a message ending at `index` carrying `bytes` of payload. Indexes must increase. */
  add(index: number, bytes: number): void {
    assert(!this.full(), "cannot add to a full inflights window");
    const slot = (this.start + this.countValue) % this.size;
    if (this.countValue > 0) {
      const last = this.indexes[(slot - 1 + this.size) % this.size] as number;
      assert(index > last, () => `inflight index ${index} does not follow ${last}`);
    }
    this.indexes[slot] = index;
    this.sizes[slot] = bytes;
    this.countValue++;
    this.bytesValue += bytes;
  }

  /** Frees every message ending at or below `index`. */
  freeLE(index: number): void {
    while (this.countValue > 0 && (this.indexes[this.start] as number) <= index) {
      this.bytesValue -= this.sizes[this.start] as number;
      this.start = (this.start + 1) % this.size;
      this.countValue--;
    }
    if (this.countValue === 0) this.start = 0;
  }

  full(): boolean {
    return this.countValue === this.size || (this.maxBytes !== 0 && this.bytesValue >= this.maxBytes);
  }

  reset(): void {
    this.start = 0;
    this.countValue = 0;
    this.bytesValue = 0;
  }
}

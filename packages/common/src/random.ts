/**
 * A seeded pseudo-random source. Everything nondeterministic in Millrace's algorithms (election
 * timeouts, simulated faults) draws from one of these so a single seed replays a run exactly.
 */
export interface Random {
  /** A uniformly distributed unsigned 32-bit integer. */
  nextUint32(): number;
  /** An integer in [0, bound). `bound` must be a positive safe integer no larger than 2^32. */
  int(bound: number): number;
  /** An integer in [min, max], both inclusive. */
  intBetween(min: number, max: number): number;
  /** True with the given probability (0 ≤ probability ≤ 1). */
  chance(probability: number): boolean;
  /** A float in [0, 1). For simulators and tests; decisions in replicated state never use floats. */
  float(): number;
  /** One element of a non-empty array. */
  pick<T>(items: readonly T[]): T;
  /** Shuffles in place (Fisher–Yates) and returns the array. */
  shuffle<T>(items: T[]): T[];
  /** An independent stream derived from this one, so subsystems do not perturb each other's draws. */
  fork(): Random;
}

const UINT32 = 0x1_0000_0000;

function splitmix32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x9e3779b9) >>> 0;
    let z = state;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b) >>> 0;
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35) >>> 0;
    return (z ^ (z >>> 16)) >>> 0;
  };
}

/**
 * A second stream with Wellons' lowbias32 finalizer and another increment. Being unrelated to
 * splitmix32, it cannot cancel it: reusing splitmix32 for the high half would let two seeds with swapped
 * halves reach the same state.
 */
function lowbias32Stream(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let z = state;
    z = Math.imul(z ^ (z >>> 16), 0x7feb352d) >>> 0;
    z = Math.imul(z ^ (z >>> 15), 0x846ca68b) >>> 0;
    return (z ^ (z >>> 16)) >>> 0;
  };
}

/** xoshiro128**: small, fast and statistically sound for simulation; seeded through splitmix32. */
export class SeededRandom implements Random {
  private s0: number;
  private s1: number;
  private s2: number;
  private s3: number;

  constructor(seed: number) {
    if (!Number.isSafeInteger(seed)) throw new RangeError(`seed must be a safe integer, got ${seed}`);
    const mix = splitmix32(seed >>> 0);
    this.s0 = mix();
    this.s1 = mix();
    this.s2 = mix();
    this.s3 = mix();
    // The high half (nonzero for seeds from 2^32 up, and for negative ones) is mixed into all 128 bits of
    // state by an unrelated function, so distinct safe-integer seeds give distinct streams. Folding the
    // halves into one 32-bit word made 17 and -18, or 1 and 2^32, replay the same run. Seeds in
    // [0, 2^32) skip this and keep the streams recorded runs were made with.
    const high = Math.floor(seed / UINT32) >>> 0;
    if (high !== 0) {
      const mixHigh = lowbias32Stream(high);
      this.s0 = (this.s0 ^ mixHigh()) >>> 0;
      this.s1 = (this.s1 ^ mixHigh()) >>> 0;
      this.s2 = (this.s2 ^ mixHigh()) >>> 0;
      this.s3 = (this.s3 ^ mixHigh()) >>> 0;
    }
    if ((this.s0 | this.s1 | this.s2 | this.s3) === 0) this.s0 = 1;
  }

  nextUint32(): number {
    const result = Math.imul(rotl(Math.imul(this.s1, 5), 7), 9) >>> 0;
    const t = this.s1 << 9;
    this.s2 ^= this.s0;
    this.s3 ^= this.s1;
    this.s1 ^= this.s2;
    this.s0 ^= this.s3;
    this.s2 ^= t;
    this.s3 = rotl(this.s3, 11);
    return result;
  }

  int(bound: number): number {
    if (!Number.isInteger(bound) || bound <= 0 || bound > UINT32) {
      throw new RangeError(`bound must be an integer in [1, 2^32], got ${bound}`);
    }
    // Rejection sampling removes the modulo bias.
    const limit = UINT32 - (UINT32 % bound);
    for (;;) {
      const value = this.nextUint32();
      if (value < limit) return value % bound;
    }
  }

  intBetween(min: number, max: number): number {
    if (max < min) throw new RangeError(`max (${max}) is below min (${min})`);
    return min + this.int(max - min + 1);
  }

  chance(probability: number): boolean {
    if (probability <= 0) return false;
    if (probability >= 1) return true;
    return this.float() < probability;
  }

  float(): number {
    return this.nextUint32() / UINT32;
  }

  pick<T>(items: readonly T[]): T {
    if (items.length === 0) throw new RangeError("cannot pick from an empty array");
    return items[this.int(items.length)] as T;
  }

  shuffle<T>(items: T[]): T[] {
    for (let i = items.length - 1; i > 0; i--) {
      const j = this.int(i + 1);
      const tmp = items[i] as T;
      items[i] = items[j] as T;
      items[j] = tmp;
    }
    return items;
  }

  fork(): Random {
    return new SeededRandom(this.nextUint32() * 0x20_0000 + (this.nextUint32() >>> 11));
  }
}

function rotl(x: number, k: number): number {
  return ((x << k) | (x >>> (32 - k))) >>> 0;
}

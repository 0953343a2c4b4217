import { EntryType, type Entry } from "@millrace/raft";
import { entryKey } from "../raft-history-checker.js";

const encoder = new TextEncoder();
const decoder = new TextDecoder();

/**
 * The simulator's replicated state machine: the payloads of the normal entries applied so far, and a
 * running hash over every applied entry (index and content), so two replicas at the same index can be
 * compared in O(1). Its snapshot is the whole state, JSON-encoded.
 */
export class AppliedLog {
  constructor(
    /** The index of the last entry reflected in this state. */
    public index: number,
    public hash: number,
    readonly payloads: string[],
  ) {}

  static empty(): AppliedLog {
    return new AppliedLog(0, 0, []);
  }

  /** The state a bootstrapped cluster starts from, at `index`. */
  static bootstrap(index: number): AppliedLog {
    return new AppliedLog(index, stateHash(0, index, "bootstrap"), []);
  }

  /** Applies the entry at index + 1; returns the entry's payload if it carried one. */
  apply(entry: Entry): string | undefined {
    if (entry.index !== this.index + 1) {
      throw new Error(`applied entry ${entry.index} out of order: state is at ${this.index}`);
    }
    this.index = entry.index;
    this.hash = stateHash(this.hash, entry.index, entryKey(entry));
    if (entry.type !== EntryType.Normal || entry.data.byteLength === 0) return undefined;
    const payload = decoder.decode(entry.data);
    this.payloads.push(payload);
    return payload;
  }

  encode(): Uint8Array {
    return encoder.encode(JSON.stringify({ index: this.index, hash: this.hash, payloads: this.payloads }));
  }

  static decode(data: Uint8Array): AppliedLog {
    if (data.byteLength === 0) return AppliedLog.empty();
    const value = JSON.parse(decoder.decode(data)) as { index: number; hash: number; payloads: string[] };
    return new AppliedLog(value.index, value.hash, value.payloads);
  }
}

/** The state hash after applying `key` at `index` to a state with hash `previous` (53-bit cyrb53-style). */
export function stateHash(previous: number, index: number, key: string): number {
  let h1 = (0xdeadbeef ^ (previous >>> 0)) >>> 0;
  let h2 = (0x41c6ce57 ^ Math.floor(previous / 0x1_0000_0000) ^ index) >>> 0;
  const mix = (code: number) => {
    h1 = Math.imul(h1 ^ code, 2654435761);
    h2 = Math.imul(h2 ^ code, 1597334677);
  };
  mix(index & 0xffff);
  mix(index >>> 16);
  for (let i = 0; i < key.length; i++) mix(key.charCodeAt(i));
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507);
  h1 ^= Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507);
  h2 ^= Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return 4294967296 * (2097151 & h2) + (h1 >>> 0);
}

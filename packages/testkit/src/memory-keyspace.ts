import { type StateReader, type StateWriter } from "@millrace/common";

/**
 * A sorted in-memory keyspace standing in for a group's LevelDB range in state machine tests: writes
 * apply at once, reads see them in key order.
 */
export class MemoryKeyspace implements StateWriter, StateReader {
  readonly rows = new Map<string, { key: Uint8Array; value: Uint8Array }>();

  put(key: Uint8Array, value: Uint8Array): void {
    // Copies, as the node's keyspace does (StateWriter.put): callers may pass views they reuse.
    this.rows.set(hex(key), { key: key.slice(), value: value.slice() });
  }

  del(key: Uint8Array): void {
    this.rows.delete(hex(key));
  }

  getSync(key: Uint8Array): Uint8Array | undefined {
    return this.rows.get(hex(key))?.value;
  }

  get(key: Uint8Array): Promise<Uint8Array | undefined> {
    return Promise.resolve(this.rows.get(hex(key))?.value);
  }

  range(from: Uint8Array, to: Uint8Array, limit: number): Promise<{ key: Uint8Array; value: Uint8Array }[]> {
    const lo = hex(from);
    const hi = hex(to);
    const keys = [...this.rows.keys()].filter((k) => k >= lo && k < hi).sort();
    return Promise.resolve(
      keys.slice(0, limit).map((k) => this.rows.get(k) as { key: Uint8Array; value: Uint8Array }),
    );
  }
}

/** Hex sorts like the bytes it encodes, so string order is key order. */
function hex(bytes: Uint8Array): string {
  return Buffer.from(bytes).toString("hex");
}

/**
 * Which partition a key (a FIFO queue's MessageGroupId, a topic's ordering key) belongs to. The gateway and
 * the SDK both compute it, so a client can send straight to the partition's leader and the gateway agrees.
 * FNV-1a over the key's UTF-8 bytes: stable across versions and platforms, cheap, and well spread for the
 * short ids it sees. Changing it would reorder existing FIFO groups across partitions, so it never changes.
 */
export function partitionOfKey(key: string, partitions: number): number {
  if (!Number.isSafeInteger(partitions) || partitions < 1) {
    throw new RangeError(`partitions must be a positive integer, got ${partitions}`);
  }
  let hash = 0x811c9dc5;
  for (const byte of new TextEncoder().encode(key)) {
    hash ^= byte;
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash % partitions;
}

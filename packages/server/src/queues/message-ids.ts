import { randomFillSync, randomUUID } from "node:crypto";

/** The largest time a UUIDv7 holds: 48 bits of milliseconds. */
const timeMsMax = 2 ** 48 - 1;

/**
 * A message id: a UUIDv7 (RFC 9562), the time in milliseconds in the first 48 bits and 74 random bits
 * after it. A partition stores a message under keys that begin with its id, so ids that follow the clock
 * make a partition's new keys sort together: LevelDB's compactions then move its fresh files down rather
 * than merge them into keys spread across the whole id space, as random (v4) ids do. The random bits keep
 * ids unguessable, and unique: the partition does not look for an earlier message with the same id
 * (see apply-send.ts).
 */
export function timeOrderedMessageId(nowMs: number): string {
  // randomUUID draws from a cached pool of entropy: cheaper than randomBytes(10) for every message.
  const random = randomUUID();
  const time = Math.min(Math.max(Math.floor(nowMs), 0), timeMsMax)
    .toString(16)
    .padStart(12, "0");
  // Layout xxxxxxxx-xxxx-Vxxx-…: the time takes the first 12 hex digits, version 7 replaces the 4.
  return `${time.slice(0, 8)}-${time.slice(8)}-7${random.slice(15)}`;
}

/** Random bytes drawn ahead for receiveNonce, and how far they are used. */
const noncePool = new Uint8Array(4096);
let noncePoolUsed = noncePool.length;

/**
 * A receive's nonce: 16 random bytes, which tell its receipt handles from an earlier receive's of the
 * same message. Cut from a pool refilled from the CSPRNG a page at a time: randomBytes(16) cost about
 * 6 µs of CPU a call here, a slice of the pool 0.2.
 */
export function receiveNonce(): Uint8Array {
  if (noncePoolUsed + 16 > noncePool.length) {
    randomFillSync(noncePool);
    noncePoolUsed = 0;
  }
  noncePoolUsed += 16;
  // A copy: the pool is refilled, and the nonce is kept in the receive's command and its messages' metas.
  return noncePool.slice(noncePoolUsed - 16, noncePoolUsed);
}

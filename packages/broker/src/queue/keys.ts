import { concatBytes } from "@millrace/common";
import { readU64, u64, utf8, writeU64 } from "./bytes.js";

/**
 * The keyspace of one queue partition. One byte of prefix per kind; numbers are 8-byte big-endian so key
 * order is numeric order; strings that are not last in a key carry a 2-byte length so no id can run into
 * the next field.
 *
 *   S                          → summary: config, counters, sequence counter, purge watermark, clock
 *   h sec                      → counts of delayed and in-flight messages becoming visible in that second
 *   m id                       → message metadata (small, rewritten on every receive)
 *   b id                       → message body and attributes (written once)
 *   v visibleAtMs seq          → id and sent time of every live message: the receive scan
 *   t retainFromMs seq         → id of every stored message: the retention and purge scans
 *   g groupLen group seq       → id of every live FIFO message of a group, in send order
 *   G group                    → a FIFO group's in-flight messages (from its last receive)
 *   o seq                      → id of a message waiting to be moved to the dead-letter queue
 *   d scopeLen scope dedupId   → a FIFO deduplication record
 *   k originalMessageId        → a moved-in message, so a repeated move is not stored twice
 *   a attemptId                → a FIFO ReceiveRequestAttemptId and what it returned
 *   x expiresAtMs key          → a d, k or a record to delete once it expires
 */
export const Prefix = {
  summary: 0x53,
  bucket: 0x68,
  meta: 0x6d,
  body: 0x62,
  visibility: 0x76,
  retention: 0x74,
  groupMessage: 0x67,
  group: 0x47,
  outbox: 0x6f,
  dedup: 0x64,
  moved: 0x6b,
  attempt: 0x61,
  expiry: 0x78,
} as const;

const one = (prefix: number): Uint8Array => new Uint8Array([prefix]);

export const summaryKey = one(Prefix.summary);

export function bucketKey(second: number): Uint8Array {
  return concatBytes([one(Prefix.bucket), u64(second)]);
}

export function metaKey(id: string): Uint8Array {
  return prefixedText(Prefix.meta, id);
}

export function bodyKey(id: string): Uint8Array {
  return prefixedText(Prefix.body, id);
}

export function visibilityKey(visibleAtMs: number, seq: number): Uint8Array {
  return prefixedPair(Prefix.visibility, visibleAtMs, seq);
}

export function visibleAtOfKey(key: Uint8Array): number {
  return readU64(key, 1);
}

export function retentionKey(retainFromMs: number, seq: number): Uint8Array {
  return prefixedPair(Prefix.retention, retainFromMs, seq);
}

// The keys every message writes, built in one allocation each (they are made for every message on every
// replica, several times per message).

function prefixedText(prefix: number, text: string): Uint8Array {
  // Sized and copied for ASCII (message ids are); other text takes the general path. A loop rather than
  // TextEncoder.encodeInto(text, out.subarray(1)): subarray() of a small Uint8Array makes V8 move its
  // bytes out of the heap into a malloc'd store, which cost more than building the key.
  const out = new Uint8Array(1 + text.length);
  out[0] = prefix;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code >= 0x80) return concatBytes([one(prefix), utf8(text)]);
    out[i + 1] = code;
  }
  return out;
}

function prefixedPair(prefix: number, first: number, second: number): Uint8Array {
  const out = new Uint8Array(17);
  out[0] = prefix;
  writeU64(out, 1, first);
  writeU64(out, 9, second);
  return out;
}

export function seqOfRetentionKey(key: Uint8Array): number {
  return readU64(key, 9);
}

function lengthPrefixed(text: string): Uint8Array {
  const bytes = utf8(text);
  return concatBytes([new Uint8Array([bytes.length >> 8, bytes.length & 0xff]), bytes]);
}

export function groupPrefix(groupId: string): Uint8Array {
  return concatBytes([one(Prefix.groupMessage), lengthPrefixed(groupId)]);
}

export function groupMessageKey(groupId: string, seq: number): Uint8Array {
  return concatBytes([groupPrefix(groupId), u64(seq)]);
}

export function groupKey(groupId: string): Uint8Array {
  return concatBytes([one(Prefix.group), utf8(groupId)]);
}

export function outboxKey(seq: number): Uint8Array {
  return concatBytes([one(Prefix.outbox), u64(seq)]);
}

export function dedupKey(scope: string, dedupId: string): Uint8Array {
  return concatBytes([one(Prefix.dedup), lengthPrefixed(scope), utf8(dedupId)]);
}

export function movedKey(originalMessageId: string): Uint8Array {
  return concatBytes([one(Prefix.moved), utf8(originalMessageId)]);
}

export function attemptKey(attemptId: string): Uint8Array {
  return concatBytes([one(Prefix.attempt), utf8(attemptId)]);
}

export function expiryKey(expiresAtMs: number, key: Uint8Array): Uint8Array {
  return concatBytes([one(Prefix.expiry), u64(expiresAtMs), key]);
}

/** The record key an expiry entry points at. */
export function keyOfExpiryKey(key: Uint8Array): Uint8Array {
  return key.slice(9);
}

/** The first key after every key that starts with `prefix`: the exclusive end of a prefix scan. */
export function prefixEnd(prefix: Uint8Array): Uint8Array {
  const end = prefix.slice();
  for (let i = end.length - 1; i >= 0; i--) {
    if ((end[i] as number) < 0xff) {
      end[i] = (end[i] as number) + 1;
      return end.slice(0, i + 1);
    }
  }
  return new Uint8Array([0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff]);
}

export function prefixStart(prefix: number): Uint8Array {
  return one(prefix);
}

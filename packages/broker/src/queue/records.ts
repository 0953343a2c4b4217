import { assert, decodeView, encodeView } from "@millrace/common";
import { type MessageAttributes } from "./message-attributes.js";
import { type QueueConfig } from "./queue-config.js";

/**
 * The records a queue partition stores. They are written only by apply, so a record that does not decode
 * to its shape means corrupted state: an assertion, not a rejection.
 */

export const MessageState = { live: "live", deadLettering: "dead-lettering" } as const;
export type MessageState = (typeof MessageState)[keyof typeof MessageState];

/** What changes as a message moves through the queue; small, so receives rewrite little. */
export interface MessageMeta {
  readonly seq: number;
  /** SentTimestamp: when it was sent, or for a dead-lettered or redriven message, when it was first sent. */
  readonly sentMs: number;
  /** Where retention counts from; the `t` index is keyed by it. */
  readonly retainFromMs: number;
  readonly visibleAtMs: number;
  readonly receiveCount: number;
  /** ApproximateFirstReceiveTimestamp; 0 until the first receive. */
  readonly firstReceiveMs: number;
  /**
   * The second whose visibility bucket counts this message (delayed or in flight), or 0 when none does:
   * kept so that leaving the bucket is decided from stored state, not from timing.
   */
  readonly countedSecond: number;
  /** When the current receive happened: the 12-hour visibility cap counts from it. */
  readonly lastReceiveMs: number;
  /** The current receive's nonce, so only its receipt handle passes where AWS wants the latest. */
  readonly nonce?: Uint8Array;
  readonly state: MessageState;
  readonly groupId?: string;
  readonly dedupId?: string;
}

/** What a message was sent with; written once. */
export interface MessageBody {
  readonly body: Uint8Array;
  readonly md5OfBody: string;
  readonly attributes?: MessageAttributes;
  readonly md5OfMessageAttributes?: string;
  readonly traceHeader?: string;
  /** DeadLetterQueueSourceArn: the queue a dead-lettered message came from. */
  readonly deadLetterSource?: string;
  /** The message id it had in its source queue, for redrive. */
  readonly originalMessageId?: string;
}

export interface Summary {
  readonly queueName: string;
  readonly config: QueueConfig | undefined;
  /** The latest time any command was stamped with; time in the partition never goes backwards. */
  readonly clockMs: number;
  readonly nextSeq: number;
  /** Messages with seq at or below this were purged; cleanup deletes their keys later. */
  readonly purgedThroughSeq: number;
  /** When the last purge happened, or -1: AWS allows one purge a minute. */
  readonly lastPurgeMs: number;
  readonly createdMs: number;
  readonly lastModifiedMs: number;
  /** Messages stored and not purged or cleaned up, those being dead-lettered included. */
  readonly stored: number;
  readonly deadLettering: number;
}

export function initialSummary(): Summary {
  return {
    queueName: "",
    config: undefined,
    clockMs: 0,
    nextSeq: 1,
    purgedThroughSeq: 0,
    lastPurgeMs: -1,
    createdMs: 0,
    lastModifiedMs: 0,
    stored: 0,
    deadLettering: 0,
  };
}

export interface VisibilityEntry {
  readonly id: string;
  readonly retainFromMs: number;
  readonly groupId?: string;
  /**
   * The message's receive count when the entry was written (every receive rewrites the entry), so the
   * search for messages over the redrive policy's count skips the rest without reading their meta.
   * Undefined in entries written before it was stored.
   */
  readonly receiveCount?: number;
}

export interface GroupRecord {
  /** Ids from the group's latest receive; the group is locked while any of them is in flight. */
  readonly inflight: readonly string[];
}

export interface DedupRecord {
  readonly messageId: string;
  readonly seq: number;
  readonly expiresAtMs: number;
}

export interface MovedRecord {
  readonly messageId: string;
  readonly seq: number;
  readonly expiresAtMs: number;
}

export interface AttemptRecord {
  readonly expiresAtMs: number;
  readonly nonce: Uint8Array;
  readonly items: readonly { readonly id: string; readonly receiveCount: number }[];
}

export interface BucketCounts {
  readonly delayed: number;
  readonly inflight: number;
}

/** A record's bytes for StateWriter.put, which copies them (so they need not be a copy of their own). */
export function encodeRecord(record: object): Uint8Array {
  return encodeView(record);
}

export function decodeRecord<T extends object>(bytes: Uint8Array, kind: string): T {
  // Stored values are never written again (LevelDB's are fresh copies, staged ones sealed records), so
  // binary fields, a message body above all, can be views rather than copies.
  const value = decodeView(bytes);
  assert(typeof value === "object" && value !== null, () => `stored ${kind} record is not an object`);
  return value as T;
}

/** Records with an expiry carry it in the same field, so cleanup can check any of them alike. */
export function expiresAtOf(bytes: Uint8Array): number {
  const { expiresAtMs } = decodeRecord<{ expiresAtMs: unknown }>(bytes, "expiring");
  assert(typeof expiresAtMs === "number", "expiring record without expiresAtMs");
  return expiresAtMs;
}

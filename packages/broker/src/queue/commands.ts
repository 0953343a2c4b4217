import { encode, type ApplyResult, type ErrorCode } from "@millrace/common";
import { type MessageAttributes } from "./message-attributes.js";
import { type QueueConfig } from "./queue-config.js";

/**
 * The commands a queue partition's Raft group replicates. The proposer (the partition's leader) stamps
 * `nowMs`, chooses message ids and receipt-handle nonces, and picks receive candidates with the async
 * leader-side reads; apply re-checks everything, so a stale or hostile command is harmless.
 */
export type QueueCommand =
  | ConfigureCommand
  | SendCommand
  | ReceiveCommand
  | DeleteCommand
  | ChangeVisibilityCommand
  | PurgeCommand
  | CleanupCommand
  | DeadLetterCommand
  | DeadLetterDoneCommand
  | RedriveDoneCommand
  | BatchCommand;

/** Sets the queue's attributes: when the queue is created and whenever SetQueueAttributes changes them. */
export interface ConfigureCommand {
  readonly type: "configure";
  readonly nowMs: number;
  readonly queueName: string;
  readonly config: QueueConfig;
}

export interface SendCommand {
  readonly type: "send";
  readonly nowMs: number;
  /** 1 to 10 entries, each accepted or rejected on its own. */
  readonly entries: readonly SendEntry[];
}

export interface SendEntry {
  /** The batch entry id the results refer to. */
  readonly entryId: string;
  /**
   * Chosen by the proposer, unique: the server's are UUIDv7s, 74 of their bits random. Apply does not
   * look for a stored message with the same id (a point read that misses, on every replica, for every
   * message): Raft applies an entry once, and the server proposes a send once, retrying only after a
   * failure that proves it was not applied, and then with new ids.
   */
  readonly messageId: string;
  readonly body: Uint8Array;
  /**
   * The body's MD5 in lowercase hex, computed once by the proposer (natively, where the broker may not
   * reach node:crypto) so that no replica hashes every body again in JavaScript. Apply computes it when
   * absent; it is a checksum for SQS clients, and the log makes it the same on every replica.
   */
  readonly md5OfBody?: string;
  readonly messageAttributes?: MessageAttributes;
  /** Only AWSTraceHeader, as SQS allows. */
  readonly messageSystemAttributes?: MessageAttributes;
  /** Overrides the queue's DelaySeconds; standard queues only, as in SQS. */
  readonly delaySeconds?: number;
  readonly groupId?: string;
  readonly dedupId?: string;
  /** Set when the server moves a message here from another queue (dead-lettering or redrive). */
  readonly movedFrom?: MovedFrom;
}

export interface MovedFrom {
  /** A dead-lettered message records its source as DeadLetterQueueSourceArn; a redriven one does not. */
  readonly kind: "dead-letter" | "redrive";
  readonly sourceQueue: string;
  /** Moves are idempotent on it: the server may repeat a move after a failover. */
  readonly originalMessageId: string;
  /** The message keeps its first SentTimestamp, and on standard queues its retention counts from it. */
  readonly originalSentTimestamp: number;
}

/**
 * Receives the candidates the leader picked with `findReceivable` at the same `nowMs`. Apply receives
 * only those still receivable at `nowMs`, so a stale pick is dropped rather than received twice.
 */
export interface ReceiveCommand {
  readonly type: "receive";
  readonly nowMs: number;
  readonly candidates: readonly string[];
  /** Overrides the queue's VisibilityTimeout for this receive. */
  readonly visibilityTimeoutSeconds?: number;
  /** Random bytes chosen by the proposer; receipt handles carry them so they cannot be guessed. */
  readonly nonce: Uint8Array;
  /** FIFO: a retried receive with the same id within five minutes returns the same messages. */
  readonly receiveAttemptId?: string;
}

export interface DeleteCommand {
  readonly type: "delete";
  readonly nowMs: number;
  readonly entries: readonly { readonly entryId: string; readonly receiptHandle: string }[];
}

export interface ChangeVisibilityCommand {
  readonly type: "change-visibility";
  readonly nowMs: number;
  readonly entries: readonly {
    readonly entryId: string;
    readonly receiptHandle: string;
    readonly visibilityTimeoutSeconds: number;
  }[];
}

/** Makes every message sent so far gone at once; `cleanup` deletes their keys later. */
export interface PurgeCommand {
  readonly type: "purge";
  readonly nowMs: number;
}

/**
 * Deletes the keys of messages that are purged or past retention, and of expired deduplication, move and
 * receive-attempt records, as found by `findGarbage`. Entries that are no longer garbage are skipped.
 */
export interface CleanupCommand {
  readonly type: "cleanup";
  readonly nowMs: number;
  readonly messageIds: readonly string[];
  /** Expiry-index keys (`x`) that are due; their deduplication, move or receive-attempt records go with them. */
  readonly recordKeys: readonly Uint8Array[];
}

/**
 * Moves visible messages that have used up their receives to the dead-letter outbox without waiting for
 * the next receive (`findOverReceived` finds them), so they reach the dead-letter queue promptly.
 */
export interface DeadLetterCommand {
  readonly type: "dead-letter";
  readonly nowMs: number;
  readonly messageIds: readonly string[];
}

/** The server stored these outbox messages in the dead-letter queue; delete them here. */
export interface DeadLetterDoneCommand {
  readonly type: "dead-letter-done";
  readonly nowMs: number;
  readonly messageIds: readonly string[];
}

/** A message move task copied these messages elsewhere; delete them here. Idempotent. */
export interface RedriveDoneCommand {
  readonly type: "redrive-done";
  readonly nowMs: number;
  readonly messageIds: readonly string[];
}

/**
 * Several client operations in one entry, which the leader forms under load. They share the entry's
 * `nowMs` and apply in order, each exactly as if it were an entry of its own at that time: a rejected one
 * (malformed included) rejects alone, and the others see what the earlier ones wrote.
 */
export interface BatchCommand {
  readonly type: "batch";
  readonly nowMs: number;
  /**
   * Each an encoded BatchedCommand (`encodeBatchedCommand`), decoded only as it is applied, so that one
   * command that does not parse fails alone instead of taking every other caller's down with it.
   */
  readonly commands: readonly Uint8Array[];
}

/** The operations a batch may hold: those clients call at a high rate. Each takes the batch's time. */
export type BatchedCommand =
  | Omit<SendCommand, "nowMs">
  | Omit<ReceiveCommand, "nowMs">
  | Omit<DeleteCommand, "nowMs">
  | Omit<ChangeVisibilityCommand, "nowMs">;

export type BatchedResult = SendResult | ReceiveResult | DeleteResult | ChangeVisibilityResult;

export interface BatchResult {
  readonly type: "batch";
  /** One per command, in the batch's order. */
  readonly results: readonly ApplyResult<BatchedResult>[];
}

export type QueueResult =
  | { readonly type: "configure" }
  | SendResult
  | ReceiveResult
  | DeleteResult
  | ChangeVisibilityResult
  | { readonly type: "purge"; readonly purgedThroughSeq: number }
  | { readonly type: "cleanup"; readonly removedMessages: number; readonly removedRecords: number }
  | { readonly type: "dead-letter"; readonly deadLettered: readonly string[] }
  | { readonly type: "dead-letter-done"; readonly removed: number }
  | { readonly type: "redrive-done"; readonly removed: number }
  | BatchResult;

export interface EntryFailure {
  readonly entryId: string;
  readonly ok: false;
  readonly code: ErrorCode;
  readonly message: string;
  /** The request field at fault, when one is. */
  readonly field?: string;
}

export interface SendEntrySuccess {
  readonly entryId: string;
  readonly ok: true;
  readonly messageId: string;
  readonly md5OfMessageBody: string;
  readonly md5OfMessageAttributes?: string;
  readonly md5OfMessageSystemAttributes?: string;
  /** FIFO only. */
  readonly sequenceNumber?: string;
  /** True when deduplication (or a repeated message id or move) returned an earlier message. */
  readonly duplicate: boolean;
}

export interface SendResult {
  readonly type: "send";
  readonly entries: readonly (SendEntrySuccess | EntryFailure)[];
  /** A stored message is receivable now: long polls should wake. */
  readonly available: boolean;
  /** The earliest a delayed message of this batch becomes visible, for long-poll timers. */
  readonly nextVisibleAtMs?: number;
}

export interface ReceivedMessage {
  readonly messageId: string;
  readonly receiptHandle: string;
  readonly body: Uint8Array;
  readonly md5OfBody: string;
  readonly md5OfMessageAttributes?: string;
  readonly messageAttributes: MessageAttributes;
  /** System attributes by their SQS names, formatted as SQS formats them. */
  readonly attributes: Readonly<Record<string, string>>;
}

export interface ReceiveResult {
  readonly type: "receive";
  readonly messages: readonly ReceivedMessage[];
  /** Candidates that had used up their receives and went to the dead-letter outbox instead. */
  readonly deadLettered: readonly string[];
}

/** One entry's outcome in a delete or change-visibility batch. */
export type EntryOutcome = { readonly entryId: string; readonly ok: true } | EntryFailure;

export interface EntriesResult<T extends string> {
  readonly type: T;
  readonly entries: readonly EntryOutcome[];
}

export interface DeleteResult extends EntriesResult<"delete"> {
  /**
   * A message may be receivable that was not: on a FIFO queue a deletion may have unlocked a group, and
   * on a partition at its in-flight cap a deletion of a message in flight makes room for one more.
   */
  readonly available: boolean;
}

export interface ChangeVisibilityResult extends EntriesResult<"change-visibility"> {
  /** Some message became visible at once (timeout 0): long polls should wake. */
  readonly available: boolean;
}

export function encodeQueueCommand(command: QueueCommand): Uint8Array {
  return encode(command);
}

export function encodeBatchedCommand(command: BatchedCommand): Uint8Array {
  return encode(command);
}

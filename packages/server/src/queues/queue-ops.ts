import {
  type QueueConfig,
  type ReceivedMessage,
  type SendEntry,
  type SendEntrySuccess,
  type EntryFailure,
} from "@millrace/broker";

/**
 * What a node asks of a queue partition's leader (run locally or forwarded over the peer link). The
 * leader turns these into Raft commands: it stamps the time, chooses message ids and receipt nonces, and
 * picks receive candidates from its own state.
 */
export type QueueOp =
  | { readonly type: "configure"; readonly queueName: string; readonly config: QueueConfig }
  | { readonly type: "send"; readonly queueName: string; readonly entries: readonly SendInput[] }
  | {
      readonly type: "receive";
      readonly max: number;
      readonly visibilityTimeoutSeconds?: number;
      readonly attemptId?: string;
    }
  /** Long polling: resolves with true as soon as a message is receivable, false when `waitMs` passes. */
  | { readonly type: "wait"; readonly waitMs: number }
  | { readonly type: "delete"; readonly entries: readonly { entryId: string; receiptHandle: string }[] }
  | {
      readonly type: "change-visibility";
      readonly entries: readonly {
        entryId: string;
        receiptHandle: string;
        visibilityTimeoutSeconds: number;
      }[];
    }
  | { readonly type: "purge" }
  | { readonly type: "stats" };

/** A message to send; the partition's leader chooses its message id. */
export type SendInput = Omit<SendEntry, "messageId">;

export type SendOutcome = SendEntrySuccess | EntryFailure;
export type EntryOutcome = { readonly entryId: string; readonly ok: true } | EntryFailure;

export interface PartitionStats {
  readonly visible: number;
  readonly notVisible: number;
  readonly delayed: number;
}

export type { ReceivedMessage };

import {
  type MessageAttributes,
  type MovedFrom,
  type QueueConfig,
  type ReceivedMessage,
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

export interface SendInput {
  readonly entryId: string;
  readonly body: Uint8Array;
  readonly messageAttributes?: MessageAttributes;
  readonly messageSystemAttributes?: MessageAttributes;
  readonly delaySeconds?: number;
  readonly groupId?: string;
  readonly dedupId?: string;
  /** Set when a message moves here from another queue (dead-lettering): idempotent on its original id. */
  readonly movedFrom?: MovedFrom;
}

export type SendOutcome = SendEntrySuccess | EntryFailure;
export type EntryOutcome = { readonly entryId: string; readonly ok: true } | EntryFailure;

export interface PartitionStats {
  readonly visible: number;
  readonly notVisible: number;
  readonly delayed: number;
}

export type { ReceivedMessage };

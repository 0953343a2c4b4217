import { limits } from "@millrace/common";
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
      /**
       * Only replays FIFO receive attempt `attemptId` if this partition served it; takes nothing new. A
       * retried receive asks every partition so first: the one that served it may not come first.
       */
      readonly replayOnly?: true;
    }
  /**
   * Long polling: resolves with true as soon as a message is receivable, false when `waitMs` (at most
   * `waitMsMax`) passes.
   */
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

/** The longest wait: ReceiveMessage's WaitTimeSeconds cap, so a long poll's waiter cannot outlive it. */
export const waitMsMax = limits.waitTimeSecondsMax * 1000;

/**
 * Whether running `op` again after an unknown outcome is harmless and gives the answer the first run
 * would have: then the partition router may retry it after any retryable failure, else only after one that
 * proves it did not happen. A delete is (deleting a message already gone succeeds). A visibility change is
 * not: if the first run made the message visible, the second answers MESSAGE_NOT_INFLIGHT, telling the
 * caller it failed when it worked. Sends, receives and purges change state each time they run.
 */
export function isIdempotent(op: QueueOp): boolean {
  switch (op.type) {
    case "configure":
    case "wait":
    case "delete":
    case "stats":
      return true;
    case "send":
    case "receive":
    case "change-visibility":
    case "purge":
      return false;
  }
}

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

import { encode } from "@millrace/common";
import {
  type GroupRecord,
  type MoveTaskRecord,
  type NodeRecord,
  type ResourceKind,
  type ResourceRecord,
} from "./records.js";

/** A founding node as the first meta leader records it. */
export interface BootstrapNode {
  readonly nodeId: number;
  readonly peerAddress: string;
  readonly clientAddress: string;
  readonly httpAddress: string;
  readonly zone?: string;
}

/** A group that exists from the start: the meta group itself and the default log. */
export interface BootstrapGroup {
  readonly groupId: number;
  readonly kind: "meta" | "log";
  readonly voters: readonly number[];
}

/** One group a node leads, as its heartbeat reports it. */
export interface LeaderReport {
  readonly groupId: number;
  readonly term: number;
  /** Only reports with `leader: true` are recorded; others are ignored. */
  readonly leader: boolean;
  readonly voters: readonly number[];
  readonly learners: readonly number[];
}

/**
 * What the meta group applies. Every command that depends on time carries `nowMs`, stamped by the
 * proposer. Every command is safe to apply twice: a proposal retried after a lost answer, or a plan step
 * re-proposed by the next meta leader, finds its work done and answers as the first time did (except
 * `bootstrap`, whose repeat is ALREADY_EXISTS, harmlessly).
 */
export type MetaCommand =
  | {
      readonly type: "bootstrap";
      readonly clusterId: string;
      readonly nowMs: number;
      readonly nodes: readonly BootstrapNode[];
      readonly groups: readonly BootstrapGroup[];
    }
  | {
      readonly type: "register-node";
      readonly nowMs: number;
      /** Chosen by the joining node and kept across its retries, so a retried join gets the same id. */
      readonly joinToken: string;
      readonly peerAddress: string;
      readonly clientAddress: string;
      readonly httpAddress: string;
      readonly zone?: string;
    }
  | { readonly type: "remove-node"; readonly nodeId: number }
  | {
      readonly type: "set-node-addresses";
      readonly nodeId: number;
      readonly peerAddress: string;
      readonly clientAddress: string;
      readonly httpAddress: string;
    }
  /** An empty zone clears it. */
  | { readonly type: "set-node-zone"; readonly nodeId: number; readonly zone: string }
  | {
      readonly type: "node-heartbeat";
      readonly nodeId: number;
      readonly nowMs: number;
      /** The groups this node leads. Reports older than the recorded term are ignored. */
      readonly groups: readonly LeaderReport[];
    }
  | {
      readonly type: "set-group-voters";
      readonly groupId: number;
      readonly voters: readonly number[];
      /**
       * Applies only if the group's voters are still these (in any order), so a plan computed on older
       * state cannot undo a newer decision; a mismatch is ABORTED. A group that already has `voters`
       * answers ok either way, so a re-proposed step is harmless.
       */
      readonly expectVoters?: readonly number[];
    }
  /** `nodeId` must be one of the group's voters; 0 clears the preference. */
  | { readonly type: "set-preferred-leader"; readonly groupId: number; readonly nodeId: number }
  | {
      readonly type: "create-resource";
      readonly nowMs: number;
      readonly kind: ResourceKind;
      readonly name: string;
      readonly attributes?: Readonly<Record<string, string>>;
      readonly tags?: Readonly<Record<string, string>>;
      /** Default 1. When given, a repeated create must match it to be idempotent. */
      readonly partitions?: number;
      /**
       * Default `limits.replicationFactorDefault`, lowered to the number of live nodes (a single node runs
       * with 1). When given, it must not exceed the live nodes, and a repeated create must match it.
       */
      readonly replicationFactor?: number;
      /**
       * The proposer's node liveness window: nodes not heard from within it of `nowMs` get no replicas.
       * Omitted, every active node is a candidate.
       */
      readonly deadAfterMs?: number;
    }
  | {
      readonly type: "delete-resource";
      readonly nowMs: number;
      readonly kind: ResourceKind;
      readonly name: string;
    }
  | {
      readonly type: "set-resource-attributes";
      /** When given, recorded as the resource's `modifiedAtMs` (SQS's LastModifiedTimestamp). */
      readonly nowMs?: number;
      readonly kind: ResourceKind;
      readonly name: string;
      /** Merged into the resource's attributes, as SetQueueAttributes does. */
      readonly attributes: Readonly<Record<string, string>>;
    }
  | {
      readonly type: "tag-resource";
      readonly kind: ResourceKind;
      readonly name: string;
      readonly tags: Readonly<Record<string, string>>;
    }
  | {
      readonly type: "untag-resource";
      readonly kind: ResourceKind;
      readonly name: string;
      readonly tagKeys: readonly string[];
    }
  /** Forgets a deleting group; ok if it is already gone. */
  | { readonly type: "drop-group"; readonly groupId: number }
  /**
   * Starts a message move task out of `sourceQueue` (a queue). Refused with FAILED_PRECONDITION while the
   * queue has another active task; a repeat with the same handle answers the same task.
   */
  | {
      readonly type: "move-task-start";
      /** Recorded as the task's start: its movers take only messages visible at this time. */
      readonly nowMs: number;
      readonly taskHandle: string;
      readonly sourceQueue: string;
      /** "" returns each message to the queue it was dead-lettered from; else an existing queue. */
      readonly destinationQueue: string;
      /** 0..`catalogLimits.moveTaskMessagesPerSecondMax`; 0 for as fast as the movers go. */
      readonly messagesPerSecondMax: number;
      readonly toMove: number;
    }
  /**
   * A mover of one source partition reports a step: `moved` more messages left the partition, and, with
   * `done`, nothing it should move is left there. A repeat of the partition's last `stepId` changes nothing.
   * Counts are kept for finished tasks too (a step in flight when the task stopped still moved messages);
   * `done` moves an active task on, to COMPLETED (or CANCELLED) once every partition is done.
   */
  | {
      readonly type: "move-task-progress";
      readonly taskHandle: string;
      readonly groupId: number;
      readonly stepId: string;
      readonly moved: number;
      readonly done: boolean;
    }
  /** Asks a running task to stop: CANCELLING until its movers have stopped. FAILED_PRECONDITION once finished. */
  | { readonly type: "move-task-cancel"; readonly taskHandle: string }
  /** Stops an active task as FAILED with a reason; a finished task is left as it is. */
  | { readonly type: "move-task-fail"; readonly taskHandle: string; readonly reason: string };

export type MetaResult =
  | { readonly type: "bootstrap" }
  | { readonly type: "register-node"; readonly node: NodeRecord }
  | { readonly type: "remove-node"; readonly node: NodeRecord }
  | { readonly type: "set-node-addresses"; readonly node: NodeRecord }
  | { readonly type: "set-node-zone"; readonly node: NodeRecord }
  | { readonly type: "node-heartbeat"; readonly node: NodeRecord }
  | { readonly type: "set-group-voters"; readonly group: GroupRecord }
  | { readonly type: "set-preferred-leader"; readonly group: GroupRecord }
  | {
      readonly type: "create-resource";
      readonly resource: ResourceRecord;
      /** False when an identical resource already existed (the idempotent repeat). */
      readonly created: boolean;
      readonly groups: readonly GroupRecord[];
    }
  | { readonly type: "delete-resource"; readonly resource: ResourceRecord }
  | { readonly type: "set-resource-attributes"; readonly resource: ResourceRecord }
  | { readonly type: "tag-resource"; readonly resource: ResourceRecord }
  | { readonly type: "untag-resource"; readonly resource: ResourceRecord }
  | { readonly type: "drop-group"; readonly groupId: number }
  | { readonly type: "move-task-start"; readonly task: MoveTaskRecord; readonly created: boolean }
  | { readonly type: "move-task-progress"; readonly task: MoveTaskRecord }
  | { readonly type: "move-task-cancel"; readonly task: MoveTaskRecord }
  | { readonly type: "move-task-fail"; readonly task: MoveTaskRecord };

export type MetaCommandType = MetaCommand["type"];

export function encodeMetaCommand(command: MetaCommand): Uint8Array {
  return encode(command);
}

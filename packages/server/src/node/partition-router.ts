import { status as grpcStatus, type ServiceError } from "@grpc/grpc-js";
import { ErrorCode, MillraceError, decode, encode, isMillraceError } from "@millrace/common";
import { fromServiceError } from "@millrace/gateway";
import { type internalV1 } from "@millrace/proto";
import { type GroupReplica } from "../host/group-replica.js";

/** Runs one operation on a group this node leads; one per group kind (log, queue partition, …). */
export type GroupExecutor = (replica: GroupReplica, op: unknown, ctx: CallContext) => Promise<unknown>;

export interface CallContext {
  /** Absolute deadline, ms since the epoch (Date.now() scale), as gRPC deadlines are. */
  readonly deadlineMs: number;
  readonly signal?: AbortSignal;
  /** Whether the caller has gone, where reading it is cheaper than `signal.aborted` (a gateway context). */
  readonly aborted?: boolean;
  /**
   * The client asked to be redirected (metadata `millrace-redirect: 1`) rather than forwarded: a node
   * that does not lead the group answers NOT_LEADER with the leader it knows of.
   */
  readonly redirect?: boolean;
}

export interface CallOptions {
  /**
   * Whether running the operation twice is harmless (reads, deletes by receipt handle). A write that is
   * not is retried only after failures that prove it did not happen (NOT_LEADER, PROPOSAL_DROPPED,
   * RESOURCE_EXHAUSTED); after any other failure its outcome is unknown and the caller decides.
   */
  readonly idempotent: boolean;
  /**
   * Whether RESOURCE_EXHAUSTED is retried here, with backoff until the deadline (the default). A long
   * poll refused because its partition holds as many as it allows is not: retried, it would hold the
   * receive past the caller's wait and end in DEADLINE_EXCEEDED rather than saying why.
   */
  readonly retryWhenFull?: boolean;
}

/** Failures after which an operation certainly did not take effect. */
const notApplied: ReadonlySet<ErrorCode> = new Set([
  ErrorCode.NOT_LEADER,
  ErrorCode.PROPOSAL_DROPPED,
  ErrorCode.RESOURCE_EXHAUSTED,
]);

export interface PartitionRouterDeps {
  readonly nodeId: number;
  readonly clusterId: string;
  /** The local replica of a group, if this node hosts one. */
  replica(groupId: number): GroupReplica | undefined;
  /** Where the routing table says a group's leader and replicas are (for groups not hosted here). */
  route(groupId: number): { leader: number; replicas: readonly number[] } | undefined;
  executor(groupId: number): GroupExecutor | undefined;
  /** Counts an operation run here or forwarded (`op` is its type, where it has one). */
  counted?(op: string, where: "local" | "forwarded"): void;
  /** Runs a call on another node; `signal` cancels it there when the caller goes away. */
  forward(
    to: number,
    request: internalV1.ForwardRequest,
    deadlineMs: number,
    signal?: AbortSignal,
  ): Promise<Uint8Array>;
}

/** The Forward method name of partition-level calls; the payload is msgpack {groupId, op}. */
export const partitionCallMethod = "millrace.internal/PartitionCall";

const retryBaseMs = 20;
const retryMaxMs = 500;

/**
 * Sends an operation to the leader of its group wherever that is: run here when this node leads the
 * group, else forwarded over the peer link to the leader (as this node or the routing table knows it),
 * following NOT_LEADER hints and retrying retryable failures with backoff until the caller's deadline.
 * A forwarded call is executed by the receiver or refused with a hint, never forwarded again, so a stale
 * view cannot make a loop.
 */
export class PartitionRouter {
  constructor(private readonly deps: PartitionRouterDeps) {}

  async call(groupId: number, op: unknown, ctx: CallContext, options: CallOptions): Promise<unknown> {
    let hinted: number | undefined;
    let tried = 0;
    for (let attempt = 0; ; attempt++) {
      if (ctx.aborted ?? ctx.signal?.aborted) ctx.signal?.throwIfAborted();
      const replica = this.deps.replica(groupId);
      // A caller that asked to be redirected hears at once who leads. Retrying here can only wait for
      // this node to lead: before, such a call went round this loop until its deadline, and the caller
      // heard NOT_LEADER just before it, or DEADLINE_EXCEEDED with no hint.
      if (ctx.redirect === true && replica?.isLeader !== true) throw this.notLeaderHere(groupId, replica);
      let failure: MillraceError;
      try {
        if (replica?.isLeader === true) {
          this.deps.counted?.(opType(op), "local");
          return await this.runLocal(replica, groupId, op, ctx);
        }
        const target = hinted ?? this.leaderGuess(groupId, replica, tried++);
        hinted = undefined;
        if (target === undefined) {
          failure = new MillraceError(ErrorCode.UNAVAILABLE, `group ${groupId} has no known leader`);
        } else {
          this.deps.counted?.(opType(op), "forwarded");
          return await this.forwardTo(target, groupId, op, ctx);
        }
      } catch (error) {
        failure = isMillraceError(error) ? error : toError(error);
      }
      const hint = failure.details.leaderHint?.nodeId;
      if (
        failure.code === ErrorCode.NOT_LEADER &&
        hint !== undefined &&
        hint !== this.deps.nodeId &&
        attempt < 8
      ) {
        hinted = hint;
        continue;
      }
      if (!failure.retryable || (!options.idempotent && !notApplied.has(failure.code))) throw failure;
      if (failure.code === ErrorCode.RESOURCE_EXHAUSTED && options.retryWhenFull === false) throw failure;
      const wait = Math.min(retryMaxMs, retryBaseMs * 2 ** Math.min(attempt, 5)) * (0.5 + Math.random() / 2);
      if (Date.now() + wait >= ctx.deadlineMs) throw failure;
      await sleep(wait, ctx.signal);
    }
  }

  /** Whether this node leads the group now (a call to it would run here, without forwarding). */
  leadsLocally(groupId: number): boolean {
    return this.deps.replica(groupId)?.isLeader === true;
  }

  /** The receiving side of a forwarded partition call: run it if this node leads, else say who does. */
  async serve(request: internalV1.ForwardRequest__Output, ctx: CallContext): Promise<Uint8Array> {
    if (request.clusterId !== this.deps.clusterId) {
      throw new MillraceError(ErrorCode.PERMISSION_DENIED, "forwarded call from another cluster");
    }
    const payload = decode(request.request) as { groupId?: unknown; op?: unknown };
    if (typeof payload !== "object" || payload === null || typeof payload.groupId !== "number") {
      throw new MillraceError(ErrorCode.INVALID_ARGUMENT, "forwarded partition call has no group id");
    }
    const groupId = payload.groupId;
    const replica = this.deps.replica(groupId);
    if (replica === undefined) {
      const leader = this.deps.route(groupId)?.leader ?? 0;
      throw new MillraceError(
        ErrorCode.NOT_LEADER,
        `group ${groupId} is not hosted on node ${this.deps.nodeId}`,
        {
          details: leader === 0 || leader === this.deps.nodeId ? {} : { leaderHint: { nodeId: leader } },
        },
      );
    }
    if (!replica.isLeader) throw replica.notLeader();
    return encode(await this.runLocal(replica, groupId, payload.op, ctx));
  }

  private async runLocal(
    replica: GroupReplica,
    groupId: number,
    op: unknown,
    ctx: CallContext,
  ): Promise<unknown> {
    const executor = this.deps.executor(groupId);
    if (executor === undefined) {
      throw new MillraceError(ErrorCode.INTERNAL, `no executor for group ${groupId}`);
    }
    return executor(replica, op, ctx);
  }

  private async forwardTo(target: number, groupId: number, op: unknown, ctx: CallContext): Promise<unknown> {
    try {
      const response = await this.deps.forward(
        target,
        {
          clusterId: this.deps.clusterId,
          fromNodeId: this.deps.nodeId,
          method: partitionCallMethod,
          request: encode({ groupId, op }),
          principal: "",
          hopCount: 1,
        },
        ctx.deadlineMs,
        ctx.signal,
      );
      return decode(response);
    } catch (error) {
      if (isMillraceError(error)) throw error;
      const serviceError = error as ServiceError;
      if (typeof serviceError.code === "number" && serviceError.metadata !== undefined) {
        // A peer that answered with no Millrace code failed in transport: the call may not have run.
        if (serviceError.metadata.get("millrace-error-code").length === 0) {
          throw new MillraceError(
            serviceError.code === grpcStatus.DEADLINE_EXCEEDED
              ? ErrorCode.DEADLINE_EXCEEDED
              : ErrorCode.UNAVAILABLE,
            `forwarding to node ${target} failed: ${serviceError.details}`,
          );
        }
        throw fromServiceError(serviceError);
      }
      throw toError(error);
    }
  }

  private notLeaderHere(groupId: number, replica: GroupReplica | undefined): MillraceError {
    if (replica !== undefined) return replica.notLeader();
    const leader = this.deps.route(groupId)?.leader ?? 0;
    return new MillraceError(
      ErrorCode.NOT_LEADER,
      `node ${this.deps.nodeId} does not lead group ${groupId}`,
      {
        details: leader === 0 ? {} : { leaderHint: { nodeId: leader } },
      },
    );
  }

  /** The leader this node believes in, else the routing table's, else each replica in turn. */
  private leaderGuess(groupId: number, replica: GroupReplica | undefined, tried: number): number | undefined {
    const me = this.deps.nodeId;
    const local = replica?.leaderId ?? 0;
    if (local !== 0 && local !== me) return local;
    const route = this.deps.route(groupId);
    if (route === undefined) return undefined;
    if (route.leader !== 0 && route.leader !== me && tried === 0) return route.leader;
    const others = route.replicas.filter((id) => id !== me);
    return others.length === 0 ? undefined : others[tried % others.length];
  }
}

function toError(error: unknown): MillraceError {
  return error instanceof MillraceError
    ? error
    : new MillraceError(ErrorCode.UNAVAILABLE, error instanceof Error ? error.message : String(error));
}

function sleep(ms: number, signal: AbortSignal | undefined): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      signal?.removeEventListener("abort", onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal?.reason as Error);
    };
    signal?.addEventListener("abort", onAbort, { once: true });
  });
}

/** An operation's type for the metric: the `type` field every executor's operations carry. */
function opType(op: unknown): string {
  const type = (op as { type?: unknown } | null)?.type;
  return typeof type === "string" ? type : "other";
}

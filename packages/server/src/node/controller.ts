import { MillraceError } from "@millrace/common";
import {
  encodeMetaCommand,
  planReconciliation,
  sameIds,
  type MetaCommand,
  type MetaStateMachine,
  type ResourceKind,
} from "@millrace/router";
import { type Logger } from "pino";
import { type RaftHost } from "../host/raft-host.js";
import { groupVotersMax, metaGroupId } from "./group-ids.js";
import { checkMetaOp } from "./meta-op-check.js";
import { type GroupExecutor, type PartitionRouter } from "./partition-router.js";

/**
 * What other nodes ask of the meta group's leader: propose one meta command, or read the leader's
 * up-to-date state (for a node whose own copy may trail a change made elsewhere): look a resource up in the
 * catalog, or list a source queue's message move tasks.
 */
export type MetaOp =
  | { readonly type: "propose"; readonly command: MetaCommand }
  | { readonly type: "resource"; readonly kind: ResourceKind; readonly name: string }
  | { readonly type: "move-tasks"; readonly sourceQueue: string }
  | { readonly type: "move-task"; readonly taskHandle: string };

/**
 * Runs meta operations on the meta leader (any node reaches it through the partition router). Reads
 * follow a ReadIndex, so a read through any node sees everything committed before it started.
 */
export function metaExecutor(host: RaftHost, meta: MetaStateMachine): GroupExecutor {
  return async (_replica, op) => {
    const o = checkMetaOp(op);
    switch (o.type) {
      case "resource": {
        await host.readBarrier(metaGroupId);
        const resource = meta.resource(o.kind, o.name);
        return resource === undefined ? null : { resource, groups: meta.groupsOfResource(o.kind, o.name) };
      }
      case "move-tasks":
        await host.readBarrier(metaGroupId);
        return meta.moveTasksOf(o.sourceQueue);
      case "move-task":
        await host.readBarrier(metaGroupId);
        return meta.moveTasks.get(o.taskHandle) ?? null;
      case "propose": {
        // Time in meta commands is the meta leader's: liveness compares heartbeats against its clock, so
        // one node's skewed clock cannot make it look dead (or alive) to the controller.
        const command = "nowMs" in o.command ? { ...o.command, nowMs: Date.now() } : o.command;
        const result = await host.propose(metaGroupId, encodeMetaCommand(command));
        if (!result.ok) throw new MillraceError(result.code, result.message);
        return result.value;
      }
    }
  };
}

export interface ControllerOptions {
  readonly nodeId: number;
  readonly meta: MetaStateMachine;
  readonly host: RaftHost;
  readonly partitions: PartitionRouter;
  readonly logger: Logger;
  /** How often this node reports its liveness and the groups it leads. */
  readonly heartbeatIntervalMs: number;
  /** A node silent this long is dead: the controller re-places its replicas. */
  readonly deadAfterMs: number;
  /** Groups whose membership may be moving at once, so rebalancing never starves the cluster. */
  readonly maxMovesInFlight: number;
  /** This node's failure domain ("" for none), kept current in the meta group for placement. */
  readonly zone: string;
}

/**
 * Every node's part in the control plane, and the meta leader's duties. Each node reports to the meta
 * group (a `node-heartbeat`): that it is alive, and the leader, term and membership of each group it leads,
 * which is what the routing table and the planner read. The meta group's leader plans from the replicated
 * state alone (planReconciliation) and proposes the steps; every step is idempotent and the plan is
 * recomputed each round, so a plan half done when the meta leader fails is finished by the next one.
 */
export class Controller {
  /** When this node last looked at whether it should report (every heartbeatIntervalMs). */
  private lastHeartbeatMs = 0;
  /** When, by this node's clock, the meta group last took a heartbeat of this node's. */
  private lastAcceptedMs: number | undefined = undefined;
  /** A leadership moved here or away: report at the next look, whatever the meta group shows. */
  private mustReport = true;
  /** When this node last became the meta leader: nobody is judged dead until it has heard from them. */
  private leaderSinceMs: number | undefined = undefined;
  private heartbeating = false;
  private planning = false;
  private readonly livenessRefreshMs: number;

  constructor(private readonly o: ControllerOptions) {
    this.livenessRefreshMs = livenessRefreshMs(o.heartbeatIntervalMs, o.deadAfterMs);
  }

  /** One round; call it often (every controller tick). */
  round(nowMs: number): void {
    if (this.o.meta.cluster === undefined) return;
    if (nowMs - this.lastHeartbeatMs >= this.o.heartbeatIntervalMs) {
      this.lastHeartbeatMs = nowMs;
      if (this.reportDue(nowMs)) this.heartbeat(nowMs);
    }
    if (this.o.host.groups.get(metaGroupId)?.isLeader === true) {
      this.leaderSinceMs ??= nowMs;
      this.plan(nowMs, this.leaderSinceMs);
    } else {
      this.leaderSinceMs = undefined;
    }
  }

  /** A leadership moved here or away: report it now rather than at the next interval. */
  leadershipChanged(): void {
    this.lastHeartbeatMs = 0;
    this.mustReport = true;
  }

  /**
   * Whether to send a heartbeat now: when the meta group's record of this node (its zone, the groups it
   * leads, their terms and configurations) differs from the truth here, or its liveness is due a refresh.
   * Before, every node proposed one every second whatever had changed: three meta entries a second on an
   * idle 3-node cluster, each fsynced on every node, kept the meta group from ever quiescing. Compared
   * with the meta group's own state, a report the meta group ignored (a group not yet active there) is
   * sent again at the next look, as before.
   */
  private reportDue(nowMs: number): boolean {
    if (this.mustReport || this.lastAcceptedMs === undefined) return true;
    if (nowMs - this.lastAcceptedMs >= this.livenessRefreshMs) return true;
    const mine = this.o.meta.nodes.get(this.o.nodeId);
    if (mine === undefined || (mine.zone ?? "") !== this.o.zone) return true;
    for (const report of this.leaderReports()) {
      const group = this.o.meta.groups.get(report.groupId);
      if (group === undefined || group.state !== "active") continue;
      if (
        group.leader !== this.o.nodeId ||
        group.leaderTerm !== report.term ||
        !sameIds(group.actualVoters, report.voters) ||
        !sameIds(group.actualLearners, report.learners)
      )
        return true;
    }
    return false;
  }

  /** The term and configuration of each healthy group this node leads. */
  private leaderReports() {
    return [...this.o.host.groups.values()]
      .filter((r) => r.isLeader && r.damaged === undefined)
      .map((r) => ({
        groupId: r.groupId,
        term: r.rawNode.raft.term,
        leader: true,
        voters: [...r.confState.voters],
        learners: [...r.confState.learners],
      }));
  }

  private heartbeat(nowMs: number): void {
    if (this.heartbeating) return;
    this.heartbeating = true;
    this.mustReport = false;
    const groups = this.leaderReports();
    const mine = this.o.meta.nodes.get(this.o.nodeId);
    const command: MetaCommand =
      mine !== undefined && (mine.zone ?? "") !== this.o.zone
        ? { type: "set-node-zone", nodeId: this.o.nodeId, zone: this.o.zone }
        : { type: "node-heartbeat", nodeId: this.o.nodeId, nowMs, groups };
    this.o.partitions
      .call(
        metaGroupId,
        { type: "propose", command } satisfies MetaOp,
        { deadlineMs: Date.now() + 3000 },
        {
          idempotent: true,
        },
      )
      .then(() => {
        if (command.type === "node-heartbeat") this.lastAcceptedMs = nowMs;
      })
      .catch((error: unknown) => {
        // Missing one report is harmless; the next interval sends a fresh one.
        this.lastHeartbeatMs = 0;
        this.mustReport = true;
        this.o.logger.debug({ err: error }, "heartbeat to the meta group failed");
      })
      .finally(() => {
        this.heartbeating = false;
      });
  }

  private plan(nowMs: number, leaderSinceMs: number): void {
    if (this.planning) return;
    const commands = planReconciliation(this.o.meta, {
      nowMs,
      leaderSinceMs,
      deadAfterMs: this.o.deadAfterMs,
      maxMovesInFlight: this.o.maxMovesInFlight,
      systemReplicationFactor: groupVotersMax,
    });
    if (commands.length === 0) return;
    this.planning = true;
    void (async () => {
      try {
        for (const command of commands) {
          const result = await this.o.host.propose(metaGroupId, encodeMetaCommand(command));
          if (!result.ok)
            this.o.logger.warn({ command: command.type, reason: result.message }, "plan step refused");
          else this.o.logger.info({ command }, "controller step");
        }
      } catch (error) {
        this.o.logger.debug({ err: error }, "controller round interrupted");
      } finally {
        this.planning = false;
      }
    })();
  }
}

/**
 * How often a node that has nothing new to report still tells the meta group it is alive: a sixth of the
 * time after which a silent node is judged dead (so five refreshes in a row can be lost first), at most
 * 5 s and at least every heartbeat interval. With the default 60 s, every 5 s.
 */
export function livenessRefreshMs(heartbeatIntervalMs: number, deadAfterMs: number): number {
  return Math.max(heartbeatIntervalMs, Math.min(5_000, Math.floor(deadAfterMs / 6)));
}

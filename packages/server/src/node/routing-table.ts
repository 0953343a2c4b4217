import { EventEmitter } from "node:events";
import { type v1 } from "@millrace/proto";

/** One group's route as this node knows it. */
export interface RouteSource {
  readonly groupId: number;
  readonly kind: v1.GroupKind__Output;
  readonly resourceName: string;
  readonly partition: number;
  readonly replicaNodeIds: readonly number[];
  readonly leaderNodeId: number;
  readonly leaderTerm: number;
}

/**
 * The routing table this node serves (AdminService.GetRoutingTable / WatchRoutingTable). Its version goes
 * up only when its content changes, so watchers hear about real changes only; `refresh()` is cheap to call
 * after anything that may have moved a route (a meta entry applied, a leader seen).
 */
export class RoutingTable {
  private table: v1.RoutingTable = { version: "0", routes: [], nodes: [] };
  private fingerprint = "";
  private version = 0;
  private pending = false;
  private readonly changes = new EventEmitter();

  constructor(
    private readonly source: () => {
      routes: readonly RouteSource[];
      nodes: readonly { nodeId: number; clientAddress: string }[];
    },
  ) {
    // Every WatchRoutingTable call listens; the bound is on calls, not here.
    this.changes.setMaxListeners(0);
  }

  current(): v1.RoutingTable {
    this.recompute();
    return this.table;
  }

  /** Recomputes soon (once per turn however often it is called), telling watchers if anything changed. */
  refresh(): void {
    if (this.pending) return;
    this.pending = true;
    queueMicrotask(() => {
      this.pending = false;
      this.recompute();
    });
  }

  /** Calls `listener` with every new version; returns how to stop. */
  watch(listener: (table: v1.RoutingTable) => void): () => void {
    this.changes.on("change", listener);
    return () => this.changes.off("change", listener);
  }

  private recompute(): void {
    const { routes, nodes } = this.source();
    const sortedRoutes = [...routes].sort((a, b) => a.groupId - b.groupId);
    const sortedNodes = [...nodes].sort((a, b) => a.nodeId - b.nodeId);
    const fingerprint = JSON.stringify([sortedRoutes, sortedNodes]);
    if (fingerprint === this.fingerprint) return;
    this.fingerprint = fingerprint;
    this.version += 1;
    this.table = {
      version: String(this.version),
      routes: sortedRoutes.map((r) => ({
        groupId: String(r.groupId),
        kind: r.kind,
        resourceName: r.resourceName,
        partition: r.partition,
        leaderNodeId: r.leaderNodeId,
        replicaNodeIds: [...r.replicaNodeIds].sort((a, b) => a - b),
        leaderTerm: String(r.leaderTerm),
      })),
      nodes: sortedNodes.map((n) => ({ nodeId: n.nodeId, clientAddress: n.clientAddress })),
    };
    this.changes.emit("change", this.table);
  }
}

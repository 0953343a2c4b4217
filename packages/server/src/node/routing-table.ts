import { EventEmitter } from "node:events";
import { type v1 } from "@millrace/proto";
import { type GroupKind, type RoutingTable as MetaRoutingTable } from "@millrace/router";

export function groupKindOnWire(kind: GroupKind): v1.GroupKind__Output {
  return kindOnWire[kind];
}

const kindOnWire = {
  meta: "GROUP_KIND_META",
  log: "GROUP_KIND_LOG",
  "queue-partition": "GROUP_KIND_QUEUE_PARTITION",
  "topic-partition": "GROUP_KIND_TOPIC_PARTITION",
  "stream-shard": "GROUP_KIND_STREAM_SHARD",
} as const satisfies Record<GroupKind, v1.GroupKind__Output>;

/**
 * The routing table this node serves (AdminService.GetRoutingTable / WatchRoutingTable): the meta group's
 * replicated table, so every node serves the same version for the same content and a client may switch
 * nodes without going back in time. Leaders in it are what group leaders last reported to the meta
 * group. `refresh()` is cheap to call after anything that may have moved a route; watchers hear only
 * of new versions.
 */
export class RoutingTable {
  private table: v1.RoutingTable__Output = { version: "0", routes: [], nodes: [] };
  private version = -1;
  private pending = false;
  private readonly changes = new EventEmitter();

  constructor(private readonly source: () => MetaRoutingTable) {
    // Every WatchRoutingTable call listens; the bound is on calls, not here.
    this.changes.setMaxListeners(0);
  }

  current(): v1.RoutingTable__Output {
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
  watch(listener: (table: v1.RoutingTable__Output) => void): () => void {
    this.changes.on("change", listener);
    return () => this.changes.off("change", listener);
  }

  private recompute(): void {
    const source = this.source();
    if (source.version === this.version) return;
    this.version = source.version;
    this.table = {
      version: String(source.version),
      routes: source.routes.map((r) => ({
        groupId: String(r.groupId),
        kind: kindOnWire[r.kind],
        resourceName: r.resourceName,
        partition: r.partition,
        leaderNodeId: r.leaderNodeId,
        replicaNodeIds: [...r.replicaNodeIds],
        leaderTerm: String(r.leaderTerm),
      })),
      // A founder is recorded from --bootstrap without a client address until it registers: no one can
      // call it yet, so it is left out rather than offered as "" (a client took that for an address).
      nodes: source.nodes
        .filter((n) => n.clientAddress !== "")
        .map((n) => ({ nodeId: n.nodeId, clientAddress: n.clientAddress })),
    };
    this.changes.emit("change", this.table);
  }
}

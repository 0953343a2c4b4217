import { assert, type LeaderHint } from "@millrace/common";
import type { v1 } from "@millrace/proto";
import type { GroupKind, StatusEvent } from "./status.js";

/** Where a call should go; the router turns it into a node address at each attempt. */
export type RouteTarget =
  /** Any node: its gateway forwards as needed. */
  | { readonly type: "any" }
  /** The leader of one group, e.g. a FIFO queue partition chosen by message group. */
  | {
      readonly type: "group";
      readonly kind: GroupKind;
      readonly resourceName: string;
      readonly partition: number;
    }
  /** Any node leading some group of the resource, round-robin; a queue's standard sends and its reads. */
  | { readonly type: "resource"; readonly kind: GroupKind; readonly resourceName: string };

export const anyNode: RouteTarget = { type: "any" };

/** How long an address that refused connections is passed over when another can be chosen. */
export const unhealthyPenaltyMs = 2_000;

interface RouteEntry {
  readonly partition: number;
  readonly leaderNodeId: number;
}

/**
 * The client's view of the routing table (AdminService.GetRoutingTable), plus two things the table
 * cannot know: leaders learned from NOT_LEADER redirects since the table's version, and addresses that
 * recently refused connections. Routes are keyed by (kind, resource name); partitions are their indexes.
 */
export class Router {
  private version = -1n;
  private routes = new Map<string, RouteEntry[]>();
  /** Each listed group's resource key and partition, by group id (receipt handles name their group). */
  private groups = new Map<number, { readonly key: string; readonly partition: number }>();
  private nodeAddresses = new Map<number, string>();
  /** Leaders learned from redirects, by group key; dropped when a newer table arrives. */
  private redirects = new Map<string, { nodeId: number; address: string }>();
  private unhealthyUntil = new Map<string, number>();
  private roundRobin = 0;
  private lastHealthy: string | undefined;

  constructor(
    private readonly endpoints: readonly string[],
    private readonly emit: (event: StatusEvent) => void,
    private readonly now: () => number = Date.now,
  ) {}

  get tableVersion(): bigint {
    return this.version;
  }

  /** Takes a table if it is newer than the one held; reports leader changes it implies. */
  update(table: v1.RoutingTable__Output): boolean {
    const version = BigInt(table.version);
    if (version <= this.version) return false;
    const previous = this.routes;
    const previousRedirects = this.redirects;
    this.version = version;
    // A node whose client address the cluster has not recorded yet (one just starting, say) is listed
    // with an empty one by servers before f10076a (later ones leave it out): nothing can be sent there,
    // so it is left out as if unknown.
    this.nodeAddresses = new Map(
      table.nodes.filter((n) => n.clientAddress !== "").map((n) => [n.nodeId, n.clientAddress]),
    );
    this.routes = new Map();
    this.groups = new Map();
    for (const route of table.routes) {
      const key = resourceKey(route.kind, route.resourceName);
      const list = this.routes.get(key) ?? [];
      list.push({ partition: route.partition, leaderNodeId: route.leaderNodeId });
      this.routes.set(key, list);
      this.groups.set(Number(route.groupId), { key, partition: route.partition });
    }
    for (const list of this.routes.values()) list.sort((a, b) => a.partition - b.partition);
    this.redirects = new Map();
    this.emit({
      type: "routing-updated",
      version: table.version,
      routeCount: table.routes.length,
      nodeCount: table.nodes.length,
    });
    for (const route of table.routes) {
      const key = resourceKey(route.kind, route.resourceName);
      const before =
        previousRedirects.get(groupKey(route.kind, route.resourceName, route.partition))?.nodeId ??
        previous.get(key)?.find((r) => r.partition === route.partition)?.leaderNodeId;
      if (before !== undefined && before !== route.leaderNodeId) {
        this.emit({
          type: "leader-changed",
          kind: route.kind,
          resourceName: route.resourceName,
          partition: route.partition,
          previousLeaderNodeId: before,
          leaderNodeId: route.leaderNodeId,
          address: this.nodeAddresses.get(route.leaderNodeId),
          reason: "routing-table",
        });
      }
    }
    return true;
  }

  /** How many partitions the table lists for a resource; 0 when it knows none. */
  partitionCount(kind: GroupKind, resourceName: string): number {
    return this.routes.get(resourceKey(kind, resourceName))?.length ?? 0;
  }

  /** The partition of the resource whose group is `groupId`; undefined when the table lists no such group. */
  partitionOfGroup(kind: GroupKind, resourceName: string, groupId: number): number | undefined {
    const group = this.groups.get(groupId);
    return group?.key === resourceKey(kind, resourceName) ? group.partition : undefined;
  }

  /** Records a NOT_LEADER hint so later calls for the group go straight to the new leader. */
  noteLeader(target: RouteTarget, hint: LeaderHint): void {
    if (target.type !== "group" || hint.address === undefined) return;
    const key = groupKey(target.kind, target.resourceName, target.partition);
    const before = this.leaderOf(target);
    this.redirects.set(key, { nodeId: hint.nodeId, address: hint.address });
    if (before?.address !== hint.address) {
      this.emit({
        type: "leader-changed",
        kind: target.kind,
        resourceName: target.resourceName,
        partition: target.partition,
        previousLeaderNodeId: before?.nodeId ?? 0,
        leaderNodeId: hint.nodeId,
        address: hint.address,
        reason: "redirect",
      });
    }
  }

  markUnhealthy(address: string): void {
    this.unhealthyUntil.set(address, this.now() + unhealthyPenaltyMs);
  }

  markHealthy(address: string): void {
    this.unhealthyUntil.delete(address);
    this.lastHealthy = address;
  }

  /** The address that most recently answered a call, for status events. */
  get lastHealthyAddress(): string | undefined {
    return this.lastHealthy;
  }

  /** The address for the next attempt of a call to `target`. */
  pick(target: RouteTarget): string {
    if (target.type === "group") {
      const leader = this.leaderOf(target);
      if (leader !== undefined && this.isHealthy(leader.address)) return leader.address;
    } else if (target.type === "resource") {
      const leaders = this.leaderAddresses(target.kind, target.resourceName).filter((a) => this.isHealthy(a));
      if (leaders.length > 0) return this.rotate(leaders);
    }
    return this.pickAny();
  }

  /** Every address worth trying for a cluster-wide call: the configured endpoints, then the table's nodes. */
  candidates(): string[] {
    return [...new Set([...this.endpoints, ...this.nodeAddresses.values()])];
  }

  /** Round-robin over healthy candidates; when none is healthy, over all of them. */
  pickAny(): string {
    const all = this.candidates();
    const healthy = all.filter((a) => this.isHealthy(a));
    return this.rotate(healthy.length > 0 ? healthy : all);
  }

  private leaderOf(target: {
    kind: GroupKind;
    resourceName: string;
    partition: number;
  }): { nodeId: number; address: string } | undefined {
    const redirect = this.redirects.get(groupKey(target.kind, target.resourceName, target.partition));
    if (redirect !== undefined) return redirect;
    const route = this.routes
      .get(resourceKey(target.kind, target.resourceName))
      ?.find((r) => r.partition === target.partition);
    if (route === undefined || route.leaderNodeId === 0) return undefined;
    const address = this.nodeAddresses.get(route.leaderNodeId);
    return address === undefined ? undefined : { nodeId: route.leaderNodeId, address };
  }

  private leaderAddresses(kind: GroupKind, resourceName: string): string[] {
    const addresses = new Set<string>();
    for (const route of this.routes.get(resourceKey(kind, resourceName)) ?? []) {
      const leader = this.leaderOf({ kind, resourceName, partition: route.partition });
      if (leader !== undefined) addresses.add(leader.address);
    }
    return [...addresses];
  }

  private isHealthy(address: string): boolean {
    const until = this.unhealthyUntil.get(address);
    if (until === undefined) return true;
    if (until > this.now()) return false;
    this.unhealthyUntil.delete(address);
    return true;
  }

  private rotate(addresses: readonly string[]): string {
    const address = addresses[this.roundRobin % addresses.length];
    this.roundRobin = (this.roundRobin + 1) % 1_000_000;
    // connect() refuses an empty endpoint list, so there is always at least one candidate.
    assert(address !== undefined, "no endpoints to route to");
    return address;
  }
}

function resourceKey(kind: string, resourceName: string): string {
  return `${kind}\u0000${resourceName}`;
}

function groupKey(kind: string, resourceName: string, partition: number): string {
  return `${kind}\u0000${resourceName}\u0000${partition}`;
}

import {
  resourceKey,
  type ClusterRecord,
  type GroupKind,
  type GroupRecord,
  type NodeRecord,
  type ResourceKind,
  type ResourceRecord,
} from "./records.js";

/**
 * A read-only view of the meta group's state, which `MetaStateMachine` implements. The pure functions
 * here and in placement and reconciliation take it, so they can run on any replica (and in tests) without
 * the state machine. Map iteration order is not the same on every replica (restore reads in key order,
 * apply inserts in log order), so everything derived from the maps sorts first.
 */
export interface MetaState {
  readonly cluster: ClusterRecord | undefined;
  readonly nodes: ReadonlyMap<number, NodeRecord>;
  readonly groups: ReadonlyMap<number, GroupRecord>;
  /** Keyed by `resourceKey(kind, name)`. */
  readonly resources: ReadonlyMap<string, ResourceRecord>;
}

export interface Route {
  readonly groupId: number;
  readonly kind: GroupKind;
  /** Empty for the meta group and the default log. */
  readonly resourceName: string;
  readonly partition: number;
  /** 0 when no leader has been reported yet. */
  readonly leaderNodeId: number;
  readonly leaderTerm: number;
  /** The group's voters as its leader reported them, or the desired voters before any report. */
  readonly replicaNodeIds: readonly number[];
}

export interface RoutingTable {
  readonly version: number;
  /** Every active group, in group id order; deleting groups do not route. */
  readonly routes: readonly Route[];
  /** Every active node, in node id order. */
  readonly nodes: readonly { readonly nodeId: number; readonly clientAddress: string }[];
}

export function routeOf(group: GroupRecord): Route {
  return {
    groupId: group.groupId,
    kind: group.kind,
    resourceName: group.resource?.name ?? "",
    partition: group.partition,
    leaderNodeId: group.leader,
    leaderTerm: group.leaderTerm,
    replicaNodeIds: group.actualVoters.length > 0 ? group.actualVoters : group.voters,
  };
}

/** What gateways route by. Its version changes exactly when its content changes (see `ClusterRecord`). */
export function routingTable(state: MetaState): RoutingTable {
  return {
    version: state.cluster?.routingVersion ?? 0,
    routes: sortedGroups(state)
      .filter((g) => g.state === "active")
      .map(routeOf),
    nodes: activeNodes(state).map((n) => ({ nodeId: n.nodeId, clientAddress: n.clientAddress })),
  };
}

export function activeNodes(state: MetaState): NodeRecord[] {
  return [...state.nodes.values()].filter((n) => n.state === "active").sort((a, b) => a.nodeId - b.nodeId);
}

/**
 * Active nodes heard from within `deadAfterMs` of `nowMs`. A node that stops heartbeating for longer is
 * treated as gone: its replicas are replaced, but it stays a member and may come back.
 */
export function liveNodes(state: MetaState, nowMs: number, deadAfterMs: number): NodeRecord[] {
  return activeNodes(state).filter((n) => nowMs - n.lastHeartbeatMs <= deadAfterMs);
}

export function sortedGroups(state: MetaState): GroupRecord[] {
  return [...state.groups.values()].sort((a, b) => a.groupId - b.groupId);
}

export function findResource(state: MetaState, kind: ResourceKind, name: string): ResourceRecord | undefined {
  return state.resources.get(resourceKey(kind, name));
}

/** The groups of a resource in partition order; empty when the resource does not exist. */
export function groupsOfResource(state: MetaState, kind: ResourceKind, name: string): GroupRecord[] {
  const resource = findResource(state, kind, name);
  if (resource === undefined) return [];
  return resource.groupIds.flatMap((id) => {
    const group = state.groups.get(id);
    return group === undefined ? [] : [group];
  });
}

/**
 * The active groups a node should host a replica of: those that want it as a voter, and those whose
 * current configuration still has it (as a voter or a learner), since a replica being moved off a node
 * must keep serving until its group's leader has removed it. A node closes and destroys any other replica
 * it has: one it was moved off, one whose resource was deleted, or one whose group was dropped.
 */
export function groupsHostedBy(state: MetaState, nodeId: number): GroupRecord[] {
  return sortedGroups(state).filter(
    (g) =>
      g.state === "active" &&
      (g.voters.includes(nodeId) || g.actualVoters.includes(nodeId) || g.actualLearners.includes(nodeId)),
  );
}

/** Replicas per node across the desired voters of active groups: the load placement balances. */
export function replicaCounts(state: MetaState): Map<number, number> {
  const counts = new Map<number, number>();
  for (const group of state.groups.values()) {
    if (group.state !== "active") continue;
    for (const id of group.voters) counts.set(id, (counts.get(id) ?? 0) + 1);
  }
  return counts;
}

/**
 * Replica placement: which nodes get a group's replicas. Pure and deterministic (integer keys, ties broken
 * by node id), so every replica of the meta group that places the same group chooses the same nodes.
 */

export interface PlacementNode {
  readonly nodeId: number;
  /** Nodes without a zone are each their own failure domain. */
  readonly zone?: string | undefined;
}

export interface PlacementRequest {
  /** The nodes that may receive a replica: active and alive. Those in `existing` are skipped. */
  readonly candidates: readonly PlacementNode[];
  /** Replicas per node across all groups (the load to balance); a missing node counts as 0. */
  readonly replicaCounts: ReadonlyMap<number, number>;
  /** How many new replicas to choose. */
  readonly count: number;
  /** Replicas the group already has and keeps: they count toward the zone spread. */
  readonly existing?: readonly PlacementNode[];
}

/** The failure domain of a node: its zone, or the node itself when it has none. */
export function failureDomain(node: PlacementNode): string {
  return node.zone === undefined || node.zone === "" ? `node:${node.nodeId}` : `zone:${node.zone}`;
}

/**
 * The most replicas of one group a failure domain should hold: ceil(replicas / domains). Placement stays
 * under it whenever the candidates allow, so losing one zone loses as few replicas as possible.
 */
export function zoneCapacity(replicas: number, domains: number): number {
  return domains <= 0 ? replicas : Math.ceil(replicas / domains);
}

/**
 * Chooses up to `count` distinct nodes from `candidates`, one at a time: first the failure domain holding
 * the fewest of the group's replicas (spreading across zones), then the node with the fewest replicas
 * overall (balancing load), then the lowest node id. Returns fewer than `count` ids only when there are
 * not enough candidates; the caller decides whether that is an error (create) or a partial repair.
 */
export function placeReplicas(request: PlacementRequest): number[] {
  const existing = request.existing ?? [];
  const taken = new Set(existing.map((n) => n.nodeId));
  const perDomain = new Map<string, number>();
  for (const node of existing)
    perDomain.set(failureDomain(node), (perDomain.get(failureDomain(node)) ?? 0) + 1);
  const pool = request.candidates.filter((n) => !taken.has(n.nodeId));
  const chosen: number[] = [];
  while (chosen.length < request.count) {
    let best: PlacementNode | undefined = undefined;
    let bestKey: readonly number[] = [];
    for (const node of pool) {
      if (taken.has(node.nodeId)) continue;
      const key = [
        perDomain.get(failureDomain(node)) ?? 0,
        request.replicaCounts.get(node.nodeId) ?? 0,
        node.nodeId,
      ];
      if (best === undefined || lexLess(key, bestKey)) {
        best = node;
        bestKey = key;
      }
    }
    if (best === undefined) break;
    chosen.push(best.nodeId);
    taken.add(best.nodeId);
    perDomain.set(failureDomain(best), (perDomain.get(failureDomain(best)) ?? 0) + 1);
  }
  return chosen;
}

function lexLess(a: readonly number[], b: readonly number[]): boolean {
  for (let i = 0; i < a.length; i++) {
    const x = a[i] ?? 0;
    const y = b[i] ?? 0;
    if (x !== y) return x < y;
  }
  return false;
}

/** The id with the lowest count, ties to the lowest id; `ids` must not be empty. */
export function leastLoaded(ids: readonly number[], counts: ReadonlyMap<number, number>): number {
  let best = ids[0] as number;
  for (const id of ids) {
    const count = counts.get(id) ?? 0;
    const bestCount = counts.get(best) ?? 0;
    if (count < bestCount || (count === bestCount && id < best)) best = id;
  }
  return best;
}

/** How many active groups prefer each node as their leader. */
export function preferredLeaderCounts(
  groups: Iterable<{ readonly state: string; readonly preferredLeader: number }>,
): Map<number, number> {
  const counts = new Map<number, number>();
  for (const group of groups) {
    if (group.state === "active" && group.preferredLeader !== 0)
      counts.set(group.preferredLeader, (counts.get(group.preferredLeader) ?? 0) + 1);
  }
  return counts;
}

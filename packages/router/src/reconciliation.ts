import { catalogLimits } from "./catalog-limits.js";
import { sameIds } from "./command-validation.js";
import { type MetaCommand } from "./meta-commands.js";
import { activeNodes, liveNodes, sortedGroups, type MetaState } from "./meta-state.js";
import {
  failureDomain,
  leastLoaded,
  placeReplicas,
  preferredLeaderCounts,
  zoneCapacity,
  type PlacementNode,
} from "./placement.js";
import { resourceKey, type GroupRecord, type NodeRecord } from "./records.js";

export interface ReconciliationOptions {
  /** The meta leader's clock, as it will stamp the commands. */
  readonly nowMs: number;
  /** A node not heard from for longer is dead: its replicas are replaced (it stays a member). */
  readonly deadAfterMs: number;
  /**
   * Groups whose desired voters may differ from their reported configuration at once, counting moves
   * already under way. Bounds the snapshot traffic balancing causes; repairs are not held back by it.
   */
  readonly maxMovesInFlight: number;
  /**
   * When this node became meta leader. For `deadAfterMs` after that no node is judged dead, since a new
   * leader (after a full-cluster restart, say) has not yet heard the heartbeats of nodes that are fine.
   */
  readonly leaderSinceMs?: number;
  /** Voters wanted for the meta group and the default log (default 3), as nodes allow. */
  readonly systemReplicationFactor?: number;
  /** How long a deleting group lingers before its record is dropped (default `deadAfterMs`). */
  readonly dropAfterMs?: number;
}

/**
 * What the meta leader should propose next to move the cluster toward where it should be. The plan is a
 * function of the replicated state alone, and every step is safe to apply twice, so a half-done plan is
 * finished by whoever leads next: it recomputes and finds only what is left. Steps, in order:
 *
 * 1. Repair (`set-group-voters`, unthrottled): a group with a voter on a removed node, or on a node dead
 *    for longer than `deadAfterMs`, gets a live replacement chosen by placement; a group with more or
 *    fewer voters than its replication factor is trimmed or filled. A dead voter stays when no live node
 *    can replace it (it may return); a removed one goes regardless. A group with no live voter is left
 *    alone: no quorum can commit a change, and recovering it is an operator's decision.
 * 2. Spread and balance (`set-group-voters`, one voter per group, only on groups whose reported
 *    configuration matches their desired voters, at most `maxMovesInFlight` groups in flight): first move
 *    replicas out of a zone holding more than its share of a group, then move replicas from the most to
 *    the least loaded live nodes until no allowed move would narrow a gap of two or more.
 * 3. Leadership (`set-preferred-leader`): every group prefers one of its live voters that its current
 *    configuration already has, and no group could switch to one of those leading two fewer groups.
 * 4. Cleanup (`drop-group`): deleting groups are forgotten `dropAfterMs` after their resource was deleted.
 *
 * Each `set-group-voters` carries `expectVoters`, so a plan made on stale state is refused (ABORTED)
 * rather than undoing a newer decision; the planner simply runs again.
 */
export function planReconciliation(state: MetaState, options: ReconciliationOptions): MetaCommand[] {
  if (state.cluster === undefined) return [];
  const planner = new Planner(state, options);
  planner.repair();
  planner.rebalance();
  return [...planner.voterCommands(), ...planner.leadershipCommands(), ...planner.dropCommands()];
}

/** The planner's working copy: desired voters and loads as they will be once the plan is applied. */
class Planner {
  private readonly nodes: ReadonlyMap<number, NodeRecord>;
  private readonly live: ReadonlySet<number>;
  private readonly liveList: readonly NodeRecord[];
  private readonly domains: number;
  private readonly groups: readonly GroupRecord[];
  private readonly desired = new Map<number, number[]>();
  private readonly loads = new Map<number, number>();
  /** Groups with no live voter: nothing can be done for them here. */
  private readonly lost = new Set<number>();
  /** Groups this plan already changes: one move per group at a time. */
  private readonly touched = new Set<number>();

  constructor(
    private readonly state: MetaState,
    private readonly options: ReconciliationOptions,
  ) {
    this.nodes = state.nodes;
    const inGrace =
      options.leaderSinceMs !== undefined && options.nowMs - options.leaderSinceMs < options.deadAfterMs;
    this.liveList = inGrace ? activeNodes(state) : liveNodes(state, options.nowMs, options.deadAfterMs);
    this.live = new Set(this.liveList.map((n) => n.nodeId));
    this.domains = new Set(this.liveList.map(failureDomain)).size;
    this.groups = sortedGroups(state).filter((g) => g.state === "active");
    for (const group of this.groups) {
      this.desired.set(group.groupId, [...group.voters]);
      for (const id of group.voters) this.loads.set(id, this.load(id) + 1);
      if (!group.voters.some((id) => this.live.has(id))) this.lost.add(group.groupId);
    }
  }

  repair(): void {
    for (const group of this.groups) {
      if (this.lost.has(group.groupId)) continue;
      const voters = this.voters(group);
      const target = this.targetReplicas(group);
      const kept = voters.filter((id) => this.live.has(id));
      const dead = voters.filter((id) => !this.live.has(id) && this.nodes.get(id)?.state === "active");
      const next = [...kept];
      if (next.length < target) {
        next.push(
          ...placeReplicas({
            candidates: this.liveList,
            replicaCounts: this.loads,
            count: target - next.length,
            existing: next.map((id) => this.placementNode(id)),
          }),
        );
      }
      // No live node left to replace a dead voter: keep it, since it may come back with its data.
      for (const id of dead) if (next.length < target) next.push(id);
      while (next.length > target) next.splice(next.indexOf(this.trimCandidate(next)), 1);
      if (!sameIds(next, voters)) this.move(group, next);
    }
  }

  rebalance(): void {
    let budget = this.options.maxMovesInFlight - this.groups.filter((g) => this.inFlight(g)).length;
    for (const group of this.groups) {
      if (budget <= 0) return;
      if (this.spread(group)) budget -= 1;
    }
    // Each move lowers the sum of squared loads by at least 2, so this ends even without the budget.
    while (budget > 0 && this.balanceOnce()) budget -= 1;
  }

  voterCommands(): MetaCommand[] {
    return this.groups
      .filter((g) => this.touched.has(g.groupId))
      .map((g) => ({
        type: "set-group-voters",
        groupId: g.groupId,
        voters: [...this.voters(g)].sort((a, b) => a - b),
        expectVoters: g.voters,
      }));
  }

  leadershipCommands(): MetaCommand[] {
    const preferred = new Map<number, number>();
    const candidates = new Map<number, number[]>();
    for (const group of this.groups) {
      const voters = this.voters(group);
      // Setting voters without the preferred leader clears the preference (see set-group-voters).
      preferred.set(group.groupId, voters.includes(group.preferredLeader) ? group.preferredLeader : 0);
      const configured = group.actualVoters.length > 0 ? group.actualVoters : group.voters;
      candidates.set(
        group.groupId,
        voters.filter((id) => this.live.has(id) && configured.includes(id)).sort((a, b) => a - b),
      );
    }
    const counts = preferredLeaderCounts(
      this.groups.map((g) => ({ state: g.state, preferredLeader: preferred.get(g.groupId) ?? 0 })),
    );
    const assign = (groupId: number, nodeId: number): void => {
      const before = preferred.get(groupId) ?? 0;
      if (before !== 0) counts.set(before, (counts.get(before) ?? 0) - 1);
      counts.set(nodeId, (counts.get(nodeId) ?? 0) + 1);
      preferred.set(groupId, nodeId);
    };
    for (const group of this.groups) {
      const choices = candidates.get(group.groupId) ?? [];
      if (choices.length > 0 && !choices.includes(preferred.get(group.groupId) ?? 0))
        assign(group.groupId, leastLoaded(choices, counts));
    }
    // Each switch lowers the sum of squared counts by at least 2; the bound is a backstop.
    const roundsMax = this.groups.length * Math.max(1, this.liveList.length) + 1;
    for (let round = 0, changed = true; changed && round < roundsMax; round++) {
      changed = false;
      for (const group of this.groups) {
        const choices = candidates.get(group.groupId) ?? [];
        const current = preferred.get(group.groupId) ?? 0;
        if (current === 0 || choices.length === 0) continue;
        const better = leastLoaded(choices, counts);
        if ((counts.get(current) ?? 0) - (counts.get(better) ?? 0) >= 2) {
          assign(group.groupId, better);
          changed = true;
        }
      }
    }
    return this.groups.flatMap((group): MetaCommand[] => {
      const nodeId = preferred.get(group.groupId) ?? 0;
      const implied = this.voters(group).includes(group.preferredLeader) ? group.preferredLeader : 0;
      return nodeId === implied ? [] : [{ type: "set-preferred-leader", groupId: group.groupId, nodeId }];
    });
  }

  dropCommands(): MetaCommand[] {
    const dropAfterMs = this.options.dropAfterMs ?? this.options.deadAfterMs;
    return sortedGroups(this.state)
      .filter((g) => g.state === "deleting" && this.options.nowMs - (g.deletedAtMs ?? 0) >= dropAfterMs)
      .map((g) => ({ type: "drop-group", groupId: g.groupId }));
  }

  /** Moves one replica out of a failure domain holding more than its share, if another can take it. */
  private spread(group: GroupRecord): boolean {
    if (!this.settled(group)) return false;
    const voters = this.voters(group);
    const cap = zoneCapacity(voters.length, this.domains);
    const perDomain = this.domainCounts(voters);
    const crowded = voters.filter((id) => (perDomain.get(this.domainOf(id)) ?? 0) > cap);
    if (crowded.length === 0) return false;
    const to = this.bestTarget(group, (node) => (perDomain.get(failureDomain(node)) ?? 0) + 1 <= cap);
    if (to === undefined) return false;
    const from = this.mostLoaded(crowded);
    this.move(group, [...voters.filter((id) => id !== from), to]);
    return true;
  }

  /**
   * One move from a more loaded live node to one at least two replicas lighter, on the lowest group id
   * that allows it: settled, not the target's already, and not crowding the target's zone past its share.
   */
  private balanceOnce(): boolean {
    const byLoad = [...this.liveList].sort(
      (a, b) => this.load(b.nodeId) - this.load(a.nodeId) || a.nodeId - b.nodeId,
    );
    const lightest = [...byLoad].reverse();
    for (const from of byLoad) {
      for (const to of lightest) {
        if (this.load(from.nodeId) - this.load(to.nodeId) < 2) break;
        const group = this.groups.find((g) => this.canMove(g, from, to));
        if (group === undefined) continue;
        this.move(group, [...this.voters(group).filter((id) => id !== from.nodeId), to.nodeId]);
        return true;
      }
    }
    return false;
  }

  private canMove(group: GroupRecord, from: NodeRecord, to: NodeRecord): boolean {
    const voters = this.voters(group);
    if (!voters.includes(from.nodeId) || voters.includes(to.nodeId) || !this.settled(group)) return false;
    if (failureDomain(from) === failureDomain(to)) return true;
    const inTargetDomain = voters.filter((id) => this.domainOf(id) === failureDomain(to)).length;
    return inTargetDomain + 1 <= zoneCapacity(voters.length, this.domains);
  }

  /** Settled: not lost, not already changed by this plan, and its leader reports the desired voters. */
  private settled(group: GroupRecord): boolean {
    return (
      !this.lost.has(group.groupId) &&
      !this.touched.has(group.groupId) &&
      group.actualLearners.length === 0 &&
      group.actualVoters.length > 0 &&
      sameIds(group.actualVoters, group.voters)
    );
  }

  /**
   * A group mid-move: its leader has reported a configuration other than the one the plan wants. A lost
   * group does not count: it cannot move, and would otherwise hold the budget forever.
   */
  private inFlight(group: GroupRecord): boolean {
    return (
      !this.lost.has(group.groupId) &&
      group.actualVoters.length > 0 &&
      (group.actualLearners.length > 0 || !sameIds(group.actualVoters, this.voters(group)))
    );
  }

  private bestTarget(group: GroupRecord, allowed: (node: NodeRecord) => boolean): number | undefined {
    const voters = this.voters(group);
    const [best] = placeReplicas({
      candidates: this.liveList.filter((n) => !voters.includes(n.nodeId) && allowed(n)),
      replicaCounts: this.loads,
      count: 1,
      existing: voters.map((id) => this.placementNode(id)),
    });
    return best;
  }

  /** Whom to drop from a group with too many voters: the dead first, then the most crowded zone, then the most loaded. */
  private trimCandidate(voters: readonly number[]): number {
    const perDomain = this.domainCounts(voters);
    let worst = voters[0] as number;
    const rank = (id: number): number[] => [
      this.live.has(id) ? 0 : 1,
      perDomain.get(this.domainOf(id)) ?? 0,
      this.load(id),
      id,
    ];
    for (const id of voters) {
      const a = rank(id);
      const b = rank(worst);
      const i = a.findIndex((x, k) => x !== b[k]);
      if (i >= 0 && (a[i] as number) > (b[i] as number)) worst = id;
    }
    return worst;
  }

  private mostLoaded(ids: readonly number[]): number {
    return [...ids].sort((a, b) => this.load(b) - this.load(a) || b - a)[0] as number;
  }

  private move(group: GroupRecord, next: readonly number[]): void {
    const before = this.voters(group);
    for (const id of before) this.loads.set(id, this.load(id) - 1);
    for (const id of next) this.loads.set(id, this.load(id) + 1);
    this.desired.set(group.groupId, [...next]);
    this.touched.add(group.groupId);
  }

  private targetReplicas(group: GroupRecord): number {
    const resource =
      group.resource === undefined
        ? undefined
        : this.state.resources.get(resourceKey(group.resource.kind, group.resource.name));
    if (resource !== undefined) return resource.replicationFactor;
    if (group.resource !== undefined) return group.voters.length;
    return Math.min(this.options.systemReplicationFactor ?? 3, catalogLimits.replicationFactorMax);
  }

  private voters(group: GroupRecord): number[] {
    return this.desired.get(group.groupId) ?? [...group.voters];
  }

  private load(nodeId: number): number {
    return this.loads.get(nodeId) ?? 0;
  }

  private placementNode(nodeId: number): PlacementNode {
    return { nodeId, zone: this.nodes.get(nodeId)?.zone };
  }

  private domainOf(nodeId: number): string {
    return failureDomain(this.placementNode(nodeId));
  }

  private domainCounts(voters: readonly number[]): Map<string, number> {
    const counts = new Map<string, number>();
    for (const id of voters) counts.set(this.domainOf(id), (counts.get(this.domainOf(id)) ?? 0) + 1);
    return counts;
  }
}

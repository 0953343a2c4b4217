import { activeNodes, sortedGroups, type MetaState } from "./meta-state.js";
import { type NodeRecord } from "./records.js";

/** A node as status reports it: its membership, and whether it was heard from within the failure timeout. */
export type NodeHealth = "active" | "unreachable" | "removed";

/**
 * Whether a member was heard from within `deadAfterMs`: the controller's own test for replacing a node's
 * replicas (liveNodes), so status says unreachable exactly when the controller starts to act on it.
 */
export function nodeHealth(node: NodeRecord, nowMs: number, deadAfterMs: number): NodeHealth {
  if (node.state === "removed") return "removed";
  return heartbeatAgeMs(node, nowMs) <= deadAfterMs ? "active" : "unreachable";
}

/** How long ago the controller last heard from `node` (its last heartbeat, or its join), never negative. */
export function heartbeatAgeMs(node: NodeRecord, nowMs: number): number {
  return Math.max(0, nowMs - node.lastHeartbeatMs);
}

export interface ClusterHealth {
  /** Members (active or unreachable; not removed). */
  readonly nodeCount: number;
  /** Members heard from within the failure timeout. */
  readonly healthyNodeCount: number;
  /** Groups that route (not being deleted). */
  readonly groupCount: number;
  /** Groups with no leader reported, or whose reported leader is unreachable. */
  readonly leaderlessGroupCount: number;
  /** Groups with fewer voters on reachable nodes than the controller wants them to have. */
  readonly underReplicatedGroupCount: number;
}

/**
 * The cluster's health from the meta group's records: node heartbeats, and each group's leader and
 * voters as their leaders last reported them (the controller's wanted voters until a first report).
 */
export function clusterHealth(state: MetaState, nowMs: number, deadAfterMs: number): ClusterHealth {
  const members = activeNodes(state);
  const reachable = new Set(
    members.filter((n) => nodeHealth(n, nowMs, deadAfterMs) === "active").map((n) => n.nodeId),
  );
  const groups = sortedGroups(state).filter((g) => g.state === "active");
  let leaderless = 0;
  let underReplicated = 0;
  for (const group of groups) {
    if (group.leader === 0 || !reachable.has(group.leader)) leaderless++;
    const voters = group.actualVoters.length > 0 ? group.actualVoters : group.voters;
    const upVoters = voters.filter((id) => reachable.has(id)).length;
    if (upVoters < group.voters.length) underReplicated++;
  }
  return {
    nodeCount: members.length,
    healthyNodeCount: reachable.size,
    groupCount: groups.length,
    leaderlessGroupCount: leaderless,
    underReplicatedGroupCount: underReplicated,
  };
}

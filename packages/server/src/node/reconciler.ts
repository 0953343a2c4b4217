import { ConfChangeType, confChange, type ConfState, type NodeId } from "@millrace/raft";
import { type GroupReplica } from "../host/group-replica.js";
import { type RaftHost } from "../host/raft-host.js";

/** How far behind the leader's last index a learner may be and still be promoted. */
const promoteLagEntriesMax = 64;

/** What the controller wants of a group: its voters, and which of them should lead (0: any). */
export interface DesiredMembership {
  readonly voters: readonly NodeId[];
  readonly preferredLeader: NodeId;
}

/**
 * Moves the membership of the groups this node leads toward what the meta group says. One change per
 * group per round, each idempotent, so a round half done when a leader fails is finished by the next
 * leader. A new node is added as a learner and promoted only once it has caught up, so the quorum never
 * waits on an empty log; a leader hands leadership over before removing itself. Once membership is right,
 * leadership moves to the preferred leader when that voter has caught up (the controller spreads leaders).
 */
export class MembershipReconciler {
  private readonly busy = new Set<number>();

  constructor(
    private readonly nodeId: NodeId,
    private readonly host: Pick<RaftHost, "groups" | "transferLeader" | "proposeConfChange">,
    private readonly desired: (groupId: number) => DesiredMembership | undefined,
    private readonly onError: (groupId: number, error: Error) => void,
    /**
     * Whether this node has been removed from the cluster. Its view of what each group should be may then
     * stay stale for good: once the meta group drops it, it hears no more of the controller's decisions.
     */
    private readonly leaving: () => boolean = () => false,
  ) {}

  /** One round over every group this node leads. */
  round(): void {
    const leaving = this.leaving();
    for (const [groupId, replica] of this.host.groups) {
      if (this.busy.has(groupId) || !replica.isLeader) continue;
      if (leaving) {
        // Hand every group over to a voter that still follows the controller; it will reconcile the rest.
        this.handOver(groupId, replica, replica.confState.voters);
        continue;
      }
      const want = this.desired(groupId);
      if (want === undefined || want.voters.length === 0) continue;
      const progress = replica.rawNode.status().progress;
      const lastIndex = replica.rawNode.raft.raftLog.lastIndex();
      const change = this.nextChange(replica.confState, want.voters, progress, lastIndex);
      if (change === undefined) {
        const preferred = want.preferredLeader;
        if (preferred !== 0 && preferred !== this.nodeId && caughtUp(progress?.get(preferred), lastIndex))
          this.host.transferLeader(groupId, preferred);
        continue;
      }
      if (change === "transfer") {
        this.handOver(groupId, replica, want.voters);
        continue;
      }
      this.busy.add(groupId);
      this.host
        .proposeConfChange(groupId, confChange([change]))
        .catch((error: Error) => this.onError(groupId, error))
        .finally(() => this.busy.delete(groupId));
    }
  }

  private handOver(groupId: number, replica: GroupReplica, wanted: readonly NodeId[]): void {
    const pending = replica.rawNode.raft.leadTransferee;
    const progress = replica.rawNode.status().progress;
    const target = handoverTarget(this.nodeId, replica.confState, wanted, progress, pending);
    if (target !== undefined && target !== pending) this.host.transferLeader(groupId, target);
  }

  private nextChange(
    cs: ConfState,
    desired: readonly NodeId[],
    progress: ReadonlyMap<NodeId, { match: number; recentActive: boolean }> | undefined,
    lastIndex: number,
  ): { type: ConfChangeType; nodeId: NodeId } | "transfer" | undefined {
    if (cs.votersOutgoing.length > 0) return undefined;
    const members = [...cs.voters, ...cs.learners];
    const stale = members.find((id) => !desired.includes(id));
    if (stale !== undefined) {
      // A leader hands leadership over before removing itself, so the group keeps serving throughout.
      if (stale === this.nodeId) return "transfer";
      return { type: ConfChangeType.RemoveNode, nodeId: stale };
    }
    const missing = desired.find((id) => !members.includes(id));
    if (missing !== undefined) return { type: ConfChangeType.AddLearnerNode, nodeId: missing };
    const ready = cs.learners.find((id) => caughtUp(progress?.get(id), lastIndex));
    if (ready !== undefined) return { type: ConfChangeType.AddNode, nodeId: ready };
    return undefined;
  }
}

/**
 * What the controller wants of a group, from the meta group's record of it. Leadership never goes to a
 * removed node, even while the controller has yet to pick another preferred leader: a removed node hands
 * its groups over, and sending them back would bounce leadership between the two (seen in CI, with the
 * meta group itself bouncing, so the controller could not pick another).
 */
export function desiredMembershipOf(
  group: { state: string; voters: readonly NodeId[]; preferredLeader: NodeId } | undefined,
  nodeState: (nodeId: NodeId) => string | undefined,
): DesiredMembership | undefined {
  if (group === undefined || group.state !== "active") return undefined;
  const preferred = group.preferredLeader;
  return { voters: group.voters, preferredLeader: nodeState(preferred) === "active" ? preferred : 0 };
}

/**
 * Who a leader that must leave the group hands leadership to: the transfer already under way if its
 * target is still wanted and in touch, else the wanted voter in touch with the longest log. The target
 * need not be caught up: Raft's transfer catches it up first, and the leader takes no proposals meanwhile,
 * so the gap closes even under a write load that would keep any "close enough" bar out of reach.
 */
export function handoverTarget(
  self: NodeId,
  cs: ConfState,
  desired: readonly NodeId[],
  progress: ReadonlyMap<NodeId, { match: number; recentActive: boolean }> | undefined,
  pending: NodeId,
): NodeId | undefined {
  const candidates = cs.voters.filter(
    (id) => id !== self && desired.includes(id) && progress?.get(id)?.recentActive === true,
  );
  if (candidates.includes(pending)) return pending;
  let best: NodeId | undefined;
  for (const id of candidates) {
    if (best === undefined || (progress?.get(id)?.match ?? 0) > (progress?.get(best)?.match ?? 0)) best = id;
  }
  return best;
}

/** Whether a replica is in touch and close enough to the leader's log to vote or lead without a stall. */
function caughtUp(pr: { match: number; recentActive: boolean } | undefined, lastIndex: number): boolean {
  return pr !== undefined && pr.recentActive && pr.match + promoteLagEntriesMax >= lastIndex;
}

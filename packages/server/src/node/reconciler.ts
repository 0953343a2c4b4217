import { ConfChangeType, confChange, type ConfState, type NodeId } from "@millrace/raft";
import { type MetaStateMachine } from "@millrace/router";
import { type RaftHost } from "../host/raft-host.js";
import { groupVotersMax } from "./group-ids.js";

/** How far behind the leader's last index a learner may be and still be promoted. */
const promoteLagEntriesMax = 64;

/**
 * Moves the membership of the groups this node leads toward what the meta group says: every active node
 * (up to groupVotersMax) is a voter, removed nodes are not members. One change per group per round, each
 * idempotent, so a round half done when a leader fails is finished by the next leader. A new node is
 * added as a learner and promoted only once it has caught up, so the quorum never waits on an empty log.
 */
export class MembershipReconciler {
  private readonly busy = new Set<number>();

  constructor(
    private readonly nodeId: NodeId,
    private readonly host: RaftHost,
    private readonly meta: MetaStateMachine,
    private readonly groupIds: () => readonly number[],
    private readonly onError: (groupId: number, error: Error) => void,
  ) {}

  /** One round over every group this node leads. */
  round(): void {
    if (this.meta.cluster === undefined) return;
    const active = this.meta
      .activeNodes()
      .map((n) => n.nodeId)
      .slice(0, groupVotersMax);
    for (const groupId of this.groupIds()) {
      if (this.busy.has(groupId)) continue;
      const replica = this.host.groups.get(groupId);
      if (replica === undefined || !replica.isLeader) continue;
      const change = this.nextChange(
        replica.confState,
        active,
        replica.rawNode.status().progress,
        replica.rawNode.raft.raftLog.lastIndex(),
      );
      if (change === undefined) continue;
      if (change === "transfer") {
        const target = replica.confState.voters.find((id) => id !== this.nodeId && active.includes(id));
        if (target !== undefined) this.host.transferLeader(groupId, target);
        continue;
      }
      this.busy.add(groupId);
      this.host
        .proposeConfChange(groupId, confChange([change]))
        .catch((error: Error) => this.onError(groupId, error))
        .finally(() => this.busy.delete(groupId));
    }
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
    const ready = cs.learners.find((id) => {
      const pr = progress?.get(id);
      return pr !== undefined && pr.recentActive && pr.match + promoteLagEntriesMax >= lastIndex;
    });
    if (ready !== undefined) return { type: ConfChangeType.AddNode, nodeId: ready };
    return undefined;
  }
}

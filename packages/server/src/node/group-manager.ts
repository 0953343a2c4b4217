import { type StateMachine } from "@millrace/common";
import { type GroupRecord, type MetaStateMachine } from "@millrace/router";
import { type NodeStore } from "@millrace/storage";
import { type Logger } from "pino";
import { type RaftHost } from "../host/raft-host.js";
import { stageFoundingSnapshot } from "./founding-snapshot.js";
import { defaultLogGroupId, metaGroupId } from "./group-ids.js";

/** Makes the state machine of a data group from its record; undefined for a kind this node cannot run. */
export type StateMachineFactory = (group: GroupRecord) => StateMachine | undefined;

/**
 * Opens and closes this node's replicas of data groups as the meta group assigns them. A node hosts a
 * group while it is among the voters the controller wants or among the members its leader reported
 * (so a replica being moved away keeps serving until the group's leader has removed it). A group created
 * with this node among its first voters starts from the same one-entry snapshot as its other founders;
 * a replica added later starts empty and is brought up to date by the leader (log or snapshot). A group
 * whose resource was deleted, or that no longer counts this node, is dropped with its data.
 */
export class GroupManager {
  private readonly opening = new Set<number>();
  /**
   * Groups this node was removed from. It may host one again only once the group's leader has reported a
   * membership without it: until then the leader may still hold this node's old progress and send it a
   * commit index past the end of a fresh, empty log.
   */
  private readonly evicted = new Set<number>();

  constructor(
    private readonly nodeId: number,
    private readonly meta: MetaStateMachine,
    private readonly host: RaftHost,
    private readonly store: NodeStore,
    private readonly stateMachineOf: StateMachineFactory,
    private readonly logger: Logger,
    /** Told when a replica is dropped, so what was kept for it in memory goes too. */
    private readonly onDropped: (groupId: number) => void = () => {},
  ) {}

  /** One pass: open what is assigned and not hosted, drop what is hosted and no longer assigned. */
  reconcile(): void {
    if (this.meta.cluster === undefined) return;
    for (const group of this.meta.groups.values()) {
      if (isSystemGroup(group.groupId) || this.host.groups.has(group.groupId)) continue;
      if (this.opening.has(group.groupId) || !this.assignedHere(group)) continue;
      this.opening.add(group.groupId);
      this.open(group)
        .catch((error: unknown) =>
          this.logger.error({ err: error, group: group.groupId }, "could not open a group replica"),
        )
        .finally(() => this.opening.delete(group.groupId));
    }
    for (const groupId of [...this.host.groups.keys()]) {
      if (isSystemGroup(groupId)) continue;
      const group = this.meta.groups.get(groupId);
      if (group !== undefined && this.assignedHere(group)) continue;
      this.logger.info({ group: groupId }, "dropping a replica the cluster no longer assigns here");
      this.drop(groupId);
    }
  }

  /** Drops a replica and its data (deleted resource, or this node was removed from the group). */
  drop(groupId: number): void {
    this.host.removeGroup(groupId);
    if (this.store.hasGroup(groupId)) this.store.destroyGroup(groupId);
    this.onDropped(groupId);
  }

  /** This node applied its own removal from a group: drop the replica and keep away until reported. */
  evict(groupId: number): void {
    this.evicted.add(groupId);
    this.drop(groupId);
  }

  private assignedHere(group: GroupRecord): boolean {
    if (group.state !== "active") return false;
    const me = this.nodeId;
    const member = group.actualVoters.includes(me) || group.actualLearners.includes(me);
    if (this.evicted.has(group.groupId)) {
      if (member) return false;
      this.evicted.delete(group.groupId);
    }
    return group.voters.includes(me) || member;
  }

  private async open(group: GroupRecord): Promise<void> {
    const stateMachine = this.stateMachineOf(group);
    if (stateMachine === undefined) {
      this.logger.warn({ group: group.groupId, kind: group.kind }, "no state machine for this group kind");
      return;
    }
    let storage;
    if (this.store.hasGroup(group.groupId)) {
      storage = await this.store.openGroup(group.groupId);
    } else {
      // A replica dropped here earlier (moved away and now back) may still have data being deleted.
      await this.store.whenDestroyed(group.groupId);
      storage = this.store.createGroup(group.groupId);
      const founders = group.initialVoters;
      // Founders start from the shared one-entry snapshot only while the group is new (no leader has
      // reported its membership yet). Later, a replica starts empty and the leader sends it a snapshot:
      // a node re-added after a removal must not believe the founding membership is still in force.
      const isNew = group.leaderTerm === 0 && group.actualVoters.length === 0;
      if (isNew && founders.includes(this.nodeId)) stageFoundingSnapshot(storage, founders);
      await this.store.commit();
    }
    if (storage.isDamaged) {
      this.logger.error(
        { group: group.groupId, err: storage.damageError },
        "group is damaged on this node and will not be served",
      );
      return;
    }
    // Another pass may have dropped the assignment while the storage opened.
    const now = this.meta.groups.get(group.groupId);
    if (now === undefined || !this.assignedHere(now) || this.host.groups.has(group.groupId)) return;
    await this.host.addGroup({ groupId: group.groupId, storage, stateMachine });
    this.logger.info({ group: group.groupId, kind: group.kind }, "hosting a group replica");
  }
}

function isSystemGroup(groupId: number): boolean {
  return groupId === metaGroupId || groupId === defaultLogGroupId;
}

import {
  ErrorCode,
  decode,
  encode,
  limits,
  shown,
  type ApplyResult,
  type StateMachine,
  type StateReader,
  type StateWriter,
} from "@millrace/common";
import { catalogLimits } from "./catalog-limits.js";
import {
  attributeBounds,
  checkResourceName,
  isGroupId,
  isIntIn,
  isNodeId,
  isPlainObject,
  isResourceKind,
  isStringUpTo,
  isTimeMs,
  isZone,
  nodeIdList,
  sameIds,
  sameStringMap,
  sortedMap,
  stringMap,
  tagBounds,
} from "./command-validation.js";
import { type LeaderReport, type MetaCommand, type MetaResult } from "./meta-commands.js";
import {
  activeNodes,
  findResource,
  groupsHostedBy,
  groupsOfResource,
  liveNodes,
  replicaCounts,
  routeOf,
  routingTable,
  type MetaState,
  type RoutingTable,
} from "./meta-state.js";
import { cancelMoveTask, failMoveTask, moveTasksOf, progressMoveTask, startMoveTask } from "./move-tasks.js";
import { leastLoaded, placeReplicas, preferredLeaderCounts } from "./placement.js";
import {
  groupKindOf,
  resourceKey,
  type ClusterRecord,
  type GroupRecord,
  type MoveTaskRecord,
  type NodeRecord,
  type ResourceKind,
  type ResourceRecord,
  type TombstoneRecord,
} from "./records.js";

/**
 * The meta group's state machine: the cluster's identity, its nodes, the catalog of queues, topics and
 * streams, and every Raft group with the voters the controller wants and what its leader last reported.
 * Every node follows it; the leader of the meta group acts on it (see reconciliation.ts). Pure and
 * deterministic: time arrives in commands (`nowMs`, stamped by the proposer), and every rejection is a
 * returned value, decided before anything is written.
 *
 * Keyspace (ids are 10-digit zero-padded decimals, so key order is id order):
 * - `c` → ClusterRecord
 * - `n` + node id → NodeRecord
 * - `j` + join token → node id
 * - `g` + group id → GroupRecord
 * - `r` + kind + `/` + name → ResourceRecord
 * - `t` + kind + `/` + name → TombstoneRecord (a recently deleted queue's name)
 * - `m` + source queue + `/` + ordinal → MoveTaskRecord (a message move task)
 */
export class MetaStateMachine implements StateMachine<MetaResult>, MetaState {
  cluster: ClusterRecord | undefined = undefined;
  readonly nodes = new Map<number, NodeRecord>();
  readonly groups = new Map<number, GroupRecord>();
  readonly resources = new Map<string, ResourceRecord>();
  readonly tombstones = new Map<string, TombstoneRecord>();
  /** Message move tasks by handle: each source queue's `catalogLimits.moveTasksPerQueueMax` newest. */
  readonly moveTasks = new Map<string, MoveTaskRecord>();
  private readonly joinTokens = new Map<string, number>();
  /** Set by writes that change what clients route by; the command then bumps the routing version once. */
  private routingChanged = false;

  apply(_index: number, command: Uint8Array, writer: StateWriter): ApplyResult<MetaResult> {
    let cmd: unknown;
    try {
      cmd = decode(command);
    } catch {
      return reject("meta command is not valid msgpack");
    }
    if (!isPlainObject(cmd)) return reject("meta command must be an object");
    this.routingChanged = false;
    const result = this.dispatch(cmd as MetaCommand, writer);
    if (result.ok && this.routingChanged && this.cluster !== undefined) {
      this.putCluster({ ...this.cluster, routingVersion: this.cluster.routingVersion + 1 }, writer);
    }
    this.routingChanged = false;
    return result;
  }

  async restore(reader: StateReader): Promise<void> {
    this.nodes.clear();
    this.groups.clear();
    this.resources.clear();
    this.tombstones.clear();
    this.moveTasks.clear();
    this.joinTokens.clear();
    const cluster = await reader.get(clusterKey);
    // Records written before the catalog existed lack some fields; current ones are kept exactly as
    // decoded, key order included, so every replica goes on writing the same bytes.
    for (const row of await readAll(reader, "n")) {
      const node = decode(row.value) as NodeRecord;
      this.nodes.set(
        node.nodeId,
        node.lastHeartbeatMs === undefined ? { ...node, lastHeartbeatMs: node.joinedAtMs } : node,
      );
    }
    for (const row of await readAll(reader, "g")) {
      const group = decode(row.value) as GroupRecord;
      this.groups.set(
        group.groupId,
        group.initialVoters === undefined
          ? newGroup({ groupId: group.groupId, kind: group.kind, partition: 0, voters: group.voters })
          : group,
      );
    }
    if (cluster !== undefined) {
      const record = decode(cluster) as ClusterRecord;
      this.cluster =
        record.nextGroupId === undefined
          ? {
              ...record,
              nextGroupId: Math.max(firstDataGroupId, ...[...this.groups.keys()].map((id) => id + 1)),
              routingVersion: 1,
            }
          : record;
    } else {
      this.cluster = undefined;
    }
    for (const row of await readAll(reader, "r")) {
      const resource = decode(row.value) as ResourceRecord;
      this.resources.set(resourceKey(resource.kind, resource.name), resource);
    }
    for (const row of await readAll(reader, "t")) {
      const tombstone = decode(row.value) as TombstoneRecord;
      this.tombstones.set(resourceKey(tombstone.kind, tombstone.name), tombstone);
    }
    for (const row of await readAll(reader, "m")) {
      const task = decode(row.value) as MoveTaskRecord;
      this.moveTasks.set(task.taskHandle, task);
    }
    for (const row of await readAll(reader, "j")) {
      this.joinTokens.set(new TextDecoder().decode(row.key).slice(1), decode(row.value) as number);
    }
  }

  activeNodes(): NodeRecord[] {
    return activeNodes(this);
  }

  liveNodes(nowMs: number, deadAfterMs: number): NodeRecord[] {
    return liveNodes(this, nowMs, deadAfterMs);
  }

  resource(kind: ResourceKind, name: string): ResourceRecord | undefined {
    return findResource(this, kind, name);
  }

  groupsOfResource(kind: ResourceKind, name: string): GroupRecord[] {
    return groupsOfResource(this, kind, name);
  }

  groupsHostedBy(nodeId: number): GroupRecord[] {
    return groupsHostedBy(this, nodeId);
  }

  routingTable(): RoutingTable {
    return routingTable(this);
  }

  /** A source queue's message move tasks, newest first. */
  moveTasksOf(sourceQueue: string): MoveTaskRecord[] {
    return moveTasksOf(this.moveTasks.values(), sourceQueue);
  }

  private dispatch(cmd: MetaCommand, writer: StateWriter): ApplyResult<MetaResult> {
    if (!knownCommandTypes.has(cmd.type))
      return reject(`unknown meta command ${shown((cmd as { type?: unknown }).type)}`);
    if (cmd.type !== "bootstrap" && this.cluster === undefined)
      return reject("the cluster is not bootstrapped", ErrorCode.FAILED_PRECONDITION);
    switch (cmd.type) {
      case "bootstrap":
        return this.bootstrap(cmd, writer);
      case "register-node":
        return this.registerNode(cmd, writer);
      case "remove-node":
        return this.removeNode(cmd, writer);
      case "set-node-addresses":
        return this.setNodeAddresses(cmd, writer);
      case "set-node-zone":
        return this.setNodeZone(cmd, writer);
      case "node-heartbeat":
        return this.nodeHeartbeat(cmd, writer);
      case "set-group-voters":
        return this.setGroupVoters(cmd, writer);
      case "set-preferred-leader":
        return this.setPreferredLeader(cmd, writer);
      case "create-resource":
        return this.createResource(cmd, writer);
      case "delete-resource":
        return this.deleteResource(cmd, writer);
      case "set-resource-attributes":
        return this.setResourceAttributes(cmd, writer);
      case "tag-resource":
        return this.tagResource(cmd, writer);
      case "untag-resource":
        return this.untagResource(cmd, writer);
      case "drop-group":
        return this.dropGroup(cmd, writer);
      case "move-task-start":
        return this.startMoveTask(cmd, writer);
      case "move-task-progress":
      case "move-task-cancel":
      case "move-task-fail":
        return this.changeMoveTask(cmd, writer);
    }
  }

  // Nodes.

  private bootstrap(cmd: Command<"bootstrap">, writer: StateWriter): ApplyResult<MetaResult> {
    if (this.cluster !== undefined)
      return reject("the cluster is already bootstrapped", ErrorCode.ALREADY_EXISTS);
    if (!isStringUpTo(cmd.clusterId, 128) || cmd.clusterId === "")
      return reject("clusterId must be a string of 1..128 characters");
    if (!isTimeMs(cmd.nowMs)) return reject("nowMs must be a non-negative integer");
    if (!Array.isArray(cmd.nodes) || cmd.nodes.length === 0 || cmd.nodes.length > bootstrapNodesMax)
      return reject(`bootstrap needs 1..${bootstrapNodesMax} nodes`);
    const nodes: NodeRecord[] = [];
    for (const node of cmd.nodes as unknown[]) {
      if (!isPlainObject(node) || !isNodeId(node.nodeId))
        return reject(`bad node id ${isPlainObject(node) ? shown(node.nodeId) : "(not an object)"}`);
      const fault =
        checkAddresses(node) ?? (node.zone === undefined || isZone(node.zone) ? undefined : zoneFault);
      if (fault !== undefined) return reject(fault);
      if (nodes.some((n) => n.nodeId === node.nodeId)) return reject(`node ${node.nodeId} is listed twice`);
      nodes.push(
        withZone(
          {
            nodeId: node.nodeId,
            peerAddress: node.peerAddress as string,
            clientAddress: node.clientAddress as string,
            httpAddress: node.httpAddress as string,
            state: "active",
            joinedAtMs: cmd.nowMs,
            lastHeartbeatMs: cmd.nowMs,
          },
          node.zone as string | undefined,
        ),
      );
    }
    if (!Array.isArray(cmd.groups) || cmd.groups.length > 2) return reject("bootstrap has at most 2 groups");
    const groups: GroupRecord[] = [];
    for (const group of cmd.groups as unknown[]) {
      if (!isPlainObject(group) || !isGroupId(group.groupId)) return reject("bad bootstrap group id");
      if (group.kind !== "meta" && group.kind !== "log") return reject("bootstrap groups are meta or log");
      const voters = nodeIdList(group.voters, 1, catalogLimits.groupMembersMax);
      if (voters === undefined || !voters.every((id) => nodes.some((n) => n.nodeId === id)))
        return reject("bootstrap group voters must be distinct founding nodes");
      if (groups.some((g) => g.groupId === group.groupId)) return reject("bootstrap groups must be distinct");
      groups.push(newGroup({ groupId: group.groupId, kind: group.kind, partition: 0, voters }));
    }
    for (const node of nodes) this.putNode(node, writer);
    for (const group of groups) this.putGroup(group, writer);
    const maxNodeId = Math.max(...nodes.map((n) => n.nodeId));
    const maxGroupId = Math.max(0, ...groups.map((g) => g.groupId));
    this.putCluster(
      {
        clusterId: cmd.clusterId,
        nextNodeId: maxNodeId + 1,
        createdAtMs: cmd.nowMs,
        nextGroupId: Math.max(firstDataGroupId, maxGroupId + 1),
        routingVersion: 1,
      },
      writer,
    );
    this.routingChanged = false;
    return { ok: true, value: { type: "bootstrap" } };
  }

  private registerNode(cmd: Command<"register-node">, writer: StateWriter): ApplyResult<MetaResult> {
    const cluster = this.cluster as ClusterRecord;
    if (!isStringUpTo(cmd.joinToken, 128) || cmd.joinToken.length === 0)
      return reject("joinToken must be a string of 1..128 characters");
    if (!isTimeMs(cmd.nowMs)) return reject("nowMs must be a non-negative integer");
    const fault = checkAddresses(cmd) ?? (cmd.zone === undefined || isZone(cmd.zone) ? undefined : zoneFault);
    if (fault !== undefined) return reject(fault);
    const existing = this.joinTokens.get(cmd.joinToken);
    if (existing !== undefined) {
      // A retried join: the same node, the same id.
      return { ok: true, value: { type: "register-node", node: this.nodes.get(existing) as NodeRecord } };
    }
    const node = withZone(
      {
        nodeId: cluster.nextNodeId,
        peerAddress: cmd.peerAddress,
        clientAddress: cmd.clientAddress,
        httpAddress: cmd.httpAddress,
        state: "active",
        joinedAtMs: cmd.nowMs,
        lastHeartbeatMs: cmd.nowMs,
      },
      cmd.zone,
    );
    this.putNode(node, writer);
    this.joinTokens.set(cmd.joinToken, node.nodeId);
    writer.put(key("j", cmd.joinToken), encode(node.nodeId));
    this.putCluster({ ...(this.cluster as ClusterRecord), nextNodeId: node.nodeId + 1 }, writer);
    return { ok: true, value: { type: "register-node", node } };
  }

  /** The node's replicas are then moved off it by the planner; removing twice answers the same. */
  private removeNode(cmd: Command<"remove-node">, writer: StateWriter): ApplyResult<MetaResult> {
    const node = isNodeId(cmd.nodeId) ? this.nodes.get(cmd.nodeId) : undefined;
    if (node === undefined) return reject(`node ${shown(cmd.nodeId)} is not a member`, ErrorCode.NOT_FOUND);
    const removed: NodeRecord = { ...node, state: "removed" };
    if (node.state !== "removed") this.putNode(removed, writer);
    return { ok: true, value: { type: "remove-node", node: removed } };
  }

  /** A node announces where it can be reached (founders know only each other's peer addresses). */
  private setNodeAddresses(cmd: Command<"set-node-addresses">, writer: StateWriter): ApplyResult<MetaResult> {
    const node = this.activeNode(cmd.nodeId);
    if (node === undefined)
      return reject(`node ${shown(cmd.nodeId)} is not an active member`, ErrorCode.NOT_FOUND);
    const fault = checkAddresses(cmd);
    if (fault !== undefined) return reject(fault);
    const updated: NodeRecord = {
      ...node,
      peerAddress: cmd.peerAddress,
      clientAddress: cmd.clientAddress,
      httpAddress: cmd.httpAddress,
    };
    this.putNode(updated, writer);
    return { ok: true, value: { type: "set-node-addresses", node: updated } };
  }

  private setNodeZone(cmd: Command<"set-node-zone">, writer: StateWriter): ApplyResult<MetaResult> {
    const node = this.activeNode(cmd.nodeId);
    if (node === undefined)
      return reject(`node ${shown(cmd.nodeId)} is not an active member`, ErrorCode.NOT_FOUND);
    if (!isZone(cmd.zone)) return reject(zoneFault);
    const { zone: _previous, ...rest } = node;
    const updated = withZone(rest, cmd.zone);
    this.putNode(updated, writer);
    return { ok: true, value: { type: "set-node-zone", node: updated } };
  }

  /**
   * A node is alive, and leads these groups with these configurations. A report older than the recorded
   * leader's term is stale (it was proposed before a newer leader's), so it is ignored; so is a second
   * claim on a term, which Raft makes impossible unless the first was wrong.
   */
  private nodeHeartbeat(cmd: Command<"node-heartbeat">, writer: StateWriter): ApplyResult<MetaResult> {
    const node = this.activeNode(cmd.nodeId);
    if (node === undefined)
      return reject(`node ${shown(cmd.nodeId)} is not an active member`, ErrorCode.NOT_FOUND);
    if (!isTimeMs(cmd.nowMs)) return reject("nowMs must be a non-negative integer");
    if (!Array.isArray(cmd.groups) || cmd.groups.length > catalogLimits.heartbeatGroupsMax)
      return reject(`groups must be a list of at most ${catalogLimits.heartbeatGroupsMax} reports`);
    const reports: LeaderReport[] = [];
    for (const report of cmd.groups as unknown[]) {
      if (
        !isPlainObject(report) ||
        !isGroupId(report.groupId) ||
        !isIntIn(report.term, 1, Number.MAX_SAFE_INTEGER)
      )
        return reject("each group report needs a groupId and a positive term");
      const voters = nodeIdList(report.voters, 1, catalogLimits.groupMembersMax);
      const learners = nodeIdList(report.learners, 0, catalogLimits.groupMembersMax);
      if (voters === undefined || learners === undefined)
        return reject("a group report's voters and learners must be distinct node ids");
      if (report.leader !== true) continue;
      reports.push({ groupId: report.groupId, term: report.term, leader: true, voters, learners });
    }
    if (cmd.nowMs > node.lastHeartbeatMs) this.putNode({ ...node, lastHeartbeatMs: cmd.nowMs }, writer);
    for (const report of reports) {
      const group = this.groups.get(report.groupId);
      if (group === undefined || group.state !== "active") continue;
      if (report.term < group.leaderTerm) continue;
      if (report.term === group.leaderTerm && group.leader !== 0 && group.leader !== cmd.nodeId) continue;
      const updated: GroupRecord = {
        ...group,
        leader: cmd.nodeId,
        leaderTerm: report.term,
        actualVoters: report.voters,
        actualLearners: report.learners,
      };
      if (
        updated.leader !== group.leader ||
        updated.leaderTerm !== group.leaderTerm ||
        !sameIds(updated.actualVoters, group.actualVoters) ||
        !sameIds(updated.actualLearners, group.actualLearners)
      )
        this.putGroup(updated, writer);
    }
    return { ok: true, value: { type: "node-heartbeat", node: this.nodes.get(cmd.nodeId) as NodeRecord } };
  }

  // Groups.

  private setGroupVoters(cmd: Command<"set-group-voters">, writer: StateWriter): ApplyResult<MetaResult> {
    const group = isGroupId(cmd.groupId) ? this.groups.get(cmd.groupId) : undefined;
    if (group === undefined || group.state !== "active")
      return reject(`group ${shown(cmd.groupId)} does not exist`, ErrorCode.NOT_FOUND);
    const voters = nodeIdList(cmd.voters, 1, catalogLimits.replicationFactorMax);
    if (voters === undefined)
      return reject(`voters must be 1..${catalogLimits.replicationFactorMax} distinct node ids`);
    const notActive = voters.find((id) => this.activeNode(id) === undefined);
    if (notActive !== undefined)
      return reject(`node ${notActive} is not an active member`, ErrorCode.FAILED_PRECONDITION);
    if (sameIds(voters, group.voters)) return { ok: true, value: { type: "set-group-voters", group } };
    if (cmd.expectVoters !== undefined) {
      const expected = nodeIdList(cmd.expectVoters, 0, catalogLimits.groupMembersMax);
      if (expected === undefined) return reject("expectVoters must be distinct node ids");
      if (!sameIds(expected, group.voters))
        return reject(
          `group ${group.groupId}'s voters changed since the plan was made (now ${group.voters.join(",")})`,
          ErrorCode.ABORTED,
        );
    }
    const updated: GroupRecord = {
      ...group,
      voters,
      preferredLeader: voters.includes(group.preferredLeader) ? group.preferredLeader : 0,
    };
    this.putGroup(updated, writer);
    return { ok: true, value: { type: "set-group-voters", group: updated } };
  }

  private setPreferredLeader(
    cmd: Command<"set-preferred-leader">,
    writer: StateWriter,
  ): ApplyResult<MetaResult> {
    const group = isGroupId(cmd.groupId) ? this.groups.get(cmd.groupId) : undefined;
    if (group === undefined || group.state !== "active")
      return reject(`group ${shown(cmd.groupId)} does not exist`, ErrorCode.NOT_FOUND);
    if (cmd.nodeId !== 0 && !isNodeId(cmd.nodeId)) return reject("nodeId must be a node id or 0");
    if (cmd.nodeId !== 0 && !group.voters.includes(cmd.nodeId))
      return reject(
        `node ${cmd.nodeId} is not a voter of group ${group.groupId}`,
        ErrorCode.FAILED_PRECONDITION,
      );
    const updated: GroupRecord = { ...group, preferredLeader: cmd.nodeId };
    if (group.preferredLeader !== cmd.nodeId) this.putGroup(updated, writer);
    return { ok: true, value: { type: "set-preferred-leader", group: updated } };
  }

  /** Forgets a deleting group. Ids are never reused, so a replica of an unknown lower id is known dropped. */
  private dropGroup(cmd: Command<"drop-group">, writer: StateWriter): ApplyResult<MetaResult> {
    if (!isGroupId(cmd.groupId)) return reject("groupId must be a group id");
    const group = this.groups.get(cmd.groupId);
    if (group === undefined) {
      return cmd.groupId < (this.cluster as ClusterRecord).nextGroupId
        ? { ok: true, value: { type: "drop-group", groupId: cmd.groupId } }
        : reject(`group ${cmd.groupId} does not exist`, ErrorCode.NOT_FOUND);
    }
    if (group.state !== "deleting")
      return reject(`group ${cmd.groupId} is not being deleted`, ErrorCode.FAILED_PRECONDITION);
    this.groups.delete(group.groupId);
    writer.del(key("g", group.groupId));
    return { ok: true, value: { type: "drop-group", groupId: group.groupId } };
  }

  // The catalog.

  private createResource(cmd: Command<"create-resource">, writer: StateWriter): ApplyResult<MetaResult> {
    const cluster = this.cluster as ClusterRecord;
    if (!isTimeMs(cmd.nowMs)) return reject("nowMs must be a non-negative integer");
    if (!isResourceKind(cmd.kind)) return reject("kind must be queue, topic or stream");
    const nameFault = checkResourceName(cmd.kind, cmd.name);
    if (nameFault !== undefined) return reject(nameFault);
    const attributes = cmd.attributes === undefined ? {} : stringMap(cmd.attributes, attributeBounds);
    if (typeof attributes === "string") return reject(attributes);
    const tags = cmd.tags === undefined ? {} : stringMap(cmd.tags, tagBounds);
    if (typeof tags === "string") return reject(tags);
    if (cmd.partitions !== undefined && !isIntIn(cmd.partitions, 1, catalogLimits.partitionsMax))
      return reject(`partitions must be 1..${catalogLimits.partitionsMax}`);
    if (
      cmd.replicationFactor !== undefined &&
      !isIntIn(cmd.replicationFactor, 1, catalogLimits.replicationFactorMax)
    )
      return reject(`replicationFactor must be 1..${catalogLimits.replicationFactorMax}`);
    if (cmd.deadAfterMs !== undefined && !isTimeMs(cmd.deadAfterMs))
      return reject("deadAfterMs must be a non-negative integer");

    const existing = this.resources.get(resourceKey(cmd.kind, cmd.name));
    if (existing !== undefined) {
      // CreateQueue's contract: the same request again is the same queue; anything else is a conflict.
      const differs = !sameStringMap(existing.attributes, attributes)
        ? "attributes"
        : cmd.partitions !== undefined && cmd.partitions !== existing.partitions
          ? "partitions"
          : cmd.replicationFactor !== undefined && cmd.replicationFactor !== existing.replicationFactor
            ? "replicationFactor"
            : undefined;
      if (differs !== undefined)
        return reject(
          `a ${cmd.kind} with that name already exists with other ${differs}`,
          ErrorCode.ALREADY_EXISTS,
        );
      return {
        ok: true,
        value: {
          type: "create-resource",
          resource: existing,
          created: false,
          groups: this.groupsOfResource(cmd.kind, cmd.name),
        },
      };
    }
    const tombstone = this.tombstones.get(resourceKey(cmd.kind, cmd.name));
    if (tombstone !== undefined && cmd.nowMs - tombstone.deletedAtMs < limits.queueNameReuseDelayMs)
      return reject(
        `a queue with that name was deleted less than ${limits.queueNameReuseDelayMs / 1000} s ago`,
        ErrorCode.QUEUE_DELETED_RECENTLY,
      );

    const candidates =
      cmd.deadAfterMs === undefined ? this.activeNodes() : this.liveNodes(cmd.nowMs, cmd.deadAfterMs);
    // Refuse rather than under-replicate: a resource created with fewer replicas than asked would silently
    // survive fewer failures than its owner was promised. Without an explicit factor, a small cluster gets
    // what it can hold (a single node runs with 1), as SPEC.md says.
    const replicationFactor =
      cmd.replicationFactor ?? Math.min(limits.replicationFactorDefault, candidates.length);
    if (replicationFactor === 0 || replicationFactor > candidates.length)
      return reject(
        `replicationFactor ${replicationFactor || 1} needs as many live nodes; the cluster has ${candidates.length}`,
        ErrorCode.FAILED_PRECONDITION,
      );
    const partitions = cmd.partitions ?? 1;
    if (this.groups.size + partitions > catalogLimits.groupsMax)
      return reject(
        `the cluster holds at most ${catalogLimits.groupsMax} groups`,
        ErrorCode.RESOURCE_EXHAUSTED,
      );

    const counts = replicaCounts(this);
    const leaderCounts = preferredLeaderCounts(this.groups.values());
    const groups: GroupRecord[] = [];
    for (let partition = 0; partition < partitions; partition++) {
      const voters = placeReplicas({ candidates, replicaCounts: counts, count: replicationFactor }).sort(
        (a, b) => a - b,
      );
      for (const id of voters) counts.set(id, (counts.get(id) ?? 0) + 1);
      const preferredLeader = leastLoaded(voters, leaderCounts);
      leaderCounts.set(preferredLeader, (leaderCounts.get(preferredLeader) ?? 0) + 1);
      groups.push({
        ...newGroup({
          groupId: cluster.nextGroupId + partition,
          kind: groupKindOf[cmd.kind],
          partition,
          voters,
        }),
        resource: { kind: cmd.kind, name: cmd.name },
        preferredLeader,
      });
    }
    const resource: ResourceRecord = {
      kind: cmd.kind,
      name: cmd.name,
      attributes: sortedMap(attributes),
      tags: sortedMap(tags),
      createdAtMs: cmd.nowMs,
      partitions,
      replicationFactor,
      groupIds: groups.map((g) => g.groupId),
    };
    for (const group of groups) this.putGroup(group, writer);
    this.putResource(resource, writer);
    this.putCluster({ ...cluster, nextGroupId: cluster.nextGroupId + partitions }, writer);
    this.pruneTombstones(cmd.nowMs, writer);
    return { ok: true, value: { type: "create-resource", resource, created: true, groups } };
  }

  /**
   * The resource leaves the catalog at once and its groups start deleting: they stop routing, their
   * replicas are destroyed by the nodes hosting them, and the planner drops their records later. A queue's
   * name stays quarantined for `limits.queueNameReuseDelayMs`, so late sends cannot reach a new queue.
   */
  private deleteResource(cmd: Command<"delete-resource">, writer: StateWriter): ApplyResult<MetaResult> {
    if (!isTimeMs(cmd.nowMs)) return reject("nowMs must be a non-negative integer");
    const found = this.lookup(cmd);
    if (!found.ok) return found;
    const resource = found.value;
    for (const id of resource.groupIds) {
      const group = this.groups.get(id);
      if (group !== undefined && group.state === "active")
        this.putGroup({ ...group, state: "deleting", deletedAtMs: cmd.nowMs }, writer);
    }
    this.resources.delete(resourceKey(resource.kind, resource.name));
    writer.del(resourceRowKey("r", resource.kind, resource.name));
    // A deleted queue's move tasks go with it: there is nothing left to move or to list.
    if (resource.kind === "queue")
      for (const task of this.moveTasksOf(resource.name)) this.delMoveTask(task, writer);
    this.routingChanged = true;
    this.pruneTombstones(cmd.nowMs, writer);
    if (resource.kind === "queue") {
      const tombstone: TombstoneRecord = { kind: resource.kind, name: resource.name, deletedAtMs: cmd.nowMs };
      this.tombstones.set(resourceKey(resource.kind, resource.name), tombstone);
      writer.put(resourceRowKey("t", resource.kind, resource.name), encode(tombstone));
    }
    return { ok: true, value: { type: "delete-resource", resource } };
  }

  private setResourceAttributes(
    cmd: Command<"set-resource-attributes">,
    writer: StateWriter,
  ): ApplyResult<MetaResult> {
    const found = this.lookup(cmd);
    if (!found.ok) return found;
    const attributes = stringMap(cmd.attributes, attributeBounds);
    if (typeof attributes === "string") return reject(attributes);
    const merged = { ...found.value.attributes, ...attributes };
    if (Object.keys(merged).length > catalogLimits.attributesMax)
      return reject(`a resource has at most ${catalogLimits.attributesMax} attributes`);
    if (cmd.nowMs !== undefined && !isTimeMs(cmd.nowMs))
      return reject("nowMs must be a non-negative integer");
    const updated: ResourceRecord = {
      ...found.value,
      attributes: sortedMap(merged),
      ...(cmd.nowMs === undefined ? {} : { modifiedAtMs: cmd.nowMs }),
    };
    this.putResource(updated, writer);
    return { ok: true, value: { type: "set-resource-attributes", resource: updated } };
  }

  private tagResource(cmd: Command<"tag-resource">, writer: StateWriter): ApplyResult<MetaResult> {
    const found = this.lookup(cmd);
    if (!found.ok) return found;
    const tags = stringMap(cmd.tags, tagBounds);
    if (typeof tags === "string") return reject(tags);
    const merged = { ...found.value.tags, ...tags };
    if (Object.keys(merged).length > catalogLimits.tagsMax)
      return reject(`a resource has at most ${catalogLimits.tagsMax} tags`);
    const updated: ResourceRecord = { ...found.value, tags: sortedMap(merged) };
    this.putResource(updated, writer);
    return { ok: true, value: { type: "tag-resource", resource: updated } };
  }

  private untagResource(cmd: Command<"untag-resource">, writer: StateWriter): ApplyResult<MetaResult> {
    const found = this.lookup(cmd);
    if (!found.ok) return found;
    if (
      !Array.isArray(cmd.tagKeys) ||
      cmd.tagKeys.length > catalogLimits.tagsMax ||
      !cmd.tagKeys.every((k) => isStringUpTo(k, catalogLimits.tagKeyLengthMax))
    )
      return reject(`tagKeys must be at most ${catalogLimits.tagsMax} strings`);
    const remove = new Set<string>(cmd.tagKeys);
    const kept: Record<string, string> = {};
    for (const [k, v] of Object.entries(found.value.tags)) if (!remove.has(k)) kept[k] = v;
    const updated: ResourceRecord = { ...found.value, tags: kept };
    this.putResource(updated, writer);
    return { ok: true, value: { type: "untag-resource", resource: updated } };
  }

  private lookup(cmd: { readonly kind: unknown; readonly name: unknown }): ApplyResult<ResourceRecord> {
    if (!isResourceKind(cmd.kind)) return reject("kind must be queue, topic or stream");
    const resource = typeof cmd.name === "string" ? findResource(this, cmd.kind, cmd.name) : undefined;
    if (resource === undefined) return reject(`the ${cmd.kind} does not exist`, ErrorCode.NOT_FOUND);
    return { ok: true, value: resource };
  }

  // Message move tasks (see move-tasks.ts).

  private startMoveTask(cmd: Command<"move-task-start">, writer: StateWriter): ApplyResult<MetaResult> {
    const started = startMoveTask(this, this.moveTasks, cmd);
    if (!started.ok) return started;
    const { task, created, pruned } = started.value;
    for (const old of pruned) this.delMoveTask(old, writer);
    if (created) this.putMoveTask(task, writer);
    return { ok: true, value: { type: "move-task-start", task, created } };
  }

  private changeMoveTask(
    cmd: Command<"move-task-progress" | "move-task-cancel" | "move-task-fail">,
    writer: StateWriter,
  ): ApplyResult<MetaResult> {
    const task = typeof cmd.taskHandle === "string" ? this.moveTasks.get(cmd.taskHandle) : undefined;
    if (task === undefined)
      return reject(`no message move task has the handle ${shown(cmd.taskHandle)}`, ErrorCode.NOT_FOUND);
    const changed =
      cmd.type === "move-task-progress"
        ? progressMoveTask(task, cmd)
        : cmd.type === "move-task-cancel"
          ? cancelMoveTask(task)
          : failMoveTask(task, cmd);
    if (!changed.ok) return changed;
    if (changed.value !== task) this.putMoveTask(changed.value, writer);
    return { ok: true, value: { type: cmd.type, task: changed.value } };
  }

  /** Forgets every quarantine that has ended; order-free, so every replica forgets the same ones. */
  private pruneTombstones(nowMs: number, writer: StateWriter): void {
    for (const [mapKey, tombstone] of [...this.tombstones]) {
      if (nowMs - tombstone.deletedAtMs < limits.queueNameReuseDelayMs) continue;
      this.tombstones.delete(mapKey);
      writer.del(resourceRowKey("t", tombstone.kind, tombstone.name));
    }
  }

  // Writes.

  private activeNode(nodeId: unknown): NodeRecord | undefined {
    const node = isNodeId(nodeId) ? this.nodes.get(nodeId) : undefined;
    return node?.state === "active" ? node : undefined;
  }

  private putCluster(cluster: ClusterRecord, writer: StateWriter): void {
    this.cluster = cluster;
    writer.put(clusterKey, encode(cluster));
  }

  private putNode(node: NodeRecord, writer: StateWriter): void {
    const before = this.nodes.get(node.nodeId);
    const routedBefore = before?.state === "active" ? before.clientAddress : undefined;
    const routedAfter = node.state === "active" ? node.clientAddress : undefined;
    if (routedBefore !== routedAfter) this.routingChanged = true;
    this.nodes.set(node.nodeId, node);
    writer.put(key("n", node.nodeId), encode(node));
  }

  private putGroup(group: GroupRecord, writer: StateWriter): void {
    const before = this.groups.get(group.groupId);
    if (routeFingerprint(before) !== routeFingerprint(group)) this.routingChanged = true;
    this.groups.set(group.groupId, group);
    writer.put(key("g", group.groupId), encode(group));
  }

  private putMoveTask(task: MoveTaskRecord, writer: StateWriter): void {
    this.moveTasks.set(task.taskHandle, task);
    writer.put(moveTaskKey(task), encode(task));
  }

  private delMoveTask(task: MoveTaskRecord, writer: StateWriter): void {
    this.moveTasks.delete(task.taskHandle);
    writer.del(moveTaskKey(task));
  }

  private putResource(resource: ResourceRecord, writer: StateWriter): void {
    if (!this.resources.has(resourceKey(resource.kind, resource.name))) this.routingChanged = true;
    this.resources.set(resourceKey(resource.kind, resource.name), resource);
    writer.put(resourceRowKey("r", resource.kind, resource.name), encode(resource));
  }
}

type Command<T extends MetaCommand["type"]> = Extract<MetaCommand, { type: T }>;

/** Every meta command type apply knows; anything else is rejected as unknown. */
export const metaCommandTypes: readonly MetaCommand["type"][] = [
  "bootstrap",
  "register-node",
  "remove-node",
  "set-node-addresses",
  "set-node-zone",
  "node-heartbeat",
  "set-group-voters",
  "set-preferred-leader",
  "create-resource",
  "delete-resource",
  "set-resource-attributes",
  "tag-resource",
  "untag-resource",
  "drop-group",
  "move-task-start",
  "move-task-progress",
  "move-task-cancel",
  "move-task-fail",
];
const knownCommandTypes = new Set<string>(metaCommandTypes);

/** Ids 1 and 2 are the meta group and the default log; data groups start above them. */
const firstDataGroupId = 3;
const bootstrapNodesMax = 1_000;
const zoneFault = `zone must be at most ${catalogLimits.zoneLengthMax} characters of A-Z, a-z, 0-9, '_', '.', ':' and '-'`;

const clusterKey = new Uint8Array([0x63]);
const key = (prefix: string, id: number | string): Uint8Array =>
  new TextEncoder().encode(`${prefix}${typeof id === "number" ? id.toString().padStart(10, "0") : id}`);
const resourceRowKey = (prefix: "r" | "t", kind: ResourceKind, name: string): Uint8Array =>
  key(prefix, resourceKey(kind, name));
/** Queue names have no '/', so one queue's tasks are contiguous, in ordinal order. */
const moveTaskKey = (task: MoveTaskRecord): Uint8Array =>
  key("m", `${task.sourceQueue}/${task.ordinal.toString().padStart(10, "0")}`);

/** Every row under a one-letter prefix, read in pages so no single read is unbounded. */
async function readAll(
  reader: StateReader,
  prefix: string,
): Promise<{ key: Uint8Array; value: Uint8Array }[]> {
  const pageSize = 10_000;
  const end = key(String.fromCharCode(prefix.charCodeAt(0) + 1), "");
  const rows: { key: Uint8Array; value: Uint8Array }[] = [];
  let from = key(prefix, "");
  for (;;) {
    const page = await reader.range(from, end, pageSize);
    rows.push(...page);
    const last = page.at(-1);
    if (page.length < pageSize || last === undefined) return rows;
    from = new Uint8Array([...last.key, 0]);
  }
}

function newGroup(fields: Pick<GroupRecord, "groupId" | "kind" | "partition" | "voters">): GroupRecord {
  return {
    ...fields,
    initialVoters: fields.voters,
    preferredLeader: 0,
    state: "active",
    leader: 0,
    leaderTerm: 0,
    actualVoters: [],
    actualLearners: [],
  };
}

function withZone(node: Omit<NodeRecord, "zone">, zone: string | undefined): NodeRecord {
  return zone === undefined || zone === "" ? node : { ...node, zone };
}

function checkAddresses(fields: Record<string, unknown> | MetaCommand): string | undefined {
  const record = fields as Record<string, unknown>;
  for (const field of ["peerAddress", "clientAddress", "httpAddress"]) {
    if (!isStringUpTo(record[field], 256)) return `${field} must be a string of at most 256 characters`;
  }
  return undefined;
}

function routeFingerprint(group: GroupRecord | undefined): string {
  return group === undefined || group.state !== "active" ? "" : JSON.stringify(routeOf(group));
}

function reject(message: string, code: ErrorCode = ErrorCode.INVALID_ARGUMENT): ApplyResult<never> {
  return { ok: false, code, message };
}

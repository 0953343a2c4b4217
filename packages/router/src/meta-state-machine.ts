import {
  ErrorCode,
  decode,
  encode,
  type ApplyResult,
  type StateMachine,
  type StateReader,
  type StateWriter,
} from "@millrace/common";

/**
 * The meta group's state machine: the cluster's identity, its nodes and its data groups. Every node
 * follows it; the leader of the meta group acts on it (placement and membership). Pure and deterministic:
 * time arrives in commands (`nowMs`, stamped by the proposer), and every rejection is a returned value.
 *
 * Keyspace: `c` → cluster record; `n` + id → node; `j` + join token → node id; `g` + id → group.
 */
export interface NodeRecord {
  readonly nodeId: number;
  readonly peerAddress: string;
  readonly clientAddress: string;
  readonly httpAddress: string;
  /** Removed ids are kept forever: a node id is never used by a second incarnation. */
  readonly state: "active" | "removed";
  readonly joinedAtMs: number;
}

export interface GroupRecord {
  readonly groupId: number;
  readonly kind: "meta" | "log";
  /** The voters the controller wants this group to have. */
  readonly voters: readonly number[];
}

export interface ClusterRecord {
  readonly clusterId: string;
  readonly nextNodeId: number;
  readonly createdAtMs: number;
}

export type MetaCommand =
  | {
      readonly type: "bootstrap";
      readonly clusterId: string;
      readonly nowMs: number;
      readonly nodes: readonly Omit<NodeRecord, "state" | "joinedAtMs">[];
      readonly groups: readonly GroupRecord[];
    }
  | {
      readonly type: "register-node";
      readonly nowMs: number;
      /** Chosen by the joining node and kept across its retries, so a retried join gets the same id. */
      readonly joinToken: string;
      readonly peerAddress: string;
      readonly clientAddress: string;
      readonly httpAddress: string;
    }
  | { readonly type: "remove-node"; readonly nodeId: number }
  | {
      readonly type: "set-node-addresses";
      readonly nodeId: number;
      readonly peerAddress: string;
      readonly clientAddress: string;
      readonly httpAddress: string;
    }
  | { readonly type: "set-group-voters"; readonly groupId: number; readonly voters: readonly number[] };

export type MetaResult =
  | { readonly type: "bootstrap" }
  | { readonly type: "register-node"; readonly node: NodeRecord }
  | { readonly type: "remove-node"; readonly node: NodeRecord }
  | { readonly type: "set-node-addresses"; readonly node: NodeRecord }
  | { readonly type: "set-group-voters"; readonly group: GroupRecord };

const clusterKey = new Uint8Array([0x63]);
const key = (prefix: string, id: number | string): Uint8Array =>
  new TextEncoder().encode(`${prefix}${typeof id === "number" ? id.toString().padStart(10, "0") : id}`);

export function encodeMetaCommand(command: MetaCommand): Uint8Array {
  return encode(command);
}

export class MetaStateMachine implements StateMachine<MetaResult> {
  cluster: ClusterRecord | undefined = undefined;
  readonly nodes = new Map<number, NodeRecord>();
  readonly groups = new Map<number, GroupRecord>();
  private readonly joinTokens = new Map<string, number>();

  apply(_index: number, command: Uint8Array, writer: StateWriter): ApplyResult<MetaResult> {
    let cmd: MetaCommand;
    try {
      cmd = decode(command) as MetaCommand;
    } catch {
      return reject("meta command is not valid msgpack");
    }
    if (typeof cmd !== "object" || cmd === null) return reject("meta command must be an object");
    switch (cmd.type) {
      case "bootstrap":
        return this.bootstrap(cmd, writer);
      case "register-node":
        return this.registerNode(cmd, writer);
      case "remove-node":
        return this.removeNode(cmd.nodeId, writer);
      case "set-node-addresses":
        return this.setNodeAddresses(cmd, writer);
      case "set-group-voters":
        return this.setGroupVoters(cmd.groupId, cmd.voters, writer);
      default:
        return reject(`unknown meta command ${JSON.stringify((cmd as { type?: unknown }).type)}`);
    }
  }

  async restore(reader: StateReader): Promise<void> {
    this.nodes.clear();
    this.groups.clear();
    this.joinTokens.clear();
    const cluster = await reader.get(clusterKey);
    this.cluster = cluster === undefined ? undefined : (decode(cluster) as ClusterRecord);
    for (const row of await reader.range(key("n", 0), key("n", 9_999_999_999), 100_000)) {
      const node = decode(row.value) as NodeRecord;
      this.nodes.set(node.nodeId, node);
    }
    for (const row of await reader.range(key("g", 0), key("g", 9_999_999_999), 100_000)) {
      const group = decode(row.value) as GroupRecord;
      this.groups.set(group.groupId, group);
    }
    for (const row of await reader.range(key("j", ""), key("k", ""), 100_000)) {
      this.joinTokens.set(new TextDecoder().decode(row.key).slice(1), decode(row.value) as number);
    }
  }

  activeNodes(): NodeRecord[] {
    return [...this.nodes.values()].filter((n) => n.state === "active").sort((a, b) => a.nodeId - b.nodeId);
  }

  private bootstrap(
    cmd: Extract<MetaCommand, { type: "bootstrap" }>,
    writer: StateWriter,
  ): ApplyResult<MetaResult> {
    if (this.cluster !== undefined)
      return reject("the cluster is already bootstrapped", ErrorCode.ALREADY_EXISTS);
    if (typeof cmd.clusterId !== "string" || cmd.clusterId === "")
      return reject("clusterId must be a non-empty string");
    const nodes: readonly Omit<NodeRecord, "state" | "joinedAtMs">[] = Array.isArray(cmd.nodes)
      ? cmd.nodes
      : [];
    if (nodes.length === 0) return reject("bootstrap needs at least one node");
    let maxId = 0;
    for (const node of nodes) {
      if (!validNodeId(node.nodeId)) return reject(`bad node id ${JSON.stringify(node.nodeId)}`);
      this.putNode({ ...node, state: "active", joinedAtMs: cmd.nowMs }, writer);
      maxId = Math.max(maxId, node.nodeId);
    }
    for (const group of cmd.groups) this.putGroup(group, writer);
    this.cluster = { clusterId: cmd.clusterId, nextNodeId: maxId + 1, createdAtMs: cmd.nowMs };
    writer.put(clusterKey, encode(this.cluster));
    return { ok: true, value: { type: "bootstrap" } };
  }

  private registerNode(
    cmd: Extract<MetaCommand, { type: "register-node" }>,
    writer: StateWriter,
  ): ApplyResult<MetaResult> {
    if (this.cluster === undefined)
      return reject("the cluster is not bootstrapped", ErrorCode.FAILED_PRECONDITION);
    if (typeof cmd.joinToken !== "string" || cmd.joinToken.length === 0 || cmd.joinToken.length > 128) {
      return reject("joinToken must be a string of 1..128 characters");
    }
    for (const field of ["peerAddress", "clientAddress", "httpAddress"] as const) {
      if (typeof cmd[field] !== "string" || cmd[field].length > 256)
        return reject(`${field} must be a string of at most 256 characters`);
    }
    const existing = this.joinTokens.get(cmd.joinToken);
    if (existing !== undefined) {
      // A retried join: the same node, the same id.
      return { ok: true, value: { type: "register-node", node: this.nodes.get(existing) as NodeRecord } };
    }
    const node: NodeRecord = {
      nodeId: this.cluster.nextNodeId,
      peerAddress: cmd.peerAddress,
      clientAddress: cmd.clientAddress,
      httpAddress: cmd.httpAddress,
      state: "active",
      joinedAtMs: cmd.nowMs,
    };
    this.putNode(node, writer);
    this.joinTokens.set(cmd.joinToken, node.nodeId);
    writer.put(key("j", cmd.joinToken), encode(node.nodeId));
    this.cluster = { ...this.cluster, nextNodeId: node.nodeId + 1 };
    writer.put(clusterKey, encode(this.cluster));
    return { ok: true, value: { type: "register-node", node } };
  }

  private removeNode(nodeId: number, writer: StateWriter): ApplyResult<MetaResult> {
    const node = this.nodes.get(nodeId);
    if (node === undefined) return reject(`node ${nodeId} is not a member`, ErrorCode.NOT_FOUND);
    const removed: NodeRecord = { ...node, state: "removed" };
    this.putNode(removed, writer);
    return { ok: true, value: { type: "remove-node", node: removed } };
  }

  /** A node announces where it can be reached (founders know only each other's peer addresses). */
  private setNodeAddresses(
    cmd: Extract<MetaCommand, { type: "set-node-addresses" }>,
    writer: StateWriter,
  ): ApplyResult<MetaResult> {
    const node = this.nodes.get(cmd.nodeId);
    if (node === undefined || node.state !== "active")
      return reject(`node ${cmd.nodeId} is not an active member`, ErrorCode.NOT_FOUND);
    for (const field of ["peerAddress", "clientAddress", "httpAddress"] as const) {
      if (typeof cmd[field] !== "string" || cmd[field].length > 256)
        return reject(`${field} must be a string of at most 256 characters`);
    }
    const updated: NodeRecord = {
      ...node,
      peerAddress: cmd.peerAddress,
      clientAddress: cmd.clientAddress,
      httpAddress: cmd.httpAddress,
    };
    this.putNode(updated, writer);
    return { ok: true, value: { type: "set-node-addresses", node: updated } };
  }

  private setGroupVoters(
    groupId: number,
    voters: readonly number[],
    writer: StateWriter,
  ): ApplyResult<MetaResult> {
    const group = this.groups.get(groupId);
    if (group === undefined) return reject(`group ${groupId} does not exist`, ErrorCode.NOT_FOUND);
    if (!Array.isArray(voters) || voters.length === 0 || !voters.every(validNodeId))
      return reject("voters must be node ids");
    const updated: GroupRecord = { ...group, voters: [...voters].sort((a, b) => a - b) };
    this.putGroup(updated, writer);
    return { ok: true, value: { type: "set-group-voters", group: updated } };
  }

  private putNode(node: NodeRecord, writer: StateWriter): void {
    this.nodes.set(node.nodeId, node);
    writer.put(key("n", node.nodeId), encode(node));
  }

  private putGroup(group: GroupRecord, writer: StateWriter): void {
    this.groups.set(group.groupId, group);
    writer.put(key("g", group.groupId), encode(group));
  }
}

function validNodeId(id: unknown): id is number {
  return typeof id === "number" && Number.isSafeInteger(id) && id > 0 && id < 2 ** 32;
}

function reject(message: string, code: ErrorCode = ErrorCode.INVALID_ARGUMENT): ApplyResult<never> {
  return { ok: false, code, message };
}

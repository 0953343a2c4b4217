import { type sendUnaryData } from "@grpc/grpc-js";
import { ErrorCode, MillraceError } from "@millrace/common";
import { type v1 } from "@millrace/proto";
import { clusterHealth, heartbeatAgeMs, nodeHealth, type NodeRecord } from "@millrace/router";
import { groupKindOnWire } from "./routing-table.js";
import { listGroupsPage } from "./list-groups.js";
import { defaultLogGroupId, metaGroupId } from "./group-ids.js";
import { invalid, toServiceError } from "@millrace/gateway";
import { type MillraceNode } from "./millrace-node.js";

/**
 * AdminService on this node: cluster status, nodes and groups as this node sees them, and membership.
 * Changes go through the meta leader; a follower answers NOT_LEADER with the leader's address.
 */
export function adminService(node: MillraceNode): v1.AdminServiceHandlers {
  const leaderAddress = (id: number) => node.clientAddressOf(id);
  const respond = <T>(work: () => Promise<T> | T, callback: sendUnaryData<T>) => {
    Promise.resolve()
      .then(work)
      .then(
        (value) => callback(null, value),
        (error: unknown) => callback(toServiceError(error, leaderAddress), null),
      );
  };
  return {
    GetRoutingTable(_call, callback) {
      respond(() => node.routing.current(), callback);
    },
    WatchRoutingTable(call) {
      const known = call.request.knownVersion;
      // A watcher that does not read must not make this node hold every version for it: while the
      // stream's buffer is full, only the latest table waits, and goes out when the buffer drains.
      let full = false;
      let latest: v1.RoutingTable | undefined;
      const send = (table: v1.RoutingTable) => {
        if (call.cancelled) return;
        if (full) latest = table;
        else full = !call.write(table);
      };
      call.on("drain", () => {
        full = false;
        const next = latest;
        latest = undefined;
        if (next !== undefined) send(next);
      });
      const table = node.routing.current();
      if (table.version !== known) send(table);
      const stop = node.routing.watch(send);
      call.on("cancelled", stop);
      call.on("close", stop);
    },
    GetClusterStatus(_call, callback) {
      respond(() => {
        const meta = node.host.groups.get(metaGroupId);
        const health = clusterHealth(node.meta, Date.now(), node.config.deadNodeAfterMs);
        return {
          clusterId: node.identity.clusterId,
          controllerNodeId: meta?.leaderId ?? 0,
          controllerTerm: String(meta?.rawNode.raft.term ?? 0),
          ...health,
          routingVersion: node.routing.current().version,
          version: "0.1.0",
        };
      }, callback);
    },
    ListNodes(_call, callback) {
      respond(
        () => ({
          nodes: [...node.meta.nodes.values()]
            .sort((a, b) => a.nodeId - b.nodeId)
            .map((n) => toNode(node, n)),
        }),
        callback,
      );
    },
    ListGroups(call, callback) {
      respond(
        () =>
          listGroupsPage(call.request, {
            groups: [...node.host.groups.values()].map((replica) => {
              const raft = replica.rawNode.raft;
              const status = replica.rawNode.status();
              const cs = replica.confState;
              const members = [
                ...cs.voters.map((id) => ({ id, voter: true })),
                ...cs.learners.map((id) => ({ id, voter: false })),
              ];
              const record = node.meta.groups.get(replica.groupId);
              return {
                groupId: String(replica.groupId),
                kind: groupKindOnWire(record?.kind ?? (replica.groupId === metaGroupId ? "meta" : "log")),
                resourceName:
                  record?.resource?.name ?? (replica.groupId === defaultLogGroupId ? "default-log" : "meta"),
                partition: String(record?.partition ?? 0),
                leaderNodeId: replica.leaderId,
                term: String(raft.term),
                commitIndex: String(raft.raftLog.committed),
                appliedIndex: String(replica.appliedIndex),
                replicas: members.map(({ id, voter }) => {
                  const pr = status.progress?.get(id);
                  return {
                    nodeId: id,
                    role: voter ? ("REPLICA_ROLE_VOTER" as const) : ("REPLICA_ROLE_LEARNER" as const),
                    matchIndex: String(pr?.match ?? 0),
                    recentlyActive: pr?.recentActive ?? false,
                    receivingSnapshot: pr?.state === "StateSnapshot",
                  };
                }),
                quiesced: replica.quiesced,
              };
            }),
          }),
        callback,
      );
    },
    AddNode(call, callback) {
      respond(async () => {
        requireMetaLeader(node);
        const { nodeId, joinToken, peerAddress, clientAddress, httpAddress } = call.request;
        if (nodeId === 0 && joinToken === "") throw invalid("join_token", "is required to join");
        for (const [field, value] of [
          ["peer_address", peerAddress],
          ["client_address", clientAddress],
          ["http_address", httpAddress],
        ] as const) {
          if (!isHostPort(value)) throw invalid(field, "must be host:port, in printable ASCII");
        }
        // With a node id: a member announcing its addresses. Without: a new node joining.
        const result =
          nodeId !== 0
            ? await node.proposeMeta({
                type: "set-node-addresses",
                nodeId,
                peerAddress,
                clientAddress,
                httpAddress,
              })
            : await node.proposeMeta({
                type: "register-node",
                nowMs: Date.now(),
                joinToken,
                peerAddress,
                clientAddress,
                httpAddress,
              });
        if (result.type !== "register-node" && result.type !== "set-node-addresses") {
          throw new MillraceError(ErrorCode.INTERNAL, "unexpected meta result");
        }
        return { node: toNode(node, result.node) };
      }, callback);
    },
    RemoveNode(call, callback) {
      respond(async () => {
        requireMetaLeader(node);
        const result = await node.proposeMeta({ type: "remove-node", nodeId: call.request.nodeId });
        if (result.type !== "remove-node")
          throw new MillraceError(ErrorCode.INTERNAL, "unexpected meta result");
        return { node: toNode(node, result.node) };
      }, callback);
    },
    TransferLeadership(call, callback) {
      respond(() => {
        const groupId = Number(call.request.groupId);
        if (!Number.isSafeInteger(groupId) || groupId <= 0) throw invalid("group_id", "must be a group id");
        const replica = node.host.group(groupId);
        if (!replica.isLeader) throw replica.notLeader();
        if (!replica.confState.voters.includes(call.request.targetNodeId)) {
          throw invalid(
            "target_node_id",
            `node ${call.request.targetNodeId} is not a voter of group ${groupId}`,
          );
        }
        node.host.transferLeader(groupId, call.request.targetNodeId);
        return { leaderNodeId: replica.leaderId, term: String(replica.rawNode.raft.term) };
      }, callback);
    },
  };
}

function requireMetaLeader(node: MillraceNode): void {
  const meta = node.host.group(metaGroupId);
  if (!meta.isLeader) throw meta.notLeader();
}

const wireNodeState = {
  active: "NODE_STATE_ACTIVE",
  unreachable: "NODE_STATE_UNREACHABLE",
  removed: "NODE_STATE_REMOVED",
} as const;

function toNode(node: MillraceNode, record: NodeRecord): v1.Node {
  // From the meta group's records, not this node's own replicas: a node hosts only some of the groups.
  const groups = [...node.meta.groups.values()].filter((g) => g.state === "active");
  const votersOf = (g: (typeof groups)[number]) => (g.actualVoters.length > 0 ? g.actualVoters : g.voters);
  const replicaCount = groups.filter(
    (g) => votersOf(g).includes(record.nodeId) || g.actualLearners.includes(record.nodeId),
  ).length;
  const nowMs = Date.now();
  const health = nodeHealth(record, nowMs, node.config.deadNodeAfterMs);
  return {
    nodeId: record.nodeId,
    clientAddress: record.clientAddress,
    peerAddress: record.peerAddress,
    httpAddress: record.httpAddress,
    // A removed node drains until the controller has moved its last replica away.
    state: health === "removed" && replicaCount > 0 ? "NODE_STATE_DRAINING" : wireNodeState[health],
    metaVoter: node.host.groups.get(metaGroupId)?.confState.voters.includes(record.nodeId) ?? false,
    replicaCount,
    leaderCount: groups.filter((g) => g.leader === record.nodeId).length,
    // A uint32 on the wire: about 50 days at most.
    lastHeartbeatAgeMs: Math.min(heartbeatAgeMs(record, nowMs), 2 ** 32 - 1),
    version: "0.1.0",
  };
}

/**
 * host:port with the host in printable ASCII other than ':', and a port a socket can have. Addresses go
 * into gRPC trailers (a NOT_LEADER answer's leader address), which grpc-js refuses to hold anything else
 * in; before, `é:1` was accepted, and a NOT_LEADER answer naming that node would have made the error
 * mapping throw, ending the node that answered.
 */
function isHostPort(value: string): boolean {
  const match = /^[\x21-\x39\x3b-\x7e]+:(\d{1,5})$/.exec(value);
  return match !== null && Number(match[1]) <= 65_535;
}

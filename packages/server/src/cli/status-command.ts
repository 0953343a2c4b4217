import { type v1 } from "@millrace/proto";
import { parseFlags } from "./flags.js";
import { adminClient, callWithRedirects } from "../rpc/clients.js";
import { formatNodes } from "./nodes-command.js";
import { table } from "./text-table.js";

/** `millrace status`: the cluster's nodes and groups, with leaders, terms, commit and applied indexes. */
export async function runStatus(args: readonly string[]): Promise<number> {
  const { flags } = parseFlags(args);
  const endpoint = flags["endpoint"] ?? "127.0.0.1:7400";
  const common = { endpoint, make: adminClient, deadlineMs: 5000 };
  const status = await callWithRedirects<ReturnType<typeof adminClient>, v1.GetClusterStatusResponse__Output>(
    {
      ...common,
      call: (c, deadline, cb) => c.getClusterStatus({}, { deadline }, cb),
    },
  );
  const nodes = await callWithRedirects<ReturnType<typeof adminClient>, v1.ListNodesResponse__Output>({
    ...common,
    call: (c, deadline, cb) => c.listNodes({}, { deadline }, cb),
  });
  const lines = [
    `cluster ${status.clusterId}: ${status.nodeCount} nodes (${status.healthyNodeCount} reachable), controller on node ${status.controllerNodeId} (term ${status.controllerTerm})`,
    `${status.groupCount} groups: ${status.leaderlessGroupCount} without a reachable leader, ${status.underReplicatedGroupCount} under-replicated`,
    "",
    formatNodes(nodes.nodes),
  ];
  // Each node reports its own replicas; asking every node shows commit and applied lag per replica.
  const replicas: NodeReplicas[] = [];
  for (const node of nodes.nodes.filter((n) => n.state !== "NODE_STATE_REMOVED")) {
    try {
      const listed = await callWithRedirects<ReturnType<typeof adminClient>, v1.ListGroupsResponse__Output>({
        endpoint: node.clientAddress,
        make: adminClient,
        deadlineMs: 2000,
        call: (c, deadline, cb) => c.listGroups({}, { deadline }, cb),
      });
      replicas.push({ nodeId: node.nodeId, groups: listed.groups });
    } catch (error) {
      replicas.push({ nodeId: node.nodeId, error: (error as Error).message });
    }
  }
  lines.push(formatReplicas(replicas));
  process.stdout.write(`${lines.join("\n")}\n`);
  return 0;
}

/** One node's answer to ListGroups, or why it gave none. */
export type NodeReplicas =
  | { readonly nodeId: number; readonly groups: readonly v1.Group__Output[] }
  | { readonly nodeId: number; readonly error: string };

/**
 * Every node's replicas, one row each, and a row for each node that did not answer, whose reason is
 * written below the table so that a long one does not widen its columns.
 */
export function formatReplicas(replicas: readonly NodeReplicas[]): string {
  const rows: (string | number)[][] = [];
  const unreachable: string[] = [];
  for (const node of replicas) {
    if ("error" in node) {
      rows.push(["?", "?", node.nodeId, "unreachable", "", "", "", "", ""]);
      unreachable.push(`node ${node.nodeId} unreachable: ${node.error}`);
      continue;
    }
    for (const g of node.groups) {
      rows.push([
        g.groupId,
        g.resourceName,
        node.nodeId,
        g.leaderNodeId === 0 ? "-" : g.leaderNodeId,
        g.term,
        g.commitIndex,
        g.appliedIndex,
        Number(g.commitIndex) - Number(g.appliedIndex),
        g.replicas.map((r) => `${r.nodeId}${r.role === "REPLICA_ROLE_LEARNER" ? "(l)" : ""}`).join(","),
      ]);
    }
  }
  return [
    table(["group", "name", "on node", "leader", "term", "commit", "applied", "lag", "replicas"], rows),
    ...(unreachable.length > 0 ? ["", ...unreachable] : []),
  ].join("\n");
}

import { type v1 } from "@millrace/proto";
import { connectionFlags, hasSwitch, parseCommandLine, expectPositionals } from "./command-line.js";
import { connectionOf, withClient } from "./cluster-connection.js";
import { table } from "./status-command.js";

export const nodesUsage = `usage: millrace nodes [--json] [--endpoint host:port ...] [--deadline-ms N]

Lists the cluster's nodes: id, state, client, peer and HTTP addresses, replicas hosted, groups led.
`;

const spec = { usage: nodesUsage, flags: { ...connectionFlags, json: "switch" } } as const;

/** `millrace nodes`: AdminService.ListNodes through the SDK. */
export async function runNodes(args: readonly string[]): Promise<number> {
  const line = parseCommandLine(args, spec);
  expectPositionals(line, [], nodesUsage);
  const nodes = await withClient(connectionOf(line, nodesUsage), (client) => client.admin.nodes());
  process.stdout.write(hasSwitch(line, "json") ? `${JSON.stringify(nodes, null, 2)}\n` : formatNodes(nodes));
  return 0;
}

export function formatNodes(nodes: readonly v1.Node__Output[]): string {
  return `${table(
    ["id", "state", "client", "peer", "http", "replicas", "leaders"],
    nodes.map((n) => [
      n.nodeId,
      nodeStateName(n.state),
      n.clientAddress,
      n.peerAddress,
      n.httpAddress || "-",
      n.replicaCount,
      n.leaderCount,
    ]),
  )}\n`;
}

/** `NODE_STATE_ACTIVE` → `active`. */
export function nodeStateName(state: v1.NodeState__Output): string {
  return state.replace("NODE_STATE_", "").toLowerCase();
}

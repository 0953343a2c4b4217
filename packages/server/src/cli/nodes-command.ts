import { type v1 } from "@millrace/proto";
import { connectionFlags, hasSwitch, parseCommandLine, expectPositionals } from "./command-line.js";
import { connectionOf, withClient } from "./cluster-connection.js";
import { table } from "./text-table.js";

export const nodesUsage = `usage: millrace nodes [--json] [--endpoint host:port ...] [--deadline-ms N]

Lists the cluster's nodes: id, state (active; unreachable: not heard from within the failure timeout;
draining: removed, its replicas moving away; removed), client, peer and HTTP addresses, replicas
hosted, groups led, and when the controller last heard from it.
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
    ["id", "state", "client", "peer", "http", "replicas", "leaders", "heard"],
    nodes.map((n) => [
      n.nodeId,
      nodeStateName(n.state),
      n.clientAddress,
      n.peerAddress,
      n.httpAddress || "-",
      n.replicaCount,
      n.leaderCount,
      n.state === "NODE_STATE_REMOVED" ? "-" : heardAgo(n.lastHeartbeatAgeMs),
    ]),
  )}\n`;
}

/** When the controller last heard from a node: `0.4s ago`, `12s ago`, `3m ago`, `5h ago`. */
export function heardAgo(ageMs: number): string {
  const seconds = ageMs / 1000;
  if (seconds < 10) return `${seconds.toFixed(1)}s ago`;
  if (seconds < 120) return `${Math.floor(seconds)}s ago`;
  if (seconds < 7200) return `${Math.floor(seconds / 60)}m ago`;
  return `${Math.floor(seconds / 3600)}h ago`;
}

/** `NODE_STATE_ACTIVE` → `active`. */
export function nodeStateName(state: v1.NodeState__Output): string {
  return state.replace("NODE_STATE_", "").toLowerCase();
}

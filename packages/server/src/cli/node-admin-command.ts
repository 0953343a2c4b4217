import { type v1 } from "@millrace/proto";
import {
  UsageError,
  connectionFlags,
  expectPositionals,
  hostPortFlag,
  integerFlag,
  parseCommandLine,
  parseInteger,
} from "./command-line.js";
import { connectionOf, withClient, type Connection } from "./cluster-connection.js";
import { nodeStateName } from "./nodes-command.js";

export const nodeAdminUsage = `usage: millrace node add --id N --peer-address host:port --client-address host:port
                         [--http-address host:port]
       millrace node remove <id>
       (both take [--endpoint host:port ...] [--deadline-ms N])

add records member N's addresses with the controller (AdminService.AddNode); a new node joins by
starting with --join (millrace node --help). remove takes node <id> out of the cluster
(AdminService.RemoveNode).
`;

const addSpec = {
  usage: nodeAdminUsage,
  flags: {
    ...connectionFlags,
    id: "value",
    "peer-address": "value",
    "client-address": "value",
    "http-address": "value",
  },
} as const;

const removeSpec = { usage: nodeAdminUsage, flags: connectionFlags } as const;

const nodeIdRange = { min: 1, max: 2 ** 32 - 1 };

export type NodeAdminPlan =
  | {
      readonly type: "add";
      readonly connection: Connection;
      readonly nodeId: number;
      readonly peerAddress: string;
      readonly clientAddress: string;
      readonly httpAddress: string | undefined;
    }
  | { readonly type: "remove"; readonly connection: Connection; readonly nodeId: number };

/** Whether `millrace node <args>` is membership administration rather than running a node. */
export function isNodeAdmin(args: readonly string[]): boolean {
  return args[0] === "add" || args[0] === "remove";
}

export function parseNodeAdminArgs(args: readonly string[]): NodeAdminPlan {
  const [action, ...rest] = args;
  if (action === "add") {
    const line = parseCommandLine(rest, addSpec);
    expectPositionals(line, [], nodeAdminUsage);
    const required = (name: string) => {
      const value = hostPortFlag(line, name, nodeAdminUsage);
      if (value === undefined) throw new UsageError(`node add needs --${name}`, nodeAdminUsage);
      return value;
    };
    const nodeId = integerFlag(line, "id", nodeIdRange, nodeAdminUsage);
    if (nodeId === undefined) throw new UsageError("node add needs --id", nodeAdminUsage);
    return {
      type: "add",
      connection: connectionOf(line, nodeAdminUsage),
      nodeId,
      peerAddress: required("peer-address"),
      clientAddress: required("client-address"),
      httpAddress: hostPortFlag(line, "http-address", nodeAdminUsage),
    };
  }
  if (action === "remove") {
    const line = parseCommandLine(rest, removeSpec);
    const [id] = expectPositionals(line, ["id"], nodeAdminUsage);
    const nodeId = parseInteger(id as string, "<id>", nodeIdRange, nodeAdminUsage);
    return { type: "remove", connection: connectionOf(line, nodeAdminUsage), nodeId };
  }
  throw new UsageError("node needs add or remove", nodeAdminUsage);
}

/** `millrace node add|remove`: AdminService.AddNode and RemoveNode through the SDK (at the meta leader). */
export async function runNodeAdmin(args: readonly string[]): Promise<number> {
  const plan = parseNodeAdminArgs(args);
  const node = await withClient(plan.connection, (client) =>
    plan.type === "add"
      ? client.admin.addNode({
          nodeId: plan.nodeId,
          peerAddress: plan.peerAddress,
          clientAddress: plan.clientAddress,
          ...(plan.httpAddress === undefined ? {} : { httpAddress: plan.httpAddress }),
        })
      : client.admin.removeNode(plan.nodeId),
  );
  process.stdout.write(describeNodeChange(plan.type, plan.nodeId, node));
  return 0;
}

export function describeNodeChange(
  action: "add" | "remove",
  nodeId: number,
  node: v1.Node__Output | null,
): string {
  const verb = action === "add" ? "added" : "removed";
  if (node === null) return `${verb} node ${nodeId}\n`;
  return `${verb} node ${node.nodeId}: ${nodeStateName(node.state)}, client ${node.clientAddress}, peer ${node.peerAddress}\n`;
}

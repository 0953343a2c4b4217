import { type v1 } from "@millrace/proto";
import {
  UsageError,
  connectionFlags,
  expectPositionals,
  parseCommandLine,
  parseInteger,
} from "./command-line.js";
import { connectionOf, withClient, type Connection } from "./cluster-connection.js";

export const leaderUsage = `usage: millrace leader transfer <groupId> <toNodeId> [--endpoint host:port ...] [--deadline-ms N]

Asks group <groupId>'s leader to hand leadership to voter <toNodeId> (0: the leader picks). The transfer
completes after the command returns; millrace groups shows the new leader.
`;

const spec = { usage: leaderUsage, flags: connectionFlags } as const;

export interface LeaderTransferPlan {
  readonly connection: Connection;
  readonly groupId: string;
  readonly toNodeId: number;
}

export function parseLeaderArgs(args: readonly string[]): LeaderTransferPlan {
  const [action, ...rest] = args;
  if (action === "--help" || action === "-h") throw new UsageError("", leaderUsage, true);
  if (action !== "transfer") throw new UsageError("leader needs transfer", leaderUsage);
  const line = parseCommandLine(rest, spec);
  const [groupId, toNodeId] = expectPositionals(line, ["groupId", "toNodeId"], leaderUsage) as [
    string,
    string,
  ];
  return {
    connection: connectionOf(line, leaderUsage),
    groupId: String(
      parseInteger(groupId, "<groupId>", { min: 1, max: Number.MAX_SAFE_INTEGER }, leaderUsage),
    ),
    toNodeId: parseInteger(toNodeId, "<toNodeId>", { min: 0, max: 2 ** 32 - 1 }, leaderUsage),
  };
}

/** `millrace leader transfer`: AdminService.TransferLeadership through the SDK. */
export async function runLeader(args: readonly string[]): Promise<number> {
  const plan = parseLeaderArgs(args);
  const response = await withClient(plan.connection, (client) =>
    client.admin.transferLeadership(plan.groupId, plan.toNodeId),
  );
  process.stdout.write(describeTransfer(plan, response));
  return 0;
}

/** The server answers as soon as the leader has started the transfer, so its leader may still be the old one. */
export function describeTransfer(
  plan: Pick<LeaderTransferPlan, "groupId" | "toNodeId">,
  response: v1.TransferLeadershipResponse__Output,
): string {
  const target = plan.toNodeId === 0 ? "a voter the leader picks" : `node ${plan.toNodeId}`;
  return `group ${plan.groupId}: transfer to ${target} requested; leader was node ${response.leaderNodeId} (term ${response.term})\n`;
}

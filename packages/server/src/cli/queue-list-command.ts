import { type QueueInfo } from "@millrace/client";
import {
  connectionFlags,
  expectPositionals,
  flagValue,
  hasSwitch,
  parseCommandLine,
} from "./command-line.js";
import { connectionOf, withClient, type Connection } from "./cluster-connection.js";

export const queueListUsage = `usage: millrace queue list [--prefix p] [--json] [--endpoint host:port ...] [--deadline-ms N]

Lists queue names in name order, one a line; --json gives name, url and arn.
`;

const spec = {
  usage: queueListUsage,
  flags: { ...connectionFlags, prefix: "value", json: "switch" },
} as const;

export interface QueueListPlan {
  readonly connection: Connection;
  readonly prefix: string | undefined;
  readonly json: boolean;
}

export function parseQueueListArgs(args: readonly string[]): QueueListPlan {
  const line = parseCommandLine(args, spec);
  expectPositionals(line, [], queueListUsage);
  return {
    connection: connectionOf(line, queueListUsage),
    prefix: flagValue(line, "prefix"),
    json: hasSwitch(line, "json"),
  };
}

export async function runQueueList(args: readonly string[]): Promise<number> {
  const plan = parseQueueListArgs(args);
  const queues = await withClient(plan.connection, async (client) => {
    const all: QueueInfo[] = [];
    for await (const queue of client.listQueues(plan.prefix === undefined ? {} : { prefix: plan.prefix })) {
      all.push(queue);
    }
    return all;
  });
  process.stdout.write(
    plan.json ? `${JSON.stringify(queues, null, 2)}\n` : queues.map((q) => `${q.name}\n`).join(""),
  );
  return 0;
}

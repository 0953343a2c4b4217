import { connectionFlags, expectPositionals, parseCommandLine } from "./command-line.js";
import { connectionOf, withClient } from "./cluster-connection.js";

export const queuePurgeUsage = `usage: millrace queue purge <name> [--endpoint host:port ...] [--deadline-ms N]

Deletes every message in a queue; the queue stays.
`;

const spec = { usage: queuePurgeUsage, flags: connectionFlags } as const;

export async function runQueuePurge(args: readonly string[]): Promise<number> {
  const line = parseCommandLine(args, spec);
  const [name] = expectPositionals(line, ["name"], queuePurgeUsage) as [string];
  await withClient(connectionOf(line, queuePurgeUsage), (client) => client.queue(name).purge());
  process.stdout.write(`purged queue ${name}\n`);
  return 0;
}

import { connectionFlags, expectPositionals, parseCommandLine } from "./command-line.js";
import { connectionOf, withClient } from "./cluster-connection.js";

export const queueDeleteUsage = `usage: millrace queue delete <name> [--endpoint host:port ...] [--deadline-ms N]

Deletes a queue and every message in it.
`;

const spec = { usage: queueDeleteUsage, flags: connectionFlags } as const;

export async function runQueueDelete(args: readonly string[]): Promise<number> {
  const line = parseCommandLine(args, spec);
  const [name] = expectPositionals(line, ["name"], queueDeleteUsage) as [string];
  await withClient(connectionOf(line, queueDeleteUsage), (client) => client.deleteQueue(name));
  process.stdout.write(`deleted queue ${name}\n`);
  return 0;
}

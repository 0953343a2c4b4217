import { connectionFlags, expectPositionals, keyValueFlags, parseCommandLine } from "./command-line.js";
import { connectionOf, withClient, type Connection } from "./cluster-connection.js";

export const queueCreateUsage = `usage: millrace queue create <name> [--attr Key=Value ...] [--tag key=value ...]
                             [--endpoint host:port ...] [--deadline-ms N]

Creates a queue with SQS attributes (VisibilityTimeout=60; FifoQueue=true for a name ending in .fifo)
and tags. Creating a queue that exists with the same attributes succeeds.
`;

const spec = { usage: queueCreateUsage, flags: { ...connectionFlags, attr: "list", tag: "list" } } as const;

export interface QueueCreatePlan {
  readonly connection: Connection;
  readonly name: string;
  readonly attributes: Readonly<Record<string, string>>;
  readonly tags: Readonly<Record<string, string>>;
}

export function parseQueueCreateArgs(args: readonly string[]): QueueCreatePlan {
  const line = parseCommandLine(args, spec);
  const [name] = expectPositionals(line, ["name"], queueCreateUsage) as [string];
  return {
    connection: connectionOf(line, queueCreateUsage),
    name,
    attributes: keyValueFlags(line, "attr", queueCreateUsage),
    tags: keyValueFlags(line, "tag", queueCreateUsage),
  };
}

export async function runQueueCreate(args: readonly string[]): Promise<number> {
  const plan = parseQueueCreateArgs(args);
  await withClient(plan.connection, (client) =>
    client.createQueue(plan.name, { attributes: plan.attributes, tags: plan.tags }),
  );
  process.stdout.write(`created queue ${plan.name}\n`);
  return 0;
}

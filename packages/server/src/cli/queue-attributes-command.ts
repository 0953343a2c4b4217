import {
  connectionFlags,
  expectPositionals,
  hasSwitch,
  keyValueFlags,
  parseCommandLine,
} from "./command-line.js";
import { connectionOf, withClient, type Connection } from "./cluster-connection.js";
import { table } from "./text-table.js";

export const queueAttributesUsage = `usage: millrace queue attributes <name> [--set Key=Value ...] [--json]
                                 [--endpoint host:port ...] [--deadline-ms N]

Prints a queue's attributes; with --set, changes those first.
`;

const spec = {
  usage: queueAttributesUsage,
  flags: { ...connectionFlags, set: "list", json: "switch" },
} as const;

export interface QueueAttributesPlan {
  readonly connection: Connection;
  readonly name: string;
  /** Empty: only read them. */
  readonly set: Readonly<Record<string, string>>;
  readonly json: boolean;
}

export function parseQueueAttributesArgs(args: readonly string[]): QueueAttributesPlan {
  const line = parseCommandLine(args, spec);
  const [name] = expectPositionals(line, ["name"], queueAttributesUsage) as [string];
  return {
    connection: connectionOf(line, queueAttributesUsage),
    name,
    set: keyValueFlags(line, "set", queueAttributesUsage),
    json: hasSwitch(line, "json"),
  };
}

export async function runQueueAttributes(args: readonly string[]): Promise<number> {
  const plan = parseQueueAttributesArgs(args);
  const attributes = await withClient(plan.connection, async (client) => {
    const queue = client.queue(plan.name);
    if (Object.keys(plan.set).length > 0) await queue.setAttributes(plan.set);
    return queue.getAttributes();
  });
  process.stdout.write(plan.json ? `${JSON.stringify(attributes, null, 2)}\n` : formatAttributes(attributes));
  return 0;
}

/** Attributes by name, in name order. */
export function formatAttributes(attributes: Readonly<Record<string, string>>): string {
  const rows = Object.entries(attributes).sort(([a], [b]) => a.localeCompare(b));
  return `${table(["attribute", "value"], rows)}\n`;
}

import { UsageError } from "./command-line.js";
import { queueAttributesUsage, runQueueAttributes } from "./queue-attributes-command.js";
import { queueCreateUsage, runQueueCreate } from "./queue-create-command.js";
import { queueDeleteUsage, runQueueDelete } from "./queue-delete-command.js";
import { queueListUsage, runQueueList } from "./queue-list-command.js";
import { queuePurgeUsage, runQueuePurge } from "./queue-purge-command.js";
import { queueReceiveUsage, runQueueReceive } from "./queue-receive-command.js";
import { queueRedriveUsage, runQueueRedrive } from "./queue-redrive-command.js";
import { queueSendUsage, runQueueSend } from "./queue-send-command.js";

const subcommands = {
  create: { run: runQueueCreate, usage: queueCreateUsage },
  list: { run: runQueueList, usage: queueListUsage },
  delete: { run: runQueueDelete, usage: queueDeleteUsage },
  attributes: { run: runQueueAttributes, usage: queueAttributesUsage },
  send: { run: runQueueSend, usage: queueSendUsage },
  receive: { run: runQueueReceive, usage: queueReceiveUsage },
  purge: { run: runQueuePurge, usage: queuePurgeUsage },
  redrive: { run: runQueueRedrive, usage: queueRedriveUsage },
} as const;

/** The first line of each subcommand's usage, without its "usage:" prefix and the connection flags. */
export const queueUsage = `usage: ${Object.values(subcommands)
  .map((s) =>
    (s.usage.split("\n")[0] as string)
      .replace(/^usage: /, "")
      .replace(" [--endpoint host:port ...] [--deadline-ms N]", ""),
  )
  .join("\n       ")}

Every subcommand takes --endpoint host:port (repeatable, default 127.0.0.1:7400) and --deadline-ms N;
millrace queue <subcommand> --help tells more.
`;

/** `millrace queue <subcommand>`: queues through the SDK. */
export async function runQueue(args: readonly string[]): Promise<number> {
  const [name, ...rest] = args;
  if (name === "--help" || name === "-h" || name === "help") throw new UsageError("", queueUsage, true);
  if (name === undefined) throw new UsageError("queue needs a subcommand", queueUsage);
  if (!Object.hasOwn(subcommands, name)) {
    throw new UsageError(`unknown queue subcommand ${JSON.stringify(name)}`, queueUsage);
  }
  return subcommands[name as keyof typeof subcommands].run(rest);
}

import { type MessageMoveTask } from "@millrace/client";
import {
  UsageError,
  connectionFlags,
  expectPositionals,
  flagValue,
  hasSwitch,
  integerFlag,
  parseCommandLine,
} from "./command-line.js";
import { connectionOf, withClient, type Connection } from "./cluster-connection.js";

export const queueRedriveUsage = `usage: millrace queue redrive <dlq> [--to <queue>] [--rate N]
       millrace queue redrive <dlq> --list [--json]
       millrace queue redrive --cancel <task handle>
                              [--endpoint host:port ...] [--deadline-ms N]

Starts a message move task (StartMessageMoveTask) that moves the messages in dead-letter queue <dlq>
back to the queues they were dead-lettered from, or to --to <queue>, at most --rate messages a second
(1..500; default as fast as the cluster allows), and prints the task's handle. Only messages in <dlq>
when the task starts are moved. --list prints <dlq>'s recent tasks, newest first: status,
moved/to move, rate, start time, handle (while running), destination and failure reason. --cancel stops
a running task; messages already moved stay moved.
`;

const spec = {
  usage: queueRedriveUsage,
  flags: { ...connectionFlags, to: "value", rate: "value", list: "switch", json: "switch", cancel: "value" },
} as const;

export type QueueRedrivePlan = { readonly connection: Connection } & (
  | {
      readonly type: "start";
      readonly source: string;
      readonly destination: string | undefined;
      readonly rate: number | undefined;
    }
  | { readonly type: "list"; readonly source: string; readonly json: boolean }
  | { readonly type: "cancel"; readonly taskHandle: string }
);

export function parseQueueRedriveArgs(args: readonly string[]): QueueRedrivePlan {
  const line = parseCommandLine(args, spec);
  const connection = connectionOf(line, queueRedriveUsage);
  const taskHandle = flagValue(line, "cancel");
  const list = hasSwitch(line, "list");
  const destination = flagValue(line, "to");
  const rate = integerFlag(line, "rate", { min: 1, max: 500 }, queueRedriveUsage);
  const starting = destination !== undefined || rate !== undefined;
  if ([taskHandle !== undefined, list, starting].filter(Boolean).length > 1)
    throw new UsageError("--cancel, --list and --to/--rate do not go together", queueRedriveUsage);
  if (hasSwitch(line, "json") && !list) throw new UsageError("--json goes with --list", queueRedriveUsage);
  if (taskHandle !== undefined) {
    expectPositionals(line, [], queueRedriveUsage);
    return { connection, type: "cancel", taskHandle };
  }
  const [source] = expectPositionals(line, ["dlq"], queueRedriveUsage) as [string];
  if (list) return { connection, type: "list", source, json: hasSwitch(line, "json") };
  return { connection, type: "start", source, destination, rate };
}

/** One task as `--list` prints it: the fields separated by two spaces, "-" for what is empty. */
export function formatMoveTask(task: MessageMoveTask): string {
  const fields = [
    task.status,
    `${task.approximateNumberOfMessagesMoved}/${task.approximateNumberOfMessagesToMove}`,
    task.maxNumberOfMessagesPerSecond === 0 ? "max" : `${task.maxNumberOfMessagesPerSecond}/s`,
    new Date(task.startedTimestampMs).toISOString(),
    task.taskHandle || "-",
    task.destinationArn || "(sources)",
  ];
  if (task.failureReason !== "") fields.push(task.failureReason);
  return `${fields.join("  ")}\n`;
}

/** `millrace queue redrive`: StartMessageMoveTask, ListMessageMoveTasks or CancelMessageMoveTask. */
export async function runQueueRedrive(args: readonly string[]): Promise<number> {
  const plan = parseQueueRedriveArgs(args);
  const out = await withClient(plan.connection, async (client) => {
    switch (plan.type) {
      case "start": {
        const { taskHandle } = await client.startMessageMoveTask({
          source: plan.source,
          ...(plan.destination === undefined ? {} : { destination: plan.destination }),
          ...(plan.rate === undefined ? {} : { maxMessagesPerSecond: plan.rate }),
        });
        return `started message move task ${taskHandle} from ${plan.source}\n`;
      }
      case "list": {
        const tasks = await client.listMessageMoveTasks(plan.source);
        return plan.json ? `${JSON.stringify(tasks, null, 2)}\n` : tasks.map(formatMoveTask).join("");
      }
      case "cancel": {
        const { approximateNumberOfMessagesMoved } = await client.cancelMessageMoveTask(plan.taskHandle);
        return `cancelling message move task ${plan.taskHandle}; ${approximateNumberOfMessagesMoved} messages moved so far\n`;
      }
    }
  });
  process.stdout.write(out);
  return 0;
}

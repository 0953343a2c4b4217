import { type ReceiveOptions, type ReceivedMessage } from "@millrace/client";
import { limits } from "@millrace/common";
import {
  connectionFlags,
  expectPositionals,
  hasSwitch,
  integerFlag,
  parseCommandLine,
} from "./command-line.js";
import { connectionOf, withClient, type Connection } from "./cluster-connection.js";
import { reportBatchFailures } from "./batch-results.js";

export const queueReceiveUsage = `usage: millrace queue receive <name> [--max n] [--wait s] [--delete]
                              [--endpoint host:port ...] [--deadline-ms N]

Receives up to --max messages (1..${limits.receiveMessagesMax}, default 1), long-polling up to --wait seconds
(0..${limits.waitTimeSecondsMax}; default the queue's ReceiveMessageWaitTimeSeconds), and prints each as a JSON line:
messageId, body, receiveCount, receiptHandle. --delete deletes them once printed.
`;

const spec = {
  usage: queueReceiveUsage,
  flags: { ...connectionFlags, max: "value", wait: "value", delete: "switch" },
} as const;

export interface QueueReceivePlan {
  readonly connection: Connection;
  readonly name: string;
  readonly receive: Pick<ReceiveOptions, "maxMessages" | "waitSeconds">;
  readonly delete: boolean;
}

export function parseQueueReceiveArgs(args: readonly string[]): QueueReceivePlan {
  const line = parseCommandLine(args, spec);
  const [name] = expectPositionals(line, ["name"], queueReceiveUsage) as [string];
  const max = integerFlag(line, "max", { min: 1, max: limits.receiveMessagesMax }, queueReceiveUsage);
  const wait = integerFlag(line, "wait", { min: 0, max: limits.waitTimeSecondsMax }, queueReceiveUsage);
  return {
    connection: connectionOf(line, queueReceiveUsage),
    name,
    receive: {
      ...(max === undefined ? {} : { maxMessages: max }),
      ...(wait === undefined ? {} : { waitSeconds: wait }),
    },
    delete: hasSwitch(line, "delete"),
  };
}

/** One message as the JSON line `queue receive` prints. */
export function formatReceived(message: ReceivedMessage): string {
  const { messageId, receiveCount, receiptHandle } = message;
  return `${JSON.stringify({ messageId, body: message.text(), receiveCount: receiveCount ?? null, receiptHandle })}\n`;
}

/**
 * `millrace queue receive`: ReceiveMessage through the SDK. With --delete, messages are deleted only after
 * they are printed, so a failure in between leaves them to reappear rather than lost.
 */
export async function runQueueReceive(args: readonly string[]): Promise<number> {
  const plan = parseQueueReceiveArgs(args);
  const failed = await withClient(plan.connection, async (client) => {
    const queue = client.queue(plan.name);
    const messages = await queue.receive(plan.receive);
    for (const message of messages) process.stdout.write(formatReceived(message));
    if (!plan.delete || messages.length === 0) return 0;
    const results = await queue.deleteBatch(messages.map((m) => m.receiptHandle));
    return reportBatchFailures(results, (i) => `deleting message ${messages[i]?.messageId ?? i}`);
  });
  return failed === 0 ? 0 : 1;
}

import { createInterface } from "node:readline";
import { type SendBatchEntry, type SendOptions } from "@millrace/client";
import { limits } from "@millrace/common";
import { UsageError, connectionFlags, flagValue, integerFlag, parseCommandLine } from "./command-line.js";
import { connectionOf, withClient, type Connection } from "./cluster-connection.js";
import { reportBatchFailures } from "./batch-results.js";

export const queueSendUsage = `usage: millrace queue send <name> <body>... [--group g] [--dedup d] [--delay s]
                           [--endpoint host:port ...] [--deadline-ms N]
       millrace queue send <name> - [--group g] [--delay s]

Sends each <body> as one message, or with -, each non-empty line of stdin, ${limits.batchEntriesMax} messages a call.
Prints each message id. --group is required on FIFO queues; --dedup sets the deduplication id of a
single message; --delay (0..${limits.delaySecondsMax} s) applies to standard queues. Put -- before bodies starting with --.
`;

const spec = {
  usage: queueSendUsage,
  flags: { ...connectionFlags, group: "value", dedup: "value", delay: "value" },
} as const;

export interface QueueSendPlan {
  readonly connection: Connection;
  readonly name: string;
  /** The bodies to send, or "stdin" for one message per line of standard input. */
  readonly bodies: readonly string[] | "stdin";
  readonly options: SendOptions;
}

export function parseQueueSendArgs(args: readonly string[]): QueueSendPlan {
  const line = parseCommandLine(args, spec);
  const [name, ...bodies] = line.positional;
  if (name === undefined) throw new UsageError("missing <name>", queueSendUsage);
  if (bodies.length === 0) throw new UsageError("missing <body> (or - for stdin)", queueSendUsage);
  const fromStdin = bodies.includes("-");
  if (fromStdin && bodies.length > 1)
    throw new UsageError("- reads every body from stdin; give no others", queueSendUsage);
  const group = flagValue(line, "group");
  const dedup = flagValue(line, "dedup");
  // One dedup id on several messages would make the queue keep only the first of them.
  if (dedup !== undefined && (fromStdin || bodies.length > 1)) {
    throw new UsageError("--dedup applies to a single message", queueSendUsage);
  }
  const delay = integerFlag(line, "delay", { min: 0, max: limits.delaySecondsMax }, queueSendUsage);
  return {
    connection: connectionOf(line, queueSendUsage),
    name,
    bodies: fromStdin ? "stdin" : bodies,
    options: {
      ...(group === undefined ? {} : { groupId: group }),
      ...(dedup === undefined ? {} : { dedupId: dedup }),
      ...(delay === undefined ? {} : { delaySeconds: delay }),
    },
  };
}

/**
 * Groups bodies into batches of at most `entriesMax` entries and `bytesMax` body bytes, in order. Empty
 * bodies are skipped: a queue refuses them, and a blank line in piped input is rarely meant as a message.
 * A body larger than `bytesMax` goes alone, for the SDK to refuse by name.
 */
export async function* batchBodies(
  bodies: AsyncIterable<string> | Iterable<string>,
  bounds: { readonly entriesMax: number; readonly bytesMax: number },
): AsyncGenerator<string[]> {
  let batch: string[] = [];
  let bytes = 0;
  for await (const body of bodies) {
    if (body === "") continue;
    const size = Buffer.byteLength(body);
    if (batch.length > 0 && (batch.length === bounds.entriesMax || bytes + size > bounds.bytesMax)) {
      yield batch;
      batch = [];
      bytes = 0;
    }
    batch.push(body);
    bytes += size;
  }
  if (batch.length > 0) yield batch;
}

/** `millrace queue send`: SendMessageBatch through the SDK; exits 1 if any message failed. */
export async function runQueueSend(args: readonly string[]): Promise<number> {
  const plan = parseQueueSendArgs(args);
  const failed = await withClient(plan.connection, async (client) => {
    const queue = client.queue(plan.name);
    // Opened only now: readline starts reading at once, and lines read before the loop below iterates
    // would be lost (with the end of input, leaving the loop waiting forever).
    const source =
      plan.bodies === "stdin" ? createInterface({ input: process.stdin, crlfDelay: Infinity }) : plan.bodies;
    let sent = 0;
    let failures = 0;
    const bounds = { entriesMax: limits.batchEntriesMax, bytesMax: limits.batchBytesMax };
    for await (const batch of batchBodies(source, bounds)) {
      const entries: SendBatchEntry[] = batch.map((body) => ({ ...plan.options, body }));
      const results = await queue.sendBatch(entries);
      for (const result of results) if (result.ok) process.stdout.write(`${result.result.messageId}\n`);
      failures += reportBatchFailures(results, (i) => `message ${sent + i + 1}`);
      sent += batch.length;
    }
    return failures;
  });
  return failed === 0 ? 0 : 1;
}

/**
 * The memory phase of `npm run bench -- --only memory`: fills a standard queue (3 partitions) with
 * `messages` 1 KiB messages and samples every node's memory while it fills and after. Queue data lives in
 * LevelDB, so a node's resident memory should level off (memtables, block cache, entry caches) instead of
 * growing with the queue's depth.
 */
import { type v1 } from "@millrace/proto";
import {
  createBenchQueue,
  mib,
  nodeMemory,
  queueClients,
  rate,
  runLoad,
  unaryCall,
  type BenchNode,
  type NodeMemory,
} from "./bench-support.js";

export interface MemoryPhaseOptions {
  readonly messages: number;
  readonly queueLoadScript: string;
}

const sampleEveryMs = 2000;
/** Bounds the fill: at a few hundred messages per second a million would still fit. */
const fillSecondsMax = 3600;

export async function memoryPhase(
  nodes: BenchNode[],
  rows: string[][],
  options: MemoryPhaseOptions,
): Promise<Record<string, unknown>> {
  const clients = queueClients(nodes);
  const queueName = "memory";
  // Keep every message for the whole run: the longest retention SQS allows.
  await createBenchQueue(clients[0]!, queueName, { Partitions: "3", MessageRetentionPeriod: "1209600" });
  await new Promise((r) => setTimeout(r, 5000));
  const before = await Promise.all(nodes.map(nodeMemory));
  const peak = before.map((m) => ({ ...m }));
  const sampler = setInterval(() => {
    void Promise.all(nodes.map(nodeMemory)).then(
      (now) => now.forEach((m, i) => keepPeak(peak[i]!, m)),
      () => undefined,
    );
  }, sampleEveryMs);
  const progress = setInterval(() => {
    void depth(clients[0]!, queueName).then(
      (held) => process.stderr.write(`memory phase: ${held.toLocaleString("en-US")} messages held\n`),
      () => undefined,
    );
  }, 30_000);
  const perProcess = Math.ceil(options.messages / nodes.length);
  let fill;
  try {
    fill = await runLoad(
      options.queueLoadScript,
      nodes.map((n) => [
        ...["--address", `127.0.0.1:${n.client}`, "--queue", queueName, "--mode", "send"],
        ...["--batch", "10", "--in-flight", "8", "--count", String(perProcess)],
      ]),
      fillSecondsMax,
    );
  } finally {
    clearInterval(sampler);
    clearInterval(progress);
  }
  const held = await depth(clients[0]!, queueName);
  const after = await Promise.all(nodes.map(nodeMemory));
  after.forEach((m, i) => keepPeak(peak[i]!, m));
  for (const c of clients) c.close();
  const perNode = (pick: (i: number) => NodeMemory) =>
    nodes.map((n, i) => `node ${n.id} ${mib(pick(i).rss)}`).join(", ");
  rows.push(
    [
      `queue filled with 1 KiB messages (${fill.records.toLocaleString("en-US")} acknowledged)`,
      rate(fill, "messages/s"),
      `${held.toLocaleString("en-US")} held (ApproximateNumberOfMessages)`,
    ],
    ["resident memory before filling", "", perNode((i) => before[i]!)],
    ["resident memory, peak while filling", "", perNode((i) => peak[i]!)],
    [
      "resident memory when full",
      "",
      `${perNode((i) => after[i]!)}; JS heap in use ${after.map((m) => mib(m.heapUsed)).join(", ")}`,
    ],
  );
  return { memory: { fill, held, before, peak, after } };
}

function keepPeak(peak: NodeMemory, now: NodeMemory): void {
  peak.rss = Math.max(peak.rss, now.rss);
  peak.heapUsed = Math.max(peak.heapUsed, now.heapUsed);
  peak.external = Math.max(peak.external, now.external);
}

async function depth(client: v1.QueueServiceClient, queueName: string): Promise<number> {
  const r = await unaryCall<v1.GetQueueAttributesResponse__Output>((cb) =>
    client.getQueueAttributes(
      { queueName, attributeNames: ["ApproximateNumberOfMessages"] },
      { deadline: Date.now() + 10_000 },
      cb,
    ),
  );
  return Number(r.attributes["ApproximateNumberOfMessages"] ?? "NaN");
}

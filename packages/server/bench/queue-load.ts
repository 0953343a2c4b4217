/**
 * One queue load-generating process for bench-cluster.ts. `--mode send` keeps `--in-flight`
 * SendMessageBatch calls of `--batch` 1 KiB messages in flight against `--address` until its span ends
 * (load-window.ts);
 * `--mode stream` does the same over one SendMessageStream (streamLoops);
 * `--mode consume` keeps ReceiveMessage (up to 10, long polling) + DeleteMessageBatch loops in flight;
 * `--mode consume-stream` does the same over one ConsumeStream (consumeStreamLoops);
 * `--mode sdk-consume` runs the SDK's `queue.consume()` with `--in-flight` handler slots (each handled
 * message counted, then deleted by the SDK), as an application's consumer would.
 * For the idle-consumer phase: `--mode trickle` sends one small message every `--interval-ms`, after
 * `--start-after-ms` and until a second before the end, each carrying its send time; `--mode poll`
 * keeps `--in-flight` consumers that long-poll 20 s for one message at a time and delete it, timing each
 * from its send to its receipt.
 * Prints one JSON line: messages acknowledged (sent, or received and deleted) in the span, its length,
 * the CPU seconds this process used in it, and the latency in ms of every call counted (in poll mode,
 * each message's send to receipt).
 */
import { credentials } from "@grpc/grpc-js";
import { connect } from "@millrace/client";
import { fromServiceError } from "@millrace/gateway";
import { loadMillraceProto, type v1 } from "@millrace/proto";
import { parseArgs } from "node:util";
import { clientWindowOptions } from "../src/rpc/flow-control.js";
import { LoadWindow, windowOptions } from "./load-window.js";

const { values } = parseArgs({
  options: {
    address: { type: "string" },
    queue: { type: "string" },
    mode: { type: "string", default: "send" },
    batch: { type: "string", default: "10" },
    "in-flight": { type: "string", default: "16" },
    ...windowOptions,
    /** In send mode, stop once this many messages were acknowledged (or the time is up). */
    count: { type: "string" },
    "interval-ms": { type: "string", default: "20" },
    "start-after-ms": { type: "string", default: "0" },
  },
});
const address = values.address as string;
const queueName = values.queue as string;
const batch = Number(values.batch);
const inFlight = Number(values["in-flight"]);
const proto = loadMillraceProto();
const client = new proto.millrace.v1.QueueService(address, credentials.createInsecure(), clientWindowOptions);
const body = "m".repeat(1024);
const window = new LoadWindow(values);
let errors = 0;
const count = values.count === undefined ? Number.POSITIVE_INFINITY : Number(values.count);
/** Messages whose send is in flight, so the loops together stop at `count` without overshooting it. */
let claimed = 0;

function unary<T>(fn: (cb: (e: unknown, v?: T) => void) => void): Promise<T> {
  return new Promise((resolve, reject) =>
    fn((e, v) => (e === null || e === undefined ? resolve(v as T) : reject(fromServiceError(e as never)))),
  );
}

async function sendLoop(): Promise<void> {
  const entries = Array.from({ length: batch }, (_, i) => ({ id: String(i), messageBody: body }));
  while (window.open && claimed < count) {
    claimed += batch;
    const start = process.hrtime.bigint();
    try {
      const r = await unary<v1.SendMessageBatchResponse__Output>((cb) =>
        client.sendMessageBatch({ queueName, entries }, { deadline: Date.now() + 10_000 }, cb),
      );
      claimed -= batch - r.successful.length;
      window.completed(r.successful.length, Number(process.hrtime.bigint() - start) / 1e6);
    } catch {
      claimed -= batch;
      errors += 1;
    }
  }
}

/**
 * `--mode stream`: one SendMessageStream with `--in-flight` frames of `--batch` messages unanswered at
 * a time, each answered frame replaced by the next. One stream carries every loop's frames, as the SDK
 * sends a node's batches.
 */
async function streamLoops(): Promise<void> {
  const entries = Array.from({ length: batch }, (_, i) => ({ id: String(i), messageBody: body }));
  const call = client.sendMessageStream();
  const started = new Map<number, bigint>();
  let nextId = 0;
  const write = () => {
    if (!window.open || claimed >= count) return;
    claimed += batch;
    const frameId = nextId++;
    started.set(frameId, process.hrtime.bigint());
    call.write({ frameId, batch: { queueName, entries }, timeoutMs: 10_000 });
  };
  await new Promise<void>((resolve) => {
    call.on("data", (r: v1.SendMessageStreamResponse__Output) => {
      const start = started.get(r.frameId) ?? process.hrtime.bigint();
      started.delete(r.frameId);
      const sent = r.batch?.successful.length ?? 0;
      claimed -= batch - sent;
      if (r.error !== null && r.error !== undefined) errors += 1;
      else window.completed(sent, Number(process.hrtime.bigint() - start) / 1e6);
      write();
      if (started.size === 0) call.end();
    });
    call.on("error", () => {
      errors += 1;
      resolve();
    });
    call.on("end", () => resolve());
    for (let i = 0; i < inFlight; i++) write();
  });
}

async function consumeLoop(): Promise<void> {
  while (window.open) {
    const start = process.hrtime.bigint();
    try {
      const r = await unary<v1.ReceiveMessageResponse__Output>((cb) =>
        client.receiveMessage(
          { queueName, maxNumberOfMessages: 10, waitTimeSeconds: 1 },
          { deadline: Date.now() + 10_000 },
          cb,
        ),
      );
      if (r.messages.length === 0) continue;
      const d = await unary<v1.DeleteMessageBatchResponse__Output>((cb) =>
        client.deleteMessageBatch(
          {
            queueName,
            entries: r.messages.map((m, i) => ({ id: String(i), receiptHandle: m.receiptHandle })),
          },
          { deadline: Date.now() + 10_000 },
          cb,
        ),
      );
      window.completed(d.successfulIds.length, Number(process.hrtime.bigint() - start) / 1e6);
    } catch {
      errors += 1;
    }
  }
}

/**
 * `--mode consume-stream`: the consume loops' receives and deletes as frames of one ConsumeStream, as the
 * SDK sends them, `--in-flight` loops at a time.
 */
async function consumeStreamLoops(): Promise<void> {
  const call = client.consumeStream();
  const waiting = new Map<number, (answer: v1.ConsumeStreamResponse__Output | undefined) => void>();
  let nextId = 0;
  let broken = false;
  const frame = (f: Omit<v1.ConsumeStreamRequest, "frameId" | "timeoutMs">) =>
    new Promise<v1.ConsumeStreamResponse__Output | undefined>((resolve) => {
      if (broken) return resolve(undefined);
      const frameId = nextId++;
      waiting.set(frameId, resolve);
      call.write({ ...f, frameId, timeoutMs: 10_000 });
    });
  call.on("data", (r: v1.ConsumeStreamResponse__Output) => {
    waiting.get(r.frameId)?.(r);
    waiting.delete(r.frameId);
  });
  call.on("error", () => {
    broken = true;
    errors += 1;
    for (const resolve of waiting.values()) resolve(undefined);
    waiting.clear();
  });
  const loop = async () => {
    while (window.open && !broken) {
      const start = process.hrtime.bigint();
      const r = await frame({ receive: { queueName, maxNumberOfMessages: 10, waitTimeSeconds: 1 } });
      const messages = r?.receive?.messages ?? [];
      if (r?.receive === undefined || r.receive === null) errors += 1;
      if (messages.length === 0) continue;
      const entries = messages.map((m, i) => ({ id: String(i), receiptHandle: m.receiptHandle }));
      const d = await frame({ deleteBatch: { queueName, entries } });
      const deleted = d?.deleteBatch?.successfulIds.length;
      if (deleted === undefined) errors += 1;
      else window.completed(deleted, Number(process.hrtime.bigint() - start) / 1e6);
    }
  };
  await Promise.all(Array.from({ length: inFlight }, loop));
  call.end();
}

async function sdkConsume(): Promise<void> {
  const sdk = await connect({ endpoints: [address] });
  const stop = new AbortController();
  const timer = setTimeout(() => stop.abort(), Math.max(0, window.untilMs - Date.now()));
  try {
    await sdk
      .queue(queueName)
      .consume(() => window.completed(1), { concurrency: inFlight, waitSeconds: 1, signal: stop.signal });
  } catch {
    errors += 1;
  } finally {
    clearTimeout(timer);
    await sdk.close();
  }
}

async function trickleLoop(): Promise<void> {
  await new Promise((r) => setTimeout(r, Number(values["start-after-ms"])));
  const intervalMs = Number(values["interval-ms"]);
  // Stops a second early, so the consumers (whose processes may have started first, and so stop first)
  // are still there for the last messages: every message sent should be counted received.
  while (Date.now() < window.untilMs - 1000) {
    try {
      await unary((cb) =>
        client.sendMessage(
          { queueName, messageBody: String(Date.now()) },
          { deadline: Date.now() + 10_000 },
          cb,
        ),
      );
      window.completed(1);
    } catch {
      errors += 1;
    }
    await new Promise((r) => setTimeout(r, intervalMs));
  }
}

async function pollLoop(): Promise<void> {
  while (window.open) {
    try {
      const r = await unary<v1.ReceiveMessageResponse__Output>((cb) =>
        client.receiveMessage(
          { queueName, maxNumberOfMessages: 1, waitTimeSeconds: 20 },
          { deadline: Date.now() + 30_000 },
          cb,
        ),
      );
      for (const m of r.messages) {
        const latencyMs = Date.now() - Number(m.body);
        await unary((cb) =>
          client.deleteMessage(
            { queueName, receiptHandle: m.receiptHandle },
            { deadline: Date.now() + 10_000 },
            cb,
          ),
        );
        window.completed(1, latencyMs);
      }
    } catch {
      errors += 1;
    }
  }
}

const loops = { consume: consumeLoop, send: sendLoop, trickle: trickleLoop, poll: pollLoop };
const loop = loops[values.mode as keyof typeof loops] ?? sendLoop;
const running =
  values.mode === "stream"
    ? streamLoops()
    : values.mode === "consume-stream"
      ? consumeStreamLoops()
      : values.mode === "sdk-consume"
        ? sdkConsume()
        : Promise.all(Array.from({ length: inFlight }, () => loop()));
// Long polls still waiting at the end are not waited for (up to 20 s): the process reports and exits.
await (values.mode === "poll"
  ? Promise.race([new Promise((r) => setTimeout(r, Math.max(0, window.untilMs - Date.now()))), running])
  : running);
client.close();
process.stdout.write(`${JSON.stringify({ ...window.result(), errors })}\n`, () => process.exit(0));

import {
  describeFailure,
  isDefiniteAppendFailure,
  type CallFailure,
  type ClusterClients,
} from "./cluster-client.js";
import { type AppendOp, type LogHistory } from "./log-history.js";
import { sleep, waitFor } from "./wait.js";

export interface AppendWorkloadOptions {
  /** Concurrent logical clients, each with one append in flight at a time. */
  readonly clients: number;
  /** Unique prefix of every record (records must be unique across the whole history). */
  readonly prefix: string;
  /** Records per append, drawn uniformly from [min, max]. Default [1, 3]. */
  readonly recordsPerAppend?: readonly [number, number];
  /** Deadline of each Append call. Default 4 s. */
  readonly callTimeoutMs?: number;
  /** Pause between a client's appends. Default 0. */
  readonly pauseMs?: number;
  /** Stop each client after this many appends (a bound for runaway loops). Default 100 000. */
  readonly opsPerClientMax?: number;
  /** Stop each client after this long, even if `stop()` is never called. Default 10 minutes. */
  readonly durationMaxMs?: number;
}

/**
 * Clients appending to the default log of a cluster and recording every append in a `LogHistory`. Each
 * client sends to the node it believes leads, follows NOT_LEADER hints, and moves to another node after
 * any other failure. Every attempt uses new records, so a retry never makes an earlier attempt's outcome
 * ambiguous.
 */
export class AppendWorkload {
  private stopping = false;
  private loops: Promise<void>[] = [];
  private ackCount = 0;
  private failureCount = 0;

  constructor(
    private readonly clients: ClusterClients,
    private readonly endpoints: () => string[],
    private readonly history: LogHistory,
    private readonly options: AppendWorkloadOptions,
  ) {}

  /** Appends acknowledged so far. */
  get acked(): number {
    return this.ackCount;
  }

  /** Appends that failed or whose outcome is unknown so far. */
  get failures(): number {
    return this.failureCount;
  }

  start(): void {
    if (this.loops.length > 0) throw new Error("the workload was already started");
    for (let c = 0; c < this.options.clients; c++) this.loops.push(this.runClient(c));
  }

  /** Waits until `count` more appends than now are acknowledged (bounded by `timeoutMs`). */
  async waitForAcks(count: number, timeoutMs = 30_000): Promise<void> {
    const target = this.ackCount + count;
    await waitFor(
      `${count} more acknowledged appends (at ${this.ackCount})`,
      { timeoutMs, intervalMs: 50 },
      () => (this.ackCount >= target ? true : undefined),
    );
  }

  /** Stops every client and waits for its last append to complete (each is bounded by its deadline). */
  async stop(): Promise<void> {
    this.stopping = true;
    await Promise.all(this.loops);
  }

  private async runClient(client: number): Promise<void> {
    const [min, max] = this.options.recordsPerAppend ?? [1, 3];
    const timeoutMs = this.options.callTimeoutMs ?? 4000;
    const opsMax = this.options.opsPerClientMax ?? 100_000;
    const endAt = Date.now() + (this.options.durationMaxMs ?? 600_000);
    let target: string | undefined = undefined;
    for (let n = 0; n < opsMax && !this.stopping && Date.now() < endAt; n++) {
      const endpoints = this.endpoints();
      if (target === undefined || !endpoints.includes(target)) target = pick(endpoints, client + n);
      if (target === undefined) {
        await sleep(100);
        continue;
      }
      const count = min + Math.floor(Math.random() * (max - min + 1));
      const records = Array.from(
        { length: count },
        (_, k) => `${this.options.prefix}-c${client}-o${n}-r${k}`,
      );
      const { failure } = await recordedAppend(
        this.clients,
        this.history,
        client,
        target,
        records,
        timeoutMs,
      );
      if (failure === undefined) {
        this.ackCount += 1;
      } else {
        this.failureCount += 1;
        if (failure.leaderAddress !== undefined && failure.leaderAddress !== target) {
          target = failure.leaderAddress;
        } else {
          const others = this.endpoints().filter((e) => e !== target);
          target = pick(others, client + n);
          await sleep(50);
        }
      }
      if (this.options.pauseMs !== undefined && this.options.pauseMs > 0) await sleep(this.options.pauseMs);
    }
  }
}

/**
 * One Append of `records` to the node at `target`, recorded in `history` for logical client `client`:
 * ok with its sequence numbers, failed when the error says it never entered the log, unknown otherwise.
 */
export async function recordedAppend(
  clients: ClusterClients,
  history: LogHistory,
  client: number,
  target: string,
  records: readonly string[],
  timeoutMs: number,
): Promise<{ op: AppendOp; failure: CallFailure | undefined }> {
  const op = history.invoke(client, records, target, Date.now());
  try {
    const encoder = new TextEncoder();
    const response = await clients.append(
      target,
      records.map((r) => encoder.encode(r)),
      timeoutMs,
    );
    history.ok(op, Number(response.firstSeq), response.count, Date.now());
    return { op, failure: undefined };
  } catch (error) {
    const failure = describeFailure(error);
    const text = `${failure.code}: ${failure.message}`;
    if (isDefiniteAppendFailure(failure)) history.fail(op, text, Date.now());
    else history.unknown(op, text, Date.now());
    return { op, failure };
  }
}

function pick(list: readonly string[], seed: number): string | undefined {
  if (list.length === 0) return undefined;
  return list[(seed + Math.floor(Math.random() * list.length)) % list.length];
}

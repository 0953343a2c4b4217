/**
 * The span a load generator measures. With `--from-ms` and `--until-ms` (wall-clock times the harness
 * picks for every generator of a phase), a generator starts its loops as soon as it is up, and counts
 * only the calls that complete inside that shared span: what comes before is warm-up, for the generator
 * (a fresh process compiles its hot code then, on the same two cores as the nodes) and for the nodes
 * alike, and the nodes' CPU is metered over the same span. Without them, the span is `--seconds` from
 * the generator's start, every call counted (the memory phase, the idle phase).
 */
export interface WindowArgs {
  readonly seconds: string;
  readonly "from-ms"?: string | undefined;
  readonly "until-ms"?: string | undefined;
}

export const windowOptions = {
  seconds: { type: "string", default: "10" },
  "from-ms": { type: "string" },
  "until-ms": { type: "string" },
} as const;

export interface WindowResult {
  records: number;
  elapsedSeconds: number;
  /** CPU (user + system, every thread) this process used inside the span. */
  cpuSeconds: number;
  /** Latency in ms of every call counted. */
  latencies: number[];
}

export class LoadWindow {
  /** Loops start no call at or after this time. */
  readonly untilMs: number;
  private readonly fromMs: number;
  private records = 0;
  private readonly latencies: number[] = [];
  private cpuAtStart: NodeJS.CpuUsage | undefined;
  private cpuAtEnd: NodeJS.CpuUsage | undefined;
  private readonly timers: NodeJS.Timeout[] = [];

  constructor(args: WindowArgs) {
    const now = Date.now();
    if (args["from-ms"] !== undefined && args["until-ms"] !== undefined) {
      this.fromMs = Number(args["from-ms"]);
      this.untilMs = Number(args["until-ms"]);
      // A generator up after the span began would be measured cold and for less than the others.
      if (now > this.fromMs) {
        throw new Error(`load generator started ${now - this.fromMs} ms after its measured span began`);
      }
    } else {
      this.fromMs = now;
      this.untilMs = now + Number(args.seconds) * 1000;
    }
    const at = (ms: number, fn: () => void) => this.timers.push(setTimeout(fn, Math.max(0, ms - now)));
    if (this.fromMs <= now) this.cpuAtStart = process.cpuUsage();
    else at(this.fromMs, () => (this.cpuAtStart = process.cpuUsage()));
    at(this.untilMs, () => (this.cpuAtEnd = process.cpuUsage()));
  }

  /** Whether loops may start another call. */
  get open(): boolean {
    return Date.now() < this.untilMs;
  }

  /** `count` records were acknowledged just now; `latencyMs`, when given, is kept as a sample. */
  completed(count: number, latencyMs?: number): void {
    const now = Date.now();
    if (now < this.fromMs || now > this.untilMs) return;
    this.records += count;
    if (latencyMs !== undefined) this.latencies.push(latencyMs);
  }

  /** The span's figures; call once the loops have ended. */
  result(): WindowResult {
    for (const timer of this.timers) clearTimeout(timer);
    const end = this.cpuAtEnd ?? process.cpuUsage();
    const start = this.cpuAtStart ?? end;
    const cpuSeconds = (end.user - start.user + end.system - start.system) / 1e6;
    const elapsedSeconds = (Math.min(Date.now(), this.untilMs) - this.fromMs) / 1000;
    return { records: this.records, elapsedSeconds, cpuSeconds, latencies: this.latencies };
  }
}

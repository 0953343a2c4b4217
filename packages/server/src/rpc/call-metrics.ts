import {
  ServerInterceptingCall,
  status as Status,
  type ServerInterceptor,
  type ServerInterceptingCallInterface,
} from "@grpc/grpc-js";
import { type Metric, type Registry } from "prom-client";

const codeNames = new Map<number, string>(
  Object.entries(Status)
    .filter((entry): entry is [string, number] => typeof entry[1] === "number")
    .map(([name, code]) => [code, name]),
);

/** Upper bounds of the call duration histogram's buckets, in seconds. */
export const callSecondsBuckets = [
  0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 20,
] as const;

/** One method's tallies since the node started. */
class MethodTally {
  inFlight = 0;
  /** Calls ended, by gRPC status code. */
  readonly byCode = new Map<number, number>();
  /** Calls per duration bucket (not cumulative); the last counts those past every bound. */
  readonly buckets = new Array<number>(callSecondsBuckets.length + 1).fill(0);
  secondsSum = 0;
  count = 0;

  constructor(
    readonly service: string,
    readonly method: string,
  ) {}

  end(code: number, seconds: number): void {
    this.inFlight -= 1;
    this.byCode.set(code, (this.byCode.get(code) ?? 0) + 1);
    let i = 0;
    while (i < callSecondsBuckets.length && seconds > (callSecondsBuckets[i] as number)) i++;
    this.buckets[i] = (this.buckets[i] as number) + 1;
    this.secondsSum += seconds;
    this.count += 1;
  }
}

interface MetricValue {
  readonly value: number;
  readonly labels: Record<string, string | number>;
  readonly metricName?: string;
}

/**
 * The client API's calls: how many ended with each status code, how long they took and how many are in
 * progress, per service and method. Kept as plain numbers and turned into Prometheus series only when
 * scraped, so a call costs a few additions rather than prom-client's hashing of a label set on every
 * update.
 */
export class CallStats {
  private readonly byPath = new Map<string, MethodTally>();

  /** The tallies of the method at `path` ("/millrace.v1.QueueService/SendMessage"). */
  methodTally(path: string): MethodTally {
    let tally = this.byPath.get(path);
    if (tally === undefined) {
      const slash = path.lastIndexOf("/");
      tally = new MethodTally(path.slice(1, slash), path.slice(slash + 1));
      this.byPath.set(path, tally);
    }
    return tally;
  }

  /** Registers the series in `registry`: millrace_rpc_calls_total, _duration_seconds, _calls_in_flight. */
  register(registry: Registry): void {
    const tallies = () => [...this.byPath.values()];
    const labelsOf = (t: MethodTally) => ({ service: t.service, method: t.method });
    this.registerSeries(
      registry,
      "millrace_rpc_calls_total",
      "counter",
      "Client API calls ended, per service, method and gRPC status code (CANCELLED: the caller went away, or gRPC refused the request before Millrace saw it)",
      () =>
        tallies().flatMap((t) =>
          [...t.byCode].map(([code, value]) => ({
            value,
            labels: { ...labelsOf(t), code: codeNames.get(code) ?? String(code) },
          })),
        ),
    );
    const name = "millrace_rpc_duration_seconds";
    this.registerSeries(
      registry,
      name,
      "histogram",
      "Client API calls from arrival to status, per service and method (a ReceiveMessage long poll counts its wait)",
      () =>
        tallies().flatMap((t) => {
          const labels = labelsOf(t);
          let cumulative = 0;
          const buckets = t.buckets.map((n, i) => {
            cumulative += n;
            const le = i < callSecondsBuckets.length ? (callSecondsBuckets[i] as number) : "+Inf";
            return { metricName: `${name}_bucket`, value: cumulative, labels: { ...labels, le } };
          });
          return [
            ...buckets,
            { metricName: `${name}_sum`, value: t.secondsSum, labels },
            { metricName: `${name}_count`, value: t.count, labels },
          ];
        }),
    );
    this.registerSeries(
      registry,
      "millrace_rpc_calls_in_flight",
      "gauge",
      "Client API calls being served now, per service and method (long polls included)",
      () => tallies().map((t) => ({ value: t.inFlight, labels: labelsOf(t) })),
    );
  }

  private registerSeries(
    registry: Registry,
    name: string,
    type: "counter" | "gauge" | "histogram",
    help: string,
    values: () => MetricValue[],
  ): void {
    // The registry reads a metric through get(), as prom-client's own classes offer it; its typings name
    // only those classes.
    const metric = {
      name,
      help,
      type,
      aggregator: "sum",
      get: () => ({ name, help, type, aggregator: "sum", values: values() }),
    };
    registry.registerMetric(metric as unknown as Metric);
  }
}

/**
 * A server interceptor tallying every call the client API serves into `stats`. grpc-js runs interceptors
 * only for registered methods, so the methods tallied are those of the services' definitions. Measured on
 * a gRPC echo server (1 KiB, 64 in flight), it costs 6 to 9 µs of CPU per call (medians of 8 runs, in
 * three rounds); hearing of cancels is most of it, and without it a cancelled call never ends here.
 */
export function callMetrics(stats: CallStats): ServerInterceptor {
  return (descriptor, call: ServerInterceptingCallInterface) => {
    const tally = stats.methodTally(descriptor.path);
    const started = performance.now();
    let ended = false;
    tally.inFlight += 1;
    const end = (code: number) => {
      if (ended) return;
      ended = true;
      tally.end(code, (performance.now() - started) / 1000);
    };
    return new ServerInterceptingCall(call, {
      // A call whose caller cancels or disconnects sends no status (a handler's late answer goes nowhere),
      // and grpc-js refuses a request too large or undecodable without passing interceptors: such calls
      // end here, as CANCELLED.
      start: (next) => next({ onCancel: () => end(Status.CANCELLED) }),
      sendStatus: (status, next) => {
        end(status.code);
        next(status);
      },
    });
  };
}

import {
  Server,
  ServerCredentials,
  credentials,
  makeGenericClientConstructor,
  status as Status,
  type Client,
  type ServiceDefinition,
  type sendUnaryData,
  type ServerUnaryCall,
} from "@grpc/grpc-js";
import { afterEach, describe, expect, it } from "vitest";
import { NodeMetrics } from "../../src/metrics.js";
import { callMetrics } from "../../src/rpc/call-metrics.js";

/** A request the client sends as bytes that are not JSON, so the server fails to decode it. */
const undecodable = Symbol("undecodable");
const json = {
  requestSerialize: (v: unknown) => Buffer.from(v === undecodable ? "{" : JSON.stringify(v)),
  requestDeserialize: (b: Buffer) => JSON.parse(b.toString()) as unknown,
  responseSerialize: (v: unknown) => Buffer.from(JSON.stringify(v)),
  responseDeserialize: (b: Buffer) => JSON.parse(b.toString()) as unknown,
};
const unaryMethod = (name: string) => ({
  path: `/test.v1.Probe/${name}`,
  requestStream: false,
  responseStream: false,
  ...json,
});
const probeService: ServiceDefinition = {
  Answer: unaryMethod("Answer"),
  Refuse: unaryMethod("Refuse"),
  Hang: unaryMethod("Hang"),
};

type Unary = (call: ServerUnaryCall<unknown, unknown>, callback: sendUnaryData<unknown>) => void;
type ProbeClient = Client & Record<"Answer" | "Refuse" | "Hang", (...args: unknown[]) => { cancel(): void }>;

let server: Server | undefined;
let client: Client | undefined;
afterEach(() => {
  client?.close();
  server?.forceShutdown();
  server = client = undefined;
});

async function start(
  metrics: NodeMetrics,
  hangs: (() => void)[],
  options: Record<string, number> = {},
): Promise<ProbeClient> {
  server = new Server({ ...options, interceptors: [callMetrics(metrics.calls)] });
  const handlers: Record<string, Unary> = {
    Answer: (_call, callback) => callback(null, { ok: true }),
    Refuse: (_call, callback) => callback({ code: Status.NOT_FOUND, details: "no such thing" }),
    Hang: (call, callback) => {
      hangs.push(() => callback(null, {}));
      call.on("cancelled", () => hangs.push(() => undefined));
    },
  };
  server.addService(probeService, handlers);
  const port = await new Promise<number>((resolve, reject) =>
    server!.bindAsync("127.0.0.1:0", ServerCredentials.createInsecure(), (error, bound) =>
      error === null ? resolve(bound) : reject(error),
    ),
  );
  const Ctor = makeGenericClientConstructor(probeService, "Probe");
  client = new Ctor(`127.0.0.1:${port}`, credentials.createInsecure());
  return client as ProbeClient;
}

function call(c: ProbeClient, method: "Answer" | "Refuse"): Promise<number> {
  return new Promise((resolve) =>
    c[method]({}, (error: { code?: number } | null) => resolve(error?.code ?? Status.OK)),
  );
}

/** The value of one series in the exposition (0 when absent). */
async function valueOf(metrics: NodeMetrics, series: string): Promise<number> {
  const line = (await metrics.registry.metrics()).split("\n").find((l) => l.startsWith(`${series} `));
  return line === undefined ? 0 : Number(line.slice(series.length + 1));
}

async function waitUntil(what: string, check: () => boolean | Promise<boolean>): Promise<void> {
  for (let i = 0; i < 200; i++) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, 10));
  }
  throw new Error(`timed out waiting for ${what}`);
}

describe("client API call metrics", () => {
  it("count each call by service, method and status code, time it, and show calls in progress", async () => {
    const metrics = new NodeMetrics();
    const hangs: (() => void)[] = [];
    const c = await start(metrics, hangs);
    expect(await call(c, "Answer")).toBe(Status.OK);
    expect(await call(c, "Answer")).toBe(Status.OK);
    expect(await call(c, "Refuse")).toBe(Status.NOT_FOUND);

    const labels = (method: string) => `service="test.v1.Probe",method="${method}"`;
    expect(await valueOf(metrics, `millrace_rpc_calls_total{${labels("Answer")},code="OK"}`)).toBe(2);
    expect(await valueOf(metrics, `millrace_rpc_calls_total{${labels("Refuse")},code="NOT_FOUND"}`)).toBe(1);
    expect(await valueOf(metrics, `millrace_rpc_duration_seconds_count{${labels("Answer")}}`)).toBe(2);
    expect(await valueOf(metrics, `millrace_rpc_duration_seconds_count{${labels("Refuse")}}`)).toBe(1);

    // A call being served shows in progress until it ends.
    const hanging = new Promise<number>((resolve) =>
      c.Hang({}, (error: { code?: number } | null) => resolve(error?.code ?? Status.OK)),
    );
    await waitUntil("the call to arrive", () => hangs.length === 1);
    expect(await valueOf(metrics, `millrace_rpc_calls_in_flight{${labels("Hang")}}`)).toBe(1);
    hangs.shift()!();
    expect(await hanging).toBe(Status.OK);
    expect(await valueOf(metrics, `millrace_rpc_calls_in_flight{${labels("Hang")}}`)).toBe(0);
    expect(await valueOf(metrics, `millrace_rpc_calls_total{${labels("Hang")},code="OK"}`)).toBe(1);
  });

  // A caller that goes away gets no status from the server: without counting the cancel, its call would
  // stay "in progress" for good and never be counted or timed.
  it("count a call its caller cancelled as CANCELLED, once, and no longer in progress", async () => {
    const metrics = new NodeMetrics();
    const hangs: (() => void)[] = [];
    const c = await start(metrics, hangs);
    const pending = c.Hang({}, () => undefined);
    await waitUntil("the call to arrive", () => hangs.length === 1);
    pending.cancel();
    const labels = `service="test.v1.Probe",method="Hang"`;
    await waitUntil("the cancel to be counted", async () => {
      return (await valueOf(metrics, `millrace_rpc_calls_total{${labels},code="CANCELLED"}`)) === 1;
    });
    expect(await valueOf(metrics, `millrace_rpc_calls_in_flight{${labels}}`)).toBe(0);
    // The handler answering after the cancel counts nothing more.
    hangs.shift()!();
    await new Promise((r) => setTimeout(r, 50));
    expect(await valueOf(metrics, `millrace_rpc_calls_total{${labels},code="OK"}`)).toBe(0);
    expect(await valueOf(metrics, `millrace_rpc_duration_seconds_count{${labels}}`)).toBe(1);
  });

  // grpc-js refuses these before any handler runs, and its refusal passes no interceptor: they must
  // still be counted, and not stay "in progress" for good. The interceptor hears of them as it hears of
  // a caller that went away.
  it("count calls refused before their handler, too large or undecodable, as CANCELLED and not in progress", async () => {
    const metrics = new NodeMetrics();
    const c = await start(metrics, [], { "grpc.max_receive_message_length": 1024 });
    const codeOf = (request: unknown) =>
      new Promise<number>((resolve) =>
        c.Answer(request, (error: { code?: number } | null) => resolve(error?.code ?? Status.OK)),
      );
    expect(await codeOf({ big: "x".repeat(4096) })).toBe(Status.RESOURCE_EXHAUSTED);
    expect(await codeOf(undecodable)).toBe(Status.INTERNAL);
    const labels = `service="test.v1.Probe",method="Answer"`;
    await waitUntil("both to be counted", async () => {
      return (await valueOf(metrics, `millrace_rpc_calls_total{${labels},code="CANCELLED"}`)) === 2;
    });
    expect(await valueOf(metrics, `millrace_rpc_calls_in_flight{${labels}}`)).toBe(0);
    expect(await valueOf(metrics, `millrace_rpc_duration_seconds_count{${labels}}`)).toBe(2);
  });
});

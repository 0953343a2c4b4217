/**
 * The floor under every latency the cluster bench reports: one gRPC unary echo of 1 KiB between two Node
 * processes on loopback, with no Raft, no storage and no Millrace code. A send crosses at least four such
 * hops (client to leader, leader to followers and back, leader to client), so its idle latency cannot beat
 * about four times this figure on the same machine.
 *
 * Run alone (`tsx echo-floor.ts`), it serves; bench-cluster.ts calls `echoFloor()`, which starts it as a
 * child process and times calls to it: back to back, and with a 10 ms pause before each (an idle process
 * must be woken, as an idle cluster's are); then many at once, metering the server's CPU per call.
 */
import { fork } from "node:child_process";
import { fileURLToPath } from "node:url";
import {
  Server,
  ServerCredentials,
  credentials,
  makeGenericClientConstructor,
  type ServiceDefinition,
} from "@grpc/grpc-js";
import { percentile, timeEach } from "./bench-support.js";
import { startCpuMeter } from "./cpu-meter.js";

const same = (b: Buffer) => b;
const echoService: ServiceDefinition = {
  echo: {
    path: "/millrace.bench.Echo/Echo",
    requestStream: false,
    responseStream: false,
    requestSerialize: same,
    requestDeserialize: same,
    responseSerialize: same,
    responseDeserialize: same,
  },
};

export interface EchoFloor {
  readonly backToBack: { p50: number; p90: number; p99: number };
  readonly afterPause: { p50: number; p90: number; p99: number };
  /**
   * Echoes with many in flight: the rate, and the echo server's CPU per call (every thread, from /proc).
   * What grpc-js alone costs a server per unary call here, the floor under a node's CPU per call.
   */
  readonly pipelined: { callsPerSecond: number; serverUsPerCall: number | undefined };
}

const pipelinedCalls = 4000;
const pipelinedInFlight = 64;

export async function echoFloor(calls = 500): Promise<EchoFloor> {
  const child = fork(fileURLToPath(import.meta.url), [], {
    execArgv: ["--conditions=@millrace/source", "--import", "tsx"],
    stdio: ["ignore", "ignore", "inherit", "ipc"],
  });
  try {
    const port = await new Promise<number>((resolve, reject) => {
      child.once("message", (m) => resolve(Number(m)));
      child.once("exit", (code) => reject(new Error(`echo server exited with ${code}`)));
    });
    const Client = makeGenericClientConstructor(echoService, "Echo");
    const client = new Client(`127.0.0.1:${port}`, credentials.createInsecure());
    const payload = Buffer.alloc(1024, 0x61);
    const call = () =>
      new Promise<void>((resolve, reject) =>
        (client as unknown as { echo: (b: Buffer, cb: (e: Error | null) => void) => void }).echo(
          payload,
          (e) => (e === null ? resolve() : reject(e)),
        ),
      );
    await timeEach(100, call);
    const backToBack = await timeEach(calls, call);
    const afterPause = await timeAfterPause(Math.ceil(calls / 5), call);
    const pipelined = await pipelinedEchoes(call, child.pid);
    client.close();
    return { backToBack, afterPause, pipelined };
  } finally {
    child.kill("SIGTERM");
  }
}

/** `pipelinedCalls` echoes, `pipelinedInFlight` at a time, metering the server's CPU. */
async function pipelinedEchoes(call: () => Promise<void>, serverPid: number | undefined) {
  const meter = startCpuMeter(serverPid === undefined ? [] : [serverPid]);
  const started = process.hrtime.bigint();
  let left = pipelinedCalls;
  await Promise.all(
    Array.from({ length: pipelinedInFlight }, async () => {
      while (left > 0) {
        left--;
        await call();
      }
    }),
  );
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  const cpu = serverPid === undefined ? undefined : meter.stop(pipelinedCalls);
  return { callsPerSecond: pipelinedCalls / seconds, serverUsPerCall: cpu?.perRecordUs };
}

/** Times `count` calls, each after a 10 ms pause (the pause itself is not counted). */
async function timeAfterPause(
  count: number,
  call: () => Promise<void>,
): Promise<{ p50: number; p90: number; p99: number }> {
  const samples: number[] = [];
  for (let i = 0; i < count; i++) {
    await new Promise((r) => setTimeout(r, 10));
    const start = process.hrtime.bigint();
    await call();
    samples.push(Number(process.hrtime.bigint() - start) / 1e6);
  }
  samples.sort((a, b) => a - b);
  return { p50: percentile(samples, 0.5), p90: percentile(samples, 0.9), p99: percentile(samples, 0.99) };
}

if (process.send !== undefined && process.argv[1] === fileURLToPath(import.meta.url)) {
  const server = new Server();
  server.addService(echoService, {
    echo: (call: { request: Buffer }, callback: (e: null, v: Buffer) => void) => callback(null, call.request),
  });
  server.bindAsync("127.0.0.1:0", ServerCredentials.createInsecure(), (error, port) => {
    if (error !== null) throw error;
    process.send?.(port);
  });
}

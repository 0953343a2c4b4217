/**
 * One load-generating process for bench-cluster.ts: keeps `--in-flight` Append calls of `--records`
 * 1 KiB records in flight against `--address` for `--seconds`, then prints one JSON line with the
 * records acknowledged, the elapsed time, the CPU seconds this process used and every call's latency in
 * ms. Several of these run at once so that the client side is not the bottleneck (one process saturates
 * its event loop first).
 */
import { parseArgs } from "node:util";
import { type v1 } from "@millrace/proto";
import { fromServiceError } from "@millrace/gateway";
import { logClient } from "../src/rpc/clients.js";

const { values } = parseArgs({
  options: {
    address: { type: "string" },
    records: { type: "string", default: "1" },
    "in-flight": { type: "string", default: "64" },
    seconds: { type: "string", default: "10" },
    channels: { type: "string", default: "2" },
  },
});
const address = values.address as string;
const recordsPerCall = Number(values.records);
const inFlight = Number(values["in-flight"]);
const channels = Number(values.channels);
const clients = Array.from({ length: channels }, () => logClient(address));
const payload = Array.from({ length: recordsPerCall }, () => Buffer.alloc(1024, 0x61));
const latencies: number[] = [];
let records = 0;
const end = Date.now() + Number(values.seconds) * 1000;

function append(client: v1.LogServiceClient): Promise<number> {
  return new Promise((resolve, reject) => {
    client.append({ groupId: 0, records: payload }, { deadline: Date.now() + 10_000 }, (error, value) =>
      error === null ? resolve(value?.count ?? 0) : reject(fromServiceError(error)),
    );
  });
}

const started = Date.now();
const cpuBefore = process.cpuUsage();
await Promise.all(
  Array.from({ length: inFlight }, async (_, i) => {
    const client = clients[i % channels] as v1.LogServiceClient;
    while (Date.now() < end) {
      const start = process.hrtime.bigint();
      // Not `records += await …`: that reads `records` before the await and loses concurrent updates.
      const count = await append(client);
      records += count;
      latencies.push(Number(process.hrtime.bigint() - start) / 1e6);
    }
  }),
);
const elapsedSeconds = (Date.now() - started) / 1000;
const cpu = process.cpuUsage(cpuBefore);
const cpuSeconds = (cpu.user + cpu.system) / 1e6;
for (const client of clients) client.close();
process.stdout.write(`${JSON.stringify({ records, elapsedSeconds, cpuSeconds, latencies })}\n`);

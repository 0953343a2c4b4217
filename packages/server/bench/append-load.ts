/**
 * One load-generating process for bench-cluster.ts: keeps `--in-flight` Append calls of `--records`
 * 1 KiB records in flight against `--address` until its span ends (load-window.ts), then prints one JSON
 * line with the records acknowledged in the span, its length, the CPU seconds this process used in it
 * and the latency in ms of every call counted. Several of these run at once so that the client side is
 * not the bottleneck (one process saturates its event loop first).
 */
import { parseArgs } from "node:util";
import { type v1 } from "@millrace/proto";
import { fromServiceError } from "@millrace/gateway";
import { logClient } from "../src/rpc/clients.js";
import { LoadWindow, windowOptions } from "./load-window.js";

const { values } = parseArgs({
  options: {
    address: { type: "string" },
    records: { type: "string", default: "1" },
    "in-flight": { type: "string", default: "64" },
    ...windowOptions,
    channels: { type: "string", default: "2" },
  },
});
const address = values.address as string;
const recordsPerCall = Number(values.records);
const inFlight = Number(values["in-flight"]);
const channels = Number(values.channels);
const clients = Array.from({ length: channels }, () => logClient(address));
const payload = Array.from({ length: recordsPerCall }, () => Buffer.alloc(1024, 0x61));
const window = new LoadWindow(values);

function append(client: v1.LogServiceClient): Promise<number> {
  return new Promise((resolve, reject) => {
    client.append({ groupId: 0, records: payload }, { deadline: Date.now() + 10_000 }, (error, value) =>
      error === null ? resolve(value?.count ?? 0) : reject(fromServiceError(error)),
    );
  });
}

await Promise.all(
  Array.from({ length: inFlight }, async (_, i) => {
    const client = clients[i % channels] as v1.LogServiceClient;
    while (window.open) {
      const start = process.hrtime.bigint();
      const count = await append(client);
      window.completed(count, Number(process.hrtime.bigint() - start) / 1e6);
    }
  }),
);
for (const client of clients) client.close();
process.stdout.write(`${JSON.stringify(window.result())}\n`);

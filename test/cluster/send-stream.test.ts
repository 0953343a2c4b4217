import { connect, type MillraceClient } from "@millrace/client";
import { waitFor } from "@millrace/testkit";
import { afterEach, describe, expect, it } from "vitest";
import { trackClusters } from "./harness.js";

const newCluster = trackClusters();
const clients: MillraceClient[] = [];
afterEach(async () => {
  await Promise.all(clients.splice(0).map((c) => c.close()));
});

const sendsMax = 20_000;
const inFlightMax = 200;

describe("the SDK's producer over SendMessageStream", () => {
  it("loses no acknowledged send while a node stops gracefully, another is killed, and both return", async () => {
    const cluster = newCluster({ nodes: 3, name: "send-stream" });
    await cluster.start();
    const client = await connect({ endpoints: cluster.endpoints(), deadlineMs: 20_000 });
    clients.push(client);
    const queue = await client.createQueue("streamed", { attributes: { Partitions: "3" } });
    const producer = queue.producer({ lingerMs: 2, maxInFlight: 8 });

    const acknowledged = new Set<string>();
    const failures: string[] = [];
    let sent = 0;
    let stopping = false;
    const sending = (async () => {
      const inFlight = new Set<Promise<void>>();
      while (!stopping && sent < sendsMax) {
        const body = `s-${sent++}`;
        const send: Promise<void> = producer.send(body).then(
          () => void acknowledged.add(body),
          (error: unknown) => void failures.push(`${body}: ${String(error)}`),
        );
        inFlight.add(send);
        void send.finally(() => inFlight.delete(send));
        if (inFlight.size >= inFlightMax) await Promise.race(inFlight);
      }
      await Promise.all(inFlight);
    })();
    const acknowledgedAtLeast = (count: number) =>
      waitFor(`${count} acknowledged sends`, { timeoutMs: 60_000 }, () =>
        acknowledged.size >= count ? true : undefined,
      );

    await acknowledgedAtLeast(300);
    // The producer's batches travel on send streams, which the nodes report.
    await waitFor(
      "the nodes to report open client streams",
      { timeoutMs: 20_000, intervalMs: 250 },
      async () => {
        let open = 0;
        for (const node of cluster.status().filter((n) => cluster.runningIds().includes(n.id))) {
          const text = await (await fetch(`http://127.0.0.1:${node.httpPort}/metrics`)).text();
          open += Number(/^millrace_client_streams_open (\d+)$/m.exec(text)?.[1] ?? 0);
        }
        return open > 0 ? true : undefined;
      },
    );
    // SIGTERM: the node drains its streams (answers what it read, ends them), then stops.
    expect((await cluster.stop(2)).graceful).toBe(true);
    // It ended the producer's stream with OK after answering it, rather than cancelling it.
    const drained = cluster
      .logLines(2, "client streams drained")
      .map((line) => JSON.parse(line) as { ended: number; cancelled: number });
    expect(drained.map((d) => ({ cleanly: d.ended > 0, cancelled: d.cancelled }))).toEqual([
      { cleanly: true, cancelled: 0 },
    ]);
    await acknowledgedAtLeast(acknowledged.size + 300);
    await cluster.restart(2);
    await cluster.kill(3);
    await acknowledgedAtLeast(acknowledged.size + 300);
    await cluster.restart(3);
    await acknowledgedAtLeast(acknowledged.size + 300);
    stopping = true;
    await sending;
    await producer.close();

    // Every acknowledged body is received; nothing is received that was never sent.
    const received = new Set<string>();
    for (let round = 0; round < 2_000 && [...acknowledged].some((b) => !received.has(b)); round++) {
      const messages = await queue.receive({ maxMessages: 10, waitSeconds: 1 });
      for (const m of messages) received.add(m.text());
      if (messages.length > 0) {
        await queue.deleteBatch(messages.map((m) => m.receiptHandle));
      }
    }
    const lost = [...acknowledged].filter((b) => !received.has(b));
    expect(lost.slice(0, 10), `${lost.length} acknowledged sends never received`).toEqual([]);
    const unknown = [...received].filter((b) => !/^s-\d+$/.test(b) || Number(b.slice(2)) >= sent);
    expect(unknown).toEqual([]);
    // The faults are short and the deadline long: a send that failed would be a client giving up early.
    expect(failures.slice(0, 5)).toEqual([]);
  });
});

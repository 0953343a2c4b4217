import { connect, type MillraceClient } from "@millrace/client";
import { waitFor } from "@millrace/testkit";
import { afterEach, describe, expect, it } from "vitest";
import { trackClusters } from "./harness.js";

const newCluster = trackClusters();
const clients: MillraceClient[] = [];
afterEach(async () => {
  await Promise.all(clients.splice(0).map((c) => c.close()));
});

const messages = 300;

/**
 * A 3-node cluster with a 3-partition queue holding `count` acknowledged messages, `${prefix}-0` onwards,
 * and an SDK client of it.
 */
async function clusterWithMessages(name: string, count: number, prefix: string) {
  const cluster = newCluster({ nodes: 3, name });
  await cluster.start();
  const client = await connect({ endpoints: cluster.endpoints(), deadlineMs: 20_000 });
  clients.push(client);
  const queue = await client.createQueue(name, { attributes: { Partitions: "3" } });
  for (let i = 0; i < count; i += 10) {
    const results = await queue.sendBatch(
      Array.from({ length: 10 }, (_, j) => ({ body: `${prefix}-${i + j}` })),
    );
    expect(results.every((r) => r.ok)).toBe(true);
  }
  return { cluster, queue };
}

describe("the SDK's calls on receipt handles", () => {
  it("reach the leader of the partition that issued the handle, so the nodes forward almost none", async () => {
    const { cluster, queue } = await clusterWithMessages("sdk-handle-routing", messages, "m");
    /** Deletes every node's gateway ran on a partition it led, and those it forwarded to the leader. */
    const deleteCalls = async () => {
      let local = 0;
      let forwarded = 0;
      for (const node of cluster.status().filter((n) => cluster.runningIds().includes(n.id))) {
        const text = await (await fetch(`http://127.0.0.1:${node.httpPort}/metrics`)).text();
        const count = (where: string) =>
          Number(
            new RegExp(`^millrace_partition_calls_total\\{op="delete",where="${where}"\\} (\\d+)$`, "m").exec(
              text,
            )?.[1] ?? 0,
          );
        local += count("local");
        forwarded += count("forwarded");
      }
      return { local, forwarded };
    };
    const before = await deleteCalls();

    const handled = new Set<string>();
    const stop = new AbortController();
    const consuming = queue.consume(
      (m) => {
        handled.add(m.text());
        if (handled.size === messages) stop.abort();
      },
      { concurrency: 30, waitSeconds: 1, signal: stop.signal },
    );
    await consuming;
    expect(handled.size).toBe(messages);
    // consume() resolves once its handlers have finished, and a handler finishes after its delete.
    const after = await deleteCalls();
    const local = after.local - before.local;
    const forwarded = after.forwarded - before.forwarded;
    // Not zero: a partition's leadership may move while the client still holds the old table (the
    // controller spreads leaders after start), and a delete sent there is forwarded. Sent to any
    // leader of the queue, as before, two in three were.
    // 300 deletes in batches of at most 10.
    expect(local + forwarded).toBeGreaterThanOrEqual(messages / 10);
    expect(forwarded * 10).toBeLessThanOrEqual(local + forwarded);
  });
});

describe("the SDK's consume()", () => {
  it("handles every acknowledged message while a node is killed and returns", async () => {
    const sent = 2_000;
    const { cluster, queue } = await clusterWithMessages("sdk-consume-kill", sent, "w");

    const handled = new Set<string>();
    const unknown: string[] = [];
    const errors: string[] = [];
    const stop = new AbortController();
    const consuming = queue.consume(
      async (m) => {
        const body = m.text();
        if (!/^w-\d+$/.test(body) || Number(body.slice(2)) >= sent) unknown.push(body);
        handled.add(body);
        // Slow enough that receives, handlers and deletes are in flight when the node dies.
        await new Promise((resolve) => setTimeout(resolve, 2));
      },
      {
        concurrency: 40,
        waitSeconds: 1,
        // Messages taken through the killed node's partitions come back after this.
        visibilityTimeoutSeconds: 5,
        signal: stop.signal,
        onError: (error) => errors.push(String(error)),
      },
    );
    const handledAtLeast = (count: number) =>
      waitFor(`${count} messages handled`, { timeoutMs: 60_000 }, () =>
        handled.size >= count ? true : undefined,
      );
    await handledAtLeast(400);
    await cluster.kill(2);
    await handledAtLeast(handled.size + 400);
    await cluster.restart(2);
    // Every message: the rest of the wait is checked below, naming the missing ones.
    await handledAtLeast(sent).catch(() => undefined);
    stop.abort();
    // Failures while the node was down went to onError; consume() itself never gave up.
    await consuming;
    const missing = Array.from({ length: sent }, (_, i) => `w-${i}`).filter((b) => !handled.has(b));
    expect(
      missing.slice(0, 10),
      `${missing.length} acknowledged messages never handled; errors reported: ${errors.slice(0, 5).join("; ")}`,
    ).toEqual([]);
    expect(unknown).toEqual([]);
  });
});

describe("long polls over ConsumeStream", () => {
  // Before, a stopping node let long polls run out its 2 s drain and then cut every stream still open:
  // the consume streams' polls were cancelled rather than answered.
  it("end with no messages when their node stops gracefully, which ends its streams cleanly", async () => {
    const { cluster, queue } = await clusterWithMessages("consume-stream-stop", 0, "s");
    const rest = new AbortController();
    const results: { got: number; error: string | undefined }[] = [];
    const polls = Array.from({ length: 9 }, () =>
      queue.receive({ maxMessages: 1, waitSeconds: 20, signal: rest.signal }).then(
        (got) => results.push({ got: got.length, error: undefined }),
        (error: unknown) =>
          results.push({ got: 0, error: (error as { code?: string }).code ?? String(error) }),
      ),
    );
    // A node the SDK has a stream to, so polls wait there: the receives rotate over the partitions' leaders.
    const holding = await waitFor(
      "a node to report an open client stream",
      { timeoutMs: 10_000, intervalMs: 100 },
      async () => {
        for (const node of cluster.status().filter((n) => cluster.runningIds().includes(n.id))) {
          const text = await (await fetch(`http://127.0.0.1:${node.httpPort}/metrics`)).text();
          if (Number(/^millrace_client_streams_open (\d+)$/m.exec(text)?.[1] ?? 0) > 0) return node.id;
        }
        return undefined;
      },
    );
    expect((await cluster.stop(holding)).graceful).toBe(true);
    const drained = cluster
      .logLines(holding, "client streams drained")
      .map((line) => JSON.parse(line) as { ended: number; cancelled: number });
    expect(drained.map((d) => ({ cleanly: d.ended > 0, cancelled: d.cancelled }))).toEqual([
      { cleanly: true, cancelled: 0 },
    ]);
    // The stopped node's polls answered no messages, long before their 20 s; the others still wait.
    await waitFor("the stopped node's polls to answer", { timeoutMs: 5_000 }, () =>
      results.length > 0 ? true : undefined,
    );
    expect(results.length).toBeLessThan(9);
    expect(results.every((r) => r.got === 0 && r.error === undefined)).toBe(true);
    // The rest are cancelled by their callers (and, through cancel frames, on their nodes).
    rest.abort();
    await Promise.all(polls);
    expect(results.filter((r) => r.error !== undefined).every((r) => r.error === "CANCELLED")).toBe(true);
    // The queue goes on with the two nodes left.
    await queue.send("after the stop");
    const got = await waitFor("the message sent after the stop", { timeoutMs: 20_000 }, async () => {
      const received = await queue.receive({ waitSeconds: 1 });
      return received.length > 0 ? received.map((m) => m.text()) : undefined;
    });
    expect(got).toEqual(["after the stop"]);
  });
});

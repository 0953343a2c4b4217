import { mkdtempSync, rmSync } from "node:fs";
import { connect, createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { credentials, status, type ClientUnaryCall, type ServiceError } from "@grpc/grpc-js";
import { limits } from "@millrace/common";
import { loadMillraceProto } from "@millrace/proto";
import { pino } from "pino";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { defaultNodeConfig } from "../src/config.js";
import { defaultLogGroupId, metaGroupId } from "../src/node/group-ids.js";
import { MillraceNode } from "../src/node/millrace-node.js";

// What a client may send a real node over its client port, and what it must get back: an answer naming
// the field, never a node that ends (an unhandled rejection here fails the run) or a call that hangs.

const dir = mkdtempSync(join(tmpdir(), "millrace-client-input-"));
const proto = loadMillraceProto();
let node: MillraceNode;
let queues: InstanceType<typeof proto.millrace.v1.QueueService>;
let queuesAddress: string;
let admin: InstanceType<typeof proto.millrace.v1.AdminService>;

/** A port free a moment ago: the node reports no port it bound to 0. */
function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = createServer().listen(0, "127.0.0.1", () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

beforeAll(async () => {
  const [clientPort, peerPort, httpPort] = [await freePort(), await freePort(), await freePort()];
  node = await MillraceNode.start(
    {
      ...defaultNodeConfig,
      dataDir: join(dir, "node"),
      clientPort,
      peerPort,
      httpPort,
      advertiseHost: "127.0.0.1",
      tickIntervalMs: 10,
      nodeId: 1,
      bootstrap: [{ nodeId: 1, peerAddress: `127.0.0.1:${peerPort}` }],
    },
    pino({ level: "silent" }),
  );
  const deadline = Date.now() + 10_000;
  const led = (groupId: number) => node.host.group(groupId).isLeader;
  while (!(led(metaGroupId) && led(defaultLogGroupId) && node.meta.cluster !== undefined)) {
    if (Date.now() > deadline) throw new Error("no leader");
    await new Promise((r) => setTimeout(r, 10));
  }
  queuesAddress = `127.0.0.1:${clientPort}`;
  queues = new proto.millrace.v1.QueueService(queuesAddress, credentials.createInsecure());
  admin = new proto.millrace.v1.AdminService(`127.0.0.1:${clientPort}`, credentials.createInsecure());
  expect((await call(queues, "CreateQueue", { queueName: "q" })).error).toBeNull();
}, 30_000);

afterAll(async () => {
  queues.close();
  admin.close();
  await node.stop();
  rmSync(dir, { recursive: true, force: true });
});

type Callback = (error: ServiceError | null, value: unknown) => void;
type Unary = (request: object, options: object, callback: Callback) => ClientUnaryCall;

function call(
  client: object,
  method: string,
  request: object,
  deadlineMs = Date.now() + 5_000,
): Promise<{ error: ServiceError | null; response?: { messages?: unknown[] } }> {
  return new Promise((resolve) => {
    const start = (client as Record<string, Unary>)[method] as Unary;
    start.call(client, request, { deadline: deadlineMs }, (error, response) =>
      resolve({ error, response: response as { messages?: unknown[] } }),
    );
  });
}

function expectRefused(error: ServiceError | null, field: string): void {
  expect(error?.metadata.get("millrace-error-code")[0], error?.details).toBe("INVALID_ARGUMENT");
  expect(error?.metadata.get("millrace-field")[0], error?.details).toBe(field);
}

describe("a node's answers to what a client sends", () => {
  it("lets go of a cancelled long poll's wait at once, not after its 20 s", async () => {
    const timers = () => process.getActiveResourcesInfo().filter((r) => r === "Timeout").length;
    const before = timers();
    const polls = Array.from({ length: 100 }, () =>
      queues.receiveMessage(
        { queueName: "q", waitTimeSeconds: 20 },
        { deadline: Date.now() + 30_000 },
        () => {},
      ),
    );
    // Each poll holds a timer for its wait until it ends.
    await expect.poll(timers, { timeout: 5_000 }).toBeGreaterThanOrEqual(before + 100);
    // The new partition's group goes quiet a moment after its creation, and that wakes every poll, which
    // would end cancelled ones too: cancel after it, when only the cancelling can end them.
    await new Promise((r) => setTimeout(r, 1_000));
    for (const poll of polls) poll.cancel();
    // Bounded well inside the 20 s the waits would otherwise hold.
    await expect.poll(timers, { timeout: 10_000 }).toBeLessThan(before + 10);
  });

  it("reports how many entries each group's log holds in /metrics", async () => {
    const held = async () => {
      const text = await (await fetch(`http://127.0.0.1:${node.config.httpPort}/metrics`)).text();
      const reported = new Map<number, number>();
      for (const line of text.split("\n")) {
        const match = /^millrace_raft_log_entries\{group="(\d+)"\} (\d+)$/.exec(line);
        if (match !== null) reported.set(Number(match[1]), Number(match[2]));
      }
      return reported;
    };
    // A queue of its own: messages left in "q" would answer the other tests' receives.
    expect((await call(queues, "CreateQueue", { queueName: "log-entries" })).error).toBeNull();
    for (let i = 0; i < 5; i++) {
      const sent = await call(queues, "SendMessage", { queueName: "log-entries", messageBody: `m${i}` });
      expect(sent.error).toBeNull();
    }
    // The log from the first entry not compacted to the last, as each replica holds it: the groups that
    // are idle now (the meta group takes a node heartbeat every second, so its figure is always moving).
    const idle = () =>
      [...node.host.groups]
        .filter(([groupId]) => groupId !== metaGroupId)
        .map(([groupId, replica]) => [
          groupId,
          replica.rawNode.raft.raftLog.lastIndex() - replica.storage.firstIndex() + 1,
        ]);
    await expect
      .poll(
        async () => {
          const reported = await held();
          return idle().every(([groupId, entries]) => reported.get(groupId!) === entries);
        },
        { timeout: 5_000 },
      )
      .toBe(true);
    // The new queue's partition holds at least the five sends.
    const partitions = idle().filter(([groupId]) => groupId !== defaultLogGroupId);
    expect(partitions.length).toBeGreaterThan(0);
    expect(partitions.some(([, entries]) => entries! >= 5)).toBe(true);
  }, 15_000);

  it("counts client calls by method and status code in /metrics", async () => {
    const series = async () => {
      const text = await (await fetch(`http://127.0.0.1:${node.config.httpPort}/metrics`)).text();
      const value = (name: string) =>
        Number(
          text
            .split("\n")
            .find((l) => l.startsWith(`${name} `))
            ?.split(" ")[1] ?? 0,
        );
      const queueService = `service="millrace.v1.QueueService"`;
      return {
        sent: value(`millrace_rpc_calls_total{${queueService},method="SendMessage",code="OK"}`),
        refused: value(
          `millrace_rpc_calls_total{${queueService},method="SendMessage",code="INVALID_ARGUMENT"}`,
        ),
        unknown: value(`millrace_rpc_calls_total{${queueService},method="GetQueueUrl",code="NOT_FOUND"}`),
        timed: value(`millrace_rpc_duration_seconds_count{${queueService},method="SendMessage"}`),
      };
    };
    // A queue of its own: a message left in "q" would answer the other tests' receives.
    expect((await call(queues, "CreateQueue", { queueName: "metered" })).error).toBeNull();
    const before = await series();
    expect((await call(queues, "SendMessage", { queueName: "metered", messageBody: "m" })).error).toBeNull();
    expect((await call(queues, "SendMessage", { queueName: "metered", messageBody: "" })).error?.code).toBe(
      status.INVALID_ARGUMENT,
    );
    expect((await call(queues, "GetQueueUrl", { queueName: "no-such-queue" })).error?.code).toBe(
      status.NOT_FOUND,
    );
    const after = await series();
    expect(after.sent - before.sent).toBe(1);
    expect(after.refused - before.refused).toBe(1);
    expect(after.unknown - before.unknown).toBe(1);
    expect(after.timed - before.timed).toBe(2);
  });

  it("reports each queue's messages by state in /metrics", async () => {
    expect((await call(queues, "CreateQueue", { queueName: "counted" })).error).toBeNull();
    for (const messageBody of ["a", "b", "c"]) {
      expect((await call(queues, "SendMessage", { queueName: "counted", messageBody })).error).toBeNull();
    }
    const received = await new Promise<unknown[]>((resolve, reject) =>
      queues.receiveMessage(
        { queueName: "counted", maxNumberOfMessages: 1, visibilityTimeoutSeconds: 60 },
        (error, value) => (error === null ? resolve(value?.messages ?? []) : reject(error)),
      ),
    );
    expect(received).toHaveLength(1);
    const counted = async () => {
      const text = await (await fetch(`http://127.0.0.1:${node.config.httpPort}/metrics`)).text();
      const byState: Record<string, number> = {};
      for (const line of text.split("\n")) {
        const state = /^millrace_queue_messages\{queue="counted",group="\d+",state="(\w+)"\} /.exec(
          line,
        )?.[1];
        if (state !== undefined) byState[state] = (byState[state] ?? 0) + Number(line.split(" ").pop());
      }
      return byState;
    };
    await expect.poll(counted, { timeout: 5_000 }).toEqual({ visible: 2, in_flight: 1, delayed: 0 });
  });

  it("reports the age of each queue's oldest message in /metrics, 0 once the queue is empty", async () => {
    expect((await call(queues, "CreateQueue", { queueName: "aged" })).error).toBeNull();
    const sentMs = Date.now();
    expect((await call(queues, "SendMessage", { queueName: "aged", messageBody: "old" })).error).toBeNull();
    const ages = async () => {
      const text = await (await fetch(`http://127.0.0.1:${node.config.httpPort}/metrics`)).text();
      return text
        .split("\n")
        .filter((line) => /^millrace_queue_oldest_message_age_seconds\{queue="aged",/.test(line))
        .map((line) => Number(line.split(" ").pop()));
    };
    // Read by the leader's maintenance pass about once a second: the age grows from the message's send.
    await expect.poll(async () => Math.max(...(await ages())), { timeout: 10_000 }).toBeGreaterThanOrEqual(1);
    expect(Math.max(...(await ages()))).toBeLessThanOrEqual((Date.now() - sentMs) / 1000 + 1);
    const received = await new Promise<{ receiptHandle: string }[]>((resolve, reject) =>
      queues.receiveMessage({ queueName: "aged" }, (error, value) =>
        error === null ? resolve(value?.messages ?? []) : reject(error),
      ),
    );
    expect(received).toHaveLength(1);
    expect(
      (await call(queues, "DeleteMessage", { queueName: "aged", receiptHandle: received[0]!.receiptHandle }))
        .error,
    ).toBeNull();
    await expect.poll(async () => Math.max(...(await ages())), { timeout: 10_000 }).toBe(0);
  });

  it("counts the long polls waiting on each queue partition in /metrics", async () => {
    const waiting = async () => {
      const text = await (await fetch(`http://127.0.0.1:${node.config.httpPort}/metrics`)).text();
      return text
        .split("\n")
        .filter((line) => line.startsWith("millrace_queue_long_polls_waiting{"))
        .reduce((sum, line) => sum + Number(line.split(" ").pop()), 0);
    };
    const polls = Array.from({ length: 3 }, () =>
      queues.receiveMessage(
        { queueName: "q", waitTimeSeconds: 20 },
        { deadline: Date.now() + 30_000 },
        () => {},
      ),
    );
    await expect.poll(waiting, { timeout: 10_000 }).toBe(3);
    for (const poll of polls) poll.cancel();
    await expect.poll(waiting, { timeout: 10_000 }).toBe(0);
  });

  // Before, waiting long polls had no bound, and every send woke them all to look again. A bound alone
  // would not do: a receive whose waits are all refused went round again, short-polling without pause
  // until its wait was over, and then answered "no messages".
  it("refuses long polls past what a partition holds, at once, and takes one again when room is made", async () => {
    expect((await call(queues, "CreateQueue", { queueName: "crowd" })).error).toBeNull();
    const timers = () => process.getActiveResourcesInfo().filter((r) => r === "Timeout").length;
    const before = timers();
    // Their own connection (grpc-js would share one between clients of the same address): cancelling a
    // thousand streams at once makes Node's HTTP/2 server reset that connection's next stream (its
    // defence against rapid resets), which is no concern of this test's.
    const crowd = new proto.millrace.v1.QueueService(queuesAddress, credentials.createInsecure(), {
      "grpc.use_local_subchannel_pool": 1,
    });
    const refusals: ServiceError[] = [];
    const extra = 10;
    const polls = Array.from({ length: limits.queueLongPollsPerPartitionMax + extra }, () =>
      crowd.receiveMessage(
        { queueName: "crowd", waitTimeSeconds: 20 },
        { deadline: Date.now() + 30_000 },
        (error) => error !== null && refusals.push(error),
      ),
    );
    // The ones past the bound hear so well inside the 20 s they would otherwise wait.
    await expect.poll(() => refusals.length, { timeout: 10_000 }).toBeGreaterThanOrEqual(extra);
    const refused = [...refusals];
    expect(refused.map((e) => e.code)).toEqual(refused.map(() => status.RESOURCE_EXHAUSTED));
    expect(refused[0]?.details).toMatch(/long polls are already waiting on this queue partition/);
    for (const poll of polls) poll.cancel();
    await expect.poll(timers, { timeout: 10_000 }).toBeLessThan(before + 10);
    crowd.close();
    // The cancelled polls gave their room back: a long poll is taken again, and a send wakes it.
    const received = new Promise<{ error: ServiceError | null; value: unknown }>((resolve) =>
      queues.receiveMessage(
        { queueName: "crowd", waitTimeSeconds: 10 },
        { deadline: Date.now() + 15_000 },
        (error, value) => resolve({ error, value }),
      ),
    );
    expect((await call(queues, "SendMessage", { queueName: "crowd", messageBody: "room" })).error).toBeNull();
    const { error, value } = await received;
    expect(error).toBeNull();
    expect((value as { messages: { body: string }[] }).messages.map((m) => m.body)).toEqual(["room"]);
  }, 60_000);

  // grpc-js percent-encodes the status message with encodeURI, which throws on a lone surrogate; the
  // message quoted the name cut at 64 characters, through the emoji, and the throw ended the node.
  it("refuses an unknown attribute name whose cut leaves half an emoji", async () => {
    const name = `${"a".repeat(63)}😀`;
    const { error } = await call(queues, "GetQueueAttributes", { queueName: "q", attributeNames: [name] });
    expectRefused(error, "attribute_names");
    expect(error?.details).toContain(`${"a".repeat(63)}\uFFFD`);
  });

  // Looked up on a plain object, "constructor" was found, and answered with Object's source text.
  it("refuses an attribute name that is a property every object inherits", async () => {
    for (const name of ["constructor", "toString", "__proto__"]) {
      const { error } = await call(queues, "GetQueueAttributes", { queueName: "q", attributeNames: [name] });
      expectRefused(error, "attribute_names");
    }
  });

  // Assigned to a plain object, the key set its prototype: the attribute vanished, and the message was
  // sent without it (and without its MD5), answering success.
  it("refuses a message attribute named __proto__ rather than dropping it", async () => {
    const { error } = await call(queues, "SendMessage", {
      queueName: "q",
      messageBody: "m",
      messageAttributes: { ["__proto__"]: { dataType: "String", stringValue: "v" } },
    });
    expectRefused(error, "message_attributes");
  });

  // The partition's command parser bounds these loosely and refused them as "batch command 0: …".
  it("refuses too many message system attributes, naming the field", async () => {
    const attribute = { dataType: "String", stringValue: "v" };
    const many = Object.fromEntries(Array.from({ length: 101 }, (_, i) => [`a${i}`, attribute]));
    const { error } = await call(queues, "SendMessage", {
      queueName: "q",
      messageBody: "m",
      messageSystemAttributes: many,
    });
    expectRefused(error, "message_system_attributes");
    expect(error?.details).not.toContain("batch command");
  });

  it("refuses a node address that is not printable ASCII host:port", async () => {
    const addresses = { peerAddress: "h:1", clientAddress: "h:1", httpAddress: "h:1" };
    for (const clientAddress of ["é:1", "h:70000", "h:", ":1"]) {
      const { error } = await call(admin, "AddNode", { nodeId: 1, ...addresses, clientAddress });
      expectRefused(error, "client_address");
    }
    expect(node.meta.nodes.get(1)?.clientAddress).not.toBe("é:1");
  });

  // The SDK sends requests up to limits.grpcRequestBytesMax; the node took only 8 MiB, so a bigger one got
  // gRPC's own RESOURCE_EXHAUSTED, naming nothing, instead of the gateway's answer.
  it("answers a request up to the SDK's size limit itself, naming the field", async () => {
    const messageBody = "x".repeat(9 * 1024 * 1024);
    const { error } = await call(queues, "SendMessage", { queueName: "q", messageBody }, Date.now() + 30_000);
    expectRefused(error, "message_body");
  });

  it("keeps serving after all of the above", async () => {
    expect((await call(queues, "SendMessage", { queueName: "q", messageBody: "m" })).error).toBeNull();
  });

  // A watch whose client does not read: before, every version was queued for it, without bound.
  it("keeps only the latest routing table for a watcher that does not read", async () => {
    const watch = admin.watchRoutingTable({ knownVersion: "0" });
    const received: string[] = [];
    watch.on("data", (table: { version: string }) => received.push(table.version));
    watch.on("error", () => {});
    await expect.poll(() => received.length).toBe(1);
    watch.pause();
    // A table of a hundred routes, then a new version of it for every address the node is given.
    for (let i = 0; i < 100; i += 20) {
      const batch = Array.from({ length: 20 }, (_, j) =>
        call(queues, "CreateQueue", { queueName: `w${i + j}` }),
      );
      for (const { error } of await Promise.all(batch)) expect(error).toBeNull();
    }
    let made = 0;
    const stopCounting = node.routing.watch(() => (made += 1));
    for (let port = 1; port <= 200; port++) {
      const address = `127.0.0.1:${port}`;
      const addresses = { peerAddress: address, clientAddress: address, httpAddress: address };
      expect((await call(admin, "AddNode", { nodeId: 1, ...addresses })).error).toBeNull();
    }
    stopCounting();
    const last = node.routing.current().version;
    watch.resume();
    // (The node soon announces its own addresses again: a version or two more.)
    await expect
      .poll(() => Number(received.at(-1)), { timeout: 10_000 })
      .toBeGreaterThanOrEqual(Number(last));
    watch.cancel();
    expect(received.length).toBeLessThan(made / 2);
  }, 60_000);

  // Last, as it stops the node. Before, a stop waited for every call in flight: a long poll held it for
  // 20 s, a routing table watch (the SDK keeps one open) until the client closed it, and an HTTP request
  // sent in part until Node's request timeout.
  // After the routing-table watch: the queues created here change the routing table for a while after
  // CreateQueue answers, and that test needs a table that holds still.
  it("refuses a RedrivePolicy naming a dead-letter queue whose RedriveAllowPolicy does not take the source", async () => {
    const arn = (name: string) => `arn:aws:sqs:us-east-1:000000000000:${name}`;
    const allow = (policy: object) => ({ RedriveAllowPolicy: JSON.stringify(policy) });
    const redrive = (target: string) => ({
      RedrivePolicy: JSON.stringify({ deadLetterTargetArn: arn(target), maxReceiveCount: 3 }),
    });
    const created = await Promise.all([
      call(queues, "CreateQueue", {
        queueName: "dl-none",
        attributes: allow({ redrivePermission: "denyAll" }),
      }),
      call(queues, "CreateQueue", {
        queueName: "dl-some",
        attributes: allow({ redrivePermission: "byQueue", sourceQueueArns: [arn("src-listed")] }),
      }),
    ]);
    expect(created.map((c) => c.error)).toEqual([null, null]);
    const refused = await call(queues, "CreateQueue", {
      queueName: "src-any",
      attributes: redrive("dl-none"),
    });
    expectRefused(refused.error, "Attributes.RedrivePolicy");
    expect(refused.error?.details).toContain("does not allow src-any as a source");
    const unlisted = await call(queues, "CreateQueue", {
      queueName: "src-other",
      attributes: redrive("dl-some"),
    });
    expectRefused(unlisted.error, "Attributes.RedrivePolicy");
    expect(
      (await call(queues, "CreateQueue", { queueName: "src-listed", attributes: redrive("dl-some") })).error,
    ).toBeNull();
    // SetQueueAttributes is held to the same rule, and a bad policy is refused when it is set.
    const set = await call(queues, "SetQueueAttributes", { queueName: "q", attributes: redrive("dl-some") });
    expectRefused(set.error, "Attributes.RedrivePolicy");
    const bad = await call(queues, "SetQueueAttributes", {
      queueName: "dl-some",
      attributes: allow({ redrivePermission: "byQueue" }),
    });
    expectRefused(bad.error, "Attributes.RedriveAllowPolicy");
  });

  it("stops, ending long polls with no messages and cutting off a routing table watch and half a request", async () => {
    const poll = () =>
      call(queues, "ReceiveMessage", { queueName: "p", waitTimeSeconds: 20 }, Date.now() + 25_000);
    expect((await call(queues, "CreateQueue", { queueName: "p" })).error).toBeNull();
    const polls = [poll(), poll()];
    const watch = admin.watchRoutingTable({ knownVersion: "0" });
    const watchEnded = new Promise((resolve) => watch.on("error", resolve).on("end", resolve));
    watch.on("data", () => {});
    const http = connect(node.config.httpPort, "127.0.0.1", () => http.write("GET /metrics HTTP/1.1\r\n"));
    const httpClosed = new Promise((resolve) => http.on("error", () => {}).on("close", resolve));
    await new Promise((r) => setTimeout(r, 200));
    // The stop does not wait for the clients (before, it did not end within this test's 30 s). Long polls
    // end their waits and answer with no messages, as a wait that ran its course does (before, they were
    // cancelled after clientDrainMs and answered with an error).
    await node.stop();
    for (const { error, response } of await Promise.all(polls)) {
      expect(error).toBeNull();
      expect(response?.messages).toEqual([]);
    }
    await Promise.all([watchEnded, httpClosed]);
  }, 30_000);
});

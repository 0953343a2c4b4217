import { SeededRandom, systemClock } from "@millrace/common";
import { ReplicatedLog, encodeLogCommand, type LogResult } from "@millrace/broker";
import { type Message } from "@millrace/raft";
import { afterEach, describe, expect, it } from "vitest";
import { RaftHost, type HostTransport } from "../../src/host/raft-host.js";
import { MemoryCommitPoint, MemoryReplicaStorage } from "./memory-replica-storage.js";

const voters = [1, 2, 3];
const confState = { voters, learners: [], votersOutgoing: [], learnersNext: [], autoLeave: false };
const silent = { info() {}, warn() {}, error() {} };

/** Three hosts in one process, wired by an in-memory transport that can cut nodes off. */
function cluster(groupIds: number[]) {
  const hosts = new Map<number, RaftHost>();
  const points = new Map<number, MemoryCommitPoint>();
  const logs = new Map<string, ReplicatedLog>();
  const down = new Set<number>();
  let delivered = 0;
  const transportOf = (from: number): HostTransport => ({
    send(to: number, groupId: number, message: Message) {
      if (down.has(from) || down.has(to)) return;
      setImmediate(() => {
        delivered++;
        hosts.get(to)?.step(groupId, message);
      });
    },
    sendSnapshot: () => Promise.reject(new Error("no snapshots in this test")),
  });
  for (const id of voters) {
    const point = new MemoryCommitPoint();
    points.set(id, point);
    hosts.set(
      id,
      new RaftHost({
        nodeId: id,
        clock: systemClock,
        random: new SeededRandom(id),
        commitPoint: point,
        transport: transportOf(id),
        logger: silent,
        tickIntervalMs: 10,
        electionTimeoutTicks: 10,
        heartbeatIntervalTicks: 1,
        limits: {
          proposalQueueItemsMax: 1000,
          proposalQueueBytesMax: 1 << 20,
          proposalsPerBatchMax: 256,
          proposalBatchBytesMax: 1 << 20,
          compactEveryEntries: 100,
          compactRetainEntries: 10,
        },
      }),
    );
  }
  return {
    hosts,
    points,
    logs,
    down,
    delivered: () => delivered,
    async start() {
      for (const [id, host] of hosts) {
        for (const groupId of groupIds) {
          const log = new ReplicatedLog();
          logs.set(`${id}/${groupId}`, log);
          await host.addGroup({
            groupId,
            storage: new MemoryReplicaStorage(points.get(id)!, confState),
            stateMachine: log,
          });
        }
        host.start();
      }
    },
    async stop() {
      for (const host of hosts.values()) await host.stop();
    },
  };
}

async function waitFor<T>(what: string, fn: () => T | undefined, timeoutMs = 5000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = fn();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 5));
  }
}

const bytes = (s: string) => new TextEncoder().encode(s);
let current: ReturnType<typeof cluster> | undefined;
afterEach(async () => {
  await current?.stop();
  current = undefined;
});

describe("RaftHost", () => {
  it("elects a leader per group and commits appends from concurrent callers on every replica", async () => {
    const c = (current = cluster([10, 11]));
    await c.start();
    c.hosts.get(1)!.campaign(10);
    c.hosts.get(2)!.campaign(11);
    const leaderOf = (groupId: number) =>
      waitFor(
        `a leader of ${groupId}`,
        () => [...c.hosts.entries()].find(([, h]) => h.group(groupId).isLeader)?.[0],
      );
    const leader10 = await leaderOf(10);
    const results = await Promise.all(
      Array.from({ length: 200 }, (_, i) =>
        c.hosts.get(leader10)!.propose(10, encodeLogCommand({ type: "append", records: [bytes(`r${i}`)] })),
      ),
    );
    const seqs = results.map((r) => (r.ok ? (r.value as LogResult & { firstSeq: number }).firstSeq : -1));
    expect(new Set(seqs).size).toBe(200);
    expect(Math.min(...seqs)).toBe(1);
    expect(Math.max(...seqs)).toBe(200);
    for (const id of voters)
      await waitFor(`replica ${id} to apply`, () =>
        c.logs.get(`${id}/10`)!.nextSeq === 201 ? true : undefined,
      );
    // Group commit: far fewer durability points than appended entries on the leader.
    expect(c.points.get(leader10)!.commits).toBeLessThan(200);
  });

  it("answers NOT_LEADER with a hint on a follower", async () => {
    const c = (current = cluster([10]));
    await c.start();
    c.hosts.get(1)!.campaign(10);
    await waitFor("node 1 to lead", () => (c.hosts.get(1)!.group(10).isLeader ? true : undefined));
    await waitFor("node 2 to know the leader", () =>
      c.hosts.get(2)!.group(10).leaderId === 1 ? true : undefined,
    );
    await expect(
      c.hosts.get(2)!.propose(10, encodeLogCommand({ type: "append", records: [bytes("x")] })),
    ).rejects.toMatchObject({
      code: "NOT_LEADER",
      details: { leaderHint: { nodeId: 1 } },
    });
  });

  it("refuses proposals beyond the queue bound with RESOURCE_EXHAUSTED instead of buffering", async () => {
    const c = (current = cluster([10]));
    await c.start();
    c.hosts.get(1)!.campaign(10);
    await waitFor("node 1 to lead", () => (c.hosts.get(1)!.group(10).isLeader ? true : undefined));
    const attempts = Array.from({ length: 1500 }, () =>
      c.hosts
        .get(1)!
        .propose(10, encodeLogCommand({ type: "append", records: [bytes("y")] }))
        .then(
          () => "ok",
          (e: { code?: string }) => e.code ?? "error",
        ),
    );
    const outcomes = await Promise.all(attempts);
    expect(outcomes.filter((o) => o === "RESOURCE_EXHAUSTED").length).toBe(500);
    expect(outcomes.filter((o) => o === "ok").length).toBe(1000);
  });

  it("serves a linearizable read barrier on the leader after a new leader is elected", async () => {
    const c = (current = cluster([10]));
    await c.start();
    c.hosts.get(1)!.campaign(10);
    await waitFor("node 1 to lead", () => (c.hosts.get(1)!.group(10).isLeader ? true : undefined));
    await c.hosts.get(1)!.propose(10, encodeLogCommand({ type: "append", records: [bytes("a")] }));
    c.down.add(1);
    const next = await waitFor(
      "a new leader",
      () => [2, 3].find((id) => c.hosts.get(id)!.group(10).isLeader),
      10_000,
    );
    await c.hosts.get(next)!.readBarrier(10);
    expect(c.logs.get(`${next}/10`)!.nextSeq).toBe(2);
  });
});

import { ErrorCode, MillraceError, isMillraceError, limits } from "@millrace/common";
import { QueuePartition, defaultQueueConfig, type QueueConfig } from "@millrace/broker";
import { afterEach, describe, expect, it } from "vitest";
import { type GroupReplica } from "../../src/host/group-replica.js";
import { type RaftHost } from "../../src/host/raft-host.js";
import { PartitionLeader, type PartitionLeaderLimits } from "../../src/queues/queue-executor.js";
import {
  type EntryOutcome,
  type QueueOp,
  type ReceivedMessage,
  type SendOutcome,
  waitMsMax,
} from "../../src/queues/queue-ops.js";
import { startSingleNodeGroup } from "../single-node-group.js";

const groupId = 10;

/** One queue partition on a single-node group: what PartitionLeader turns calls into. */
async function startPartition(
  config: Partial<QueueConfig> = {},
  leaderLimits: Partial<PartitionLeaderLimits> = {},
) {
  const partition = new QueuePartition();
  const group = await startSingleNodeGroup(groupId, partition);
  const { host, replica, applied } = group;
  const leader = new PartitionLeader(groupId, partition, host, leaderLimits);
  const fifo = config.fifo ?? false;
  await leader.run(replica, {
    type: "configure",
    queueName: fifo ? "q.fifo" : "q",
    config: { ...defaultQueueConfig(fifo), ...config },
  });
  applied.entries = 0;
  const run = <T>(op: QueueOp) => leader.run(replica, op) as Promise<T>;
  return {
    leader,
    replica,
    applied,
    run,
    send: (bodies: readonly string[], groupOf?: (i: number) => string) =>
      run<SendOutcome[]>({
        type: "send",
        queueName: "q",
        entries: bodies.map((body, i) => ({
          entryId: `e${i}`,
          body: new TextEncoder().encode(body),
          ...(groupOf === undefined ? {} : { groupId: groupOf(i), dedupId: body }),
        })),
      }),
    receive: (max: number, visibilityTimeoutSeconds?: number) =>
      run<ReceivedMessage[]>({
        type: "receive",
        max,
        ...(visibilityTimeoutSeconds === undefined ? {} : { visibilityTimeoutSeconds }),
      }),
    delete: (handles: readonly string[]) =>
      run<EntryOutcome[]>({
        type: "delete",
        entries: handles.map((receiptHandle, i) => ({ entryId: `d${i}`, receiptHandle })),
      }),
    async stop() {
      leader.stepDown();
      await group.stop();
    },
  };
}

const bodyOf = (m: ReceivedMessage) => new TextDecoder().decode(m.body);
/** Each test takes well under a second alone; a machine loaded by other work must not fail it. */
const testTimeoutMs = 30_000;

let current: Awaited<ReturnType<typeof startPartition>> | undefined;
afterEach(async () => {
  await current?.stop();
  current = undefined;
});

describe("PartitionLeader batching", () => {
  it(
    "turns hundreds of concurrent sends into a few entries, each caller getting its own results",
    async () => {
      const p = (current = await startPartition());
      const calls = 300;
      const batches = Array.from({ length: calls }, (_, c) =>
        Array.from({ length: 1 + (c % 10) }, (_, i) => `c${c}-m${i}`),
      );
      const results = await Promise.all(batches.map((bodies) => p.send(bodies)));
      // All were called in one event-loop turn, so they wait only for batches to fill.
      expect(p.applied.entries).toBeLessThanOrEqual(Math.ceil(calls / limits.queueBatchCommandsMax));
      const messageIds = new Set<string>();
      results.forEach((outcomes, c) => {
        expect(outcomes.map((o) => o.entryId)).toEqual(batches[c]!.map((_, i) => `e${i}`));
        for (const o of outcomes) {
          if (!o.ok) throw new Error(o.message);
          messageIds.add(o.messageId);
        }
      });
      expect(messageIds.size).toBe(batches.flat().length);
    },
    testTimeoutMs,
  );

  it(
    "gives concurrent receives different messages, and concurrent deletes their own outcomes",
    async () => {
      const p = (current = await startPartition());
      const sent = Array.from({ length: 400 }, (_, i) => `m${i}`);
      for (let i = 0; i < sent.length; i += 10) await p.send(sent.slice(i, i + 10));
      p.applied.entries = 0;
      const wants = Array.from({ length: 60 }, (_, i) => 1 + (i % 10));
      const received = await Promise.all(wants.map((max) => p.receive(max)));
      expect(p.applied.entries).toBeLessThan(wants.length);
      // Each got what it asked for (there is plenty), and no message went to two receivers.
      expect(received.map((r) => r.length)).toEqual(wants);
      const bodies = received.flat().map(bodyOf);
      expect(new Set(bodies).size).toBe(bodies.length);

      p.applied.entries = 0;
      const deletes = await Promise.all(
        received.map((messages, i) =>
          p.delete(
            i === 0
              ? ["not-a-handle", ...messages.map((m) => m.receiptHandle)]
              : messages.map((m) => m.receiptHandle),
          ),
        ),
      );
      expect(p.applied.entries).toBeLessThan(deletes.length);
      deletes.forEach((outcomes, i) => {
        const expected = received[i]!.map((_, j) => ({ entryId: `d${i === 0 ? j + 1 : j}`, ok: true }));
        if (i === 0)
          expect(outcomes[0]).toMatchObject({ entryId: "d0", ok: false, code: "RECEIPT_HANDLE_INVALID" });
        expect(outcomes.slice(i === 0 ? 1 : 0)).toEqual(expected);
      });
      const rest = await p.receive(10);
      expect(rest).toHaveLength(10);
      expect(rest.map(bodyOf).filter((b) => bodies.includes(b))).toEqual([]);
    },
    testTimeoutMs,
  );

  it(
    "mixes sends, receives and failures in one entry without one caller's failure reaching another",
    async () => {
      const p = (current = await startPartition());
      await p.send(["a", "b", "c"]);
      p.applied.entries = 0;
      const [good, empty, receivedA, receivedB] = await Promise.allSettled([
        p.send(["d"]),
        p.send([]),
        p.receive(2),
        p.receive(2),
      ]);
      expect(p.applied.entries).toBe(1);
      expect(good).toMatchObject({ status: "fulfilled", value: [{ entryId: "e0", ok: true }] });
      expect(empty).toMatchObject({ status: "rejected", reason: { code: ErrorCode.EMPTY_BATCH } });
      // The receives were picked before the send in their entry applied: a, b and c, split between them.
      const got = [receivedA, receivedB].map((r) => (r.status === "fulfilled" ? r.value.map(bodyOf) : []));
      expect(got.flat().sort()).toEqual(["a", "b", "c"]);
    },
    testTimeoutMs,
  );

  it(
    "gives every FIFO group to one receiver at a time, in send order",
    async () => {
      const p = (current = await startPartition({ fifo: true }));
      const bodies = Array.from({ length: 15 }, (_, i) => `g${i % 5}-${Math.floor(i / 5)}`);
      await p.send(bodies.slice(0, 10), (i) => `g${i % 5}`);
      await p.send(bodies.slice(10), (i) => `g${(i + 10) % 5}`);
      p.applied.entries = 0;
      const received = await Promise.all(Array.from({ length: 8 }, () => p.receive(3)));
      expect(p.applied.entries).toBe(1);
      // A receiver that took a group's first messages holds the group; nobody else gets any of it.
      const holders = new Map<string, number>();
      received.forEach((messages, receiver) => {
        for (const body of messages.map(bodyOf)) {
          const group = body.split("-")[0]!;
          expect(holders.get(group) ?? receiver).toBe(receiver);
          holders.set(group, receiver);
        }
      });
      expect(received.map((messages) => messages.map(bodyOf))).toEqual([
        ["g0-0", "g0-1", "g0-2"],
        ["g1-0", "g1-1", "g1-2"],
        ["g2-0", "g2-1", "g2-2"],
        ["g3-0", "g3-1", "g3-2"],
        ["g4-0", "g4-1", "g4-2"],
        [],
        [],
        [],
      ]);
      // Every group is locked now.
      expect(await p.receive(10)).toEqual([]);
    },
    testTimeoutMs,
  );

  it(
    "refuses with RESOURCE_EXHAUSTED, having done nothing, when the pending queue is full",
    async () => {
      const p = (current = await startPartition({}, { batchCommandsMax: 2, pendingCommandsMax: 4 }));
      const results = await Promise.allSettled(Array.from({ length: 10 }, (_, i) => p.send([`m${i}`])));
      const refused = results.filter((r) => r.status === "rejected");
      expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(4);
      expect(refused).toHaveLength(6);
      for (const r of refused) {
        const reason = r.reason as MillraceError;
        expect(isMillraceError(reason, ErrorCode.RESOURCE_EXHAUSTED)).toBe(true);
        expect(reason.retryable).toBe(true);
      }
      expect(await p.receive(10)).toHaveLength(4);
    },
    testTimeoutMs,
  );

  it(
    "tells every caller in a batch why, when the whole entry fails",
    async () => {
      const partition = new QueuePartition();
      const notLeader = new MillraceError(ErrorCode.NOT_LEADER, "leadership moved");
      const host = { propose: () => Promise.reject(notLeader) } as unknown as RaftHost;
      const leader = new PartitionLeader(groupId, partition, host);
      const replica = {} as GroupReplica;
      const results = await Promise.allSettled(
        [1, 2, 3].map((i) =>
          leader.run(replica, {
            type: "send",
            queueName: "q",
            entries: [{ entryId: "a", body: new TextEncoder().encode(`m${i}`) }],
          }),
        ),
      );
      expect(results.map((r) => (r.status === "rejected" ? (r.reason as MillraceError).code : "ok"))).toEqual(
        ["NOT_LEADER", "NOT_LEADER", "NOT_LEADER"],
      );
    },
    testTimeoutMs,
  );
});

describe("PartitionLeader long polls", () => {
  it(
    "wake when a FIFO delete unlocks a group with messages waiting",
    async () => {
      const p = (current = await startPartition({ fifo: true }));
      await p.send(["first", "second"], () => "g");
      const [held] = await p.receive(1);
      expect(await p.receive(1)).toEqual([]);
      const waiting = p.run<boolean>({ type: "wait", waitMs: 10_000 });
      await p.delete([held!.receiptHandle]);
      expect(await waiting).toBe(true);
      expect((await p.receive(1)).map(bodyOf)).toEqual(["second"]);
    },
    testTimeoutMs,
  );
});

/**
 * Long polls on `p`, each started once the one before waits (so the first is the oldest), recording
 * which were woken: `woken` lists their positions, in the order they woke.
 */
async function waitInTurn(p: Awaited<ReturnType<typeof startPartition>>, count: number) {
  const woken: number[] = [];
  const waits: Promise<boolean>[] = [];
  for (let i = 0; i < count; i++) {
    waits.push(
      p.run<boolean>({ type: "wait", waitMs: 20_000 }).then((ready) => {
        if (ready) woken.push(i);
        return ready;
      }),
    );
    await expect.poll(() => p.leader.longPollsWaiting, { timeout: 10_000 }).toBe(i + 1);
  }
  return { woken, waits };
}

/** Enough for a wrongly woken poll's promise to settle; a slower machine only makes a wake less likely. */
const settle = () => new Promise((r) => setTimeout(r, 100));

// Before, every send woke every long poll on its partition. Each woken poll short-polls every partition
// of its queue and waits on each again, so 200 consumers long-polling a 3-partition queue held a
// 3-node cluster to 8 sends/s at 190 ms from send to receive, its two cores busy.
describe("PartitionLeader wakes as many long polls as there are messages", () => {
  it(
    "a send wakes one long poll per message it stored, the oldest first, and the others sleep on",
    async () => {
      // No recheck during the test: only the sends may wake anyone.
      const p = (current = await startPartition({}, { longPollRecheckMs: 600_000 }));
      const { woken, waits } = await waitInTurn(p, 5);
      await p.send(["a", "b"]);
      expect(await Promise.all(waits.slice(0, 2))).toEqual([true, true]);
      expect((await p.receive(10)).map(bodyOf).sort()).toEqual(["a", "b"]);
      await settle();
      expect(woken).toEqual([0, 1]);
      expect(p.leader.longPollsWaiting).toBe(3);
      await p.send(["c"]);
      expect(await waits[2]).toBe(true);
      await settle();
      expect(woken).toEqual([0, 1, 2]);
    },
    testTimeoutMs,
  );

  it(
    "ten messages to one FIFO group wake one long poll: the group goes to one receive at a time",
    async () => {
      const p = (current = await startPartition({ fifo: true }, { longPollRecheckMs: 600_000 }));
      const { woken, waits } = await waitInTurn(p, 3);
      await p.send(
        Array.from({ length: 10 }, (_, i) => `m${i}`),
        () => "g",
      );
      expect(await waits[0]).toBe(true);
      await settle();
      expect(woken).toEqual([0]);
      expect(p.leader.longPollsWaiting).toBe(2);
    },
    testTimeoutMs,
  );

  it(
    "a message whose visibility timeout runs out wakes one long poll, not all",
    async () => {
      const p = (current = await startPartition({}, { longPollRecheckMs: 600_000 }));
      await p.send(["again"]);
      expect(await p.receive(1, 1)).toHaveLength(1);
      const { woken, waits } = await waitInTurn(p, 3);
      expect(await waits[0]).toBe(true);
      expect((await p.receive(1)).map(bodyOf)).toEqual(["again"]);
      await settle();
      expect(woken).toEqual([0]);
    },
    testTimeoutMs,
  );

  it(
    "a woken long poll that never receives leaves its message to the next one, well before its wait ends",
    async () => {
      const p = (current = await startPartition({}, { longPollRecheckMs: 50 }));
      const { woken, waits } = await waitInTurn(p, 2);
      await p.send(["left"]);
      // The first is woken and does nothing (its caller went away); the second is woken for the message.
      expect(await waits[0]).toBe(true);
      expect(await waits[1]).toBe(true);
      expect(woken).toEqual([0, 1]);
      expect((await p.receive(1)).map(bodyOf)).toEqual(["left"]);
    },
    testTimeoutMs,
  );
});

// A message a send woke a poll for is promised to it: before, a poll arriving before the woken one's
// receive counted the message and raced it there, and the loser went on to an empty receive and a wait
// on every partition of its queue (with 201 polls on a 3-partition queue, a third of all receives).
describe("PartitionLeader and messages promised to woken long polls", () => {
  it(
    "a long poll arriving after another was woken for the only message sleeps on; the woken one takes it",
    async () => {
      const p = (current = await startPartition({}, { longPollRecheckMs: 600_000 }));
      const { waits } = await waitInTurn(p, 1);
      await p.send(["only"]);
      expect(await waits[0]).toBe(true);
      let late: boolean | undefined;
      void p.run<boolean>({ type: "wait", waitMs: 20_000 }).then((ready) => (late = ready));
      await expect.poll(() => p.leader.longPollsWaiting, { timeout: 10_000 }).toBe(1);
      expect((await p.receive(1)).map(bodyOf)).toEqual(["only"]);
      await settle();
      expect(late).toBeUndefined();
      await p.send(["next"]);
      await expect.poll(() => late, { timeout: 10_000 }).toBe(true);
    },
    testTimeoutMs,
  );

  it(
    "when the woken long poll never receives, the one that arrived after it is woken for the message",
    async () => {
      const p = (current = await startPartition({}, { longPollRecheckMs: 50 }));
      const { waits } = await waitInTurn(p, 1);
      await p.send(["left"]);
      expect(await waits[0]).toBe(true);
      const late = p.run<boolean>({ type: "wait", waitMs: 20_000 });
      expect(await late).toBe(true);
      expect((await p.receive(1)).map(bodyOf)).toEqual(["left"]);
    },
    testTimeoutMs,
  );
});

describe("PartitionLeader long polls whose caller goes away", () => {
  // Before, the wait ignored its caller: a cancelled ReceiveMessage kept its waiter and timer for the
  // whole wait, so a client that cancels long polls could pile them up on the leader.
  it(
    "end at once, holding nothing",
    async () => {
      const p = (current = await startPartition());
      const gone = new AbortController();
      // Waits as long as a partition allows; left to run, they would outlast the test's own timeout.
      const waits = Array.from({ length: 3 }, () =>
        p.leader.run(p.replica, { type: "wait", waitMs: waitMsMax }, gone.signal),
      );
      await new Promise((r) => setTimeout(r, 50));
      gone.abort();
      expect(await Promise.all(waits)).toEqual([false, false, false]);
      // One that arrives already abandoned does not wait at all.
      expect(await p.leader.run(p.replica, { type: "wait", waitMs: waitMsMax }, gone.signal)).toBe(false);
    },
    // Half the waits' length: a wait the abort did not end fails the test by its timeout.
    waitMsMax / 2,
  );
});

describe("PartitionLeader's bound on waiting long polls", () => {
  it(
    "refuses one past waitersMax with RESOURCE_EXHAUSTED, and takes one again once a wait ends",
    async () => {
      const p = (current = await startPartition({}, { waitersMax: 2 }));
      const gone = new AbortController();
      const waits = [1, 2].map(() =>
        p.leader.run(p.replica, { type: "wait", waitMs: waitMsMax }, gone.signal),
      );
      // The two register after their checks of the store; until then a third is taken (and ends at once).
      let refusal: unknown;
      for (let i = 0; i < 100 && refusal === undefined; i++) {
        await new Promise((r) => setTimeout(r, 10));
        await p.run({ type: "wait", waitMs: 0 }).catch((error: unknown) => (refusal = error));
      }
      expect(isMillraceError(refusal, ErrorCode.RESOURCE_EXHAUSTED)).toBe(true);
      expect((refusal as MillraceError).message).toMatch(/2 long polls are already waiting/);
      // A send wakes both; the next long poll is taken and finds the message.
      await p.send(["m"]);
      expect(await Promise.all(waits)).toEqual([true, true]);
      expect(await p.run<boolean>({ type: "wait", waitMs: 10_000 })).toBe(true);
    },
    testTimeoutMs,
  );
});

describe("PartitionLeader and the in-flight cap", () => {
  it(
    "answers OVER_LIMIT on a standard queue at the cap, and receives again once room is made",
    async () => {
      const p = (current = await startPartition({ inflightMessagesMax: 2 }));
      await p.send(["a", "b", "c", "d"]);
      const held = await p.receive(10);
      expect(held).toHaveLength(2);
      await expect(p.receive(1)).rejects.toMatchObject({ code: ErrorCode.OVER_LIMIT, retryable: false });
      // Concurrent receives share what room is left: one gets it, the other is refused.
      await p.delete([held[0]!.receiptHandle]);
      const both = await Promise.allSettled([p.receive(5), p.receive(5)]);
      expect(
        both.map((r) => (r.status === "fulfilled" ? r.value.length : (r.reason as MillraceError).code)),
      ).toEqual([1, "OVER_LIMIT"]);
    },
    testTimeoutMs,
  );

  it(
    "returns nothing on a FIFO queue at the cap",
    async () => {
      const p = (current = await startPartition({ fifo: true, inflightMessagesMax: 1 }));
      await p.send(["a", "b"], (i) => `g${i}`);
      expect(await p.receive(10)).toHaveLength(1);
      expect(await p.receive(10)).toEqual([]);
    },
    testTimeoutMs,
  );

  it(
    "holds long polls while at the cap, and wakes them when a delete makes room",
    async () => {
      const p = (current = await startPartition({ inflightMessagesMax: 1 }));
      await p.send(["a", "b"]);
      const [held] = await p.receive(1);
      // A message is visible, but none may be received: the wait must not end at once.
      const waiting = p.run<boolean>({ type: "wait", waitMs: 10_000 });
      let ended = false;
      void waiting.then(() => (ended = true));
      await new Promise((r) => setTimeout(r, 50));
      expect(ended).toBe(false);
      await p.delete([held!.receiptHandle]);
      expect(await waiting).toBe(true);
      expect((await p.receive(1)).map(bodyOf)).toEqual(["b"]);
    },
    testTimeoutMs,
  );

  it(
    "lets a long poll held at the cap receive once a visibility timeout ends",
    async () => {
      const p = (current = await startPartition({ inflightMessagesMax: 1 }));
      await p.send(["a", "b"]);
      await p.receive(1, 1);
      // As QueueBackend long-polls: receive; at the cap (OVER_LIMIT) or with nothing, wait and try again.
      const deadline = Date.now() + 10_000;
      let got: ReceivedMessage[] = [];
      while (got.length === 0 && Date.now() < deadline) {
        got = await p.receive(2).catch((error: unknown) => {
          if (!isMillraceError(error, ErrorCode.OVER_LIMIT)) throw error;
          return [];
        });
        if (got.length === 0) await p.run<boolean>({ type: "wait", waitMs: deadline - Date.now() });
      }
      expect(got).toHaveLength(1);
    },
    testTimeoutMs,
  );
});

describe("PartitionLeader replaying a FIFO receive attempt", () => {
  it(
    "replays an attempt it served, and for one it did not takes nothing and proposes nothing",
    async () => {
      const p = await startPartition({ fifo: true });
      await p.send(["g-1", "g-2"], () => "g");
      const first = await p.run<ReceivedMessage[]>({ type: "receive", max: 10, attemptId: "try-1" });
      expect(first).toHaveLength(2);
      await p.send(["h-1"], () => "h");
      p.applied.entries = 0;
      // Group h has a receivable message, but a replay-only receive takes nothing new.
      const unknown = await p.run<ReceivedMessage[]>({
        type: "receive",
        max: 10,
        attemptId: "try-2",
        replayOnly: true,
      });
      expect(unknown).toEqual([]);
      expect(p.applied.entries).toBe(0);
      const again = await p.run<ReceivedMessage[]>({
        type: "receive",
        max: 10,
        attemptId: "try-1",
        replayOnly: true,
      });
      expect(again.map((m) => m.receiptHandle)).toEqual(first.map((m) => m.receiptHandle));
      expect((await p.receive(10)).map((m) => new TextDecoder().decode(m.body))).toEqual(["h-1"]);
    },
    testTimeoutMs,
  );
});

/**
 * Log replication, commitment and flow control, ported from etcd-io/raft's raft_test.go.
 */
import { describe, expect, it } from "vitest";
import { ConfChangeType, confChange } from "../src/conf-change.js";
import { ProposalDroppedError } from "../src/errors.js";
import { ProgressState, type Progress } from "../src/progress.js";
import { type Raft } from "../src/raft.js";
import { MemoryStorage } from "../src/storage.js";
import {
  MessageType,
  StateType,
  entryPayloadSize,
  payloadsSize,
  type Entry,
  type Message,
  type StateType as State,
} from "../src/types.js";
import {
  Network,
  advanceMessagesAfterAppend,
  beat,
  bytes,
  entry,
  ents,
  expectOneMessage,
  expectedLogSummary,
  hup,
  internals,
  logSummary,
  msg,
  mustAppendEntry,
  newTestRaft,
  newTestStorage,
  nextEnts,
  nopStepper,
  prop,
  propEntry,
  readMessages,
  snapshot,
  type PeerSpec,
} from "./helpers/harness.js";

const pr = (r: Raft, id: number): Progress => {
  const p = r.tracker.progress.get(id);
  if (p === undefined) throw new Error(`no progress for ${id}`);
  return p;
};

function storageWith(voters: number[], entries: Entry[]): MemoryStorage {
  const s = newTestStorage(voters);
  s.append(entries);
  return s;
}

describe("progress and flow control", () => {
  it("the leader counts its own appends once they are durable [TestProgressLeader]", () => {
    const r = newTestRaft(1, 5, 1, newTestStorage([1, 2]));
    r.becomeCandidate();
    r.becomeLeader();
    pr(r, 2).becomeReplicate();
    // The first five proposals are queued in the unstable log.
    for (let i = 0; i < 5; i++) r.step(prop(1, "foo"));
    expect(pr(r, 1).match).toBe(0);
    const unstable = r.raftLog.nextUnstableEntries();
    expect(unstable).toHaveLength(6);
    expect(unstable[0]?.data).toHaveLength(0);
    expect(new TextDecoder().decode(unstable[5]?.data)).toBe("foo");
    advanceMessagesAfterAppend(r);
    expect(pr(r, 1).match).toBe(6);
    expect(pr(r, 1).next).toBe(7);
  });

  it("a heartbeat response unpauses the follower [TestProgressResumeByHeartbeatResp]", () => {
    const r = newTestRaft(1, 5, 1, newTestStorage([1, 2]));
    r.becomeCandidate();
    r.becomeLeader();
    pr(r, 2).msgAppFlowPaused = true;
    r.step(beat(1));
    expect(pr(r, 2).msgAppFlowPaused).toBe(true);
    pr(r, 2).becomeReplicate();
    expect(pr(r, 2).msgAppFlowPaused).toBe(false);
    pr(r, 2).msgAppFlowPaused = true;
    r.step(msg({ type: MessageType.HeartbeatResp, from: 2, to: 1 }));
    expect(pr(r, 2).msgAppFlowPaused).toBe(false);
  });

  it("a probing follower gets one append at a time [TestProgressPaused]", () => {
    const r = newTestRaft(1, 5, 1, newTestStorage([1, 2]));
    r.becomeCandidate();
    r.becomeLeader();
    for (let i = 0; i < 3; i++) r.step(prop(1, "somedata"));
    expect(readMessages(r)).toHaveLength(1);
  });

  it("limits appends in flight by count and by bytes [TestProgressFlowControl]", () => {
    const r = newTestRaft(1, 5, 1, newTestStorage([1, 2]), {
      inflightMessagesMax: 3,
      messageBytesMax: 2048,
      // A little over inflightMessagesMax × messageBytesMax.
      inflightBytesMax: 9000,
    });
    r.becomeCandidate();
    r.becomeLeader();
    // Throw away the messages of the election.
    readMessages(r);
    // While node 2 probes, propose a bunch of entries.
    pr(r, 2).becomeProbe();
    const blob = bytes("a".repeat(1000));
    const large = bytes("b".repeat(5000));
    for (let i = 0; i < 22; i++) r.step(prop(1, i >= 10 && i < 16 ? large : blob));

    const ms = readMessages(r);
    // The first append carries the empty entry confirming the election and the first proposal: only one
    // proposal, as node 2 probes.
    expect(ms).toHaveLength(1);
    expect(ms[0]?.type).toBe(MessageType.App);
    expect(ms[0]?.entries).toHaveLength(2);
    expect(ms[0]?.entries[0]?.data).toHaveLength(0);
    expect(ms[0]?.entries[1]?.data).toHaveLength(1000);

    const ackAndVerify = (index: number, ...expEntries: number[]): number => {
      r.step(msg({ type: MessageType.AppResp, from: 2, to: 1, index }));
      const msgs = readMessages(r);
      expect(msgs.map((m) => m.entries.length)).toEqual(expEntries);
      for (const m of msgs) expect(m.type).toBe(MessageType.App);
      const last = msgs[msgs.length - 1]?.entries ?? [];
      return last.length === 0 ? index : (last[last.length - 1] as Entry).index;
    };
    // Once acked, node 2 replicates and gets several messages at once.
    let index = ackAndVerify((ms[0]?.entries[1] as Entry).index, 2, 2, 2);
    // Ack all three together and get three more; the third holds a single large entry.
    index = ackAndVerify(index, 2, 1, 1);
    // Every following message holds one large entry, and two of them overflow inflightBytesMax.
    index = ackAndVerify(index, 1, 1);
    index = ackAndVerify(index, 1, 1);
    // Small messages again.
    index = ackAndVerify(index, 1, 2, 2);
    ackAndVerify(index, 2);
  });

  it("refuses proposals beyond the uncommitted size limit [TestUncommittedEntryLimit]", () => {
    // Many entries, so that a wrong size accounting would show either as early drops or a nonzero tally.
    const maxEntries = 1024;
    const testEntry = propEntry("testdata");
    const maxEntrySize = maxEntries * entryPayloadSize(testEntry);
    expect(entryPayloadSize(propEntry())).toBe(0);
    const r = newTestRaft(1, 5, 1, newTestStorage([1, 2, 3]), {
      uncommittedBytesMax: maxEntrySize,
      // Avoid interference from the inflight window.
      inflightMessagesMax: 2 * 1024,
    });
    r.becomeCandidate();
    r.becomeLeader();
    expect(r.uncommittedSize).toBe(0);
    // Both followers replicate; the log is committed up to its tail.
    const numFollowers = 2;
    pr(r, 2).becomeReplicate();
    pr(r, 3).becomeReplicate();
    r.uncommittedSize = 0;

    const propMsg = (): Message =>
      msg({ type: MessageType.Prop, from: 1, to: 1, entries: [{ ...testEntry }] });
    const propEnts: Entry[] = [];
    for (let i = 0; i < maxEntries; i++) {
      r.step(propMsg());
      propEnts.push(testEntry);
    }
    // One more is refused.
    expect(() => r.step(propMsg())).toThrow(ProposalDroppedError);
    // Read the messages and reduce the uncommitted size as if the entries were committed.
    expect(readMessages(r)).toHaveLength(maxEntries * numFollowers);
    r.reduceUncommittedSize(payloadsSize(propEnts));
    expect(r.uncommittedSize).toBe(0);

    // A single large proposal is accepted though it overshoots: we were beneath the limit before it.
    const largeEnts = Array.from({ length: 2 * maxEntries }, () => ({ ...testEntry }));
    r.step(msg({ type: MessageType.Prop, from: 1, to: 1, entries: largeEnts }));
    // The next one is refused again.
    expect(() => r.step(propMsg())).toThrow(ProposalDroppedError);
    // An entry without data is always accepted: the leader's empty entry and leaving a joint config use it.
    r.step(msg({ type: MessageType.Prop, from: 1, to: 1, entries: [propEntry()] }));

    expect(readMessages(r)).toHaveLength(2 * numFollowers);
    r.reduceUncommittedSize(payloadsSize(largeEnts));
    expect(r.uncommittedSize).toBe(0);
  });

  it("the probe after a leader's election carries the entries from the follower's match [TestLeaderAppResp]", () => {
    // Initial progress: match 0, next 3.
    const cases: {
      index: number;
      reject: boolean;
      wmatch: number;
      wnext: number;
      wmsgNum: number;
      windex: number;
      wcommitted: number;
    }[] = [
      // A stale response: no reply.
      { index: 3, reject: true, wmatch: 0, wnext: 3, wmsgNum: 0, windex: 0, wcommitted: 0 },
      // Denied: the leader does not commit, decreases next and probes.
      { index: 2, reject: true, wmatch: 0, wnext: 2, wmsgNum: 1, windex: 1, wcommitted: 0 },
      // Accepted: the leader commits and broadcasts the commit index.
      { index: 2, reject: false, wmatch: 2, wnext: 4, wmsgNum: 2, windex: 2, wcommitted: 2 },
      // A probing follower acks 0, which equals its match: it moves to replicate and gets all of 1..3,
      // so next is 4 (as the follower will be up to date once it processes the append).
      { index: 0, reject: false, wmatch: 0, wnext: 4, wmsgNum: 1, windex: 0, wcommitted: 0 },
    ];
    for (const tt of cases) {
      // The leader's term is 1 after its election, so the last log term must be 1 to commit.
      const sm = newTestRaft(1, 10, 1, storageWith([1, 2, 3], ents(1, 1, 1)));
      sm.becomeCandidate();
      sm.becomeLeader();
      readMessages(sm);
      sm.step(
        msg({
          type: MessageType.AppResp,
          from: 2,
          index: tt.index,
          term: sm.term,
          reject: tt.reject,
          rejectHint: tt.index,
        }),
      );
      expect(pr(sm, 2).match).toBe(tt.wmatch);
      expect(pr(sm, 2).next).toBe(tt.wnext);
      const msgs = readMessages(sm);
      expect(msgs).toHaveLength(tt.wmsgNum);
      for (const m of msgs) {
        expect(m.index).toBe(tt.windex);
        expect(m.commit).toBe(tt.wcommitted);
      }
    }
  });

  it("the window opens for each follower independently [TestMsgAppRespWaitReset]", () => {
    const s = newTestStorage([1, 2, 3]);
    const sm = newTestRaft(1, 5, 1, s);
    sm.becomeCandidate();
    sm.becomeLeader();
    // Persist the leader's own empty entry.
    nextEnts(sm, s);
    // Node 2 acks the first entry, committing it.
    sm.step(msg({ type: MessageType.AppResp, from: 2, index: 1 }));
    expect(sm.raftLog.committed).toBe(1);
    // Consume the appends that update the followers' commit index.
    readMessages(sm);
    // A new proposal goes to every node not waiting: node 2 left the wait with its response, node 3 did not.
    sm.step(msg({ type: MessageType.Prop, from: 1, entries: [propEntry()] }));
    let msgs = readMessages(sm);
    expect(msgs).toHaveLength(1);
    expect(msgs[0]).toMatchObject({ type: MessageType.App, to: 2 });
    expect(msgs[0]?.entries.map((e) => e.index)).toEqual([2]);
    // Node 3 acks the first entry, which releases its wait: entry 2 is sent.
    sm.step(msg({ type: MessageType.AppResp, from: 3, index: 1 }));
    msgs = readMessages(sm);
    expect(msgs).toHaveLength(1);
    expect(msgs[0]).toMatchObject({ type: MessageType.App, to: 3 });
    expect(msgs[0]?.entries.map((e) => e.index)).toEqual([2]);
  });

  it.each([
    // Replicate: next grows optimistically by the previous entries, the empty entry and the proposal.
    { state: ProgressState.Replicate, next: 2, wnext: 3 + 1 + 1 + 1 },
    // Probe: it does not.
    { state: ProgressState.Probe, next: 2, wnext: 2 },
  ])(
    "next grows optimistically only when replicating ($state) [TestLeaderIncreaseNext]",
    ({ state, next, wnext }) => {
      const sm = newTestRaft(1, 10, 1, newTestStorage([1, 2]));
      sm.raftLog.append(ents(1, 1, 2, 3));
      sm.becomeCandidate();
      sm.becomeLeader();
      pr(sm, 2).state = state;
      pr(sm, 2).next = next;
      sm.step(prop(1, "somedata"));
      expect(pr(sm, 2).next).toBe(wnext);
    },
  );

  it("a probing follower gets one append per heartbeat response [TestSendAppendForProgressProbe]", () => {
    const r = newTestRaft(1, 10, 1, newTestStorage([1, 2]));
    r.becomeCandidate();
    r.becomeLeader();
    readMessages(r);
    pr(r, 2).becomeProbe();
    // Each round is a heartbeat.
    for (let i = 0; i < 3; i++) {
      if (i === 0) {
        // Only one append goes out in the first round; then the follower is paused until a heartbeat response.
        mustAppendEntry(r, propEntry("somedata"));
        internals(r).sendAppend(2);
        const msgs = readMessages(r);
        expect(msgs).toHaveLength(1);
        expect(msgs[0]?.index).toBe(0);
      }
      expect(pr(r, 2).msgAppFlowPaused).toBe(true);
      for (let j = 0; j < 10; j++) {
        mustAppendEntry(r, propEntry("somedata"));
        internals(r).sendAppend(2);
        expect(readMessages(r)).toEqual([]);
      }
      // A heartbeat.
      r.step(beat(1));
      expect(pr(r, 2).msgAppFlowPaused).toBe(true);
      const msgs = readMessages(r);
      expect(msgs).toHaveLength(1);
      expect(msgs[0]?.type).toBe(MessageType.Heartbeat);
    }
    // A heartbeat response lets one more append out.
    r.step(msg({ type: MessageType.HeartbeatResp, from: 2, to: 1 }));
    const msgs = readMessages(r);
    expect(msgs).toHaveLength(1);
    expect(msgs[0]?.index).toBe(0);
    expect(pr(r, 2).msgAppFlowPaused).toBe(true);
  });

  it("a replicating follower gets every append [TestSendAppendForProgressReplicate]", () => {
    const r = newTestRaft(1, 10, 1, newTestStorage([1, 2]));
    r.becomeCandidate();
    r.becomeLeader();
    readMessages(r);
    pr(r, 2).becomeReplicate();
    for (let i = 0; i < 10; i++) {
      mustAppendEntry(r, propEntry("somedata"));
      internals(r).sendAppend(2);
      expect(readMessages(r)).toHaveLength(1);
    }
  });

  it("a follower receiving a snapshot gets no appends [TestSendAppendForProgressSnapshot]", () => {
    const r = newTestRaft(1, 10, 1, newTestStorage([1, 2]));
    r.becomeCandidate();
    r.becomeLeader();
    readMessages(r);
    pr(r, 2).becomeSnapshot(10);
    for (let i = 0; i < 10; i++) {
      mustAppendEntry(r, propEntry("somedata"));
      internals(r).sendAppend(2);
      expect(readMessages(r)).toEqual([]);
    }
  });

  it("an unreachable follower falls back to probing [TestRecvMsgUnreachable]", () => {
    const r = newTestRaft(1, 10, 1, storageWith([1, 2], ents(1, 1, 2, 3)));
    r.becomeCandidate();
    r.becomeLeader();
    readMessages(r);
    // Node 2 replicates.
    pr(r, 2).match = 3;
    pr(r, 2).becomeReplicate();
    pr(r, 2).next = 6;
    r.step(msg({ type: MessageType.Unreachable, from: 2, to: 1 }));
    expect(pr(r, 2).state).toBe(ProgressState.Probe);
    expect(pr(r, 2).next).toBe(pr(r, 2).match + 1);
  });

  it("a rejection reordered after an unreachable report restarts from match [TestLogReplicationWithReorderedMessage]", () => {
    const r1 = newTestRaft(1, 10, 1, newTestStorage([1, 2]));
    r1.becomeCandidate();
    r1.becomeLeader();
    readMessages(r1);
    pr(r1, 2).becomeReplicate();
    const r2 = newTestRaft(2, 10, 1, newTestStorage([1, 2]));
    // r1 sends two appends to r2.
    mustAppendEntry(r1, propEntry("somedata"));
    internals(r1).sendAppend(2);
    const req1 = expectOneMessage(r1);
    mustAppendEntry(r1, propEntry("somedata"));
    internals(r1).sendAppend(2);
    const req2 = expectOneMessage(r1);
    // r2 receives the second first, and rejects it.
    r2.step(req2);
    const resp2 = expectOneMessage(r2);
    expect(resp2.reject).toBe(true);
    expect(resp2.rejectHint).toBe(0);
    expect(resp2.index).toBe(2);
    // r2 accepts the first; r1 updates its match.
    r2.step(req1);
    let m = expectOneMessage(r2);
    expect(m.reject).toBe(false);
    expect(m.index).toBe(2);
    r1.step(m);
    m = expectOneMessage(r1);
    expect(pr(r1, 2).match).toBe(2);
    // A transient network problem: r1 probes again.
    r1.step(msg({ type: MessageType.Unreachable, from: 2, to: 1 }));
    expect(pr(r1, 2).state).toBe(ProgressState.Probe);
    // The delayed rejection arrives: r1 resends from match, though the hint is below it.
    r1.step(resp2);
    m = expectOneMessage(r1);
    expect(m.index).toBe(pr(r1, 2).match);
  });

  it.each([
    // The leader finds the conflict quickly: app(index 7, logTerm 4) is rejected, then app(3, 2).
    {
      leaderLog: ents(1, 1, 2, 2, 4, 4, 4, 4),
      followerLog: ents(1, 1, 2, 2, 3, 3, 3, 3, 3, 3, 3, 3),
      followerCompact: 0,
      hintTerm: 3,
      hintIndex: 7,
      nextTerm: 2,
      nextIndex: 3,
    },
    // app(8, 5) is rejected, then app(4, 3).
    {
      leaderLog: ents(1, 1, 2, 2, 3, 4, 4, 4, 5),
      followerLog: ents(1, 1, 2, 2, 3, 3, 3, 3, 3, 3, 3, 3),
      followerCompact: 0,
      hintTerm: 3,
      hintIndex: 8,
      nextTerm: 3,
      nextIndex: 4,
    },
    // The follower finds the conflict quickly: app(4, 1) is rejected, then app(1, 1).
    {
      leaderLog: ents(1, 1, 1, 1, 1),
      followerLog: ents(1, 1, 2, 2, 4),
      followerCompact: 0,
      hintTerm: 1,
      hintIndex: 1,
      nextTerm: 1,
      nextIndex: 1,
    },
    // Likewise with a longer uncommitted tail on the leader.
    {
      leaderLog: ents(1, 1, 1, 1, 1, 1, 1),
      followerLog: ents(1, 1, 2, 2, 4),
      followerCompact: 0,
      hintTerm: 1,
      hintIndex: 1,
      nextTerm: 1,
      nextIndex: 1,
    },
    // Likewise with a longer uncommitted tail on the follower.
    {
      leaderLog: ents(1, 1, 1, 1, 1),
      followerLog: ents(1, 1, 2, 2, 4, 4, 4),
      followerCompact: 0,
      hintTerm: 1,
      hintIndex: 1,
      nextTerm: 1,
      nextIndex: 1,
    },
    // No conflict at all: app(5, 5) is rejected, then app(4, 4).
    {
      leaderLog: ents(1, 1, 1, 1, 4, 5),
      followerLog: ents(1, 1, 1, 1, 4),
      followerCompact: 0,
      hintTerm: 4,
      hintIndex: 4,
      nextTerm: 4,
      nextIndex: 4,
    },
    // The example in the leader's rejection handling.
    {
      leaderLog: ents(1, 2, 5, 5, 5, 5, 5, 5, 5, 5),
      followerLog: ents(1, 2, 4, 4, 4, 4, 4),
      followerCompact: 0,
      hintTerm: 4,
      hintIndex: 6,
      nextTerm: 2,
      nextIndex: 1,
    },
    // The example in the follower's rejection.
    {
      leaderLog: ents(1, 2, 2, 2, 2, 2),
      followerLog: ents(1, 2, 4, 4, 4, 4, 4, 4, 4),
      followerCompact: 0,
      hintTerm: 2,
      hintIndex: 1,
      nextTerm: 2,
      nextIndex: 1,
    },
    // A stale app(3, 3, [4@3]) reaches a follower that compacted beyond index 3: the rejection carries
    // index 3 with log term 0, and the leader backs off by one entry to app(2, 1).
    {
      leaderLog: ents(1, 1, 1, 3),
      followerLog: ents(1, 1, 1, 3, 3, 3),
      followerCompact: 5,
      hintTerm: 0,
      hintIndex: 3,
      nextTerm: 1,
      nextIndex: 2,
    },
  ])("fast log rejection finds the conflict in one round trip (case $#) [TestFastLogRejection]", (tt) => {
    const last = tt.leaderLog[tt.leaderLog.length - 1] as Entry;
    const s1 = storageWith([1, 2, 3], tt.leaderLog);
    s1.setHardState({ term: last.term - 1, vote: 0, commit: last.index });
    const n1 = newTestRaft(1, 10, 1, s1);
    // Bumps the term to last.term.
    n1.becomeCandidate();
    n1.becomeLeader();

    const s2 = storageWith([1, 2, 3], tt.followerLog);
    s2.setHardState({ term: last.term, vote: 1, commit: 0 });
    const n2 = newTestRaft(2, 10, 1, s2);
    // The resulting state (compacted beyond the commit index) is not realistic; it exercises a
    // "doesn't happen" edge case in case it happens some other way.
    if (tt.followerCompact !== 0) s2.compact(tt.followerCompact);

    n2.step(msg({ type: MessageType.Heartbeat, from: 1, to: 2 }));
    let msgs = readMessages(n2);
    expect(msgs.map((m) => m.type)).toEqual([MessageType.HeartbeatResp]);
    n1.step(msgs[0] as Message);
    msgs = readMessages(n1);
    expect(msgs.map((m) => m.type)).toEqual([MessageType.App]);
    n2.step(msgs[0] as Message);
    msgs = readMessages(n2);
    expect(msgs).toHaveLength(1);
    expect(msgs[0]).toMatchObject({
      type: MessageType.AppResp,
      reject: true,
      logTerm: tt.hintTerm,
      rejectHint: tt.hintIndex,
    });
    n1.step(msgs[0] as Message);
    msgs = readMessages(n1);
    expect(msgs[0]?.logTerm).toBe(tt.nextTerm);
    expect(msgs[0]?.index).toBe(tt.nextIndex);
  });
});

describe("replication and commitment", () => {
  it("replicates proposals and commits them on every node [TestLogReplication]", () => {
    const cases: { msgs: Message[]; wcommitted: number }[] = [
      { msgs: [prop(1, "somedata")], wcommitted: 2 },
      {
        msgs: [
          prop(1, "somedata"),
          msg({ type: MessageType.Hup, from: 1, to: 2 }),
          msg({ type: MessageType.Prop, from: 1, to: 2, entries: [propEntry("somedata")] }),
        ],
        wcommitted: 4,
      },
    ];
    cases.forEach((tt, i) => {
      const nt = Network.of(null, null, null);
      nt.send(hup(1));
      for (const m of tt.msgs) nt.send(m);
      for (const id of [1, 2, 3]) {
        const sm = nt.raft(id);
        expect(sm.raftLog.committed, `#${i}.${id}`).toBe(tt.wcommitted);
        const applied = nextEnts(sm, nt.storage.get(id)!).filter((e) => e.data.length > 0);
        const props = tt.msgs.filter((m) => m.type === MessageType.Prop);
        props.forEach((m, k) => expect(applied[k]?.data).toEqual(m.entries[0]?.data));
      }
    });
  });

  it("a learner receives the leader's entries [TestLearnerLogReplication]", () => {
    const n1 = newTestRaft(1, 10, 1, newTestStorage([1], [2]));
    const n2 = newTestRaft(2, 10, 1, newTestStorage([1], [2]));
    const nt = new Network([n1, n2]);
    n1.becomeFollower(1, 0);
    n2.becomeFollower(1, 0);
    n1.randomizedElectionTimeout = 10;
    for (let i = 0; i < 10; i++) n1.tick();
    advanceMessagesAfterAppend(n1);
    nt.send(beat(1));
    // n1 leads; n2 is a learner.
    expect(n1.state).toBe(StateType.Leader);
    expect(n2.isLearner).toBe(true);
    nt.send(prop(1, "somedata"));
    expect(n1.raftLog.committed).toBe(2);
    expect(n2.raftLog.committed).toBe(n1.raftLog.committed);
    expect(pr(n1, 2).match).toBe(n2.raftLog.committed);
  });

  it("a single node commits on its own [TestSingleNodeCommit]", () => {
    const tt = Network.of(null);
    tt.send(hup(1));
    tt.send(prop(1, "some data"));
    tt.send(prop(1, "some data"));
    expect(tt.raft(1).raftLog.committed).toBe(3);
  });

  // Entries of a previous term cannot be committed by counting replicas when the new leader's own empty
  // entry is filtered out (§5.4.2).
  it("cannot commit entries of an older term without a new-term entry [TestCannotCommitWithoutNewTermEntry]", () => {
    const tt = Network.of(null, null, null, null, null);
    tt.send(hup(1));
    // 1 cannot reach 3, 4, 5.
    tt.cut(1, 3);
    tt.cut(1, 4);
    tt.cut(1, 5);
    tt.send(prop(1, "some data"));
    tt.send(prop(1, "some data"));
    expect(tt.raft(1).raftLog.committed).toBe(1);
    // Recover the network, but keep the new leader from committing its empty entry.
    tt.recover();
    tt.ignore(MessageType.App);
    // Elect 2 at term 2.
    tt.send(hup(2));
    // No entry of the previous term is committed.
    const sm = tt.raft(2);
    expect(sm.raftLog.committed).toBe(1);
    tt.recover();
    // A heartbeat resets the wait; then an entry of the current term is appended...
    tt.send(beat(2));
    tt.send(prop(2, "some data"));
    // ...and everything commits.
    expect(sm.raftLog.committed).toBe(5);
  });

  it("a new leader commits older entries with its own empty entry [TestCommitWithoutNewTermEntry]", () => {
    const tt = Network.of(null, null, null, null, null);
    tt.send(hup(1));
    tt.cut(1, 3);
    tt.cut(1, 4);
    tt.cut(1, 5);
    tt.send(prop(1, "some data"));
    tt.send(prop(1, "some data"));
    const sm = tt.raft(1);
    expect(sm.raftLog.committed).toBe(1);
    tt.recover();
    // Electing 2 at term 2 appends an empty entry of the new term, and then every entry commits.
    tt.send(hup(2));
    expect(sm.raftLog.committed).toBe(4);
  });

  it("ignores an old leader's appends [TestOldMessages]", () => {
    const tt = Network.of(null, null, null);
    // Make 1 the leader at term 3.
    tt.send(hup(1));
    tt.send(hup(2));
    tt.send(hup(1));
    // An old leader trying to make progress is ignored.
    tt.send(msg({ type: MessageType.App, from: 2, to: 1, term: 2, entries: ents(3, 2) }));
    // Commit a new entry.
    tt.send(prop(1, "somedata"));
    const want = expectedLogSummary([entry(1, 1), entry(2, 2), entry(3, 3), entry(3, 4, "somedata")]);
    for (const id of [1, 2, 3]) expect(logSummary(tt.raft(id).raftLog)).toEqual(want);
  });

  it.each([
    { peers: [null, null, null], success: true },
    { peers: [null, null, nopStepper], success: true },
    { peers: [null, nopStepper, nopStepper], success: false },
    { peers: [null, nopStepper, nopStepper, null], success: false },
    { peers: [null, nopStepper, nopStepper, null, null], success: true },
  ] as { peers: PeerSpec[]; success: boolean }[])(
    "a proposal commits only with a quorum (case $#) [TestProposal]",
    ({ peers, success }) => {
      const tt = new Network(peers);
      tt.send(hup(1));
      // Without a quorum the proposal is dropped (the candidate refuses it; the network swallows the error).
      tt.send(prop(1, "somedata"));
      const want = success
        ? expectedLogSummary([entry(1, 1), entry(1, 2, "somedata")])
        : expectedLogSummary([]);
      for (const [id, p] of tt.peers)
        if (p !== nopStepper) expect(logSummary(tt.raft(id).raftLog), `peer ${id}`).toEqual(want);
      expect(tt.raft(1).term).toBe(1);
    },
  );

  it("the candidate refuses proposals instead of queueing them [TestProposal, dropped]", () => {
    const r = newTestRaft(1, 10, 1, newTestStorage([1, 2, 3]));
    r.step(hup(1));
    expect(() => r.step(prop(1, "x"))).toThrow(ProposalDroppedError);
  });

  it.each([[[null, null, null]], [[null, null, nopStepper]]] as PeerSpec[][][])(
    "a follower forwards proposals to the leader [TestProposalByProxy]",
    (peers) => {
      const tt = new Network(peers);
      tt.send(hup(1));
      // Propose through a follower.
      tt.send(prop(2, "somedata"));
      const want = expectedLogSummary([entry(1, 1), entry(1, 2, "somedata")]);
      for (const [id, p] of tt.peers)
        if (p !== nopStepper) expect(logSummary(tt.raft(id).raftLog)).toEqual(want);
      expect(tt.raft(1).term).toBe(1);
    },
  );

  it.each([
    // Single node.
    { matches: [1], logs: ents(1, 1), smTerm: 1, w: 1 },
    { matches: [1], logs: ents(1, 1), smTerm: 2, w: 0 },
    { matches: [2], logs: ents(1, 1, 2), smTerm: 2, w: 2 },
    { matches: [1], logs: ents(1, 2), smTerm: 2, w: 1 },
    // Odd.
    { matches: [2, 1, 1], logs: ents(1, 1, 2), smTerm: 1, w: 1 },
    { matches: [2, 1, 1], logs: ents(1, 1, 1), smTerm: 2, w: 0 },
    { matches: [2, 1, 2], logs: ents(1, 1, 2), smTerm: 2, w: 2 },
    { matches: [2, 1, 2], logs: ents(1, 1, 1), smTerm: 2, w: 0 },
    // Even.
    { matches: [2, 1, 1, 1], logs: ents(1, 1, 2), smTerm: 1, w: 1 },
    { matches: [2, 1, 1, 1], logs: ents(1, 1, 1), smTerm: 2, w: 0 },
    { matches: [2, 1, 1, 2], logs: ents(1, 1, 2), smTerm: 1, w: 1 },
    { matches: [2, 1, 1, 2], logs: ents(1, 1, 1), smTerm: 2, w: 0 },
    { matches: [2, 1, 2, 2], logs: ents(1, 1, 2), smTerm: 2, w: 2 },
    { matches: [2, 1, 2, 2], logs: ents(1, 1, 1), smTerm: 2, w: 0 },
  ])(
    "commits the quorum's match only in the current term: matches $matches, term $smTerm → $w [TestCommit]",
    ({ matches, logs, smTerm, w }) => {
      const storage = storageWith([1], logs);
      storage.setHardState({ term: smTerm, vote: 0, commit: 0 });
      const sm = newTestRaft(1, 10, 2, storage);
      matches.forEach((match, j) => {
        const id = j + 1;
        if (id > 1) sm.applyConfChange(confChange([{ type: ConfChangeType.AddNode, nodeId: id }]));
        pr(sm, id).match = match;
        pr(sm, id).next = match + 1;
      });
      sm.maybeCommit();
      expect(sm.raftLog.committed).toBe(w);
    },
  );

  // 1. Reject if the log has no entry at prevLogIndex with prevLogTerm. 2. Delete a conflicting entry and
  // everything after it; append the new entries. 3. Set commit = min(leaderCommit, last new entry).
  it.each([
    // 1
    { m: { term: 2, logTerm: 3, index: 2, commit: 3 }, wIndex: 2, wCommit: 0, wReject: true }, // previous log mismatch
    { m: { term: 2, logTerm: 3, index: 3, commit: 3 }, wIndex: 2, wCommit: 0, wReject: true }, // previous log nonexistent
    // 2
    { m: { term: 2, logTerm: 1, index: 1, commit: 1 }, wIndex: 2, wCommit: 1, wReject: false },
    {
      m: { term: 2, logTerm: 0, index: 0, commit: 1, entries: [entry(2, 1)] },
      wIndex: 1,
      wCommit: 1,
      wReject: false,
    },
    {
      m: { term: 2, logTerm: 2, index: 2, commit: 3, entries: [entry(2, 3), entry(2, 4)] },
      wIndex: 4,
      wCommit: 3,
      wReject: false,
    },
    {
      m: { term: 2, logTerm: 2, index: 2, commit: 4, entries: [entry(2, 3)] },
      wIndex: 3,
      wCommit: 3,
      wReject: false,
    },
    {
      m: { term: 2, logTerm: 1, index: 1, commit: 4, entries: [entry(2, 2)] },
      wIndex: 2,
      wCommit: 2,
      wReject: false,
    },
    // 3
    { m: { term: 1, logTerm: 1, index: 1, commit: 3 }, wIndex: 2, wCommit: 1, wReject: false }, // match entry 1, commit up to it
    {
      m: { term: 1, logTerm: 1, index: 1, commit: 3, entries: [entry(2, 2)] },
      wIndex: 2,
      wCommit: 2,
      wReject: false,
    }, // commit up to the last new entry 2
    { m: { term: 2, logTerm: 2, index: 2, commit: 3 }, wIndex: 2, wCommit: 2, wReject: false }, // match entry 2, commit up to it
    { m: { term: 2, logTerm: 2, index: 2, commit: 4 }, wIndex: 2, wCommit: 2, wReject: false }, // commit up to log.last()
  ] as { m: Partial<Message>; wIndex: number; wCommit: number; wReject: boolean }[])(
    "handles MsgApp by the AppendEntries rules (case $#) [TestHandleMsgApp]",
    ({ m, wIndex, wCommit, wReject }) => {
      const sm = newTestRaft(1, 10, 1, storageWith([1], ents(1, 1, 2)));
      sm.becomeFollower(2, 0);
      internals(sm).handleAppendEntries(msg({ type: MessageType.App, from: 2, to: 1, ...m }));
      expect(sm.raftLog.lastIndex()).toBe(wIndex);
      expect(sm.raftLog.committed).toBe(wCommit);
      const msgs = readMessages(sm);
      expect(msgs).toHaveLength(1);
      expect(msgs[0]?.reject).toBe(wReject);
    },
  );

  it.each([
    { commit: 3, wCommit: 3 },
    // The commit index never decreases.
    { commit: 1, wCommit: 2 },
  ])(
    "a follower commits what a heartbeat says ($commit → $wCommit) [TestHandleHeartbeat]",
    ({ commit, wCommit }) => {
      const sm = newTestRaft(1, 5, 1, storageWith([1, 2], ents(1, 1, 2, 3)));
      sm.becomeFollower(2, 2);
      sm.raftLog.commitTo(2);
      internals(sm).handleHeartbeat(msg({ type: MessageType.Heartbeat, from: 2, to: 1, term: 2, commit }));
      expect(sm.raftLog.committed).toBe(wCommit);
      const msgs = readMessages(sm);
      expect(msgs.map((m) => m.type)).toEqual([MessageType.HeartbeatResp]);
    },
  );

  it("resends entries on heartbeat responses until the follower acks [TestHandleHeartbeatResp]", () => {
    const sm = newTestRaft(1, 5, 1, storageWith([1, 2], ents(1, 1, 2, 3)));
    sm.becomeCandidate();
    sm.becomeLeader();
    sm.raftLog.commitTo(sm.raftLog.lastIndex());
    // A heartbeat response from a node behind: resend.
    sm.step(msg({ type: MessageType.HeartbeatResp, from: 2 }));
    let msgs = readMessages(sm);
    expect(msgs.map((m) => m.type)).toEqual([MessageType.App]);
    // And again.
    sm.step(msg({ type: MessageType.HeartbeatResp, from: 2 }));
    msgs = readMessages(sm);
    expect(msgs.map((m) => m.type)).toEqual([MessageType.App]);
    // Once acked, heartbeat responses send nothing.
    const app = msgs[0] as Message;
    sm.step(msg({ type: MessageType.AppResp, from: 2, index: app.index + app.entries.length }));
    readMessages(sm);
    sm.step(msg({ type: MessageType.HeartbeatResp, from: 2 }));
    expect(readMessages(sm)).toEqual([]);
  });

  it("heartbeats carry min(commit, follower's match) [TestBcastBeat]", () => {
    const offset = 1000;
    // A log starting after a snapshot at 1000.
    const storage = new MemoryStorage();
    storage.applySnapshot(snapshot(offset, 1, { voters: [1, 2, 3] }));
    const sm = newTestRaft(1, 10, 1, storage);
    sm.term = 1;
    sm.becomeCandidate();
    sm.becomeLeader();
    for (let i = 0; i < 10; i++) mustAppendEntry(sm, entry(0, i + 1));
    advanceMessagesAfterAppend(sm);
    // A slow follower and an up-to-date one.
    pr(sm, 2).match = 5;
    pr(sm, 2).next = 6;
    pr(sm, 3).match = sm.raftLog.lastIndex();
    pr(sm, 3).next = sm.raftLog.lastIndex() + 1;
    sm.step(msg({ type: MessageType.Beat }));
    const msgs = readMessages(sm);
    expect(msgs).toHaveLength(2);
    const wantCommit = new Map([
      [2, Math.min(sm.raftLog.committed, pr(sm, 2).match)],
      [3, Math.min(sm.raftLog.committed, pr(sm, 3).match)],
    ]);
    for (const m of msgs) {
      expect(m.type).toBe(MessageType.Heartbeat);
      expect(m.index).toBe(0);
      expect(m.logTerm).toBe(0);
      expect(m.commit).toBe(wantCommit.get(m.to));
      wantCommit.delete(m.to);
      expect(m.entries).toEqual([]);
    }
  });

  it.each([
    { state: StateType.Leader, wMsg: 2 },
    // Candidates and followers ignore MsgBeat.
    { state: StateType.Candidate, wMsg: 0 },
    { state: StateType.Follower, wMsg: 0 },
  ] as { state: State; wMsg: number }[])(
    "a $state answers MsgBeat with $wMsg heartbeats [TestRecvMsgBeat]",
    ({ state, wMsg }) => {
      const sm = newTestRaft(1, 10, 1, storageWith([1, 2, 3], ents(1, 1, 1)));
      sm.term = 1;
      sm.state = state;
      sm.step(beat(1));
      const msgs = readMessages(sm);
      expect(msgs).toHaveLength(wMsg);
      for (const m of msgs) expect(m.type).toBe(MessageType.Heartbeat);
    },
  );
});

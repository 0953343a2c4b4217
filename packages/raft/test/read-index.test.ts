/**
 * Linearizable reads (thesis §6.4): ReadIndex with a round of heartbeats (Safe) or leader leases
 * (LeaseBased), ported from etcd-io/raft's raft_test.go.
 */
import { describe, expect, it } from "vitest";
import { type RaftConfig } from "../src/config.js";
import { type Raft } from "../src/raft.js";
import { ReadOnlyOption } from "../src/read-only.js";
import { MessageType, StateType } from "../src/types.js";
import {
  Network,
  bytes,
  ents,
  hup,
  msg,
  newTestRaft,
  newTestStorage,
  nextEnts,
  propEntry,
  readIndex,
  readMessages,
  setRandomizedElectionTimeout,
} from "./helpers/harness.js";

const emptyProp = (id: number) => msg({ type: MessageType.Prop, from: id, to: id, entries: [propEntry()] });

/** Three nodes with `overrides`; node 1 leads, elected while node 2's election clock ran out. */
function electedTrio(overrides: Partial<RaftConfig>): { nt: Network; a: Raft; b: Raft; c: Raft } {
  const [a, b, c] = [1, 2, 3].map((id) => newTestRaft(id, 10, 1, newTestStorage([1, 2, 3]), overrides)) as [
    Raft,
    Raft,
    Raft,
  ];
  const nt = new Network([a, b, c]);
  setRandomizedElectionTimeout(b, 10 + 1);
  for (let i = 0; i < 10; i++) b.tick();
  nt.send(hup(1));
  expect(a.state).toBe(StateType.Leader);
  return { nt, a, b, c };
}

describe("ReadIndex", () => {
  it("safe reads answer the commit index on whichever node asked [TestReadOnlyOptionSafe]", () => {
    const { nt, a, b, c } = electedTrio({});
    const cases: [Raft, number, number, string][] = [
      [a, 10, 11, "ctx1"],
      [b, 10, 21, "ctx2"],
      [c, 10, 31, "ctx3"],
      [a, 10, 41, "ctx4"],
      [b, 10, 51, "ctx5"],
      [c, 10, 61, "ctx6"],
    ];
    cases.forEach(([sm, proposals, wri, wctx], i) => {
      for (let j = 0; j < proposals; j++) nt.send(emptyProp(1));
      nt.send(readIndex(sm.id, wctx));
      expect(sm.readStates.length, `#${i}`).toBeGreaterThan(0);
      expect(sm.readStates[0]).toEqual({ index: wri, requestCtx: bytes(wctx) });
      sm.readStates = [];
    });
  });

  it("learners' acks do not count, but learners can read [TestReadOnlyWithLearner]", () => {
    const s = newTestStorage([1], [2]);
    const a = newTestRaft(1, 10, 1, s);
    const b = newTestRaft(2, 10, 1, newTestStorage([1], [2]));
    const nt = new Network([a, b]);
    setRandomizedElectionTimeout(b, 10 + 1);
    for (let i = 0; i < 10; i++) b.tick();
    nt.send(hup(1));
    expect(a.state).toBe(StateType.Leader);
    const cases: [Raft, number, number, string][] = [
      [a, 10, 11, "ctx1"],
      [b, 10, 21, "ctx2"],
      [a, 10, 31, "ctx3"],
      [b, 10, 41, "ctx4"],
    ];
    cases.forEach(([sm, proposals, wri, wctx], i) => {
      for (let j = 0; j < proposals; j++) {
        nt.send(emptyProp(1));
        // Append the entries on the leader.
        nextEnts(a, s);
      }
      nt.send(readIndex(sm.id, wctx));
      expect(sm.readStates.length, `#${i}`).toBeGreaterThan(0);
      expect(sm.readStates[0]).toEqual({ index: wri, requestCtx: bytes(wctx) });
      sm.readStates = [];
    });
  });

  it("lease-based reads answer without a round of heartbeats [TestReadOnlyOptionLease]", () => {
    const { nt, a, b, c } = electedTrio({ readOnlyOption: ReadOnlyOption.LeaseBased, checkQuorum: true });
    const cases: [Raft, number, number, string][] = [
      [a, 10, 11, "ctx1"],
      [b, 10, 21, "ctx2"],
      [c, 10, 31, "ctx3"],
      [a, 10, 41, "ctx4"],
      [b, 10, 51, "ctx5"],
      [c, 10, 61, "ctx6"],
    ];
    cases.forEach(([sm, proposals, wri, wctx], i) => {
      for (let j = 0; j < proposals; j++) nt.send(emptyProp(1));
      nt.send(readIndex(sm.id, wctx));
      expect(sm.readStates[0], `#${i}`).toEqual({ index: wri, requestCtx: bytes(wctx) });
      sm.readStates = [];
    });
  });

  it("the leader frees answered requests [TestRaftFreesReadOnlyMem]", () => {
    const sm = newTestRaft(1, 5, 1, newTestStorage([1, 2]));
    sm.becomeCandidate();
    sm.becomeLeader();
    sm.raftLog.commitTo(sm.raftLog.lastIndex());
    const ctx = bytes("ctx");
    // The leader starts a linearizable read (thesis §6.4, step 2).
    sm.step(msg({ type: MessageType.ReadIndex, from: 2, entries: [propEntry(ctx)] }));
    const msgs = readMessages(sm);
    expect(msgs).toHaveLength(1);
    expect(msgs[0]?.type).toBe(MessageType.Heartbeat);
    expect(msgs[0]?.context).toEqual(ctx);
    expect(sm.readOnly.pendingCount).toBe(1);
    // A quorum of heartbeat responses (one follower here) confirms leadership (step 3).
    sm.step(msg({ type: MessageType.HeartbeatResp, from: 2, context: ctx }));
    expect(sm.readOnly.pendingCount).toBe(0);
    expect(sm.readOnly.lastPendingRequestContext()).toBeUndefined();
  });

  // A leader answers reads only once it committed an entry of its own term.
  it("a new leader postpones reads until it commits in its term [TestReadOnlyForNewLeader]", () => {
    const nodes = [
      { id: 1, committed: 1, applied: 1, compactIndex: 0 },
      { id: 2, committed: 2, applied: 2, compactIndex: 2 },
      { id: 3, committed: 2, applied: 2, compactIndex: 2 },
    ];
    const peers = nodes.map(({ id, committed, applied, compactIndex }) => {
      const storage = newTestStorage([1, 2, 3]);
      storage.append(ents(1, 1, 1));
      storage.setHardState({ term: 1, vote: 0, commit: committed });
      if (compactIndex !== 0) storage.compact(compactIndex);
      return newTestRaft(id, 10, 1, storage, { applied });
    });
    const nt = new Network(peers);
    // Drop appends so that node 1 cannot commit an entry of its term after it becomes leader.
    nt.ignore(MessageType.App);
    nt.send(hup(1));
    const sm = nt.raft(1);
    expect(sm.state).toBe(StateType.Leader);
    // The read waits.
    const windex = 4;
    const wctx = bytes("ctx");
    nt.send(readIndex(1, wctx));
    expect(sm.readStates).toEqual([]);
    nt.recover();
    // Node 1 commits an entry of its term.
    for (let i = 0; i < 1; i++) sm.tick();
    nt.send(emptyProp(1));
    expect(sm.raftLog.committed).toBe(4);
    expect(sm.raftLog.termOrUndefined(sm.raftLog.committed)).toBe(sm.term);
    // The postponed read was answered after that.
    expect(sm.readStates).toEqual([{ index: windex, requestCtx: wctx }]);
    // New reads are answered.
    nt.send(readIndex(1, wctx));
    expect(sm.readStates).toHaveLength(2);
    expect(sm.readStates[1]).toEqual({ index: windex, requestCtx: wctx });
  });
});

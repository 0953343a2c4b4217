/**
 * Snapshots (paper §7): restoring, ignoring and sending them, ported from etcd-io/raft's raft_test.go.
 */
import { describe, expect, it } from "vitest";
import { ProgressState } from "../src/progress.js";
import { MessageType, StateType } from "../src/types.js";
import {
  Network,
  beat,
  ents,
  hup,
  msg,
  newTestRaft,
  newTestStorage,
  nextEnts,
  prop,
  propEntry,
  readMessages,
  setRandomizedElectionTimeout,
  snapshot,
} from "./helpers/harness.js";

describe("restoring a snapshot", () => {
  it("installs the snapshot's log position and membership, once [TestRestore]", () => {
    const s = snapshot(11, 11, { voters: [1, 2, 3] });
    const sm = newTestRaft(1, 10, 1, newTestStorage([1, 2]));
    expect(sm.restore(s)).toBe(true);
    expect(sm.raftLog.lastIndex()).toBe(11);
    expect(sm.raftLog.termOrUndefined(11)).toBe(11);
    expect(sm.tracker.voterNodes()).toEqual([1, 2, 3]);
    expect(sm.restore(s)).toBe(false);
    // It does not campaign before the snapshot is applied.
    for (let i = 0; i < sm.randomizedElectionTimeout; i++) sm.tick();
    expect(sm.state).toBe(StateType.Follower);
  });

  it("installs learners [TestRestoreWithLearner]", () => {
    const s = snapshot(11, 11, { voters: [1, 2], learners: [3] });
    const sm = newTestRaft(3, 8, 2, newTestStorage([1, 2], [3]));
    expect(sm.restore(s)).toBe(true);
    expect(sm.raftLog.lastIndex()).toBe(11);
    expect(sm.raftLog.termOrUndefined(11)).toBe(11);
    expect(sm.tracker.voterNodes()).toEqual([1, 2]);
    expect(sm.tracker.learnerNodes()).toEqual([3]);
    for (const id of [1, 2]) expect(sm.tracker.progress.get(id)?.isLearner).toBe(false);
    expect(sm.tracker.progress.get(3)?.isLearner).toBe(true);
    expect(sm.restore(s)).toBe(false);
  });

  it("installs a joint configuration on an outgoing voter [TestRestoreWithVotersOutgoing]", () => {
    const s = snapshot(11, 11, { voters: [2, 3, 4], votersOutgoing: [1, 2, 3] });
    const sm = newTestRaft(1, 10, 1, newTestStorage([1, 2]));
    expect(sm.restore(s)).toBe(true);
    expect(sm.raftLog.lastIndex()).toBe(11);
    expect(sm.raftLog.termOrUndefined(11)).toBe(11);
    expect(sm.tracker.voterNodes()).toEqual([1, 2, 3, 4]);
    expect(sm.restore(s)).toBe(false);
    // It does not campaign before applying the data.
    for (let i = 0; i < sm.randomizedElectionTimeout; i++) sm.tick();
    expect(sm.state).toBe(StateType.Follower);
  });

  // A snapshot may compress several changes (removal, then re-adding as learner) into one: a voter must
  // accept becoming a learner through it, or it is cut off from the log for good.
  it("demotes a voter to learner [TestRestoreVoterToLearner]", () => {
    const sm = newTestRaft(3, 10, 1, newTestStorage([1, 2, 3]));
    expect(sm.isLearner).toBe(false);
    expect(sm.restore(snapshot(11, 11, { voters: [1, 2], learners: [3] }))).toBe(true);
    expect(sm.isLearner).toBe(true);
  });

  it("promotes a learner to voter [TestRestoreLearnerPromotion]", () => {
    const sm = newTestRaft(3, 10, 1, newTestStorage([1, 2], [3]));
    expect(sm.isLearner).toBe(true);
    expect(sm.restore(snapshot(11, 11, { voters: [1, 2, 3] }))).toBe(true);
    expect(sm.isLearner).toBe(false);
  });

  it("ignores a snapshot not beyond the commit index, or fast-forwards the commit index [TestRestoreIgnoreSnapshot]", () => {
    const commit = 1;
    const sm = newTestRaft(1, 10, 1, newTestStorage([1, 2]));
    sm.raftLog.append(ents(1, 1, 1, 1));
    sm.raftLog.commitTo(commit);
    // Ignored.
    expect(sm.restore(snapshot(commit, 1, { voters: [1, 2] }))).toBe(false);
    expect(sm.raftLog.committed).toBe(commit);
    // Ignored, but the commit index is fast-forwarded: the log already holds the snapshot's last entry.
    expect(sm.restore(snapshot(commit + 1, 1, { voters: [1, 2] }))).toBe(false);
    expect(sm.raftLog.committed).toBe(commit + 1);
  });

  it("refuses a snapshot that does not include it", () => {
    const sm = newTestRaft(3, 10, 1, newTestStorage([1, 2, 3]));
    expect(sm.restore(snapshot(11, 11, { voters: [1, 2] }))).toBe(false);
    expect(sm.raftLog.lastIndex()).toBe(0);
  });

  it("a follower takes the snapshot's sender as leader [TestRestoreFromSnapMsg]", () => {
    const sm = newTestRaft(2, 10, 1, newTestStorage([1, 2]));
    sm.step(
      msg({ type: MessageType.Snap, from: 1, term: 2, snapshot: snapshot(11, 11, { voters: [1, 2] }) }),
    );
    expect(sm.lead).toBe(1);
    expect(sm.raftLog.committed).toBe(11);
  });

  it("a learner receives a snapshot from the leader [TestLearnerReceiveSnapshot]", () => {
    // n1 restores a snapshot, so it has a compacted log and a snapshot to send.
    const s = snapshot(11, 11, { voters: [1], learners: [2] });
    const store = newTestStorage([1], [2]);
    const n1 = newTestRaft(1, 10, 1, store);
    const n2 = newTestRaft(2, 10, 1, newTestStorage([1], [2]));
    n1.restore(s);
    const snap = n1.raftLog.unstable.snapshot!;
    store.applySnapshot(snap);
    n1.appliedSnapshot(snap);
    const nt = new Network([n1, n2]);
    setRandomizedElectionTimeout(n1, 10);
    for (let i = 0; i < 10; i++) n1.tick();
    nt.send(beat(1));
    expect(n2.raftLog.committed).toBe(n1.raftLog.committed);
    expect(n1.raftLog.committed).toBe(12);
  });
});

describe("sending a snapshot", () => {
  it("sends a snapshot when the follower needs compacted entries [TestProvideSnap]", () => {
    // The leader restores a snapshot, so its log is compacted.
    const sm = newTestRaft(1, 10, 1, newTestStorage([1]));
    sm.restore(snapshot(11, 11, { voters: [1, 2] }));
    sm.becomeCandidate();
    sm.becomeLeader();
    // Node 2 needs a snapshot.
    const pr2 = sm.tracker.progress.get(2)!;
    pr2.next = sm.raftLog.firstIndex();
    sm.step(msg({ type: MessageType.AppResp, from: 2, to: 1, index: pr2.next - 1, reject: true }));
    const msgs = readMessages(sm);
    expect(msgs).toHaveLength(1);
    expect(msgs[0]?.type).toBe(MessageType.Snap);
    expect(pr2.state).toBe(ProgressState.Snapshot);
  });

  it("sends no snapshot to a follower not recently active [TestIgnoreProvidingSnap]", () => {
    const sm = newTestRaft(1, 10, 1, newTestStorage([1]));
    sm.restore(snapshot(11, 11, { voters: [1, 2] }));
    sm.becomeCandidate();
    sm.becomeLeader();
    // Node 2 needs a snapshot but is inactive.
    const pr2 = sm.tracker.progress.get(2)!;
    pr2.next = sm.raftLog.firstIndex() - 1;
    pr2.recentActive = false;
    sm.step(prop(1, "somedata"));
    expect(readMessages(sm)).toEqual([]);
  });

  it("a slow follower catches up through a snapshot [TestSlowNodeRestore]", () => {
    const nt = Network.of(null, null, null);
    nt.send(hup(1));
    nt.isolate(3);
    for (let j = 0; j <= 100; j++)
      nt.send(msg({ type: MessageType.Prop, from: 1, to: 1, entries: [propEntry()] }));
    const lead = nt.raft(1);
    const leadStorage = nt.storage.get(1)!;
    nextEnts(lead, leadStorage);
    leadStorage.createSnapshot(lead.raftLog.applied, lead.tracker.confState(), new Uint8Array(0));
    leadStorage.compact(lead.raftLog.applied);
    nt.recover();
    // Heartbeats until the leader knows node 3 is active: only its reply shows that.
    for (let i = 0; i < 50 && lead.tracker.progress.get(3)?.recentActive !== true; i++) nt.send(beat(1));
    expect(lead.tracker.progress.get(3)?.recentActive).toBe(true);
    // Trigger a snapshot, then a commit.
    nt.send(msg({ type: MessageType.Prop, from: 1, to: 1, entries: [propEntry()] }));
    const follower = nt.raft(3);
    nt.send(msg({ type: MessageType.Prop, from: 1, to: 1, entries: [propEntry()] }));
    expect(follower.raftLog.committed).toBe(lead.raftLog.committed);
  });
});

/**
 * Membership changes at the Raft level (thesis ch. 4), ported from etcd-io/raft's raft_test.go, plus the
 * leader's refusals of conf changes it may not append.
 */
import { describe, expect, it } from "vitest";
import { ConfChangeError } from "../src/changer.js";
import {
  ConfChangeTransition,
  ConfChangeType,
  confChange,
  decodeConfChange,
  type ConfChange,
} from "../src/conf-change.js";
import { ProposalDroppedError } from "../src/errors.js";
import { EntryType, MessageType, StateType, type Entry } from "../src/types.js";
import {
  advanceMessagesAfterAppend,
  confChangeEntry,
  confChangeProp,
  msg,
  mustAppendEntry,
  newTestRaft,
  newTestStorage,
  nextEnts,
  propEntry,
  readMessages,
} from "./helpers/harness.js";

const add = (nodeId: number) => ({ type: ConfChangeType.AddNode, nodeId });
const remove = (nodeId: number) => ({ type: ConfChangeType.RemoveNode, nodeId });
const addLearner = (nodeId: number) => ({ type: ConfChangeType.AddLearnerNode, nodeId });

describe("conf change proposals", () => {
  it("appends a conf change and records it as pending [TestStepConfig]", () => {
    // A raft that cannot make progress.
    const r = newTestRaft(1, 10, 1, newTestStorage([1, 2]));
    r.becomeCandidate();
    r.becomeLeader();
    const index = r.raftLog.lastIndex();
    r.step(confChangeProp(1, confChange([add(3)])));
    expect(r.raftLog.lastIndex()).toBe(index + 1);
    expect(r.pendingConfIndex).toBe(index + 1);
  });

  // A second conf change while the first is not applied is replaced by an empty normal entry.
  it("turns a second pending conf change into an empty entry [TestStepIgnoreConfig]", () => {
    const r = newTestRaft(1, 10, 1, newTestStorage([1, 2]));
    r.becomeCandidate();
    r.becomeLeader();
    r.step(confChangeProp(1, confChange([add(3)])));
    const index = r.raftLog.lastIndex();
    const pendingConfIndex = r.pendingConfIndex;
    r.step(confChangeProp(1, confChange([add(4)])));
    expect(r.raftLog.entries(index + 1, Number.MAX_SAFE_INTEGER)).toEqual([
      { term: 1, index: 3, type: EntryType.Normal, data: new Uint8Array(0) },
    ]);
    expect(r.pendingConfIndex).toBe(pendingConfIndex);
  });

  // A new leader cannot know whether its uncommitted tail holds a conf change, so it treats everything
  // up to its last index as possibly pending.
  it.each([
    { addEntry: false, wpendingIndex: 0 },
    { addEntry: true, wpendingIndex: 1 },
  ])(
    "a new leader marks its uncommitted tail as pending (entry: $addEntry) [TestNewLeaderPendingConfig]",
    ({ addEntry, wpendingIndex }) => {
      const r = newTestRaft(1, 10, 1, newTestStorage([1, 2]));
      if (addEntry) mustAppendEntry(r, propEntry());
      r.becomeCandidate();
      r.becomeLeader();
      expect(r.pendingConfIndex).toBe(wpendingIndex);
    },
  );

  const leaderOf = (voters: number[]) => {
    const s = newTestStorage(voters);
    const r = newTestRaft(1, 10, 1, s);
    r.becomeCandidate();
    r.becomeLeader();
    nextEnts(r, s);
    return { r, s };
  };

  it("refuses to enter a joint configuration while in one, and to leave one it is not in", () => {
    const { r, s } = leaderOf([1]);
    // Leaving when not joint: refused (replaced by an empty normal entry).
    r.step(confChangeProp(1, confChange([])));
    expect(r.raftLog.lastIndex()).toBe(2);
    expect(r.raftLog.entries(2, Number.MAX_SAFE_INTEGER)[0]?.type).toBe(EntryType.Normal);
    nextEnts(r, s);
    // Enter a joint configuration explicitly.
    const joint = confChange([add(2)], { transition: ConfChangeTransition.Explicit });
    r.step(confChangeProp(1, joint));
    const applied = nextEnts(r, s);
    expect(applied.map((e) => e.type)).toEqual([EntryType.ConfChange]);
    r.applyConfChange(decodeConfChange((applied[0] as Entry).data));
    expect(r.tracker.config.isJoint()).toBe(true);
    // Another change while joint: refused.
    const before = r.raftLog.lastIndex();
    r.step(confChangeProp(1, confChange([add(3)])));
    expect(r.raftLog.entries(before + 1, Number.MAX_SAFE_INTEGER)[0]?.type).toBe(EntryType.Normal);
    // Leaving: accepted.
    r.step(confChangeProp(1, confChange([])));
    expect(r.raftLog.entries(before + 2, Number.MAX_SAFE_INTEGER)[0]?.type).toBe(EntryType.ConfChange);
  });

  it("refuses an undecodable conf change", () => {
    const { r } = leaderOf([1]);
    r.step(
      msg({
        type: MessageType.Prop,
        from: 1,
        to: 1,
        entries: [{ term: 0, index: 0, type: EntryType.ConfChange, data: new Uint8Array([9, 9, 9, 9]) }],
      }),
    );
    expect(r.raftLog.entries(2, Number.MAX_SAFE_INTEGER)[0]).toMatchObject({
      type: EntryType.Normal,
      data: new Uint8Array(0),
    });
    expect(r.pendingConfIndex).toBe(0);
  });

  it("an auto-leaving joint configuration is left by the leader once applied", () => {
    const { r, s } = leaderOf([1]);
    r.step(confChangeProp(1, confChange([add(2), addLearner(3)])));
    advanceMessagesAfterAppend(r);
    const committed = r.raftLog.nextCommittedEntries();
    expect(committed.map((e) => e.type)).toEqual([EntryType.ConfChange]);
    const cs = r.applyConfChange(decodeConfChange((committed[0] as Entry).data));
    expect(cs).toMatchObject({ voters: [1, 2], votersOutgoing: [1], learners: [3], autoLeave: true });
    s.append(r.raftLog.nextUnstableEntries());
    // Applying the entry makes the leader propose the (empty) change that leaves the joint configuration.
    r.appliedTo((committed[0] as Entry).index, 0);
    const last = r.raftLog.entries(r.raftLog.lastIndex(), Number.MAX_SAFE_INTEGER)[0] as Entry;
    expect(last.type).toBe(EntryType.ConfChange);
    expect(decodeConfChange(last.data).changes).toEqual([]);
    expect(r.pendingConfIndex).toBe(last.index);
  });
});

describe("applying conf changes", () => {
  it("adds a voter [TestAddNode]", () => {
    const r = newTestRaft(1, 10, 1, newTestStorage([1]));
    r.applyConfChange(confChange([add(2)]));
    expect(r.tracker.voterNodes()).toEqual([1, 2]);
  });

  it("adds, promotes and demotes learners [TestAddLearner]", () => {
    const r = newTestRaft(1, 10, 1, newTestStorage([1]));
    // A new learner.
    r.applyConfChange(confChange([addLearner(2)]));
    expect(r.isLearner).toBe(false);
    expect(r.tracker.learnerNodes()).toEqual([2]);
    expect(r.tracker.progress.get(2)?.isLearner).toBe(true);
    // Promoted to voter.
    r.applyConfChange(confChange([add(2)]));
    expect(r.tracker.progress.get(2)?.isLearner).toBe(false);
    // Demote r itself.
    r.applyConfChange(confChange([addLearner(1)]));
    expect(r.tracker.progress.get(1)?.isLearner).toBe(true);
    expect(r.isLearner).toBe(true);
    // Promote r again.
    r.applyConfChange(confChange([add(1)]));
    expect(r.tracker.progress.get(1)?.isLearner).toBe(false);
    expect(r.isLearner).toBe(false);
  });

  it("removes a voter, but never the last one [TestRemoveNode]", () => {
    const r = newTestRaft(1, 10, 1, newTestStorage([1, 2]));
    r.applyConfChange(confChange([remove(2)]));
    expect(r.tracker.voterNodes()).toEqual([1]);
    expect(() => r.applyConfChange(confChange([remove(1)]))).toThrow(ConfChangeError);
    expect(r.tracker.voterNodes()).toEqual([1]);
  });

  it("removes a learner [TestRemoveLearner]", () => {
    const r = newTestRaft(1, 10, 1, newTestStorage([1], [2]));
    r.applyConfChange(confChange([remove(2)]));
    expect(r.tracker.voterNodes()).toEqual([1]);
    expect(r.tracker.learnerNodes()).toEqual([]);
    expect(() => r.applyConfChange(confChange([remove(1)]))).toThrow(ConfChangeError);
  });

  it.each([
    { peers: [1], wp: true },
    { peers: [1, 2, 3], wp: true },
    { peers: [], wp: false },
    { peers: [2, 3], wp: false },
  ])("node 1 with voters $peers is promotable: $wp [TestPromotable]", ({ peers, wp }) => {
    expect(newTestRaft(1, 5, 1, newTestStorage(peers)).promotable()).toBe(wp);
  });

  it.each([[[1, 2, 3]], [[3, 2, 1]]])("lists voters in order (%j) [TestRaftNodes]", (ids) => {
    expect(newTestRaft(1, 10, 1, newTestStorage(ids)).tracker.voterNodes()).toEqual([1, 2, 3]);
  });

  // Pending commands commit once a conf change lowers the quorum.
  it("commits pending entries when a removal shrinks the quorum [TestCommitAfterRemoveNode]", () => {
    const s = newTestStorage([1, 2]);
    const r = newTestRaft(1, 5, 1, s);
    r.becomeCandidate();
    r.becomeLeader();
    // Begin removing node 2.
    const cc: ConfChange = confChange([remove(2)]);
    r.step(msg({ type: MessageType.Prop, entries: [confChangeEntry(cc)] }));
    // Stabilize the log; nothing is committed yet.
    expect(nextEnts(r, s)).toEqual([]);
    const ccIndex = r.raftLog.lastIndex();
    // Another proposal while the conf change is pending.
    r.step(msg({ type: MessageType.Prop, entries: [propEntry("hello")] }));
    // Node 2 acks the conf change, committing it.
    r.step(msg({ type: MessageType.AppResp, from: 2, index: ccIndex }));
    let ents = nextEnts(r, s);
    expect(ents.map((e) => e.type)).toEqual([EntryType.Normal, EntryType.ConfChange]);
    expect(ents[0]?.data).toHaveLength(0);
    // Applying it reduces the quorum, so the pending command commits.
    r.applyConfChange(cc);
    ents = nextEnts(r, s);
    expect(ents).toHaveLength(1);
    expect(ents[0]?.type).toBe(EntryType.Normal);
    expect(new TextDecoder().decode(ents[0]?.data)).toBe("hello");
  });

  it.each([true, false])(
    "a removed leader steps down only with stepDownOnRemoval=%s",
    (stepDownOnRemoval) => {
      const r = newTestRaft(1, 10, 1, newTestStorage([1, 2, 3]), { stepDownOnRemoval });
      r.becomeCandidate();
      r.becomeLeader();
      readMessages(r);
      r.applyConfChange(confChange([remove(1)]));
      expect(r.state).toBe(stepDownOnRemoval ? StateType.Follower : StateType.Leader);
      if (!stepDownOnRemoval) {
        // It keeps leading until it is replaced, but appends nothing new.
        const drop = (() => {
          try {
            r.step(msg({ type: MessageType.Prop, from: 1, to: 1, entries: [propEntry("x")] }));
          } catch (error) {
            return error;
          }
          return undefined;
        })();
        expect(drop).toBeInstanceOf(ProposalDroppedError);
      }
    },
  );
});

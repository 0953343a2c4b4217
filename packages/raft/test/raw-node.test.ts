/**
 * RawNode and the Ready contract, ported from etcd-io/raft's rawnode_test.go (TestRawNodeStep,
 * ProposeAndConfChange, JointAutoLeave, ProposeAddDuplicateNode, ReadIndex, Start, Restart,
 * RestartFromSnapshot, Status, CommitPaginationAfterRestart, BoundedLogGrowthWithPartition, ConsumeReady).
 */
import { AssertionError } from "@millrace/common";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  ConfChangeTransition,
  ConfChangeType,
  confChange,
  decodeConfChange,
  encodeConfChange,
  type ConfChange,
} from "../src/conf-change.js";
import { type RaftConfig } from "../src/config.js";
import { ProposalDroppedError, StepRefusedError } from "../src/errors.js";
import { RawNode, type Ready } from "../src/raw-node.js";
import { MemoryStorage } from "../src/storage.js";
import {
  EntryType,
  MessageType,
  StateType,
  entryPayloadSize,
  entrySize,
  isLocalMessage,
  isResponseMessage,
  type ConfState,
  type Entry,
  type Message,
  type MessageType as MsgType,
} from "../src/types.js";
import {
  TestStorage,
  bytes,
  confState,
  entry,
  msg,
  newTestConfig,
  newTestStorage,
  propEntry,
  snapshot,
} from "./helpers/harness.js";

function newTestRawNode(
  id: number,
  election: number,
  heartbeat: number,
  storage: MemoryStorage,
  overrides: Partial<RaftConfig> = {},
): RawNode {
  return new RawNode(newTestConfig(id, election, heartbeat, storage, overrides));
}

/** Persists a Ready the simplest way: snapshot, entries, hard state. */
function persist(s: MemoryStorage, rd: Ready): void {
  if (rd.snapshot !== undefined) s.applySnapshot(rd.snapshot);
  s.append(rd.entries);
  if (rd.hardState !== undefined) s.setHardState(rd.hardState);
}

describe("RawNode", () => {
  // Local messages cannot arrive from the network, nor responses from nodes outside the configuration.
  it("refuses to step local messages and responses from non-members [TestRawNodeStep]", () => {
    const types = Object.values(MessageType) as MsgType[];
    for (const type of types) {
      const s = new MemoryStorage();
      s.setHardState({ term: 1, vote: 0, commit: 1 });
      s.append([entry(1, 1)]);
      s.applySnapshot(snapshot(1, 1, { voters: [1] }));
      // An entry in the log keeps non-local messages (vote requests) from tripping assertions.
      const rawNode = newTestRawNode(1, 10, 1, s);
      let error: unknown;
      try {
        // Well formed: requests forwarded as if local carry an entry and no term (a leader transfer
        // none either: this node is no leader, and would forward it), every other message a term.
        const forwarded = type === MessageType.Prop || type === MessageType.ReadIndex;
        const termless = forwarded || type === MessageType.TransferLeader;
        rawNode.step(msg({ type, term: termless ? 0 : 1, entries: forwarded ? [propEntry()] : [] }));
      } catch (e) {
        error = e;
      }
      if (isLocalMessage(type) || isResponseMessage(type)) {
        expect(error, `type ${type}`).toBeInstanceOf(StepRefusedError);
      } else if (error !== undefined) {
        // A proposal without a leader is dropped; nothing else may fail.
        expect(error, `type ${type}`).toBeInstanceOf(ProposalDroppedError);
      }
    }
  });

  // Each case proposes a (simple or joint) conf change, checks that it applies with the expected
  // ConfState, and that joint configurations are left (automatically or by an explicit proposal).
  const cases: { name: string; cc: ConfChange; exp: Partial<ConfState>; exp2?: Partial<ConfState> }[] = [
    {
      name: "simple add voter",
      cc: confChange([{ type: ConfChangeType.AddNode, nodeId: 2 }]),
      exp: { voters: [1, 2] },
    },
    {
      name: "simple add learner",
      cc: confChange([{ type: ConfChangeType.AddLearnerNode, nodeId: 2 }]),
      exp: { voters: [1], learners: [2] },
    },
    {
      name: "explicit joint add learner",
      cc: confChange([{ type: ConfChangeType.AddLearnerNode, nodeId: 2 }], {
        transition: ConfChangeTransition.Explicit,
      }),
      exp: { voters: [1], votersOutgoing: [1], learners: [2] },
      exp2: { voters: [1], learners: [2] },
    },
    {
      name: "implicit joint add learner",
      cc: confChange([{ type: ConfChangeType.AddLearnerNode, nodeId: 2 }], {
        transition: ConfChangeTransition.Implicit,
      }),
      exp: { voters: [1], votersOutgoing: [1], learners: [2], autoLeave: true },
      exp2: { voters: [1], learners: [2] },
    },
    // Add a voter and demote n1: a joint change that needs LearnersNext.
    {
      name: "auto joint add and demote",
      cc: confChange([
        { type: ConfChangeType.AddNode, nodeId: 2 },
        { type: ConfChangeType.AddLearnerNode, nodeId: 1 },
        { type: ConfChangeType.AddLearnerNode, nodeId: 3 },
      ]),
      exp: { voters: [2], votersOutgoing: [1], learners: [3], learnersNext: [1], autoLeave: true },
      exp2: { voters: [2], learners: [1, 3] },
    },
    {
      name: "explicit joint add and demote",
      cc: confChange(
        [
          { type: ConfChangeType.AddNode, nodeId: 2 },
          { type: ConfChangeType.AddLearnerNode, nodeId: 1 },
          { type: ConfChangeType.AddLearnerNode, nodeId: 3 },
        ],
        { transition: ConfChangeTransition.Explicit },
      ),
      exp: { voters: [2], votersOutgoing: [1], learners: [3], learnersNext: [1] },
      exp2: { voters: [2], learners: [1, 3] },
    },
    {
      name: "implicit joint add and demote",
      cc: confChange(
        [
          { type: ConfChangeType.AddNode, nodeId: 2 },
          { type: ConfChangeType.AddLearnerNode, nodeId: 1 },
          { type: ConfChangeType.AddLearnerNode, nodeId: 3 },
        ],
        { transition: ConfChangeTransition.Implicit },
      ),
      exp: { voters: [2], votersOutgoing: [1], learners: [3], learnersNext: [1], autoLeave: true },
      exp2: { voters: [2], learners: [1, 3] },
    },
  ];
  it.each(cases)(
    "proposes and applies a conf change: $name [TestRawNodeProposeAndConfChange]",
    ({ cc, exp, exp2 }) => {
      const s = newTestStorage([1]);
      const rawNode = newTestRawNode(1, 10, 1, s);
      rawNode.campaign();
      let proposed = false;
      const ccdata = encodeConfChange(cc);
      // Propose the conf change, wait until it applies, keep the resulting ConfState.
      let cs: ConfState | undefined;
      for (let i = 0; cs === undefined && i < 20; i++) {
        const rd = rawNode.ready();
        persist(s, rd);
        for (const ent of rd.committedEntries) {
          if (ent.type === EntryType.ConfChange) cs = rawNode.applyConfChange(decodeConfChange(ent.data));
        }
        rawNode.advance();
        // Once leader, propose a command and the conf change.
        if (!proposed && rawNode.raft.lead === rawNode.raft.id) {
          rawNode.propose(bytes("somedata"));
          rawNode.proposeConfChange(cc);
          proposed = true;
        }
      }
      // The last entries in storage are exactly the command and the conf change, down to the bits. (This
      // is the Storage, which does not yet hold unstable entries of the next Ready.)
      const lastIndex = s.lastIndex();
      const entries = s.entries(lastIndex - 1, lastIndex + 1, Number.MAX_SAFE_INTEGER);
      expect(entries).toHaveLength(2);
      expect(entries[0]?.data).toEqual(bytes("somedata"));
      expect(entries[1]?.type).toBe(EntryType.ConfChange);
      expect(entries[1]?.data).toEqual(ccdata);
      expect(cs).toEqual(confState(exp));

      // An auto-leaving joint change has already appended the entry that leaves it (not yet in storage).
      const autoLeave = cs?.autoLeave === true;
      expect(rawNode.raft.pendingConfIndex).toBe(lastIndex + (autoLeave ? 1 : 0));

      // Move along. A simple change is done; a joint one is left automatically, or by a manual proposal.
      let rd = rawNode.ready();
      let context: Uint8Array = new Uint8Array(0);
      if (!autoLeave) {
        expect(rd.entries).toEqual([]);
        rawNode.advance();
        if (exp2 === undefined) return;
        context = bytes("manual");
        rawNode.proposeConfChange(confChange([], { context }));
        rd = rawNode.ready();
      }
      // The change that leaves the joint configuration comes out.
      expect(rd.entries).toHaveLength(1);
      expect(rd.entries[0]?.type).toBe(EntryType.ConfChange);
      const leave = decodeConfChange((rd.entries[0] as Entry).data);
      expect(leave).toEqual(confChange([], { context }));
      // Pretend it applied: it cannot commit, as a joint quorum is needed and only one node runs.
      cs = rawNode.applyConfChange(leave);
      expect(cs).toEqual(confState(exp2));
      rawNode.advance();
    },
  );

  // The joint configuration is left even if the leader lost leadership meanwhile: the next leader does it.
  it("leaves an auto-leave joint configuration after regaining leadership [TestRawNodeJointAutoLeave]", () => {
    const testCc = confChange([{ type: ConfChangeType.AddLearnerNode, nodeId: 2 }], {
      transition: ConfChangeTransition.Implicit,
    });
    const s = newTestStorage([1]);
    const rawNode = newTestRawNode(1, 10, 1, s);
    rawNode.campaign();
    let proposed = false;
    let cs: ConfState | undefined;
    for (let i = 0; cs === undefined && i < 20; i++) {
      const rd = rawNode.ready();
      persist(s, rd);
      for (const ent of rd.committedEntries) {
        if (ent.type !== EntryType.ConfChange) continue;
        // Force it to step down.
        rawNode.step(msg({ type: MessageType.HeartbeatResp, from: 1, term: rawNode.raft.term + 1 }));
        cs = rawNode.applyConfChange(decodeConfChange(ent.data));
      }
      rawNode.advance();
      if (!proposed && rawNode.raft.lead === rawNode.raft.id) {
        rawNode.propose(bytes("somedata"));
        rawNode.proposeConfChange(testCc);
        proposed = true;
      }
    }
    const lastIndex = s.lastIndex();
    const entries = s.entries(lastIndex - 1, lastIndex + 1, Number.MAX_SAFE_INTEGER);
    expect(entries).toHaveLength(2);
    expect(entries[0]?.data).toEqual(bytes("somedata"));
    expect(entries[1]?.data).toEqual(encodeConfChange(testCc));
    expect(cs).toEqual(confState({ voters: [1], votersOutgoing: [1], learners: [2], autoLeave: true }));
    expect(rawNode.raft.pendingConfIndex).toBe(0);
    // A follower does not leave the joint configuration.
    expect(rawNode.raft.state).toBe(StateType.Follower);
    expect(rawNode.raft.raftLog.nextUnstableEntries()).toEqual([]);
    // Leader again: it leaves automatically once its apply index moves.
    rawNode.campaign();
    let rd: Ready | undefined;
    for (let i = 0; i < 4; i++) {
      rd = rawNode.ready();
      persist(s, rd);
      if (i < 3) rawNode.advance();
    }
    expect(rd?.entries).toHaveLength(1);
    expect(rd?.entries[0]?.type).toBe(EntryType.ConfChange);
    const cc = decodeConfChange((rd?.entries[0] as Entry).data);
    expect(cc).toEqual(confChange([]));
    // Pretend it applied.
    expect(rawNode.applyConfChange(cc)).toEqual(confState({ voters: [1], learners: [2] }));
  });

  // Two proposals adding the same node do not disturb a later proposal adding another one.
  it("handles a duplicate add [TestRawNodeProposeAddDuplicateNode]", () => {
    const s = newTestStorage([1]);
    const rawNode = newTestRawNode(1, 10, 1, s);
    rawNode.campaign();
    for (let i = 0; i < 10; i++) {
      const rd = rawNode.ready();
      persist(s, rd);
      rawNode.advance();
      if (rawNode.raft.lead === rawNode.raft.id) break;
    }
    const proposeConfChangeAndApply = (cc: ConfChange) => {
      rawNode.proposeConfChange(cc);
      // Persist, then apply (two Readies: the self-ack commits on advance).
      for (let i = 0; i < 2; i++) {
        const rd = rawNode.ready();
        persist(s, rd);
        for (const e of rd.committedEntries)
          if (e.type === EntryType.ConfChange) rawNode.applyConfChange(decodeConfChange(e.data));
        rawNode.advance();
      }
    };
    const cc1 = confChange([{ type: ConfChangeType.AddNode, nodeId: 1 }]);
    proposeConfChangeAndApply(cc1);
    // Add the same node again.
    proposeConfChangeAndApply(cc1);
    // Adding a new node works.
    const cc2 = confChange([{ type: ConfChangeType.AddNode, nodeId: 2 }]);
    proposeConfChangeAndApply(cc2);
    const lastIndex = s.lastIndex();
    // The last three entries: cc1, cc1, cc2.
    const entries = s.entries(lastIndex - 2, lastIndex + 1, Number.MAX_SAFE_INTEGER);
    expect(entries.map((e) => e.data)).toEqual([
      encodeConfChange(cc1),
      encodeConfChange(cc1),
      encodeConfChange(cc2),
    ]);
    expect(rawNode.raft.tracker.voterNodes()).toEqual([1, 2]);
  });

  it("hands out read states and resets them [TestRawNodeReadIndex]", () => {
    const wrs = [{ index: 1, requestCtx: bytes("somedata") }];
    const s = newTestStorage([1]);
    const rawNode = newTestRawNode(1, 10, 1, s);
    rawNode.raft.readStates = wrs;
    // The read states come out in the next Ready...
    expect(rawNode.hasReady()).toBe(true);
    let rd = rawNode.ready();
    expect(rd.readStates).toEqual(wrs);
    persist(s, rd);
    rawNode.advance();
    // ...and are then reset.
    expect(rawNode.raft.readStates).toEqual([]);

    const wrequestCtx = bytes("somedata2");
    rawNode.campaign();
    for (let i = 0; i < 10; i++) {
      rd = rawNode.ready();
      persist(s, rd);
      rawNode.advance();
      if (rawNode.raft.lead === rawNode.raft.id && rawNode.raft.committedEntryInCurrentTerm()) break;
    }
    // As leader, a read request is answered through the raft (a single node answers at once).
    rawNode.readIndex(wrequestCtx);
    rd = rawNode.ready();
    expect(rd.readStates).toEqual([{ index: rawNode.raft.raftLog.committed, requestCtx: wrequestCtx }]);
    rawNode.advance();
  });

  // The application bootstraps the state: a ConfState at index 1 that no follower can reach from log
  // position 1, so empty followers must receive a snapshot first.
  it("starts from a bootstrapped storage [TestRawNodeStart]", () => {
    const entries = [entry(1, 2), entry(1, 3, "foo")];
    const storage = new MemoryStorage();
    // Bootstrap: a snapshot at index 1 holding the configuration.
    expect(storage.firstIndex()).toBe(1);
    expect(storage.initialState().confState.voters).toEqual([]);
    storage.applySnapshot(snapshot(1, 0, { voters: [1] }));
    const rawNode = newTestRawNode(1, 10, 1, storage);
    expect(rawNode.hasReady()).toBe(false);

    rawNode.campaign();
    let rd = rawNode.ready();
    persist(storage, rd);
    rawNode.advance();
    rawNode.propose(bytes("foo"));
    expect(rawNode.hasReady()).toBe(true);
    rd = rawNode.ready();
    expect(rd.entries).toEqual(entries);
    persist(storage, rd);
    rawNode.advance();

    expect(rawNode.hasReady()).toBe(true);
    rd = rawNode.ready();
    expect(rd.entries).toEqual([]);
    expect(rd.mustSync).toBe(false);
    rawNode.advance();
    const { softState: _, ...rest } = rd;
    expect(rest).toEqual({
      hardState: { term: 1, vote: 1, commit: 3 },
      readStates: [],
      entries: [],
      committedEntries: entries,
      messages: [],
      // Only applying, not appending.
      mustSync: false,
    });
    expect(rawNode.hasReady()).toBe(false);
  });

  it("restarts from a persisted log and hard state [TestRawNodeRestart]", () => {
    const entries = [entry(1, 1), entry(1, 2, "foo")];
    const storage = newTestStorage([1]);
    storage.setHardState({ term: 1, vote: 0, commit: 1 });
    storage.append(entries);
    const rawNode = newTestRawNode(1, 10, 1, storage);
    const rd = rawNode.ready();
    // Commit up to the hard state's commit index; nothing else.
    expect(rd).toEqual({
      readStates: [],
      entries: [],
      committedEntries: entries.slice(0, 1),
      messages: [],
      mustSync: false,
    });
    rawNode.advance();
    expect(rawNode.hasReady()).toBe(false);
  });

  it("restarts from a snapshot and a log [TestRawNodeRestartFromSnapshot]", () => {
    const entries = [entry(1, 3, "foo")];
    const s = new MemoryStorage();
    s.setHardState({ term: 1, vote: 0, commit: 3 });
    s.applySnapshot(snapshot(2, 1, { voters: [1, 2] }));
    s.append(entries);
    const rawNode = newTestRawNode(1, 10, 1, s);
    const rd = rawNode.ready();
    expect(rd).toEqual({
      readStates: [],
      entries: [],
      committedEntries: entries,
      messages: [],
      mustSync: false,
    });
    rawNode.advance();
    expect(rawNode.hasReady()).toBe(false);
  });

  it("reports status, with progress only as leader [TestRawNodeStatus]", () => {
    const s = newTestStorage([1]);
    const rn = newTestRawNode(1, 10, 1, s);
    expect(rn.status().progress).toBeUndefined();
    rn.campaign();
    const rd = rn.ready();
    persist(s, rd);
    rn.advance();
    const status = rn.status();
    expect(status.softState).toEqual({ lead: 1, raftState: StateType.Leader });
    const pr = rn.raft.tracker.progress.get(1)!;
    expect(status.progress?.get(1)).toMatchObject({
      match: pr.match,
      next: pr.next,
      state: pr.state,
      isLearner: false,
    });
    expect(status.confState).toEqual(confState({ voters: [1] }));
  });

  // The anomaly: after a restart the storage returns more committed entries than the size hint allows;
  // if Raft then advanced its apply cursor past what it handed out, an entry would never be applied.
  it("applies every entry across a restart with paginated committed entries [TestRawNodeCommitPaginationAfterRestart]", () => {
    class IgnoreSizeHintStorage extends TestStorage {
      override entries(lo: number, hi: number, _maxSize: number): Entry[] {
        return super.entries(lo, hi, Number.MAX_SAFE_INTEGER);
      }
    }
    const s = new IgnoreSizeHintStorage(confState({ voters: [1] }));
    s.setHardState({ term: 1, vote: 1, commit: 10 });
    const ents: Entry[] = [];
    let size = 0;
    for (let i = 0; i < 10; i++) {
      const e = entry(1, i + 1, "a");
      ents.push(e);
      size += entrySize(e);
    }
    s.append(ents);
    // A size that suggests the last committed entry should not be in the first Ready; the storage
    // ignores it and returns it anyway (which is how the commit index got to 10 in the first place).
    const cfg = { committedBytesPerReadyMax: size - entrySize(ents[ents.length - 1] as Entry) - 1 };
    s.append([entry(1, 11, "boom")]);
    const rawNode = newTestRawNode(1, 10, 1, s, cfg);
    for (let highestApplied = 0, round = 0; highestApplied !== 11; round++) {
      expect(round).toBeLessThan(20);
      const rd = rawNode.ready();
      const n = rd.committedEntries.length;
      expect(n, `stopped applying entries at index ${highestApplied}`).toBeGreaterThan(0);
      const next = (rd.committedEntries[0] as Entry).index;
      if (highestApplied !== 0)
        expect(next, `applying index ${next} after ${highestApplied} leaves a gap`).toBe(highestApplied + 1);
      highestApplied = (rd.committedEntries[n - 1] as Entry).index;
      rawNode.advance();
      // Illegal (node 2 is no member), but it gets the commit index across.
      rawNode.step(msg({ type: MessageType.Heartbeat, to: 1, from: 2, term: 1, commit: 11 }));
    }
  });

  // A leader cut off from its quorum does not grow its log without bound.
  it("bounds log growth during a partition [TestRawNodeBoundedLogGrowthWithPartition]", () => {
    const maxEntries = 16;
    const data = bytes("testdata");
    const maxEntrySize = maxEntries * entryPayloadSize(propEntry(data));
    const s = newTestStorage([1]);
    const rawNode = newTestRawNode(1, 10, 1, s, { uncommittedBytesMax: maxEntrySize });
    // Become leader and apply the empty entry.
    rawNode.campaign();
    for (let i = 0; i < 10; i++) {
      const rd = rawNode.ready();
      persist(s, rd);
      rawNode.advance();
      if (rd.committedEntries.length > 0) break;
    }
    // A partition: nothing commits while proposals keep coming.
    let dropped = 0;
    for (let i = 0; i < 1024; i++) {
      try {
        rawNode.propose(data);
      } catch (error) {
        if (!(error instanceof ProposalDroppedError)) throw error;
        dropped++;
      }
    }
    expect(dropped).toBe(1024 - maxEntries);
    // The uncommitted tail is at the limit.
    expect(rawNode.raft.uncommittedSize).toBe(maxEntrySize);
    // Recovery: the tail disappears as entries commit and apply.
    let rd = rawNode.ready();
    expect(rd.entries).toHaveLength(maxEntries);
    persist(s, rd);
    rawNode.advance();
    // Appended, not yet applied.
    expect(rawNode.raft.uncommittedSize).toBe(maxEntrySize);
    rd = rawNode.ready();
    expect(rd.entries).toEqual([]);
    expect(rd.committedEntries).toHaveLength(maxEntries);
    rawNode.advance();
    expect(rawNode.raft.uncommittedSize).toBe(0);
  });

  it("ready() takes the messages; advance() keeps newer ones [TestRawNodeConsumeReady]", () => {
    const s = newTestStorage([1]);
    const rn = newTestRawNode(1, 3, 1, s);
    const m1 = msg({ type: MessageType.App, to: 2, context: bytes("foo") });
    const m2 = msg({ type: MessageType.App, to: 2, context: bytes("bar") });
    rn.raft.msgs.push(m1);
    // Ready moves the message into the Ready rather than leaving it in both places.
    const rd = rn.ready();
    expect(rn.raft.msgs).toEqual([]);
    expect(rd.messages).toEqual([m1]);
    // A message added before advance() is not dropped by it.
    rn.raft.msgs.push(m2);
    rn.advance();
    expect(rn.raft.msgs).toEqual([m2]);
  });

  it("enforces the ready/advance alternation", () => {
    const rn = newTestRawNode(1, 10, 1, newTestStorage([1]));
    expect(() => rn.advance()).toThrow(AssertionError);
    rn.ready();
    expect(() => rn.ready()).toThrow(AssertionError);
    rn.advance();
  });

  it("sends vote and append acknowledgements only with the Ready that persists them", () => {
    const s = newTestStorage([1, 2]);
    const rn = newTestRawNode(2, 10, 1, s);
    rn.step(msg({ type: MessageType.Vote, from: 1, to: 2, term: 1, logTerm: 0, index: 0 }));
    const rd = rn.ready();
    // The vote is in this Ready's messages, and the Ready must be synced first.
    expect(rd.hardState).toEqual({ term: 1, vote: 1, commit: 0 });
    expect(rd.mustSync).toBe(true);
    expect(rd.messages.map((m: Message) => m.type)).toEqual([MessageType.VoteResp]);
    rn.advance();
  });
});

type Role = "follower" | "candidate" | "leader";

/**
 * A node of a three-voter group at term 1 holding entries 1 to 3 (1 and 2 committed): a follower, or a
 * candidate or the leader of term 2.
 */
function groupMember(role: Role): RawNode {
  const s = new MemoryStorage();
  s.applySnapshot(snapshot(1, 1, { voters: [1, 2, 3] }));
  s.append([entry(1, 2), entry(1, 3)]);
  s.setHardState({ term: 1, vote: 0, commit: 2 });
  const rawNode = newTestRawNode(1, 10, 1, s);
  if (role === "follower") return rawNode;
  rawNode.campaign();
  persist(s, rawNode.ready());
  rawNode.advance();
  if (role === "leader") {
    rawNode.step(msg({ type: MessageType.VoteResp, from: 2, to: 1, term: 2 }));
    expect(rawNode.raft.state).toBe(StateType.Leader);
  }
  return rawNode;
}

// Stepping is the network's way in: a buggy, version-skewed or hostile peer must not be able to trip an
// assertion (which stops the whole node) or wind the term back.
describe("RawNode.step and messages no correct peer sends", () => {
  const heartbeatFrom2 = msg({ type: MessageType.Heartbeat, from: 2, to: 1, term: 1, commit: 2 });
  const cases: { name: string; role: Role; before?: Message; m: Message }[] = [
    {
      name: "an empty proposal",
      role: "leader",
      m: msg({ type: MessageType.Prop, from: 2, to: 1 }),
    },
    {
      name: "a proposal with a term, which a follower would forward",
      role: "follower",
      before: heartbeatFrom2,
      m: msg({ type: MessageType.Prop, from: 3, to: 1, term: 1, entries: [propEntry("x")] }),
    },
    {
      name: "a vote request without a term",
      role: "follower",
      m: msg({ type: MessageType.Vote, from: 2, to: 1, index: 3, logTerm: 1 }),
    },
    {
      name: "a heartbeat committing past the follower's log",
      role: "follower",
      m: msg({ type: MessageType.Heartbeat, from: 2, to: 1, term: 1, commit: 100 }),
    },
    {
      name: "an append whose entries skip an index",
      role: "follower",
      m: msg({
        type: MessageType.App,
        from: 2,
        to: 1,
        term: 1,
        index: 3,
        logTerm: 1,
        commit: 5,
        entries: [entry(1, 5)],
      }),
    },
    {
      name: "an append whose entry conflicts below the commit index",
      role: "follower",
      m: msg({
        type: MessageType.App,
        from: 2,
        to: 1,
        term: 3,
        index: 3,
        logTerm: 1,
        entries: [entry(3, 2)],
      }),
    },
    {
      name: "a snapshot without a term",
      role: "candidate",
      m: msg({ type: MessageType.Snap, from: 2, to: 1, snapshot: snapshot(5, 1, { voters: [1, 2, 3] }) }),
    },
  ];
  for (const { name, role, before, m } of cases) {
    it(`refuses ${name}`, () => {
      const rawNode = groupMember(role);
      if (before !== undefined) rawNode.step(before);
      const term = rawNode.raft.term;
      expect(() => rawNode.step(m)).toThrow(StepRefusedError);
      expect(rawNode.raft.term).toBe(term);
    });
  }

  it("never trips an assertion, whatever a peer sends", () => {
    const small = fc.nat({ max: 8 });
    const remoteTypes = (Object.values(MessageType) as MsgType[]).filter((type) => !isLocalMessage(type));
    const arbitraryEntry = fc.record({
      index: small,
      term: small,
      type: fc.constantFrom(EntryType.Normal, EntryType.ConfChange),
      data: fc.constant(new Uint8Array(0)),
    });
    const arbitraryMessage = fc.record({
      type: fc.constantFrom(...remoteTypes),
      from: fc.constantFrom(2, 3, 9),
      term: small,
      logTerm: small,
      index: small,
      commit: small,
      reject: fc.boolean(),
      rejectHint: small,
      entries: fc.array(arbitraryEntry, { maxLength: 3 }),
    });
    fc.assert(
      fc.property(
        fc.constantFrom<Role[]>("follower", "candidate", "leader"),
        fc.array(arbitraryMessage, { minLength: 1, maxLength: 4 }),
        (role, fields) => {
          const rawNode = groupMember(role);
          for (const f of fields) {
            const m = msg({ ...f, to: 1 });
            if (m.type === MessageType.Snap) m.snapshot = snapshot(f.index, f.logTerm, { voters: [1, 2, 3] });
            try {
              rawNode.step(m);
            } catch (error) {
              if (error instanceof AssertionError) throw error;
            }
          }
        },
      ),
      { numRuns: 2_000 },
    );
  });
});

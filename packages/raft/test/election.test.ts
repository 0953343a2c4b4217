/**
 * Leader election, PreVote and learners, ported from etcd-io/raft's raft_test.go. Tests work on Raft
 * objects directly; the network helper delivers each node's "after append" self-messages (its own vote)
 * right after every step, as a node persisting each Ready at once would.
 */
import { describe, expect, it } from "vitest";
import { ConfChangeType, confChange } from "../src/conf-change.js";
import { type RaftConfig } from "../src/config.js";
import { None, type Raft } from "../src/raft.js";
import {
  MessageType,
  StateType,
  voteResponseType,
  type MessageType as MsgType,
  type NodeId,
  type StateType as State,
} from "../src/types.js";
import {
  Network,
  advanceMessagesAfterAppend,
  confChangeProp,
  ents,
  expectedLogSummary,
  hup,
  internals,
  logSummary,
  msg,
  newTestRaft,
  newTestStorage,
  nextEnts,
  nopStepper,
  readMessages,
  setRandomizedElectionTimeout,
  stepOrSend,
  takeMessagesAfterAppend,
  transferLeader,
  type PeerSpec,
} from "./helpers/harness.js";

const preVote: Partial<RaftConfig> = { preVote: true };
const ids = (n: number): NodeId[] => Array.from({ length: n }, (_, i) => i + 1);

/** etcd's entsWithConfig: a node whose log holds entries of the given terms, at the last one's term. */
function entsWithConfig(overrides: Partial<RaftConfig>, id: NodeId, size: number, ...terms: number[]): Raft {
  const storage = newTestStorage(ids(size));
  storage.append(ents(1, ...terms));
  storage.setHardState({ term: terms[terms.length - 1] as number, vote: 0, commit: 0 });
  return newTestRaft(id, 5, 1, storage, overrides);
}

/** etcd's votedWithConfig: a node that voted in `term` but has no log entries. */
function votedWithConfig(
  overrides: Partial<RaftConfig>,
  id: NodeId,
  size: number,
  vote: NodeId,
  term: number,
): Raft {
  const storage = newTestStorage(ids(size));
  storage.setHardState({ term, vote, commit: 0 });
  return newTestRaft(id, 5, 1, storage, overrides);
}

/** Three fresh followers at term 1 with the given options, connected. */
function threeFollowers(overrides: Partial<RaftConfig>): { nt: Network; n1: Raft; n2: Raft; n3: Raft } {
  const [n1, n2, n3] = [1, 2, 3].map((id) =>
    newTestRaft(id, 10, 1, newTestStorage([1, 2, 3]), overrides),
  ) as [Raft, Raft, Raft];
  for (const r of [n1, n2, n3]) r.becomeFollower(1, None);
  return { nt: new Network([n1, n2, n3]), n1, n2, n3 };
}

describe("leader election", () => {
  for (const pre of [false, true]) {
    it(`elects a leader only with a quorum of votes (preVote=${pre}) [TestLeaderElection${pre ? "PreVote" : ""}]`, () => {
      const cfg = pre ? preVote : {};
      // In pre-vote mode an election that fails leaves the node a pre-candidate without a new term.
      const candState = pre ? StateType.PreCandidate : StateType.Candidate;
      const candTerm = pre ? 0 : 1;
      const cases: { peers: () => PeerSpec[]; state: State; term: number }[] = [
        { peers: () => [null, null, null], state: StateType.Leader, term: 1 },
        { peers: () => [null, null, nopStepper], state: StateType.Leader, term: 1 },
        { peers: () => [null, nopStepper, nopStepper], state: candState, term: candTerm },
        { peers: () => [null, nopStepper, nopStepper, null], state: candState, term: candTerm },
        { peers: () => [null, nopStepper, nopStepper, null, null], state: StateType.Leader, term: 1 },
        // Three logs further along than node 1, at the same term, so the votes are rejected rather than ignored.
        {
          peers: () => [
            null,
            entsWithConfig(cfg, 2, 5, 1),
            entsWithConfig(cfg, 3, 5, 1),
            entsWithConfig(cfg, 4, 5, 1, 1),
            null,
          ],
          state: StateType.Follower,
          term: 1,
        },
      ];
      cases.forEach(({ peers, state, term }, i) => {
        const nt = new Network(peers(), cfg);
        nt.send(hup(1));
        const sm = nt.raft(1);
        expect(sm.state, `#${i}`).toBe(state);
        expect(sm.term, `#${i}`).toBe(term);
      });
    });

    // Each node can campaign and be elected in turn, so elections work from a non-clean slate.
    it(`every node can be elected in turn (preVote=${pre}) [TestLeaderCycle]`, () => {
      const nt = new Network([null, null, null], pre ? preVote : {});
      for (let campaigner = 1; campaigner <= 3; campaigner++) {
        nt.send(hup(campaigner));
        for (const id of [1, 2, 3]) {
          expect(nt.raft(id).state).toBe(id === campaigner ? StateType.Leader : StateType.Follower);
        }
      }
    });

    // A newly elected leader that lacks the highest-term entries overwrites them with lower-term ones.
    it(`a new leader overwrites newer uncommitted entries (preVote=${pre}) [TestLeaderElectionOverwriteNewerLogs]`, () => {
      const cfg = pre ? preVote : {};
      // Node 1 won term 1 and replicated one entry to node 2; node 3 won term 2, wrote an entry and died;
      // nodes 4 and 5 voted for 3 in term 2 but got nothing.
      const n = new Network(
        [
          entsWithConfig(cfg, 1, 5, 1),
          entsWithConfig(cfg, 2, 5, 1),
          entsWithConfig(cfg, 3, 5, 2),
          votedWithConfig(cfg, 4, 5, 3, 2),
          votedWithConfig(cfg, 5, 5, 3, 2),
        ],
        cfg,
      );
      // A quorum knows about term 2, so node 1 fails but learns the term.
      n.send(hup(1));
      const sm1 = n.raft(1);
      expect(sm1.state).toBe(StateType.Follower);
      expect(sm1.term).toBe(2);
      // With a higher term it succeeds.
      n.send(hup(1));
      expect(sm1.state).toBe(StateType.Leader);
      expect(sm1.term).toBe(3);
      // Everyone agrees on term 1 at index 1 and term 3 at index 2.
      for (const id of ids(5))
        expect(
          n
            .raft(id)
            .raftLog.allEntries()
            .map((e) => e.term),
        ).toEqual([1, 3]);
    });
  }

  for (const vt of [MessageType.Vote, MessageType.PreVote] as MsgType[]) {
    it(`grants a ${vt === MessageType.Vote ? "vote" : "pre-vote"} from any state [Test${vt === MessageType.Vote ? "" : "Pre"}VoteFromAnyState]`, () => {
      for (const st of [StateType.Follower, StateType.PreCandidate, StateType.Candidate, StateType.Leader]) {
        const r = newTestRaft(1, 10, 1, newTestStorage([1, 2, 3]));
        r.term = 1;
        switch (st) {
          case StateType.Follower:
            r.becomeFollower(r.term, 3);
            break;
          case StateType.PreCandidate:
            r.becomePreCandidate();
            break;
          case StateType.Candidate:
            r.becomeCandidate();
            break;
          default:
            r.becomeCandidate();
            r.becomeLeader();
        }
        // Setting the state may have advanced the term.
        const origTerm = r.term;
        const newTerm = r.term + 1;
        r.step(msg({ type: vt, from: 2, to: 1, term: newTerm, logTerm: newTerm, index: 42 }));
        const msgs = readMessages(r);
        expect(msgs, `${vt},${st}`).toHaveLength(1);
        expect(msgs[0]?.type).toBe(voteResponseType(vt));
        expect(msgs[0]?.reject).toBe(false);
        if (vt === MessageType.Vote) {
          // A real vote resets state and term.
          expect(r.state).toBe(StateType.Follower);
          expect(r.term).toBe(newTerm);
          expect(r.vote).toBe(2);
        } else {
          // A pre-vote changes nothing.
          expect(r.state).toBe(st);
          expect(r.term).toBe(origTerm);
          expect([None, 1]).toContain(r.vote);
        }
      }
    });
  }

  it("dueling candidates: the one with the shorter log cannot win [TestDuelingCandidates]", () => {
    const [a, b, c] = [1, 2, 3].map((id) => newTestRaft(id, 10, 1, newTestStorage([1, 2, 3]))) as [
      Raft,
      Raft,
      Raft,
    ];
    const nt = new Network([a, b, c]);
    nt.cut(1, 3);
    nt.send(hup(1));
    nt.send(hup(3));
    // 1 wins with votes from 1 and 2.
    expect(a.state).toBe(StateType.Leader);
    // 3 stays candidate: its own vote and a rejection from 2.
    expect(c.state).toBe(StateType.Candidate);
    nt.recover();
    // 3 campaigns again at a higher term and disrupts leader 1, but both others reject it: its log is short.
    nt.send(hup(3));
    expect(c.state).toBe(StateType.Follower);
    for (const [sm, state, term, lastIndex] of [
      [a, StateType.Follower, 2, 1],
      [b, StateType.Follower, 2, 1],
      [c, StateType.Follower, 2, 0],
    ] as const) {
      expect(sm.state).toBe(state);
      expect(sm.term).toBe(term);
      expect(sm.raftLog.lastIndex()).toBe(lastIndex);
    }
  });

  it("dueling pre-candidates: PreVote keeps the stale one from disrupting the leader [TestDuelingPreCandidates]", () => {
    const [a, b, c] = [1, 2, 3].map((id) => newTestRaft(id, 10, 1, newTestStorage([1, 2, 3]), preVote)) as [
      Raft,
      Raft,
      Raft,
    ];
    const nt = new Network([a, b, c]);
    nt.cut(1, 3);
    nt.send(hup(1));
    nt.send(hup(3));
    expect(a.state).toBe(StateType.Leader);
    // 3 reverts to follower when its pre-vote is rejected.
    expect(c.state).toBe(StateType.Follower);
    nt.recover();
    nt.send(hup(3));
    for (const [sm, state, term, lastIndex] of [
      [a, StateType.Leader, 1, 1],
      [b, StateType.Follower, 1, 1],
      [c, StateType.Follower, 1, 0],
    ] as const) {
      expect(sm.state).toBe(state);
      expect(sm.term).toBe(term);
      expect(sm.raftLog.lastIndex()).toBe(lastIndex);
    }
  });

  it("a candidate concedes to a leader of its term [TestCandidateConcede]", () => {
    const tt = Network.of(null, null, null);
    tt.isolate(1);
    tt.send(hup(1));
    tt.send(hup(3));
    // Heal the partition; a heartbeat resets the wait.
    tt.recover();
    tt.send(msg({ type: MessageType.Beat, from: 3, to: 3 }));
    // A proposal to 3 flushes a MsgApp to 1, a heartbeat the commit.
    tt.send(
      msg({
        type: MessageType.Prop,
        from: 3,
        to: 3,
        entries: [{ term: 0, index: 0, type: 0, data: new TextEncoder().encode("force follower") }],
      }),
    );
    tt.send(msg({ type: MessageType.Beat, from: 3, to: 3 }));
    const a = tt.raft(1);
    expect(a.state).toBe(StateType.Follower);
    expect(a.term).toBe(1);
    const want = expectedLogSummary([
      ents(1, 1)[0]!,
      { term: 1, index: 2, type: 0, data: new TextEncoder().encode("force follower") },
    ]);
    for (const id of [1, 2, 3]) expect(logSummary(tt.raft(id).raftLog)).toEqual(want);
  });

  it.each([false, true])("a single node elects itself (preVote=%s) [TestSingleNode(Pre)Candidate]", (pre) => {
    const tt = new Network([null], pre ? preVote : {});
    tt.send(hup(1));
    expect(tt.raft(1).state).toBe(StateType.Leader);
  });

  it("the randomized election timeout is uniform over [et, 2et) [TestPastElectionTimeout]", () => {
    for (const { elapse, wprobability, round } of [
      { elapse: 5, wprobability: 0, round: false },
      { elapse: 10, wprobability: 0.1, round: true },
      { elapse: 13, wprobability: 0.4, round: true },
      { elapse: 15, wprobability: 0.6, round: true },
      { elapse: 18, wprobability: 0.9, round: true },
      { elapse: 20, wprobability: 1, round: false },
    ]) {
      const sm = newTestRaft(1, 10, 1, newTestStorage([1]));
      sm.electionElapsed = elapse;
      let c = 0;
      for (let j = 0; j < 10000; j++) {
        sm.resetRandomizedElectionTimeout();
        if (sm.pastElectionTimeout()) c++;
      }
      let got = c / 10000;
      if (round) got = Math.floor(got * 10 + 0.5) / 10;
      expect(got, `elapse ${elapse}`).toBe(wprobability);
    }
  });

  for (const msgType of [MessageType.Vote, MessageType.PreVote] as MsgType[]) {
    it(`answers ${msgType === MessageType.Vote ? "MsgVote" : "MsgPreVote"} by log up-to-dateness and prior vote [TestRecvMsg${msgType === MessageType.Vote ? "" : "Pre"}Vote]`, () => {
      const cases: [State, number, number, NodeId, boolean][] = [
        [StateType.Follower, 0, 0, None, true],
        [StateType.Follower, 0, 1, None, true],
        [StateType.Follower, 0, 2, None, true],
        [StateType.Follower, 0, 3, None, false],
        [StateType.Follower, 1, 0, None, true],
        [StateType.Follower, 1, 1, None, true],
        [StateType.Follower, 1, 2, None, true],
        [StateType.Follower, 1, 3, None, false],
        [StateType.Follower, 2, 0, None, true],
        [StateType.Follower, 2, 1, None, true],
        [StateType.Follower, 2, 2, None, false],
        [StateType.Follower, 2, 3, None, false],
        [StateType.Follower, 3, 0, None, true],
        [StateType.Follower, 3, 1, None, true],
        [StateType.Follower, 3, 2, None, false],
        [StateType.Follower, 3, 3, None, false],
        [StateType.Follower, 3, 2, 2, false],
        [StateType.Follower, 3, 2, 1, true],
        [StateType.Leader, 3, 3, 1, true],
        [StateType.PreCandidate, 3, 3, 1, true],
        [StateType.Candidate, 3, 3, 1, true],
      ];
      cases.forEach(([state, index, logTerm, voteFor, wreject], i) => {
        // The recipient's log is [2@1, 2@2]; its term equals the message's so only the vote rules apply.
        const term = Math.max(2, logTerm);
        const storage = newTestStorage([1]);
        storage.append(ents(1, 2, 2));
        storage.setHardState({ term, vote: voteFor, commit: 0 });
        const sm = newTestRaft(1, 10, 1, storage);
        sm.state = state;
        sm.step(msg({ type: msgType, from: 2, to: 1, term, index, logTerm }));
        const msgs = readMessages(sm);
        expect(msgs, `#${i}`).toHaveLength(1);
        expect(msgs[0]?.type, `#${i}`).toBe(voteResponseType(msgType));
        expect(msgs[0]?.reject, `#${i}`).toBe(wreject);
      });
    });
  }

  it("allows only the legal state transitions [TestStateTransition]", () => {
    const cases: [State, State, boolean, number, NodeId][] = [
      [StateType.Follower, StateType.Follower, true, 1, None],
      [StateType.Follower, StateType.PreCandidate, true, 0, None],
      [StateType.Follower, StateType.Candidate, true, 1, None],
      [StateType.Follower, StateType.Leader, false, 0, None],
      [StateType.PreCandidate, StateType.Follower, true, 0, None],
      [StateType.PreCandidate, StateType.PreCandidate, true, 0, None],
      [StateType.PreCandidate, StateType.Candidate, true, 1, None],
      [StateType.PreCandidate, StateType.Leader, true, 0, 1],
      [StateType.Candidate, StateType.Follower, true, 0, None],
      [StateType.Candidate, StateType.PreCandidate, true, 0, None],
      [StateType.Candidate, StateType.Candidate, true, 1, None],
      [StateType.Candidate, StateType.Leader, true, 0, 1],
      [StateType.Leader, StateType.Follower, true, 1, None],
      [StateType.Leader, StateType.PreCandidate, false, 0, None],
      [StateType.Leader, StateType.Candidate, false, 1, None],
      [StateType.Leader, StateType.Leader, true, 0, 1],
    ];
    cases.forEach(([from, to, wallow, wterm, wlead], i) => {
      const sm = newTestRaft(1, 10, 1, newTestStorage([1]));
      sm.state = from;
      const transition = () => {
        switch (to) {
          case StateType.Follower:
            sm.becomeFollower(wterm, wlead);
            break;
          case StateType.PreCandidate:
            sm.becomePreCandidate();
            break;
          case StateType.Candidate:
            sm.becomeCandidate();
            break;
          default:
            sm.becomeLeader();
        }
      };
      if (!wallow) {
        expect(transition, `#${i}`).toThrow(/invalid transition/);
        return;
      }
      transition();
      expect(sm.term, `#${i}`).toBe(wterm);
      expect(sm.lead, `#${i}`).toBe(wlead);
    });
  });

  it("every state steps down on a message with a higher term [TestAllServerStepdown]", () => {
    const cases: [State, State, number, number][] = [
      [StateType.Follower, StateType.Follower, 3, 0],
      [StateType.PreCandidate, StateType.Follower, 3, 0],
      [StateType.Candidate, StateType.Follower, 3, 0],
      [StateType.Leader, StateType.Follower, 3, 1],
    ];
    const tterm = 3;
    cases.forEach(([state, wstate, wterm, windex], i) => {
      const sm = newTestRaft(1, 10, 1, newTestStorage([1, 2, 3]));
      switch (state) {
        case StateType.Follower:
          sm.becomeFollower(1, None);
          break;
        case StateType.PreCandidate:
          sm.becomePreCandidate();
          break;
        case StateType.Candidate:
          sm.becomeCandidate();
          break;
        default:
          sm.becomeCandidate();
          sm.becomeLeader();
      }
      for (const msgType of [MessageType.Vote, MessageType.App] as MsgType[]) {
        sm.step(msg({ type: msgType, from: 2, term: tterm, logTerm: tterm }));
        expect(sm.state, `#${i}.${msgType}`).toBe(wstate);
        expect(sm.term).toBe(wterm);
        expect(sm.raftLog.lastIndex()).toBe(windex);
        expect(sm.raftLog.allEntries()).toHaveLength(windex);
        expect(sm.lead).toBe(msgType === MessageType.Vote ? None : 2);
      }
    });
  });

  for (const mt of [MessageType.Heartbeat, MessageType.App] as MsgType[]) {
    it(`a candidate takes the leader's term from a ${mt === MessageType.App ? "MsgApp" : "MsgHeartbeat"} [TestCandidateResetTerm]`, () => {
      const [a, b, c] = [1, 2, 3].map((id) => newTestRaft(id, 10, 1, newTestStorage([1, 2, 3]))) as [
        Raft,
        Raft,
        Raft,
      ];
      const nt = new Network([a, b, c]);
      nt.send(hup(1));
      expect([a.state, b.state, c.state]).toEqual([StateType.Leader, StateType.Follower, StateType.Follower]);
      // Isolate 3 and increase the term in the rest.
      nt.isolate(3);
      nt.send(hup(2));
      nt.send(hup(1));
      expect(a.state).toBe(StateType.Leader);
      expect(b.state).toBe(StateType.Follower);
      // Trigger a campaign in the isolated c.
      c.resetRandomizedElectionTimeout();
      for (let i = 0; i < c.randomizedElectionTimeout; i++) c.tick();
      advanceMessagesAfterAppend(c);
      expect(c.state).toBe(StateType.Candidate);
      nt.recover();
      // The leader's message makes the candidate a follower at the leader's term.
      nt.send(msg({ type: mt, from: 1, to: 3, term: a.term }));
      expect(c.state).toBe(StateType.Follower);
      expect(c.term).toBe(a.term);
    });
  }

  it.each([false, true])(
    "a (pre-)candidate's own vote arriving after it lost is ignored (preVote=%s) [TestCandidateSelfVoteAfterLostElection]",
    (pre) => {
      const sm = newTestRaft(1, 5, 1, newTestStorage([1, 2, 3]), { preVote: pre });
      sm.step(hup(1));
      const steps = takeMessagesAfterAppend(sm);
      // n1 hears that n2 won before its own vote is durable.
      sm.step(msg({ type: MessageType.Heartbeat, from: 2, to: 1, term: sm.term }));
      expect(sm.state).toBe(StateType.Follower);
      // It stays a follower once its vote is delivered, and the vote is not counted.
      stepOrSend(sm, steps);
      expect(sm.state).toBe(StateType.Follower);
      expect(sm.tracker.tallyVotes().granted).toBe(0);
    },
  );

  it("a pre-candidate's own pre-vote arriving after it became candidate is ignored [TestCandidateDeliversPreCandidateSelfVoteAfterBecomingCandidate]", () => {
    const sm = newTestRaft(1, 5, 1, newTestStorage([1, 2, 3]), preVote);
    sm.step(hup(1));
    expect(sm.state).toBe(StateType.PreCandidate);
    let steps = takeMessagesAfterAppend(sm);
    // Pre-votes from both peers before its own; pre-vote messages carry the local term + 1.
    sm.step(msg({ type: MessageType.PreVoteResp, from: 2, to: 1, term: sm.term + 1 }));
    sm.step(msg({ type: MessageType.PreVoteResp, from: 3, to: 1, term: sm.term + 1 }));
    expect(sm.state).toBe(StateType.Candidate);
    // The delayed pre-vote self-vote changes nothing and is not counted.
    stepOrSend(sm, steps);
    expect(sm.state).toBe(StateType.Candidate);
    steps = takeMessagesAfterAppend(sm);
    expect(sm.tracker.tallyVotes().granted).toBe(0);
    // One vote from n2 is not a quorum...
    sm.step(msg({ type: MessageType.VoteResp, from: 2, to: 1, term: sm.term }));
    expect(sm.state).toBe(StateType.Candidate);
    // ...with its own durable vote it is.
    stepOrSend(sm, steps);
    expect(sm.state).toBe(StateType.Leader);
  });

  it("a leader's self-ack from an earlier term is ignored [TestLeaderMsgAppSelfAckAfterTermChange]", () => {
    const sm = newTestRaft(1, 5, 1, newTestStorage([1, 2, 3]));
    sm.becomeCandidate();
    sm.becomeLeader();
    sm.step(
      msg({
        type: MessageType.Prop,
        from: 1,
        to: 1,
        entries: [{ term: 0, index: 0, type: 0, data: new TextEncoder().encode("somedata") }],
      }),
    );
    const steps = takeMessagesAfterAppend(sm);
    // n1 hears that n2 is the new leader.
    sm.step(msg({ type: MessageType.Heartbeat, from: 2, to: 1, term: sm.term + 1 }));
    expect(sm.state).toBe(StateType.Follower);
    // The earlier self-ack carries the old term and is ignored.
    stepOrSend(sm, steps);
    expect(sm.state).toBe(StateType.Follower);
  });

  it.each([false, true])(
    "campaigning while leader changes nothing (preVote=%s) [TestCampaignWhileLeader]",
    (pre) => {
      const r = newTestRaft(1, 5, 1, newTestStorage([1]), { preVote: pre });
      expect(r.state).toBe(StateType.Follower);
      r.step(hup(1));
      advanceMessagesAfterAppend(r);
      expect(r.state).toBe(StateType.Leader);
      const term = r.term;
      r.step(hup(1));
      advanceMessagesAfterAppend(r);
      expect(r.state).toBe(StateType.Leader);
      expect(r.term).toBe(term);
    },
  );

  it("does not campaign with a committed but unapplied conf change [TestConfChangeCheckBeforeCampaign]", () => {
    const nt = Network.of(null, null, null);
    const n1 = nt.raft(1);
    const n2 = nt.raft(2);
    nt.send(hup(1));
    expect(n1.state).toBe(StateType.Leader);
    nt.send(confChangeProp(1, confChange([{ type: ConfChangeType.RemoveNode, nodeId: 2 }])));
    // The conf change is committed on n2 but not applied: no campaign.
    for (let i = 0; i < n2.randomizedElectionTimeout; i++) n2.tick();
    expect(n2.state).toBe(StateType.Follower);
    // Nor does a leadership transfer make it campaign.
    nt.send(transferLeader(2, 1));
    expect(n1.state).toBe(StateType.Leader);
    expect(n2.state).toBe(StateType.Follower);
    // Abort the transfer.
    for (let i = 0; i < 10; i++) n1.tick();
    // Once applied, the transfer works.
    nextEnts(n2, nt.storage.get(2)!);
    nt.send(transferLeader(2, 1));
    expect(n1.state).toBe(StateType.Follower);
    expect(n2.state).toBe(StateType.Leader);
    nextEnts(n1, nt.storage.get(1)!);
    for (let i = 0; i < n1.randomizedElectionTimeout; i++) n1.tick();
    expect(n1.state).toBe(StateType.Candidate);
  });
});

describe("PreVote", () => {
  // A node partitioned away (and behind) rejoins as the leader is partitioned away; with PreVote the
  // cluster must still elect a leader.
  it("a node with a smaller term can complete an election [TestNodeWithSmallerTermCanCompleteElection]", () => {
    const { nt, n1, n2, n3 } = threeFollowers(preVote);
    nt.cut(1, 3);
    nt.cut(2, 3);
    nt.send(hup(1));
    expect(n1.state).toBe(StateType.Leader);
    expect(n2.state).toBe(StateType.Follower);
    nt.send(hup(3));
    expect(n3.state).toBe(StateType.PreCandidate);
    nt.send(hup(2));
    expect([n1.term, n2.term, n3.term]).toEqual([3, 3, 1]);
    expect([n1.state, n2.state, n3.state]).toEqual([
      StateType.Follower,
      StateType.Leader,
      StateType.PreCandidate,
    ]);
    // Bring 3 back and isolate 2, the leader, as if it crashed.
    nt.recover();
    nt.cut(2, 1);
    nt.cut(2, 3);
    nt.send(hup(3));
    nt.send(hup(1));
    expect(n1.state === StateType.Leader || n3.state === StateType.Leader).toBe(true);
  });

  it("completes an election in the round after a split vote [TestPreVoteWithSplitVote]", () => {
    const { nt, n2, n3 } = threeFollowers(preVote);
    nt.send(hup(1));
    // The leader goes down; the followers split the vote.
    nt.isolate(1);
    nt.send(hup(2), hup(3));
    expect([n2.term, n3.term]).toEqual([3, 3]);
    expect([n2.state, n3.state]).toEqual([StateType.Candidate, StateType.Candidate]);
    // Node 2 times out first.
    nt.send(hup(2));
    expect([n2.term, n3.term]).toEqual([4, 4]);
    expect([n2.state, n3.state]).toEqual([StateType.Leader, StateType.Follower]);
  });

  it("a pre-candidate is subject to CheckQuorum leases [TestPreVoteWithCheckQuorum]", () => {
    const { nt, n1, n2, n3 } = threeFollowers({ preVote: true, checkQuorum: true });
    nt.send(hup(1));
    nt.isolate(1);
    expect([n1.state, n2.state, n3.state]).toEqual([
      StateType.Leader,
      StateType.Follower,
      StateType.Follower,
    ]);
    // Node 2 ignores node 3's pre-vote (it still has a leader); then node 2 campaigns.
    nt.send(hup(3));
    nt.send(hup(2));
    expect(n2.state === StateType.Leader || n3.state === StateType.Follower).toBe(true);
  });

  /**
   * A rolling update to PreVote: n1 leads at term 2, n2 follows, n3 was partitioned and (without PreVote)
   * campaigned up to term 4 with a shorter log; then n3 gets PreVote and the partition heals.
   */
  function preVoteMigrationCluster(): { nt: Network; n1: Raft; n2: Raft; n3: Raft } {
    const { nt, n1, n2, n3 } = threeFollowers(preVote);
    // n3 runs without PreVote for now, like a node not yet upgraded.
    internals(n3).config.preVote = false;
    nt.send(hup(1));
    nt.isolate(3);
    nt.send(
      msg({
        type: MessageType.Prop,
        from: 1,
        to: 1,
        entries: [{ term: 0, index: 0, type: 0, data: new TextEncoder().encode("some data") }],
      }),
    );
    nt.send(hup(3));
    nt.send(hup(3));
    expect([n1.state, n2.state, n3.state]).toEqual([
      StateType.Leader,
      StateType.Follower,
      StateType.Candidate,
    ]);
    expect([n1.term, n2.term, n3.term]).toEqual([2, 2, 4]);
    internals(n3).config.preVote = true;
    nt.recover();
    return { nt, n1, n2, n3 };
  }

  it("a mixed PreVote cluster can complete an election [TestPreVoteMigrationCanCompleteElection]", () => {
    const { nt, n2, n3 } = preVoteMigrationCluster();
    // The leader goes down; both others call elections.
    nt.isolate(1);
    nt.send(hup(3));
    nt.send(hup(2));
    expect(n2.state).toBe(StateType.Follower);
    expect(n3.state).toBe(StateType.PreCandidate);
    nt.send(hup(3));
    nt.send(hup(2));
    expect(n2.state === StateType.Leader || n3.state === StateType.Follower).toBe(true);
  });

  it("a stuck pre-candidate with a higher term is freed by disrupting the leader [TestPreVoteMigrationWithFreeStuckPreCandidate]", () => {
    const { nt, n1, n2, n3 } = preVoteMigrationCluster();
    nt.send(hup(3));
    expect([n1.state, n2.state, n3.state]).toEqual([
      StateType.Leader,
      StateType.Follower,
      StateType.PreCandidate,
    ]);
    // Pre-vote again for safety.
    nt.send(hup(3));
    expect([n1.state, n2.state, n3.state]).toEqual([
      StateType.Leader,
      StateType.Follower,
      StateType.PreCandidate,
    ]);
    nt.send(msg({ type: MessageType.Heartbeat, from: 1, to: 3, term: n1.term }));
    // The leader is disrupted so the stuck peer is freed.
    expect(n1.state).toBe(StateType.Follower);
    expect(n1.term).toBe(n3.term);
  });
});

describe("learners", () => {
  it("a learner does not campaign when its election times out [TestLearnerElectionTimeout]", () => {
    const n2 = newTestRaft(2, 10, 1, newTestStorage([1], [2]));
    n2.becomeFollower(1, None);
    setRandomizedElectionTimeout(n2, 10);
    for (let i = 0; i < 10; i++) n2.tick();
    expect(n2.state).toBe(StateType.Follower);
  });

  it("a learner campaigns only once promoted [TestLearnerPromotion]", () => {
    const n1 = newTestRaft(1, 10, 1, newTestStorage([1], [2]));
    const n2 = newTestRaft(2, 10, 1, newTestStorage([1], [2]));
    n1.becomeFollower(1, None);
    n2.becomeFollower(1, None);
    const nt = new Network([n1, n2]);
    expect(n1.state).not.toBe(StateType.Leader);
    // n1 becomes leader.
    setRandomizedElectionTimeout(n1, 10);
    for (let i = 0; i < 10; i++) n1.tick();
    advanceMessagesAfterAppend(n1);
    expect(n1.state).toBe(StateType.Leader);
    expect(n2.state).toBe(StateType.Follower);
    nt.send(msg({ type: MessageType.Beat, from: 1, to: 1 }));
    const promote = confChange([{ type: ConfChangeType.AddNode, nodeId: 2 }]);
    n1.applyConfChange(promote);
    n2.applyConfChange(promote);
    expect(n2.isLearner).toBe(false);
    // n2 campaigns and wins.
    setRandomizedElectionTimeout(n2, 10);
    for (let i = 0; i < 10; i++) n2.tick();
    advanceMessagesAfterAppend(n2);
    nt.send(msg({ type: MessageType.Beat, from: 2, to: 2 }));
    expect(n1.state).toBe(StateType.Follower);
    expect(n2.state).toBe(StateType.Leader);
  });

  // A learner may already have been promoted by a conf change it has not applied yet, so it votes.
  it("a learner grants a valid vote [TestLearnerCanVote]", () => {
    const n2 = newTestRaft(2, 10, 1, newTestStorage([1], [2]));
    n2.becomeFollower(1, None);
    n2.step(msg({ type: MessageType.Vote, from: 1, to: 2, term: 2, logTerm: 11, index: 11 }));
    const msgs = readMessages(n2);
    expect(msgs).toHaveLength(1);
    expect(msgs[0]?.type).toBe(MessageType.VoteResp);
    expect(msgs[0]?.reject).toBe(false);
  });

  it("a learner campaigns neither on MsgHup nor on MsgTimeoutNow [TestLearnerCampaign]", () => {
    const addLearner = confChange([{ type: ConfChangeType.AddLearnerNode, nodeId: 2 }]);
    const n1 = newTestRaft(1, 10, 1, newTestStorage([1]));
    n1.applyConfChange(addLearner);
    const n2 = newTestRaft(2, 10, 1, newTestStorage([1]));
    n2.applyConfChange(addLearner);
    const nt = new Network([n1, n2]);
    nt.send(hup(2));
    expect(n2.isLearner).toBe(true);
    expect(n2.state).toBe(StateType.Follower);
    nt.send(hup(1));
    expect(n1.state).toBe(StateType.Leader);
    expect(n1.lead).toBe(1);
    // TransferLeader refuses learners, but the check may precede a demotion: MsgTimeoutNow is ignored.
    nt.send(msg({ type: MessageType.TimeoutNow, from: 1, to: 2 }));
    expect(n2.state).toBe(StateType.Follower);
  });
});

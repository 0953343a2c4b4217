/**
 * CheckQuorum and leader leases (thesis §4.2.3, §6.2), ported from etcd-io/raft's raft_test.go: a leader
 * that has not heard from a quorum for an election timeout steps down, and a node that heard from a
 * leader within the timeout ignores vote requests.
 */
import { describe, expect, it } from "vitest";
import { ConfChangeType, confChange } from "../src/conf-change.js";
import { type RaftConfig } from "../src/config.js";
import { None, type Raft } from "../src/raft.js";
import { MessageType, StateType } from "../src/types.js";
import {
  Network,
  bytes,
  hup,
  internals,
  msg,
  newTestRaft,
  newTestStorage,
  prop,
  setRandomizedElectionTimeout,
} from "./helpers/harness.js";

const checkQuorum: Partial<RaftConfig> = { checkQuorum: true };

function three(overrides: Partial<RaftConfig>): [Raft, Raft, Raft] {
  return [1, 2, 3].map((id) => newTestRaft(id, 10, 1, newTestStorage([1, 2, 3]), overrides)) as [
    Raft,
    Raft,
    Raft,
  ];
}

describe("CheckQuorum", () => {
  it("a leader hearing from a quorum stays leader [TestLeaderStepdownWhenQuorumActive]", () => {
    const sm = newTestRaft(1, 5, 1, newTestStorage([1, 2, 3]), checkQuorum);
    sm.becomeCandidate();
    sm.becomeLeader();
    for (let i = 0; i < 5 + 1; i++) {
      sm.step(msg({ type: MessageType.HeartbeatResp, from: 2, term: sm.term }));
      sm.tick();
    }
    expect(sm.state).toBe(StateType.Leader);
  });

  it("a leader that lost its quorum steps down [TestLeaderStepdownWhenQuorumLost]", () => {
    const sm = newTestRaft(1, 5, 1, newTestStorage([1, 2, 3]), checkQuorum);
    sm.becomeCandidate();
    sm.becomeLeader();
    for (let i = 0; i < 5 + 1; i++) sm.tick();
    expect(sm.state).toBe(StateType.Follower);
  });

  it("a candidate supersedes the leader only once the voters' leases expire [TestLeaderSupersedingWithCheckQuorum]", () => {
    const [a, b, c] = three(checkQuorum);
    const nt = new Network([a, b, c]);
    setRandomizedElectionTimeout(b, 10 + 1);
    for (let i = 0; i < 10; i++) b.tick();
    nt.send(hup(1));
    expect(a.state).toBe(StateType.Leader);
    expect(c.state).toBe(StateType.Follower);
    nt.send(hup(3));
    // b rejected c's vote: its electionElapsed had not reached the election timeout.
    expect(c.state).toBe(StateType.Candidate);
    // Let b's electionElapsed reach the timeout (without campaigning itself).
    setRandomizedElectionTimeout(b, 10 + 1);
    for (let i = 0; i < 10; i++) b.tick();
    nt.send(hup(3));
    expect(c.state).toBe(StateType.Leader);
  });

  it("elections work with CheckQuorum once leases expire [TestLeaderElectionWithCheckQuorum]", () => {
    const [a, b, c] = three(checkQuorum);
    const nt = new Network([a, b, c]);
    setRandomizedElectionTimeout(a, 10 + 1);
    setRandomizedElectionTimeout(b, 10 + 2);
    // Right after creation votes are cast regardless of the election timeout.
    nt.send(hup(1));
    expect(a.state).toBe(StateType.Leader);
    expect(c.state).toBe(StateType.Follower);
    // State changes may have reset the randomized timeouts; set them above the election timeout again.
    setRandomizedElectionTimeout(a, 10 + 1);
    setRandomizedElectionTimeout(b, 10 + 2);
    for (let i = 0; i < 10; i++) a.tick();
    for (let i = 0; i < 10; i++) b.tick();
    nt.send(hup(3));
    expect(a.state).toBe(StateType.Follower);
    expect(c.state).toBe(StateType.Leader);
  });

  // A candidate with a higher term can disrupt the leader even while the leader "officially" holds the
  // lease; the leader steps down and adopts the candidate's term.
  it("a stuck candidate with a higher term is freed [TestFreeStuckCandidateWithCheckQuorum]", () => {
    const [a, b, c] = three(checkQuorum);
    const nt = new Network([a, b, c]);
    setRandomizedElectionTimeout(b, 10 + 1);
    for (let i = 0; i < 10; i++) b.tick();
    nt.send(hup(1));
    nt.isolate(1);
    nt.send(hup(3));
    expect(b.state).toBe(StateType.Follower);
    expect(c.state).toBe(StateType.Candidate);
    expect(c.term).toBe(b.term + 1);
    // Vote again for safety.
    nt.send(hup(3));
    expect(b.state).toBe(StateType.Follower);
    expect(c.state).toBe(StateType.Candidate);
    expect(c.term).toBe(b.term + 2);
    nt.recover();
    nt.send(msg({ type: MessageType.Heartbeat, from: 1, to: 3, term: a.term }));
    // The leader is disrupted so the stuck peer is freed.
    expect(a.state).toBe(StateType.Follower);
    expect(c.term).toBe(a.term);
    // Vote again; this time it wins.
    nt.send(hup(3));
    expect(c.state).toBe(StateType.Leader);
  });

  it("a non-promotable voter still follows the leader [TestNonPromotableVoterWithCheckQuorum]", () => {
    const a = newTestRaft(1, 10, 1, newTestStorage([1, 2]), checkQuorum);
    // b does not know itself as a member: it cannot campaign.
    const b = newTestRaft(2, 10, 1, newTestStorage([1]), checkQuorum);
    const nt = new Network([a, b]);
    setRandomizedElectionTimeout(b, 10 + 1);
    expect(b.promotable()).toBe(false);
    for (let i = 0; i < 10; i++) b.tick();
    nt.send(hup(1));
    expect(a.state).toBe(StateType.Leader);
    expect(b.state).toBe(StateType.Follower);
    expect(b.lead).toBe(1);
  });

  // An isolated follower whose election timed out (the leader's messages were slow) campaigns at a
  // higher term; its answer to the late heartbeat makes the leader step down.
  it("a disruptive follower forces the leader to step down [TestDisruptiveFollower]", () => {
    const [n1, n2, n3] = three(checkQuorum);
    for (const r of [n1, n2, n3]) r.becomeFollower(1, None);
    const nt = new Network([n1, n2, n3]);
    nt.send(hup(1));
    expect([n1.state, n2.state, n3.state]).toEqual([
      StateType.Leader,
      StateType.Follower,
      StateType.Follower,
    ]);
    // Leader messages are delayed while ticks elapse, e.g. after etcd's advanceTicksForElection.
    setRandomizedElectionTimeout(n3, 10 + 2);
    for (let i = 0; i < n3.randomizedElectionTimeout - 1; i++) n3.tick();
    // The last tick elapses before any leader message arrives: n3 campaigns.
    n3.tick();
    expect([n1.state, n2.state, n3.state]).toEqual([
      StateType.Leader,
      StateType.Follower,
      StateType.Candidate,
    ]);
    expect([n1.term, n2.term, n3.term]).toEqual([2, 2, 3]);
    // The leader's delayed heartbeat reaches the candidate, which answers with its higher term, and the
    // leader steps down: this frees the candidate for the next election.
    nt.send(msg({ type: MessageType.Heartbeat, from: 1, to: 3, term: n1.term }));
    expect([n1.state, n2.state, n3.state]).toEqual([
      StateType.Follower,
      StateType.Follower,
      StateType.Candidate,
    ]);
    expect([n1.term, n2.term, n3.term]).toEqual([3, 2, 3]);
  });

  // With PreVote the isolated follower, whose log is behind, only becomes a pre-candidate and cannot
  // make the leader step down.
  it("PreVote stops a disruptive follower [TestDisruptiveFollowerPreVote]", () => {
    const [n1, n2, n3] = three(checkQuorum);
    for (const r of [n1, n2, n3]) r.becomeFollower(1, None);
    const nt = new Network([n1, n2, n3]);
    nt.send(hup(1));
    expect([n1.state, n2.state, n3.state]).toEqual([
      StateType.Leader,
      StateType.Follower,
      StateType.Follower,
    ]);
    nt.isolate(3);
    for (let i = 0; i < 3; i++) nt.send(prop(1, bytes("somedata")));
    for (const r of [n1, n2, n3]) internals(r).config.preVote = true;
    nt.recover();
    nt.send(hup(3));
    expect([n1.state, n2.state, n3.state]).toEqual([
      StateType.Leader,
      StateType.Follower,
      StateType.PreCandidate,
    ]);
    expect([n1.term, n2.term, n3.term]).toEqual([2, 2, 2]);
    // A delayed leader heartbeat does not make the leader step down.
    nt.send(msg({ type: MessageType.Heartbeat, from: 1, to: 3, term: n1.term }));
    expect(n1.state).toBe(StateType.Leader);
  });

  it("adding a node does not depose the leader before the node could answer [TestAddNodeCheckQuorum]", () => {
    const r = newTestRaft(1, 10, 1, newTestStorage([1]), checkQuorum);
    r.becomeCandidate();
    r.becomeLeader();
    for (let i = 0; i < 10 - 1; i++) r.tick();
    r.applyConfChange(confChange([{ type: ConfChangeType.AddNode, nodeId: 2 }]));
    // This tick reaches the election timeout and checks the quorum: the new node counts as active.
    r.tick();
    expect(r.state).toBe(StateType.Leader);
    // Another election timeout without hearing from node 2: step down.
    for (let i = 0; i < 10; i++) r.tick();
    expect(r.state).toBe(StateType.Follower);
  });
});

/**
 * Leadership transfer (thesis §3.10), ported from etcd-io/raft's raft_test.go.
 */
import { describe, expect, it } from "vitest";
import { ConfChangeType, confChange } from "../src/conf-change.js";
import { ProposalDroppedError } from "../src/errors.js";
import { None, type Raft } from "../src/raft.js";
import { MessageType, StateType, type Message, type NodeId, type StateType as State } from "../src/types.js";
import {
  Network,
  hup,
  internals,
  msg,
  newTestRaft,
  newTestStorage,
  nextEnts,
  propEntry,
  setRandomizedElectionTimeout,
  transferLeader,
} from "./helpers/harness.js";

const emptyProp = (id: number): Message =>
  msg({ type: MessageType.Prop, from: id, to: id, entries: [propEntry()] });

function checkLeaderTransferState(r: Raft, state: State, lead: NodeId): void {
  expect(r.state).toBe(state);
  expect(r.lead).toBe(lead);
  expect(r.leadTransferee).toBe(None);
}

/** Three nodes, node 1 elected. */
function elected(): { nt: Network; lead: Raft } {
  const nt = Network.of(null, null, null);
  nt.send(hup(1));
  return { nt, lead: nt.raft(1) };
}

describe("leadership transfer", () => {
  it("transfers to an up-to-date node, and back [TestLeaderTransferToUpToDateNode]", () => {
    const { nt, lead } = elected();
    expect(lead.lead).toBe(1);
    // Transfer leadership to 2.
    nt.send(transferLeader(2, 1));
    checkLeaderTransferState(lead, StateType.Follower, 2);
    // After some replication, transfer back to 1.
    nt.send(emptyProp(1));
    nt.send(transferLeader(1, 2));
    checkLeaderTransferState(lead, StateType.Leader, 1);
  });

  // Like the above, but every transfer request goes to a follower, which forwards it.
  it("a follower forwards a transfer request to the leader [TestLeaderTransferToUpToDateNodeFromFollower]", () => {
    const { nt, lead } = elected();
    nt.send(transferLeader(2, 2));
    checkLeaderTransferState(lead, StateType.Follower, 2);
    nt.send(emptyProp(1));
    nt.send(transferLeader(1, 1));
    checkLeaderTransferState(lead, StateType.Leader, 1);
  });

  // The transferee's campaign overrides the voters' leader leases.
  it("transfers while the leader holds its lease [TestLeaderTransferWithCheckQuorum]", () => {
    const nt = Network.of(null, null, null);
    for (let i = 1; i < 4; i++) {
      const r = nt.raft(i);
      internals(r).config.checkQuorum = true;
      setRandomizedElectionTimeout(r, 10 + i);
    }
    // Let node 2's electionElapsed reach the timeout so it can vote for node 1.
    const f = nt.raft(2);
    for (let i = 0; i < 10; i++) f.tick();
    nt.send(hup(1));
    const lead = nt.raft(1);
    expect(lead.state).toBe(StateType.Leader);
    nt.send(transferLeader(2, 1));
    checkLeaderTransferState(lead, StateType.Follower, 2);
    nt.send(emptyProp(1));
    nt.send(transferLeader(1, 2));
    checkLeaderTransferState(lead, StateType.Leader, 1);
  });

  it("catches a slow transferee up first [TestLeaderTransferToSlowFollower]", () => {
    const { nt, lead } = elected();
    nt.isolate(3);
    nt.send(emptyProp(1));
    nt.recover();
    expect(lead.tracker.progress.get(3)?.match).toBe(1);
    // Transfer to node 3, which lacks an entry.
    nt.send(transferLeader(3, 1));
    checkLeaderTransferState(lead, StateType.Follower, 3);
  });

  it("catches a transferee up through a snapshot first [TestLeaderTransferAfterSnapshot]", () => {
    const { nt, lead } = elected();
    nt.isolate(3);
    nt.send(emptyProp(1));
    const leadStorage = nt.storage.get(1)!;
    nextEnts(lead, leadStorage);
    leadStorage.createSnapshot(lead.raftLog.applied, lead.tracker.confState(), new Uint8Array(0));
    leadStorage.compact(lead.raftLog.applied);
    nt.recover();
    expect(lead.tracker.progress.get(3)?.match).toBe(1);
    // The snapshot must be applied before node 3 acknowledges it.
    let filtered: Message | undefined;
    nt.msgHook = (m) => {
      if (m.type !== MessageType.AppResp || m.from !== 3 || m.reject) return true;
      filtered = m;
      return false;
    };
    // Transfer to node 3, which lacks the snapshot.
    nt.send(transferLeader(3, 1));
    expect(lead.state).toBe(StateType.Leader);
    expect(filtered).toBeDefined();
    // Apply the snapshot and resume.
    const follower = nt.raft(3);
    const snap = follower.raftLog.unstable.snapshot!;
    nt.storage.get(3)!.applySnapshot(snap);
    follower.appliedSnapshot(snap);
    nt.msgHook = undefined;
    nt.send(filtered!);
    checkLeaderTransferState(lead, StateType.Follower, 3);
  });

  it("a transfer to itself is a no-op [TestLeaderTransferToSelf]", () => {
    const { nt, lead } = elected();
    nt.send(transferLeader(1, 1));
    checkLeaderTransferState(lead, StateType.Leader, 1);
  });

  it("a transfer to a non-member is a no-op [TestLeaderTransferToNonExistingNode]", () => {
    const { nt, lead } = elected();
    nt.send(transferLeader(4, 1));
    checkLeaderTransferState(lead, StateType.Leader, 1);
  });

  it("a transfer not done within an election timeout is abandoned [TestLeaderTransferTimeout]", () => {
    const { nt, lead } = elected();
    nt.isolate(3);
    // Transfer to the isolated node and wait for the timeout.
    nt.send(transferLeader(3, 1));
    expect(lead.leadTransferee).toBe(3);
    for (let i = 0; i < 1; i++) lead.tick();
    expect(lead.leadTransferee).toBe(3);
    for (let i = 0; i < 10 - 1; i++) lead.tick();
    checkLeaderTransferState(lead, StateType.Leader, 1);
  });

  it("proposals are refused during a transfer [TestLeaderTransferIgnoreProposal]", () => {
    const s = newTestStorage([1, 2, 3]);
    const r = newTestRaft(1, 10, 1, s);
    const nt = new Network([r, null, null]);
    nt.send(hup(1));
    nt.isolate(3);
    const lead = nt.raft(1);
    // Handle the empty entry.
    nextEnts(r, s);
    // A pending transfer to the isolated node; then proposals.
    nt.send(transferLeader(3, 1));
    expect(lead.leadTransferee).toBe(3);
    nt.send(emptyProp(1));
    expect(() => lead.step(emptyProp(1))).toThrow(ProposalDroppedError);
    expect(lead.tracker.progress.get(1)?.match).toBe(1);
  });

  it("a vote of a higher term ends the transfer [TestLeaderTransferReceiveHigherTermVote]", () => {
    const { nt, lead } = elected();
    nt.isolate(3);
    nt.send(transferLeader(3, 1));
    expect(lead.leadTransferee).toBe(3);
    nt.send(msg({ type: MessageType.Hup, from: 2, to: 2, index: 1, term: 2 }));
    checkLeaderTransferState(lead, StateType.Follower, 2);
  });

  it("removing the transferee ends the transfer [TestLeaderTransferRemoveNode]", () => {
    const { nt, lead } = elected();
    nt.ignore(MessageType.TimeoutNow);
    nt.send(transferLeader(3, 1));
    expect(lead.leadTransferee).toBe(3);
    lead.applyConfChange(confChange([{ type: ConfChangeType.RemoveNode, nodeId: 3 }]));
    checkLeaderTransferState(lead, StateType.Leader, 1);
  });

  it("demoting the transferee ends the transfer [TestLeaderTransferDemoteNode]", () => {
    const { nt, lead } = elected();
    nt.ignore(MessageType.TimeoutNow);
    nt.send(transferLeader(3, 1));
    expect(lead.leadTransferee).toBe(3);
    lead.applyConfChange(
      confChange([
        { type: ConfChangeType.RemoveNode, nodeId: 3 },
        { type: ConfChangeType.AddLearnerNode, nodeId: 3 },
      ]),
    );
    // Node 3 is still an outgoing voter until the joint configuration is left.
    expect(lead.leadTransferee).toBe(3);
    lead.applyConfChange(confChange([]));
    checkLeaderTransferState(lead, StateType.Leader, 1);
  });

  it("a pending transfer can be redirected back to the leader itself [TestLeaderTransferBack]", () => {
    const { nt, lead } = elected();
    nt.isolate(3);
    nt.send(transferLeader(3, 1));
    expect(lead.leadTransferee).toBe(3);
    nt.send(transferLeader(1, 1));
    checkLeaderTransferState(lead, StateType.Leader, 1);
  });

  it("a pending transfer can be redirected to another node [TestLeaderTransferSecondTransferToAnotherNode]", () => {
    const { nt, lead } = elected();
    nt.isolate(3);
    nt.send(transferLeader(3, 1));
    expect(lead.leadTransferee).toBe(3);
    nt.send(transferLeader(2, 1));
    checkLeaderTransferState(lead, StateType.Follower, 2);
  });

  it("a repeated request does not extend the transfer's timeout [TestLeaderTransferSecondTransferToSameNode]", () => {
    const { nt, lead } = elected();
    nt.isolate(3);
    nt.send(transferLeader(3, 1));
    expect(lead.leadTransferee).toBe(3);
    lead.tick();
    // A second request to the same node.
    nt.send(transferLeader(3, 1));
    for (let i = 0; i < 10 - 1; i++) lead.tick();
    checkLeaderTransferState(lead, StateType.Leader, 1);
  });

  // A MsgTimeoutNow reaching a node removed from the group does nothing (it once made such a node
  // campaign and, given votes, crash on becoming leader).
  it("a non-member ignores MsgTimeoutNow [TestTransferNonMember]", () => {
    const r = newTestRaft(1, 5, 1, newTestStorage([2, 3, 4]));
    r.step(msg({ type: MessageType.TimeoutNow, from: 2, to: 1 }));
    r.step(msg({ type: MessageType.VoteResp, from: 2, to: 1 }));
    r.step(msg({ type: MessageType.VoteResp, from: 3, to: 1 }));
    expect(r.state).toBe(StateType.Follower);
  });
});

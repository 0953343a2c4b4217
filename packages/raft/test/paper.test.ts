/**
 * The rules of the Raft paper (Ongaro & Ousterhout, "In Search of an Understandable Consensus Algorithm
 * (Extended Version)"), one test each, ported from etcd-io/raft's raft_paper_test.go. Each test has three
 * parts: set up a state simply, drive the scenario with step/tick, check outgoing messages and state.
 * Adaptations: our leader counts its own appends (and a candidate its own vote) only when the
 * "after append" self-messages are delivered (advanceMessagesAfterAppend / readMessages do it), and a
 * raft's initial HardState is loaded from its storage instead of through loadState.
 */
import { describe, expect, it } from "vitest";
import { ConfChangeType, confChange } from "../src/conf-change.js";
import { None, type Raft } from "../src/raft.js";
import {
  MessageType,
  StateType,
  type Entry,
  type HardState,
  type Message,
  type StateType as State,
} from "../src/types.js";
import {
  Network,
  acceptAndReply,
  advanceMessagesAfterAppend,
  bytes,
  commitNoopEntry,
  entry,
  ents,
  hup,
  logSummary,
  msg,
  mustAppendEntry,
  newTestRaft,
  newTestStorage,
  nopStepper,
  prop,
  propEntry,
  readMessages,
  sortMessages,
  votesOf,
  type TestStorage,
} from "./helpers/harness.js";

const idsBySize = (size: number): number[] => Array.from({ length: size }, (_, i) => i + 1);

function storageWith(voters: number[], entries: Entry[] = [], hardState?: Partial<HardState>): TestStorage {
  const s = newTestStorage(voters);
  s.append(entries);
  if (hardState !== undefined) s.setHardState({ term: 0, vote: 0, commit: 0, ...hardState });
  return s;
}

describe("§5.1 terms", () => {
  // If one server's current term is smaller than the other's, it updates its current term to the larger
  // value. If a candidate or leader discovers that its term is out of date, it immediately reverts to
  // follower state.
  it.each([StateType.Follower, StateType.Candidate, StateType.Leader])(
    "a %s updates its term from a message with a higher term and becomes follower (§5.1)",
    (state: State) => {
      const r = newTestRaft(1, 10, 1, storageWith([1, 2, 3]));
      switch (state) {
        case StateType.Follower:
          r.becomeFollower(1, 2);
          break;
        case StateType.Candidate:
          r.becomeCandidate();
          break;
        default:
          r.becomeCandidate();
          r.becomeLeader();
      }
      r.step(msg({ type: MessageType.App, from: 2, to: 1, term: 2 }));
      expect(r.term).toBe(2);
      expect(r.state).toBe(StateType.Follower);
    },
  );

  // If a server receives a request with a stale term number, it rejects the request. Our implementation
  // ignores it: nothing changes and nothing is sent (etcd checks that the state's step function is not
  // called at all).
  it("ignores a message with a stale term (§5.1)", () => {
    const r = newTestRaft(1, 10, 1, storageWith([1, 2, 3], [], { term: 2 }));
    r.step(
      msg({ type: MessageType.App, from: 2, to: 1, term: r.term - 1, entries: [entry(1, 1)], commit: 1 }),
    );
    expect(r.term).toBe(2);
    expect(r.state).toBe(StateType.Follower);
    expect(r.lead).toBe(None);
    expect(r.raftLog.lastIndex()).toBe(0);
    expect(r.raftLog.committed).toBe(0);
    expect(r.msgs).toEqual([]);
    expect(r.msgsAfterAppend).toEqual([]);
  });
});

describe("§5.2 leader election", () => {
  // When servers start up, they begin as followers.
  it("starts as follower (§5.2)", () => {
    const r = newTestRaft(1, 10, 1, storageWith([1, 2, 3]));
    expect(r.state).toBe(StateType.Follower);
  });

  // A leader receiving a heartbeat tick sends a MsgHeartbeat with index 0, log term 0 and no entries to
  // every follower.
  it("leader broadcasts heartbeats on its heartbeat tick (§5.2)", () => {
    const hi = 1;
    const r = newTestRaft(1, 10, hi, storageWith([1, 2, 3]));
    r.becomeCandidate();
    r.becomeLeader();
    for (let i = 0; i < 10; i++) mustAppendEntry(r, entry(0, i + 1));
    for (let i = 0; i < hi; i++) r.tick();
    expect(sortMessages(readMessages(r))).toEqual([
      msg({ type: MessageType.Heartbeat, from: 1, to: 2, term: 1, commit: 0 }),
      msg({ type: MessageType.Heartbeat, from: 1, to: 3, term: 1, commit: 0 }),
    ]);
  });

  // A follower that hears nothing for an election timeout begins an election: it increments its term,
  // becomes candidate, votes for itself and sends RequestVote to every other server. A candidate that
  // fails to win times out and starts a new election the same way.
  it.each([StateType.Follower, StateType.Candidate])(
    "a %s starts a new election after an election timeout (§5.2)",
    (state: State) => {
      const et = 10;
      const r = newTestRaft(1, et, 1, storageWith([1, 2, 3]));
      if (state === StateType.Follower) r.becomeFollower(1, 2);
      else r.becomeCandidate();
      for (let i = 1; i < 2 * et; i++) r.tick();
      advanceMessagesAfterAppend(r);
      expect(r.term).toBe(2);
      expect(r.state).toBe(StateType.Candidate);
      expect(votesOf(r).get(r.id)).toBe(true);
      expect(sortMessages(readMessages(r))).toEqual([
        msg({ type: MessageType.Vote, from: 1, to: 2, term: 2, index: 0, logTerm: 0 }),
        msg({ type: MessageType.Vote, from: 1, to: 3, term: 2, index: 0, logTerm: 0 }),
      ]);
    },
  );

  // In one round of RequestVote a candidate (a) wins, (b) loses, or (c) cannot tell yet.
  it.each([
    // Win when receiving votes from a majority.
    { size: 1, votes: {}, state: StateType.Leader },
    { size: 3, votes: { 2: true, 3: true }, state: StateType.Leader },
    { size: 3, votes: { 2: true }, state: StateType.Leader },
    { size: 5, votes: { 2: true, 3: true, 4: true, 5: true }, state: StateType.Leader },
    { size: 5, votes: { 2: true, 3: true, 4: true }, state: StateType.Leader },
    { size: 5, votes: { 2: true, 3: true }, state: StateType.Leader },
    // Return to follower after denials from a majority.
    { size: 3, votes: { 2: false, 3: false }, state: StateType.Follower },
    { size: 5, votes: { 2: false, 3: false, 4: false, 5: false }, state: StateType.Follower },
    { size: 5, votes: { 2: true, 3: false, 4: false, 5: false }, state: StateType.Follower },
    // Stay candidate without a majority either way.
    { size: 3, votes: {}, state: StateType.Candidate },
    { size: 5, votes: { 2: true }, state: StateType.Candidate },
    { size: 5, votes: { 2: false, 3: false }, state: StateType.Candidate },
    { size: 5, votes: {}, state: StateType.Candidate },
  ] as { size: number; votes: Record<number, boolean>; state: State }[])(
    "one round of RequestVote: size $size, votes $votes → $state (§5.2)",
    ({ size, votes, state }) => {
      const r = newTestRaft(1, 10, 1, storageWith(idsBySize(size)));
      r.step(hup(1));
      advanceMessagesAfterAppend(r);
      for (const [id, vote] of Object.entries(votes)) {
        r.step(msg({ type: MessageType.VoteResp, from: Number(id), to: 1, term: r.term, reject: !vote }));
      }
      expect(r.state).toBe(state);
      expect(r.term).toBe(1);
    },
  );

  // Each follower votes for at most one candidate in a given term, first come first served.
  it.each([
    { vote: None, nvote: 2, wreject: false },
    { vote: None, nvote: 3, wreject: false },
    { vote: 2, nvote: 2, wreject: false },
    { vote: 3, nvote: 3, wreject: false },
    { vote: 2, nvote: 3, wreject: true },
    { vote: 3, nvote: 2, wreject: true },
  ])("follower with vote $vote asked by $nvote rejects: $wreject (§5.2)", ({ vote, nvote, wreject }) => {
    const r = newTestRaft(1, 10, 1, storageWith([1, 2, 3], [], { term: 1, vote }));
    r.step(msg({ type: MessageType.Vote, from: nvote, to: 1, term: 1 }));
    expect(r.msgsAfterAppend).toEqual([
      msg({ type: MessageType.VoteResp, from: 1, to: nvote, term: 1, reject: wreject }),
    ]);
  });

  // A candidate receiving AppendEntries from a leader whose term is at least its own recognizes the
  // leader and returns to follower state.
  it.each([1, 2])("candidate falls back to follower on MsgApp of term %i (§5.2)", (term) => {
    const r = newTestRaft(1, 10, 1, storageWith([1, 2, 3]));
    r.step(hup(1));
    expect(r.state).toBe(StateType.Candidate);
    r.step(msg({ type: MessageType.App, from: 2, to: 1, term }));
    expect(r.state).toBe(StateType.Follower);
    expect(r.term).toBe(term);
  });

  // Election timeouts of followers and candidates are randomized in [et, 2et).
  it.each([StateType.Follower, StateType.Candidate])(
    "%s election timeout is randomized over [et, 2et) (§5.2)",
    (state: State) => {
      const et = 10;
      const r = newTestRaft(1, et, 1, storageWith([1, 2, 3]));
      const timeouts = new Set<number>();
      for (let round = 0; round < 50 * et; round++) {
        if (state === StateType.Follower) r.becomeFollower(r.term + 1, 2);
        else r.becomeCandidate();
        let time = 0;
        while (readMessages(r).length === 0) {
          r.tick();
          time++;
        }
        timeouts.add(time);
      }
      for (let d = et; d < 2 * et; d++)
        expect(timeouts.has(d), `timeout in ${d} ticks should happen`).toBe(true);
      for (const d of timeouts) expect(d >= et && d < 2 * et).toBe(true);
    },
  );

  // In most cases only one server times out, which makes split votes unlikely.
  it.each([StateType.Follower, StateType.Candidate])(
    "%s election timeouts rarely conflict (§5.2)",
    (state: State) => {
      const et = 10;
      const size = 5;
      const ids = idsBySize(size);
      const rs = ids.map((id) => newTestRaft(id, et, 1, storageWith(ids)));
      let conflicts = 0;
      for (let round = 0; round < 1000; round++) {
        for (const r of rs) {
          if (state === StateType.Follower) r.becomeFollower(r.term + 1, None);
          else r.becomeCandidate();
        }
        let timeoutNum = 0;
        while (timeoutNum === 0) {
          for (const r of rs) {
            r.tick();
            if (readMessages(r).length > 0) timeoutNum++;
          }
        }
        // Several rafts timed out on the same tick.
        if (timeoutNum > 1) conflicts++;
      }
      expect(conflicts / 1000).toBeLessThanOrEqual(0.3);
    },
  );
});

describe("§5.3 log replication", () => {
  // On a client proposal the leader appends the entry to its log and sends AppendEntries, carrying the
  // index and term of the preceding entry, to every other server in parallel. The entry is also handed
  // out to be written to stable storage.
  it("leader appends a proposal and replicates it with the preceding index and term (§5.3)", () => {
    const s = storageWith([1, 2, 3]);
    const r = newTestRaft(1, 10, 1, s);
    r.becomeCandidate();
    r.becomeLeader();
    commitNoopEntry(r, s);
    const li = r.raftLog.lastIndex();

    r.step(prop(1, "some data"));

    expect(r.raftLog.lastIndex()).toBe(li + 1);
    expect(r.raftLog.committed).toBe(li);
    const wents = [entry(1, li + 1, "some data")];
    expect(sortMessages(readMessages(r))).toEqual([
      msg({
        type: MessageType.App,
        from: 1,
        to: 2,
        term: 1,
        index: li,
        logTerm: 1,
        entries: wents,
        commit: li,
      }),
      msg({
        type: MessageType.App,
        from: 1,
        to: 3,
        term: 1,
        index: li,
        logTerm: 1,
        entries: wents,
        commit: li,
      }),
    ]);
    expect(r.raftLog.nextUnstableEntries()).toEqual(wents);
  });

  // Once the entry is safely replicated the leader commits it and hands it out to be applied; it sends
  // the new commit index in later AppendEntries so the followers learn it.
  it("leader commits a replicated entry and tells the followers (§5.3)", () => {
    const s = storageWith([1, 2, 3]);
    const r = newTestRaft(1, 10, 1, s);
    r.becomeCandidate();
    r.becomeLeader();
    commitNoopEntry(r, s);
    const li = r.raftLog.lastIndex();
    r.step(prop(1, "some data"));

    for (const m of readMessages(r)) r.step(acceptAndReply(m));

    expect(r.raftLog.committed).toBe(li + 1);
    expect(r.raftLog.nextCommittedEntries()).toEqual([entry(1, li + 1, "some data")]);
    const msgs = sortMessages(readMessages(r));
    expect(msgs).toHaveLength(2);
    msgs.forEach((m, i) => {
      expect(m.to).toBe(i + 2);
      expect(m.type).toBe(MessageType.App);
      expect(m.commit).toBe(li + 1);
    });
  });

  // An entry is committed once the leader that created it has replicated it on a majority.
  it.each([
    { size: 1, acceptors: [], wack: true },
    { size: 3, acceptors: [], wack: false },
    { size: 3, acceptors: [2], wack: true },
    { size: 3, acceptors: [2, 3], wack: true },
    { size: 5, acceptors: [], wack: false },
    { size: 5, acceptors: [2], wack: false },
    { size: 5, acceptors: [2, 3], wack: true },
    { size: 5, acceptors: [2, 3, 4], wack: true },
    { size: 5, acceptors: [2, 3, 4, 5], wack: true },
  ] as { size: number; acceptors: number[]; wack: boolean }[])(
    "size $size, acceptors $acceptors: committed $wack (§5.3)",
    ({ size, acceptors, wack }) => {
      const s = storageWith(idsBySize(size));
      const r = newTestRaft(1, 10, 1, s);
      r.becomeCandidate();
      r.becomeLeader();
      commitNoopEntry(r, s);
      const li = r.raftLog.lastIndex();
      r.step(prop(1, "some data"));
      advanceMessagesAfterAppend(r);
      for (const m of [...r.msgs]) if (acceptors.includes(m.to)) r.step(acceptAndReply(m));
      expect(r.raftLog.committed > li).toBe(wack);
    },
  );

  // When the leader commits an entry it also commits every preceding entry, including those created by
  // previous leaders; the entries are applied in log order.
  it.each([[], [entry(2, 1)], [entry(1, 1), entry(2, 2)], [entry(1, 1)]])(
    "leader commits the entries of previous leaders before its own: %j (§5.3)",
    (...tt: Entry[]) => {
      const storage = storageWith([1, 2, 3], tt, { term: 2 });
      const r = newTestRaft(1, 10, 1, storage);
      r.becomeCandidate();
      r.becomeLeader();
      r.step(prop(1, "some data"));
      for (const m of readMessages(r)) r.step(acceptAndReply(m));
      const li = tt.length;
      expect(r.raftLog.nextCommittedEntries()).toEqual([
        ...tt,
        entry(3, li + 1),
        entry(3, li + 2, "some data"),
      ]);
    },
  );

  // Once a follower learns that an entry is committed it applies it (in log order).
  it.each([
    { ents: [entry(1, 1, "some data")], commit: 1 },
    { ents: [entry(1, 1, "some data"), entry(1, 2, "some data2")], commit: 2 },
    { ents: [entry(1, 1, "some data2"), entry(1, 2, "some data")], commit: 2 },
    { ents: [entry(1, 1, "some data"), entry(1, 2, "some data2")], commit: 1 },
  ])("follower applies what the leader says is committed (commit $commit) (§5.3)", ({ ents: es, commit }) => {
    const r = newTestRaft(1, 10, 1, storageWith([1, 2, 3]));
    r.becomeFollower(1, 2);
    r.step(msg({ type: MessageType.App, from: 2, to: 1, term: 1, entries: es, commit }));
    expect(r.raftLog.committed).toBe(commit);
    expect(r.raftLog.nextCommittedEntries()).toEqual(es.slice(0, commit));
  });

  // A follower that has no entry matching the index and term preceding the new entries refuses them;
  // otherwise it accepts. A refusal carries a hint of where the logs may match.
  it.each([
    // Match with committed entries.
    { term: 0, index: 0, windex: 1, wreject: false, wrejectHint: 0, wlogterm: 0 },
    { term: 1, index: 1, windex: 1, wreject: false, wrejectHint: 0, wlogterm: 0 },
    // Match with uncommitted entries.
    { term: 2, index: 2, windex: 2, wreject: false, wrejectHint: 0, wlogterm: 0 },
    // Mismatch with an existing entry.
    { term: 1, index: 2, windex: 2, wreject: true, wrejectHint: 1, wlogterm: 1 },
    // A nonexistent entry.
    { term: 3, index: 3, windex: 3, wreject: true, wrejectHint: 2, wlogterm: 2 },
  ])(
    "follower checks MsgApp at (index $index, term $term): reject $wreject (§5.3)",
    ({ term, index, windex, wreject, wrejectHint, wlogterm }) => {
      const storage = storageWith([1, 2, 3], [entry(1, 1), entry(2, 2)], { commit: 1 });
      const r = newTestRaft(1, 10, 1, storage);
      r.becomeFollower(2, 2);
      r.step(msg({ type: MessageType.App, from: 2, to: 1, term: 2, logTerm: term, index }));
      const expected = msg({ type: MessageType.AppResp, from: 1, to: 2, term: 2, index: windex });
      if (wreject) Object.assign(expected, { reject: true, rejectHint: wrejectHint, logTerm: wlogterm });
      expect(readMessages(r)).toEqual([expected]);
    },
  );

  // A valid AppendEntries makes the follower delete a conflicting entry and everything after it, and
  // append the entries it lacks. The new entries are handed out to be written to stable storage.
  it.each([
    { index: 2, term: 2, es: ents(3, 3), wents: ents(1, 1, 2, 3), wunstable: ents(3, 3) },
    { index: 1, term: 1, es: ents(2, 3, 4), wents: ents(1, 1, 3, 4), wunstable: ents(2, 3, 4) },
    { index: 0, term: 0, es: ents(1, 1), wents: ents(1, 1, 2), wunstable: [] },
    { index: 0, term: 0, es: ents(1, 3), wents: ents(1, 3), wunstable: ents(1, 3) },
  ])(
    "follower appends after (index $index, term $term), truncating conflicts (§5.3)",
    ({ index, term, es, wents, wunstable }) => {
      const storage = storageWith([1, 2, 3], [entry(1, 1), entry(2, 2)]);
      const r = newTestRaft(1, 10, 1, storage);
      r.becomeFollower(2, 2);
      r.step(msg({ type: MessageType.App, from: 2, to: 1, term: 2, logTerm: term, index, entries: es }));
      expect(r.raftLog.allEntries()).toEqual(wents);
      expect(r.raftLog.nextUnstableEntries()).toEqual(wunstable);
    },
  );

  // The leader brings a follower's log into consistency with its own (Figure 7).
  it.each([
    ents(0, 0, 1, 1, 1, 4, 4, 5, 5, 6, 6),
    ents(0, 0, 1, 1, 1, 4, 4),
    ents(0, 0, 1, 1, 1, 4, 4, 5, 5, 6, 6, 6, 6),
    ents(0, 0, 1, 1, 1, 4, 4, 5, 5, 6, 6, 6, 7, 7),
    ents(0, 0, 1, 1, 1, 4, 4, 4, 4),
    ents(0, 0, 1, 1, 1, 2, 2, 2, 3, 3, 3, 3, 3),
  ])("leader syncs a follower's log, Figure 7 case %# (§5.3)", (...followerLog: Entry[]) => {
    const leaderLog = ents(0, 0, 1, 1, 1, 4, 4, 5, 5, 6, 6, 6);
    const term = 8;
    // Index 0 is the storage's placeholder, so MemoryStorage.append skips it.
    const leadStorage = storageWith([1, 2, 3], leaderLog, { commit: leaderLog.length - 1, term });
    const lead = newTestRaft(1, 10, 1, leadStorage);
    const follower = newTestRaft(2, 10, 1, storageWith([1, 2, 3], followerLog, { term: term - 1 }));
    // A three-node cluster: the follower's log may be more up to date than the leader's, so the leader
    // needs the third node's vote.
    const n = new Network([lead, follower, nopStepper]);
    n.send(hup(1));
    // The election happens in the term after the one loaded above.
    n.send(msg({ type: MessageType.VoteResp, from: 3, to: 1, term: term + 1 }));
    n.send(msg({ type: MessageType.Prop, from: 1, to: 1, entries: [propEntry()] }));
    expect(lead.state).toBe(StateType.Leader);
    expect(logSummary(follower.raftLog)).toEqual(logSummary(lead.raftLog));
  });
});

describe("§5.4 safety", () => {
  // §5.4.1: the RequestVote RPC carries the candidate's last log index and term, and goes to every other node.
  it.each([
    { es: ents(1, 1), wterm: 2 },
    { es: ents(1, 1, 2), wterm: 3 },
  ])("vote requests carry the candidate's last index and term (§5.4.1)", ({ es, wterm }) => {
    const r = newTestRaft(1, 10, 1, storageWith([1, 2, 3]));
    r.step(
      msg({ type: MessageType.App, from: 2, to: 1, term: wterm - 1, logTerm: 0, index: 0, entries: es }),
    );
    readMessages(r);
    for (let i = 1; i < 10 * 2; i++) r.tick();
    const msgs = sortMessages(readMessages(r));
    expect(msgs).toHaveLength(2);
    const last = es[es.length - 1] as Entry;
    msgs.forEach((m: Message, i) => {
      expect(m.type).toBe(MessageType.Vote);
      expect(m.to).toBe(i + 2);
      expect(m.term).toBe(wterm);
      expect(m.index).toBe(last.index);
      expect(m.logTerm).toBe(last.term);
    });
  });

  // §5.4.1: a voter denies its vote if its own log is more up to date than the candidate's.
  it.each([
    // Same last term.
    { es: ents(1, 1), logterm: 1, index: 1, wreject: false },
    { es: ents(1, 1), logterm: 1, index: 2, wreject: false },
    { es: ents(1, 1, 1), logterm: 1, index: 1, wreject: true },
    // The candidate's last term is higher.
    { es: ents(1, 1), logterm: 2, index: 1, wreject: false },
    { es: ents(1, 1), logterm: 2, index: 2, wreject: false },
    { es: ents(1, 1, 1), logterm: 2, index: 1, wreject: false },
    // The voter's last term is higher.
    { es: ents(1, 2), logterm: 1, index: 1, wreject: true },
    { es: ents(1, 2), logterm: 1, index: 2, wreject: true },
    { es: ents(1, 2, 2), logterm: 1, index: 1, wreject: true },
    { es: ents(1, 1, 1), logterm: 1, index: 1, wreject: true },
  ])(
    "voter with $es.length entries asked at (index $index, term $logterm): reject $wreject (§5.4.1)",
    ({ es, logterm, index, wreject }) => {
      const r = newTestRaft(1, 10, 1, storageWith([1, 2], es));
      r.step(msg({ type: MessageType.Vote, from: 2, to: 1, term: 3, logTerm: logterm, index }));
      const msgs = readMessages(r);
      expect(msgs).toHaveLength(1);
      expect(msgs[0]?.type).toBe(MessageType.VoteResp);
      expect(msgs[0]?.reject).toBe(wreject);
    },
  );

  // §5.4.2: only entries of the leader's current term are committed by counting replicas.
  it.each([
    // Entries of previous terms are not committed.
    { index: 1, wcommit: 0 },
    { index: 2, wcommit: 0 },
    // An entry of the current term is.
    { index: 3, wcommit: 3 },
  ])(
    "leader commits by counting replicas only in its own term: ack $index → commit $wcommit (§5.4.2)",
    ({ index, wcommit }) => {
      const storage = storageWith([1, 2], [entry(1, 1), entry(2, 2)], { term: 2 });
      const r: Raft = newTestRaft(1, 10, 1, storage);
      // Leader at term 3.
      r.becomeCandidate();
      r.becomeLeader();
      readMessages(r);
      // An entry of the current term.
      r.step(msg({ type: MessageType.Prop, from: 1, to: 1, entries: [propEntry()] }));
      r.step(msg({ type: MessageType.AppResp, from: 2, to: 1, term: r.term, index }));
      advanceMessagesAfterAppend(r);
      expect(r.raftLog.committed).toBe(wcommit);
    },
  );
});

// Sections §5.5 (follower and candidate crashes: RPCs are idempotent and retried), §6 (membership),
// §7 (log compaction) and §8 (client interaction) are exercised by the tests below; etcd's paper test
// file stops at §5.4, and the multi-node versions of these rules live in raft.test.ts.
describe("§5.5, §6, §7, §8", () => {
  // §5.5: if a follower receives an AppendEntries request that includes log entries already present in
  // its log, it ignores those entries in the new request: a retried RPC is harmless.
  it("a repeated AppendEntries is idempotent (§5.5)", () => {
    const r = newTestRaft(1, 10, 1, storageWith([1, 2, 3]));
    r.becomeFollower(1, 2);
    const app = msg({ type: MessageType.App, from: 2, to: 1, term: 1, entries: ents(1, 1, 1, 1), commit: 2 });
    r.step(app);
    const first = readMessages(r);
    const log = logSummary(r.raftLog);
    r.step({ ...app, entries: app.entries.slice(0, 2), commit: 1 });
    expect(logSummary(r.raftLog)).toEqual(log);
    expect(r.raftLog.committed).toBe(2);
    r.step(app);
    // Retries starting below the commit index are answered with the commit index: that much is known to
    // match the leader's log.
    expect(readMessages(r).map((m) => m.index)).toEqual([2, 2]);
    expect(first.map((m) => m.index)).toEqual([3]);
    expect(logSummary(r.raftLog)).toEqual(log);
  });

  // §6: a new configuration takes effect as soon as it is applied, and the quorum it defines decides
  // commitment from then on: a smaller configuration can commit what the larger one could not.
  it("a configuration change changes the quorum immediately (§6)", () => {
    const r = newTestRaft(1, 10, 1, storageWith([1, 2, 3, 4, 5]));
    r.becomeCandidate();
    r.becomeLeader();
    r.step(prop(1, "x"));
    advanceMessagesAfterAppend(r);
    r.step(msg({ type: MessageType.AppResp, from: 2, to: 1, term: 1, index: 2 }));
    // Two of five.
    expect(r.raftLog.committed).toBe(0);
    r.applyConfChange(confChange([{ type: ConfChangeType.RemoveNode, nodeId: 5 }]));
    // Two of four.
    expect(r.raftLog.committed).toBe(0);
    r.applyConfChange(confChange([{ type: ConfChangeType.RemoveNode, nodeId: 4 }]));
    // Two of three.
    expect(r.raftLog.committed).toBe(2);
  });

  // §7: a follower far behind receives the leader's snapshot and discards its whole conflicting log.
  it("a snapshot replaces a conflicting log (§7)", () => {
    const r = newTestRaft(2, 10, 1, storageWith([1, 2], ents(1, 1, 1, 1)));
    const snap = {
      metadata: {
        index: 5,
        term: 3,
        confState: { voters: [1, 2], learners: [], votersOutgoing: [], learnersNext: [], autoLeave: false },
      },
      data: bytes("state"),
    };
    r.step(msg({ type: MessageType.Snap, from: 1, to: 2, term: 3, snapshot: snap }));
    expect(r.raftLog.lastIndex()).toBe(5);
    expect(r.raftLog.committed).toBe(5);
    expect(r.raftLog.termOrUndefined(5)).toBe(3);
    expect(r.raftLog.termOrUndefined(3)).toBeUndefined();
    expect(readMessages(r)).toEqual([msg({ type: MessageType.AppResp, from: 2, to: 1, term: 3, index: 5 })]);
  });

  // §8: a new leader does not know which entries are committed until it commits one of its own term, so
  // it serves no read before that; then a round of heartbeats confirms it is still the leader.
  it("a new leader serves reads only after committing an entry of its term (§8)", () => {
    const r = newTestRaft(1, 10, 1, storageWith([1, 2, 3]));
    r.becomeCandidate();
    r.becomeLeader();
    r.step(msg({ type: MessageType.ReadIndex, from: 1, to: 1, entries: [propEntry("ctx")] }));
    r.bcastAppend();
    const apps = readMessages(r);
    expect(apps.map((m) => m.type)).toEqual([MessageType.App, MessageType.App]);
    expect(r.readStates).toEqual([]);
    r.step(acceptAndReply(apps[0] as Message));
    expect(r.raftLog.committed).toBe(1);
    // The read now waits for a quorum of heartbeat responses carrying its context.
    expect(r.readStates).toEqual([]);
    const hbs = readMessages(r).filter((m) => m.type === MessageType.Heartbeat);
    expect(hbs.map((m) => m.to)).toEqual([2, 3]);
    const hb = hbs[0] as Message;
    r.step(
      msg({
        type: MessageType.HeartbeatResp,
        from: hb.to,
        to: 1,
        term: 1,
        ...(hb.context === undefined ? {} : { context: hb.context }),
      }),
    );
    expect(r.readStates).toEqual([{ index: 1, requestCtx: bytes("ctx") }]);
  });
});

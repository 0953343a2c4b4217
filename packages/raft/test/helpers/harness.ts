/**
 * White-box helpers for testing the Raft object directly, in the style of etcd-io/raft's in-package tests
 * (raft_test.go): a test raft with etcd's test defaults, a MemoryStorage bootstrapped with a membership
 * at index 0, message readers that deliver the "after append" self-messages, and an in-process network.
 */
import { SeededRandom } from "@millrace/common";
import { encodeConfChange, type ConfChange } from "../../src/conf-change.js";
import { noLimit, raftConfig, silentLogger, type RaftConfig } from "../../src/config.js";
import { ProposalDroppedError } from "../../src/errors.js";
import { Raft } from "../../src/raft.js";
import { type RaftLog } from "../../src/raft-log.js";
import { MemoryStorage } from "../../src/storage.js";
import {
  EntryType,
  MessageType,
  describeMessage,
  newMessage,
  type ConfState,
  type Entry,
  type HardState,
  type Message,
  type NodeId,
  type Snapshot,
} from "../../src/index.js";

export const encoder = new TextEncoder();
export const bytes = (text: string): Uint8Array => encoder.encode(text);
export const empty = (): Uint8Array => new Uint8Array(0);

// ---- entries ---------------------------------------------------------------------------------------

/** A normal entry. */
export function entry(term: number, index: number, data: Uint8Array | string = empty()): Entry {
  return { term, index, type: EntryType.Normal, data: typeof data === "string" ? bytes(data) : data };
}

/** etcd's `index(first).terms(...)`: consecutive empty entries starting at `first` with the given terms. */
export function ents(first: number, ...terms: number[]): Entry[] {
  return terms.map((term, i) => entry(term, first + i));
}

/** A proposal's payload entry (term and index are stamped by the leader). */
export function propEntry(data: Uint8Array | string = empty()): Entry {
  return entry(0, 0, data);
}

export function confState(fields: Partial<ConfState> = {}): ConfState {
  return { voters: [], learners: [], votersOutgoing: [], learnersNext: [], autoLeave: false, ...fields };
}

export function snapshot(index: number, term: number, cs: Partial<ConfState>): Snapshot {
  return { metadata: { index, term, confState: confState(cs) }, data: empty() };
}

// ---- storage ---------------------------------------------------------------------------------------

/**
 * A MemoryStorage whose membership is set without a snapshot (at index 0), like etcd's
 * `newTestMemoryStorage(withPeers(...), withLearners(...))`. Once a real snapshot is applied, it wins.
 */
export class TestStorage extends MemoryStorage {
  constructor(private readonly bootstrap: ConfState) {
    super();
  }

  override snapshot(): Snapshot {
    const snap = super.snapshot();
    if (snap.metadata.index > 0) return snap;
    return { ...snap, metadata: { ...snap.metadata, confState: this.bootstrap } };
  }

  override initialState(): { hardState: HardState; confState: ConfState } {
    return { hardState: super.initialState().hardState, confState: this.snapshot().metadata.confState };
  }
}

export function newTestStorage(voters: readonly NodeId[], learners: readonly NodeId[] = []): TestStorage {
  return new TestStorage(confState({ voters: [...voters], learners: [...learners] }));
}

// ---- rafts -----------------------------------------------------------------------------------------

/** etcd's newTestConfig: no CheckQuorum, no PreVote, no size limits, 256 inflight messages. */
export function newTestConfig(
  id: NodeId,
  election: number,
  heartbeat: number,
  storage: MemoryStorage,
  overrides: Partial<RaftConfig> = {},
): RaftConfig {
  return raftConfig({
    id,
    storage,
    random: new SeededRandom(id),
    electionTimeoutTicks: election,
    heartbeatIntervalTicks: heartbeat,
    messageBytesMax: noLimit,
    inflightBytesMax: noLimit,
    uncommittedBytesMax: noLimit,
    committedBytesPerReadyMax: noLimit,
    inflightMessagesMax: 256,
    checkQuorum: false,
    preVote: false,
    stepDownOnRemoval: false,
    logger: silentLogger,
    ...overrides,
  });
}

export function newTestRaft(
  id: NodeId,
  election: number,
  heartbeat: number,
  storage: MemoryStorage,
  overrides: Partial<RaftConfig> = {},
): Raft {
  return new Raft(newTestConfig(id, election, heartbeat, storage, overrides));
}

/**
 * The Raft object's private members that etcd's in-package tests reach into. TypeScript's `private` is
 * compile-time only, so white-box tests may use them through this view.
 */
export interface RaftInternals {
  /** The config object the raft was built with; mutating it (e.g. `preVote`) takes effect at once. */
  readonly config: RaftConfig;
  appendEntry(entries: Entry[]): boolean;
  handleAppendEntries(m: Message): void;
  handleHeartbeat(m: Message): void;
  sendAppend(to: NodeId): void;
  readonly pendingReadIndexMessages: Message[];
}

export function internals(r: Raft): RaftInternals {
  return r as unknown as RaftInternals;
}

/** The votes recorded in the current election, by voter id. */
export function votesOf(r: Raft): ReadonlyMap<NodeId, boolean> {
  return (r.tracker as unknown as { votes: Map<NodeId, boolean> }).votes;
}

export function mustAppendEntry(r: Raft, ...entries: Entry[]): void {
  if (!internals(r).appendEntry(entries)) throw new Error("entry unexpectedly dropped");
}

export function setRandomizedElectionTimeout(r: Raft, ticks: number): void {
  r.randomizedElectionTimeout = ticks;
}

// ---- messages --------------------------------------------------------------------------------------

export function msg(fields: Partial<Message> & Pick<Message, "type">): Message {
  return newMessage(fields);
}

export const hup = (id: NodeId): Message => msg({ type: MessageType.Hup, from: id, to: id });
export const beat = (id: NodeId): Message => msg({ type: MessageType.Beat, from: id, to: id });
export const prop = (id: NodeId, data: Uint8Array | string = empty()): Message =>
  msg({ type: MessageType.Prop, from: id, to: id, entries: [propEntry(data)] });
export const readIndex = (id: NodeId, ctx: Uint8Array | string): Message =>
  msg({ type: MessageType.ReadIndex, from: id, to: id, entries: [propEntry(ctx)] });
export const transferLeader = (transferee: NodeId, to: NodeId): Message =>
  msg({ type: MessageType.TransferLeader, from: transferee, to });

export function confChangeEntry(cc: ConfChange): Entry {
  return { term: 0, index: 0, type: EntryType.ConfChange, data: encodeConfChange(cc) };
}

export const confChangeProp = (id: NodeId, cc: ConfChange): Message =>
  msg({ type: MessageType.Prop, from: id, to: id, entries: [confChangeEntry(cc)] });

/** Takes the self-addressed "after append" messages without delivering them. */
export function takeMessagesAfterAppend(r: Raft): Message[] {
  const msgs = r.msgsAfterAppend;
  r.msgsAfterAppend = [];
  return msgs;
}

/** Steps self-addressed messages and queues the rest for sending, as RawNode.advance() does. */
export function stepOrSend(r: Raft, msgs: readonly Message[]): void {
  for (const m of msgs) {
    if (m.to === r.id) r.step(m);
    else r.msgs.push(m);
  }
}

/** Delivers the self-acknowledgements (own votes, own appends) as if the Ready were persisted. */
export function advanceMessagesAfterAppend(r: Raft): void {
  for (;;) {
    const msgs = takeMessagesAfterAppend(r);
    if (msgs.length === 0) return;
    stepOrSend(r, msgs);
  }
}

/** Delivers self-acknowledgements, then takes the outgoing messages. */
export function readMessages(r: Raft): Message[] {
  advanceMessagesAfterAppend(r);
  const msgs = r.msgs;
  r.msgs = [];
  return msgs;
}

export function expectOneMessage(r: Raft): Message {
  const msgs = readMessages(r);
  if (msgs.length !== 1)
    throw new Error(`expected one message, got ${msgs.length}: ${msgs.map(describeMessage).join("; ")}`);
  return msgs[0] as Message;
}

/** Orders messages the same way every time (etcd sorts by their printed form). */
export function sortMessages(msgs: Message[]): Message[] {
  return msgs.sort((a, b) => a.to - b.to || a.type - b.type || a.index - b.index);
}

/** etcd's acceptAndReply: the follower's positive answer to a MsgApp. */
export function acceptAndReply(m: Message): Message {
  if (m.type !== MessageType.App) throw new Error("type should be MsgApp");
  return msg({
    type: MessageType.AppResp,
    from: m.to,
    to: m.from,
    term: m.term,
    index: m.index + m.entries.length,
  });
}

/**
 * etcd's nextEnts: persists the unstable entries, delivers the self-acknowledgements and returns the
 * committed entries, marking them applied.
 */
export function nextEnts(r: Raft, s: MemoryStorage): Entry[] {
  const unstable = r.raftLog.nextUnstableEntries();
  s.append(unstable);
  const last = unstable[unstable.length - 1];
  if (last !== undefined) r.raftLog.stableTo(last.index, last.term);
  advanceMessagesAfterAppend(r);
  const committed = r.raftLog.nextCommittedEntries();
  r.raftLog.appliedTo(r.raftLog.committed, 0);
  return committed;
}

/** etcd's commitNoopEntry: has every follower acknowledge the new leader's empty entry. */
export function commitNoopEntry(r: Raft, s: MemoryStorage): void {
  if (r.state !== "Leader") throw new Error("it should only be used when it is the leader");
  r.bcastAppend();
  for (const m of readMessages(r)) {
    if (m.type !== MessageType.App || m.entries.length !== 1 || (m.entries[0] as Entry).data.length !== 0) {
      throw new Error("not a message to append noop entry");
    }
    r.step(acceptAndReply(m));
  }
  // Ignore the messages that refresh the followers' commit index.
  readMessages(r);
  s.append(r.raftLog.nextUnstableEntries());
  r.raftLog.appliedTo(r.raftLog.committed, 0);
  r.raftLog.stableTo(r.raftLog.lastIndex(), r.raftLog.lastTerm());
}

/** etcd's ltoa: the parts of a log that tests compare between nodes. */
export function logSummary(log: RaftLog): {
  lastIndex: number;
  applied: number;
  entries: { term: number; index: number; type: EntryType; data: string }[];
} {
  return {
    lastIndex: log.lastIndex(),
    applied: log.applied,
    entries: log
      .allEntries()
      .map((e) => ({ term: e.term, index: e.index, type: e.type, data: new TextDecoder().decode(e.data) })),
  };
}

/** The summary of a freshly loaded log holding `entries` (etcd's `ltoa(newLog(&MemoryStorage{ents}))`). */
export function expectedLogSummary(entries: readonly Entry[]): ReturnType<typeof logSummary> {
  const last = entries[entries.length - 1];
  return {
    lastIndex: last?.index ?? 0,
    applied: 0,
    entries: entries.map((e) => ({
      term: e.term,
      index: e.index,
      type: e.type,
      data: new TextDecoder().decode(e.data),
    })),
  };
}

// ---- network ---------------------------------------------------------------------------------------

/** A peer that swallows every message (etcd's nopStepper). */
export class BlackHole {
  step(_m: Message): void {}
}
export const nopStepper = new BlackHole();

export type Peer = Raft | BlackHole;

/** A peer slot when building a network: a raft, a black hole, or null for a fresh raft. */
export type PeerSpec = Raft | BlackHole | null;

/**
 * An in-process network of Raft objects, like etcd's test `network`: `send` delivers messages (and all
 * the messages they cause) until the network is quiet, dropping what the filters say.
 */
export class Network {
  readonly peers = new Map<NodeId, Peer>();
  readonly storage = new Map<NodeId, MemoryStorage>();
  /** Called for each message sent; return false to drop it. */
  msgHook: ((m: Message) => boolean) | undefined = undefined;
  private dropm = new Map<string, number>();
  private ignorem = new Set<MessageType>();
  private readonly random = new SeededRandom(0x5eed);

  /**
   * Nodes get ids 1..n by position; a null slot becomes a fresh raft (election 10, heartbeat 1) whose
   * storage knows all n nodes as voters, configured with `overrides`. Given rafts must have the id of
   * their slot.
   */
  constructor(peers: readonly PeerSpec[], overrides: Partial<RaftConfig> = {}) {
    const ids = peers.map((_, i) => i + 1);
    peers.forEach((p, i) => {
      const id = i + 1;
      if (p === null) {
        const storage = newTestStorage(ids);
        this.storage.set(id, storage);
        this.peers.set(id, newTestRaft(id, 10, 1, storage, overrides));
      } else {
        if (p instanceof Raft && p.id !== id) throw new Error(`raft ${p.id} placed in slot ${id}`);
        if (p instanceof Raft) this.storage.set(id, p.raftLog.storage as MemoryStorage);
        this.peers.set(id, p);
      }
    });
  }

  static of(...peers: PeerSpec[]): Network {
    return new Network(peers);
  }

  raft(id: NodeId): Raft {
    const p = this.peers.get(id);
    if (!(p instanceof Raft)) throw new Error(`peer ${id} is not a raft`);
    return p;
  }

  send(...msgs: Message[]): void {
    const queue = [...msgs];
    for (let m = queue.shift(); m !== undefined; m = queue.shift()) {
      const p = this.peers.get(m.to);
      if (p === undefined) continue;
      try {
        p.step(m);
      } catch (error) {
        // etcd's network ignores Step's error (a dropped proposal).
        if (!(error instanceof ProposalDroppedError)) throw error;
      }
      if (p instanceof Raft) queue.push(...this.filter(readMessages(p)));
    }
  }

  drop(from: NodeId, to: NodeId, perc: number): void {
    this.dropm.set(`${from}->${to}`, perc);
  }

  cut(one: NodeId, other: NodeId): void {
    this.drop(one, other, 2);
    this.drop(other, one, 2);
  }

  isolate(id: NodeId): void {
    for (const nid of this.peers.keys()) {
      if (nid === id) continue;
      this.drop(id, nid, 1);
      this.drop(nid, id, 1);
    }
  }

  ignore(type: MessageType): void {
    this.ignorem.add(type);
  }

  recover(): void {
    this.dropm = new Map();
    this.ignorem = new Set();
  }

  private filter(msgs: readonly Message[]): Message[] {
    return msgs.filter((m) => {
      if (this.ignorem.has(m.type)) return false;
      if (m.type === MessageType.Hup) throw new Error("unexpected MsgHup on the network");
      const perc = this.dropm.get(`${m.from}->${m.to}`) ?? 0;
      if (this.random.float() < perc) return false;
      return this.msgHook === undefined || this.msgHook(m);
    });
  }
}

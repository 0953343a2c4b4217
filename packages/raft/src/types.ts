/**
 * The wire and storage vocabulary of the Raft core. Node ids are positive safe integers, never reused
 * across incarnations (a node that lost its disk joins under a new id). Indexes and terms are safe
 * integers: at a million entries a second they last for centuries.
 */

export type NodeId = number;

/** The kinds of log entry. A const object, not an enum, so values stay plain numbers on the wire. */
export const EntryType = {
  Normal: 0,
  ConfChange: 1,
} as const;
export type EntryType = (typeof EntryType)[keyof typeof EntryType];

export interface Entry {
  readonly term: number;
  readonly index: number;
  readonly type: EntryType;
  readonly data: Uint8Array;
}

export const MessageType = {
  /** Local: start an election (or pre-election). */
  Hup: 0,
  /** Local: a leader's heartbeat tick. */
  Beat: 1,
  /** A proposal of entries (local, or forwarded by a follower). */
  Prop: 2,
  App: 3,
  AppResp: 4,
  Vote: 5,
  VoteResp: 6,
  Snap: 7,
  Heartbeat: 8,
  HeartbeatResp: 9,
  /** Local: the transport could not reach a follower. */
  Unreachable: 10,
  /** Local: the outcome of sending a snapshot to a follower. */
  SnapStatus: 11,
  /** Local: a leader checks that a quorum is still active. */
  CheckQuorum: 12,
  TransferLeader: 13,
  TimeoutNow: 14,
  ReadIndex: 15,
  ReadIndexResp: 16,
  PreVote: 17,
  PreVoteResp: 18,
} as const;
export type MessageType = (typeof MessageType)[keyof typeof MessageType];

const messageTypeNames = Object.fromEntries(
  Object.entries(MessageType).map(([name, value]) => [value, name]),
);

export function messageTypeName(type: MessageType): string {
  return `Msg${messageTypeNames[type] ?? String(type)}`;
}

/** True for messages that only ever pass between a node's own components, never over a network. */
export function isLocalMessage(type: MessageType): boolean {
  return (
    type === MessageType.Hup ||
    type === MessageType.Beat ||
    type === MessageType.Unreachable ||
    type === MessageType.SnapStatus ||
    type === MessageType.CheckQuorum
  );
}

export function isResponseMessage(type: MessageType): boolean {
  return (
    type === MessageType.AppResp ||
    type === MessageType.VoteResp ||
    type === MessageType.HeartbeatResp ||
    type === MessageType.Unreachable ||
    type === MessageType.PreVoteResp
  );
}

export function voteResponseType(type: MessageType): MessageType {
  return type === MessageType.PreVote ? MessageType.PreVoteResp : MessageType.VoteResp;
}

export interface Message {
  type: MessageType;
  to: NodeId;
  from: NodeId;
  term: number;
  /** Term of the entry at `index`; for votes, the candidate's last log term. */
  logTerm: number;
  /** For App, the index preceding `entries`; for AppResp, the acknowledged or rejected index. */
  index: number;
  entries: Entry[];
  commit: number;
  /** Carried only by Snap. */
  snapshot?: Snapshot;
  reject: boolean;
  /** On a rejected AppResp, the follower's hint of where the leader should probe next. */
  rejectHint: number;
  /** Opaque request context for ReadIndex and campaign-transfer markers. */
  context?: Uint8Array;
}

/** What must be persisted before any message depending on it leaves the node. */
export interface HardState {
  readonly term: number;
  readonly vote: NodeId;
  readonly commit: number;
}

export const emptyHardState: HardState = Object.freeze({ term: 0, vote: 0, commit: 0 });

export function isEmptyHardState(hs: HardState): boolean {
  return hs.term === 0 && hs.vote === 0 && hs.commit === 0;
}

export function hardStateEqual(a: HardState, b: HardState): boolean {
  return a.term === b.term && a.vote === b.vote && a.commit === b.commit;
}

/** The cluster membership: voters (and, during a joint change, the outgoing voters) and learners. */
export interface ConfState {
  readonly voters: readonly NodeId[];
  readonly learners: readonly NodeId[];
  readonly votersOutgoing: readonly NodeId[];
  /** Learners that become voters when the joint configuration is left. */
  readonly learnersNext: readonly NodeId[];
  /** Whether leaving the joint configuration is proposed automatically by the leader. */
  readonly autoLeave: boolean;
}

export const emptyConfState: ConfState = Object.freeze({
  voters: [],
  learners: [],
  votersOutgoing: [],
  learnersNext: [],
  autoLeave: false,
});

export interface SnapshotMetadata {
  readonly index: number;
  readonly term: number;
  readonly confState: ConfState;
}

export interface Snapshot {
  readonly metadata: SnapshotMetadata;
  /** The application's state at `metadata.index`, opaque to Raft. */
  readonly data: Uint8Array;
}

export const emptySnapshot: Snapshot = Object.freeze({
  metadata: Object.freeze({ index: 0, term: 0, confState: emptyConfState }),
  data: new Uint8Array(0),
});

export function isEmptySnapshot(snapshot: Snapshot | undefined): boolean {
  return snapshot === undefined || snapshot.metadata.index === 0;
}

export const StateType = {
  Follower: "Follower",
  Candidate: "Candidate",
  Leader: "Leader",
  PreCandidate: "PreCandidate",
} as const;
export type StateType = (typeof StateType)[keyof typeof StateType];

export interface SoftState {
  readonly lead: NodeId;
  readonly raftState: StateType;
}

/** The answer to a ReadIndex request: reads at or below `index` are linearizable once it is applied. */
export interface ReadState {
  readonly index: number;
  readonly requestCtx: Uint8Array;
}

/** The size Raft accounts for an entry: its payload. Limits are in these bytes. */
export function entryPayloadSize(entry: Entry): number {
  return entry.data.byteLength;
}

/** The size an entry occupies in a message or a log read: payload plus a fixed framing overhead. */
export function entrySize(entry: Entry): number {
  return entry.data.byteLength + 16;
}

export function payloadsSize(entries: readonly Entry[]): number {
  let size = 0;
  for (const entry of entries) size += entryPayloadSize(entry);
  return size;
}

export function entriesSize(entries: readonly Entry[]): number {
  let size = 0;
  for (const entry of entries) size += entrySize(entry);
  return size;
}

/**
 * Returns the longest prefix of `entries` whose total size is at most `maxSize`, but never fewer than
 * one entry, so progress is always possible even when one entry is larger than the limit.
 */
export function limitSize(entries: Entry[], maxSize: number): Entry[] {
  if (entries.length === 0) return entries;
  let size = entrySize(entries[0] as Entry);
  let limit = 1;
  for (; limit < entries.length; limit++) {
    size += entrySize(entries[limit] as Entry);
    if (size > maxSize) break;
  }
  return limit === entries.length ? entries : entries.slice(0, limit);
}

export function newMessage(fields: Partial<Message> & Pick<Message, "type">): Message {
  return {
    to: 0,
    from: 0,
    term: 0,
    logTerm: 0,
    index: 0,
    entries: [],
    commit: 0,
    reject: false,
    rejectHint: 0,
    ...fields,
  };
}

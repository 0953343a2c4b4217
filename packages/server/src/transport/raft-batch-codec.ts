import { createCodec, ErrorCode, MillraceError } from "@millrace/common";
import { EntryType, MessageType, isLocalMessage, type Entry, type Message } from "@millrace/raft";

/** One Raft message and the group it belongs to, as queued by `send` and as delivered to `onRaftBatch`. */
export interface RaftBatchItem {
  readonly groupId: number;
  readonly message: Message;
}

/**
 * The payload of a RAFT frame is one msgpack array, flat: `[groupId, message, groupId, message, …]`.
 *
 * A message is a positional tuple, `[type, to, from, term, logTerm, index, commit, reject, rejectHint,
 * entries, context]`, with trailing fields at their defaults (0, false, no entries, no context) left
 * off, so a heartbeat costs about a dozen bytes. `entries` is flat too, four values per entry:
 * `[indexDelta, termDelta, type, data, …]`, each delta taken from the previous entry (the first from the
 * message's `index` and `logTerm`). In an append the deltas are 1 and usually 0, one byte each, so an
 * entry costs its data plus about five bytes. The snapshot field is never encoded: snapshots travel in
 * SNAPSHOT_CHUNK frames, and a MsgSnap may not be sent as a Raft message.
 */
const codec = createCodec();

/** The message tuple's fields, by position. */
const tupleFields = [
  "type",
  "to",
  "from",
  "term",
  "logTerm",
  "index",
  "commit",
  "reject",
  "rejectHint",
  "entries",
  "context",
] as const;
const entryFields = 4;

/**
 * An upper bound on the bytes `item` adds to an encoded batch: a msgpack number takes at most 9 bytes,
 * a header at most 5. Queues and frames are sized by it, so a frame built to the bound never exceeds it.
 */
export function estimateItemBytes(item: RaftBatchItem): number {
  const { message } = item;
  let bytes = 9 + 1 + 9 * 9 + 1 + 5 + 5 + (message.context?.byteLength ?? 0);
  for (const entry of message.entries) bytes += 3 * 9 + 5 + entry.data.byteLength;
  return bytes;
}

/** An upper bound on an encoded batch's own header. */
export const batchHeaderBytes = 5;

export function encodeRaftBatch(items: readonly RaftBatchItem[]): Uint8Array {
  const flat: unknown[] = [];
  for (const { groupId, message } of items) flat.push(groupId, messageTuple(message));
  return codec.encode(flat);
}

function messageTuple(message: Message): unknown[] {
  const tuple: unknown[] = [
    message.type,
    message.to,
    message.from,
    message.term,
    message.logTerm,
    message.index,
    message.commit,
    message.reject,
    message.rejectHint,
    entriesTuple(message),
    message.context ?? null,
  ];
  while (tuple.length > 3 && isDefault(tuple[tuple.length - 1])) tuple.pop();
  return tuple;
}

function isDefault(value: unknown): boolean {
  return value === 0 || value === false || value === null || (Array.isArray(value) && value.length === 0);
}

function entriesTuple(message: Message): unknown[] {
  const flat: unknown[] = [];
  let previousIndex = message.index;
  let previousTerm = message.logTerm;
  for (const entry of message.entries) {
    flat.push(entry.index - previousIndex, entry.term - previousTerm, entry.type, entry.data);
    previousIndex = entry.index;
    previousTerm = entry.term;
  }
  return flat;
}

/**
 * Decodes and validates a RAFT payload. Everything a peer sends is checked as untrusted input: a payload
 * that is not exactly what `encodeRaftBatch` writes throws INVALID_ARGUMENT, and the caller drops the
 * whole frame. Entry data comes back as fresh Uint8Arrays, never views into the frame.
 */
export function decodeRaftBatch(payload: Uint8Array): RaftBatchItem[] {
  const value = codec.decode(payload);
  if (!Array.isArray(value) || value.length % 2 !== 0)
    throw malformed("batch is not a [group, message] list");
  const flat = value as unknown[];
  const items: RaftBatchItem[] = [];
  for (let i = 0; i < flat.length; i += 2) {
    const groupId = flat[i];
    if (!isCount(groupId)) throw malformed(`item ${i / 2}: group id`);
    items.push({ groupId, message: decodeMessage(flat[i + 1], i / 2) });
  }
  return items;
}

const remoteMessageTypes = new Set<number>(
  Object.values(MessageType).filter((type) => !isLocalMessage(type) && type !== MessageType.Snap),
);
const entryTypes = new Set<number>(Object.values(EntryType));

function decodeMessage(value: unknown, item: number): Message {
  if (!Array.isArray(value) || value.length < 3 || value.length > tupleFields.length) {
    throw malformed(`item ${item}: message is not a tuple`);
  }
  const tuple = value as unknown[];
  const type = tuple[0];
  if (typeof type !== "number" || !remoteMessageTypes.has(type)) throw malformed(`item ${item}: type`);
  const reject = tuple[7] ?? false;
  if (typeof reject !== "boolean") throw malformed(`item ${item}: reject`);
  const context = tuple[10] ?? null;
  if (context !== null && !(context instanceof Uint8Array)) throw malformed(`item ${item}: context`);
  const message: Message = {
    type: type as MessageType,
    to: countAt(tuple, 1, item),
    from: countAt(tuple, 2, item),
    term: countAt(tuple, 3, item),
    logTerm: countAt(tuple, 4, item),
    index: countAt(tuple, 5, item),
    commit: countAt(tuple, 6, item),
    reject,
    rejectHint: countAt(tuple, 8, item),
    entries: [],
  };
  message.entries = decodeEntries(tuple[9] ?? [], message, item);
  if (context !== null) message.context = context;
  return message;
}

/** A count field of a message tuple; absent (trimmed) means 0. */
function countAt(tuple: unknown[], position: number, item: number): number {
  const raw = tuple[position] ?? 0;
  if (!isCount(raw)) throw malformed(`item ${item}: ${tupleFields[position]}`);
  return raw;
}

function decodeEntries(value: unknown, message: Message, item: number): Entry[] {
  if (!Array.isArray(value) || value.length % entryFields !== 0) throw malformed(`item ${item}: entries`);
  const flat = value as unknown[];
  const entries: Entry[] = [];
  let index = message.index;
  let term = message.logTerm;
  for (let i = 0; i < flat.length; i += entryFields) {
    const indexDelta = flat[i];
    const termDelta = flat[i + 1];
    const type = flat[i + 2];
    const data = flat[i + 3];
    if (typeof indexDelta !== "number" || typeof termDelta !== "number") {
      throw malformed(`item ${item}: entry ${i / entryFields}`);
    }
    index += indexDelta;
    term += termDelta;
    if (!isCount(index) || !isCount(term) || typeof type !== "number" || !entryTypes.has(type)) {
      throw malformed(`item ${item}: entry ${i / entryFields}`);
    }
    if (!(data instanceof Uint8Array)) throw malformed(`item ${item}: entry ${i / entryFields} data`);
    entries.push({ index, term, type: type as EntryType, data });
  }
  return entries;
}

/** Ids, terms and indexes: non-negative safe integers. */
function isCount(value: unknown): value is number {
  return typeof value === "number" && Number.isSafeInteger(value) && value >= 0;
}

function malformed(what: string): MillraceError {
  return new MillraceError(ErrorCode.INVALID_ARGUMENT, `malformed RAFT frame: ${what}`);
}

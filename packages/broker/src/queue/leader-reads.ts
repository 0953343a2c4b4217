import { assert, type StateReader } from "@millrace/common";
import { readU64 } from "./bytes.js";
import { type SendEntry } from "./commands.js";
import {
  Prefix,
  attemptKey,
  bodyKey,
  expiryKey,
  groupKey,
  groupPrefix,
  metaKey,
  prefixEnd,
  prefixStart,
  retentionKey,
  seqOfRetentionKey,
  visibilityKey,
  visibleAtOfKey,
} from "./keys.js";
import { isStored, type VisibilityPosition } from "./partition-core.js";
import { decodeIdRecord, decodeMeta, decodeVisibilityEntry } from "./record-layouts.js";
import {
  MessageState,
  decodeRecord,
  type GroupRecord,
  type MessageBody,
  type MessageMeta,
  type Summary,
} from "./records.js";

/**
 * The leader's side of a partition: async scans of the keyspace whose findings it proposes as commands.
 * None of them changes state, and apply re-checks whatever they found, so a scan that raced with other
 * commands costs at most a wasted proposal. Each takes the partition's summary (QueuePartition.summary)
 * and bounds its reads.
 */

/**
 * Whether a FIFO receive attempt may be on record here (its record may have expired: apply judges that).
 * A receive that only replays an attempt proposes nothing where none is.
 */
export async function mayReplayAttempt(reader: StateReader, attemptId: string): Promise<boolean> {
  return (await reader.get(attemptKey(attemptId))) !== undefined;
}

/** Index entries one scan may read before giving up for this round; later rounds continue. */
export const scanLimitDefault = 1_000;

export interface FindReceivableOptions extends Omit<PickReceivableOptions, "wants"> {
  /** At most this many candidates (ReceiveMessage's MaxNumberOfMessages). */
  readonly max: number;
}

/**
 * Candidates for a receive, in the order to receive them. Standard queues: visible messages, earliest
 * visible first. FIFO queues: for each group met in that order, unless a message of it is in flight, its
 * visible messages in send order; a delayed message is skipped, not waited for, since only messages in
 * flight block a group.
 */
export async function findReceivable(
  reader: StateReader,
  summary: Summary,
  options: FindReceivableOptions,
): Promise<string[]> {
  const { max, ...rest } = options;
  const [candidates] = await pickReceivable(reader, summary, { ...rest, wants: [max] });
  return candidates ?? [];
}

export interface PickReceivableOptions {
  /** The time the receive commands will carry: candidates are judged at exactly this time. */
  readonly nowMs: number;
  /**
   * Where the scan starts: no visibility key below this position may exist (QueuePartition.takeScanFloor
   * says where that is). Omitted, the scan starts at the beginning of the index.
   */
  readonly from?: VisibilityPosition;
  /**
   * Told, once the scan's first read is done, the position of the first key it found (the visibility
   * index holds nothing below it), or (nowMs + 1, 0) when it found none up to nowMs.
   */
  readonly onLowestKey?: (lowest: VisibilityPosition) => void;
  /** How many candidates each of several receives wants, in the order they are served. */
  readonly wants: readonly number[];
  readonly scanLimit?: number;
}

/**
 * Candidates for several receives in one batch, from one scan, in `findReceivable`'s order: each receive
 * gets up to its want and no message goes to two of them. On FIFO queues each group goes to one receive
 * only (its first messages, in send order): the receive applied first locks the group, so a second
 * receive's candidates from it could never be received.
 */
export async function pickReceivable(
  reader: StateReader,
  summary: Summary,
  options: PickReceivableOptions,
): Promise<string[][]> {
  const { nowMs, wants } = options;
  const scanLimit = options.scanLimit ?? scanLimitDefault;
  const out = wants.map((): string[] => []);
  let current = 0;
  /** The next receive with room, or undefined when every receive has its fill. */
  const serving = (): string[] | undefined => {
    while (current < wants.length && (out[current] as string[]).length >= (wants[current] as number))
      current++;
    return out[current];
  };
  const wanted = wants.reduce((sum, w) => sum + w, 0);
  const rows = visibleRows(reader, options, scanLimit, wanted);
  const groupsSeen = new Set<string>();
  for await (const row of rows) {
    const receive = serving();
    if (receive === undefined) break;
    const entry = decodeVisibilityEntry(row.value);
    if (!isStored(summary, readU64(row.key, 9), entry.retainFromMs, nowMs)) continue;
    if (summary.config?.fifo !== true || entry.groupId === undefined) {
      receive.push(entry.id);
      continue;
    }
    if (groupsSeen.has(entry.groupId)) continue;
    groupsSeen.add(entry.groupId);
    if (await isGroupLocked(reader, summary, entry.groupId, nowMs)) continue;
    const want = wants[current] as number;
    const prefix = groupPrefix(entry.groupId);
    for (const groupRow of await reader.range(prefix, prefixEnd(prefix), scanLimit)) {
      if (receive.length >= want) break;
      const id = decodeIdRecord(groupRow.value, "group entry");
      const meta = await readMeta(reader, id);
      if (meta === undefined || !isLive(summary, meta, nowMs) || meta.visibleAtMs > nowMs) continue;
      receive.push(id);
    }
  }
  return out;
}

/**
 * The visibility index up to `nowMs`, in pages: the first a little larger than what the receives want
 * (in a healthy queue every row is receivable), each next one twice the last, `scanLimit` rows in all.
 * One page of `scanLimit` read four times more than most receives use, and each row is read and decoded.
 */
async function* visibleRows(
  reader: StateReader,
  options: PickReceivableOptions,
  scanLimit: number,
  wanted: number,
): AsyncGenerator<{ key: Uint8Array; value: Uint8Array }> {
  const { nowMs } = options;
  const from = visibilityKey(options.from?.visibleAtMs ?? 0, options.from?.seq ?? 0);
  yield* pagedRows(reader, from, visibilityKey(nowMs + 1, 0), {
    firstPage: wanted + 16,
    limit: scanLimit,
    onFirstPage(rows) {
      const first = rows[0];
      options.onLowestKey?.(
        first === undefined
          ? { visibleAtMs: nowMs + 1, seq: 0 }
          : { visibleAtMs: visibleAtOfKey(first.key), seq: readU64(first.key, 9) },
      );
    },
  });
}

/**
 * The rows of [from, to), read in pages that start at `firstPage` rows and double, `limit` rows at most
 * in all: a scan that usually stops at its first rows reads (and decodes) only those. `onFirstPage` hears
 * the first page before any row is yielded.
 */
async function* pagedRows(
  reader: StateReader,
  from: Uint8Array,
  to: Uint8Array,
  options: {
    readonly firstPage: number;
    readonly limit: number;
    onFirstPage?(rows: readonly { key: Uint8Array; value: Uint8Array }[]): void;
  },
): AsyncGenerator<{ key: Uint8Array; value: Uint8Array }> {
  const { limit } = options;
  let page = Math.max(1, Math.min(limit, options.firstPage));
  for (let read = 0; read < limit; ) {
    const rows = await reader.range(from, to, Math.min(page, limit - read));
    if (read === 0) options.onFirstPage?.(rows);
    for (const row of rows) yield row;
    read += rows.length;
    const last = rows.at(-1);
    if (last === undefined || rows.length < page) return;
    from = keyAfter(last.key);
    page *= 2;
  }
}

/** The smallest key greater than `key`. */
function keyAfter(key: Uint8Array): Uint8Array {
  const out = new Uint8Array(key.length + 1);
  out.set(key);
  return out;
}

async function isGroupLocked(
  reader: StateReader,
  summary: Summary,
  groupId: string,
  nowMs: number,
): Promise<boolean> {
  const bytes = await reader.get(groupKey(groupId));
  if (bytes === undefined) return false;
  for (const id of decodeRecord<GroupRecord>(bytes, "group").inflight) {
    const meta = await readMeta(reader, id);
    if (
      meta !== undefined &&
      isLive(summary, meta, nowMs) &&
      meta.receiveCount > 0 &&
      meta.visibleAtMs > nowMs
    ) {
      return true;
    }
  }
  return false;
}

/**
 * When the earliest message that is invisible at `nowMs` (delayed or in flight) becomes visible, or
 * undefined when none is: a long poll with nothing to receive sleeps until then or until an apply result
 * says something became available.
 */
export async function nextVisibleAtMs(
  reader: StateReader,
  summary: Summary,
  nowMs: number,
  fromMs = nowMs + 1,
): Promise<number | undefined> {
  // Usually the first key after now is the answer: read a few, not every message in flight (there may
  // be thousands, and this runs after every batch holding a receive).
  const rows = pagedRows(
    reader,
    visibilityKey(Math.max(fromMs, nowMs + 1), 0),
    prefixEnd(prefixStart(Prefix.visibility)),
    { firstPage: 8, limit: scanLimitDefault },
  );
  for await (const row of rows) {
    const entry = decodeVisibilityEntry(row.value);
    if (isStored(summary, readU64(row.key, 9), entry.retainFromMs, nowMs)) return visibleAtOfKey(row.key);
  }
  return undefined;
}

/**
 * When the oldest message the partition holds (visible, in flight, delayed, or on its way to a dead-letter
 * queue) was sent, read from the retention index: the time its retention counts from, which for a
 * message moved into a standard queue (dead-lettered or redriven) is its first send. Null when it holds
 * none. Purged and expired messages still indexed until cleanup are skipped, `scanLimitDefault` rows at
 * most: past that, undefined (not known this time).
 */
export async function oldestStoredMs(
  reader: StateReader,
  summary: Summary,
  nowMs: number,
): Promise<number | null | undefined> {
  const prefix = prefixStart(Prefix.retention);
  const rows = pagedRows(reader, prefix, prefixEnd(prefix), { firstPage: 8, limit: scanLimitDefault });
  let read = 0;
  for await (const row of rows) {
    read++;
    const retainFromMs = readU64(row.key, 1);
    if (isStored(summary, seqOfRetentionKey(row.key), retainFromMs, nowMs)) return retainFromMs;
  }
  return read >= scanLimitDefault ? undefined : null;
}

export interface Garbage {
  /** Messages purged or past retention: `cleanup` deletes their keys. */
  readonly messageIds: string[];
  /** Due entries of the expiry index: `cleanup` deletes them and their records. */
  readonly recordKeys: Uint8Array[];
}

/** What a `cleanup` command should delete, at most `limit` of each kind. */
export async function findGarbage(
  reader: StateReader,
  summary: Summary,
  nowMs: number,
  limit: number,
): Promise<Garbage> {
  const retentionMs = (summary.config?.messageRetentionSeconds ?? 0) * 1000;
  // Everything purged was stored before the purge; everything expired, before now minus retention.
  const scanEndMs = Math.max(summary.lastPurgeMs + 1, nowMs - retentionMs + 1, 0);
  const rows = await reader.range(
    prefixStart(Prefix.retention),
    retentionKey(scanEndMs, 0),
    scanLimitDefault,
  );
  const messageIds: string[] = [];
  for (const row of rows) {
    if (messageIds.length >= limit) break;
    const retainFromMs = readU64(row.key, 1);
    if (isStored(summary, seqOfRetentionKey(row.key), retainFromMs, nowMs)) continue;
    messageIds.push(decodeIdRecord(row.value, "retention entry"));
  }
  const expiring = await reader.range(
    prefixStart(Prefix.expiry),
    expiryKey(nowMs + 1, new Uint8Array(0)),
    limit,
  );
  return { messageIds, recordKeys: expiring.map((row) => row.key) };
}

/**
 * Visible messages that have used up their receives under the redrive policy: a `dead-letter` command
 * moves them to the outbox now rather than at the next receive.
 */
export async function findOverReceived(
  reader: StateReader,
  summary: Summary,
  nowMs: number,
  limit: number,
  from: VisibilityPosition = { visibleAtMs: 0, seq: 0 },
): Promise<string[]> {
  const policy = summary.config?.redrivePolicy;
  if (policy === undefined) return [];
  const out: string[] = [];
  const rows = await reader.range(
    visibilityKey(from.visibleAtMs, from.seq),
    visibilityKey(nowMs + 1, 0),
    scanLimitDefault,
  );
  for (const row of rows) {
    if (out.length >= limit) break;
    const { id, receiveCount } = decodeVisibilityEntry(row.value);
    // The entry's count is the meta's (both are rewritten together); only older entries lack it.
    if (receiveCount !== undefined && receiveCount < policy.maxReceiveCount) continue;
    const meta = await readMeta(reader, id);
    if (meta !== undefined && isLive(summary, meta, nowMs) && meta.receiveCount >= policy.maxReceiveCount) {
      out.push(id);
    }
  }
  return out;
}

/** A message to copy into another queue: the server adds an entry id and a new message id. */
export interface MoveItem {
  readonly messageId: string;
  /** Where to send it: the dead-letter target, or for redrive the queue it was dead-lettered from. */
  readonly destination: string | undefined;
  readonly entry: Omit<SendEntry, "entryId" | "messageId">;
}

/**
 * The dead-letter outbox, oldest first: the server sends each to the dead-letter queue (a `send` whose
 * entry carries `movedFrom`, idempotent there) and then proposes `dead-letter-done` here.
 */
export async function pendingDeadLetters(
  reader: StateReader,
  summary: Summary,
  nowMs: number,
  limit: number,
): Promise<MoveItem[]> {
  const rows = await reader.range(prefixStart(Prefix.outbox), prefixEnd(prefixStart(Prefix.outbox)), limit);
  const out: MoveItem[] = [];
  for (const row of rows) {
    const id = decodeIdRecord(row.value, "outbox entry");
    const meta = await readMeta(reader, id);
    if (meta === undefined || meta.state !== MessageState.deadLettering) continue;
    if (!isStored(summary, meta.seq, meta.retainFromMs, nowMs)) continue;
    out.push(
      await moveItem(
        reader,
        summary,
        id,
        meta,
        "dead-letter",
        summary.config?.redrivePolicy?.deadLetterTarget,
      ),
    );
  }
  return out;
}

/**
 * For a message move task (StartMessageMoveTask) out of this queue: visible messages, earliest first.
 * The server sends each to `destination` (or the task's own destination) and proposes `redrive-done`.
 */
export async function readForRedrive(
  reader: StateReader,
  summary: Summary,
  nowMs: number,
  limit: number,
): Promise<MoveItem[]> {
  const rows = await reader.range(
    prefixStart(Prefix.visibility),
    visibilityKey(nowMs + 1, 0),
    scanLimitDefault,
  );
  const out: MoveItem[] = [];
  for (const row of rows) {
    if (out.length >= limit) break;
    const { id } = decodeVisibilityEntry(row.value);
    const meta = await readMeta(reader, id);
    if (meta === undefined || !isLive(summary, meta, nowMs)) continue;
    out.push(await moveItem(reader, summary, id, meta, "redrive", undefined));
  }
  return out;
}

async function moveItem(
  reader: StateReader,
  summary: Summary,
  id: string,
  meta: MessageMeta,
  kind: "dead-letter" | "redrive",
  destination: string | undefined,
): Promise<MoveItem> {
  const bytes = await reader.get(bodyKey(id));
  assert(bytes !== undefined, "message meta without a body");
  const body = decodeRecord<MessageBody>(bytes, "message body");
  const entry: { -readonly [K in keyof MoveItem["entry"]]: MoveItem["entry"][K] } = {
    body: body.body,
    movedFrom: {
      kind,
      sourceQueue: summary.queueName,
      // This partition's id, unique per hop, so a message moved back and forth is never taken for a repeat.
      originalMessageId: id,
      originalSentTimestamp: meta.sentMs,
    },
  };
  if (body.attributes !== undefined) entry.messageAttributes = body.attributes;
  if (body.traceHeader !== undefined) {
    entry.messageSystemAttributes = { AWSTraceHeader: { dataType: "String", stringValue: body.traceHeader } };
  }
  if (meta.groupId !== undefined) entry.groupId = meta.groupId;
  if (meta.dedupId !== undefined) entry.dedupId = meta.dedupId;
  return { messageId: id, destination: destination ?? body.deadLetterSource, entry };
}

async function readMeta(reader: StateReader, id: string): Promise<MessageMeta | undefined> {
  const bytes = await reader.get(metaKey(id));
  return bytes === undefined ? undefined : decodeMeta(bytes);
}

function isLive(summary: Summary, meta: MessageMeta, nowMs: number): boolean {
  return meta.state === MessageState.live && isStored(summary, meta.seq, meta.retainFromMs, nowMs);
}

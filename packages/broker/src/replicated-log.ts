import {
  ErrorCode,
  decode,
  encode,
  limits,
  type ApplyResult,
  type StateMachine,
  type StateReader,
  type StateWriter,
} from "@millrace/common";

/**
 * A replicated append-only log: records get consecutive sequence numbers from 1, can be read by range
 * and trimmed from the front. Streams grow from this; today it proves the machinery end to end.
 *
 * Keyspace: `m` → the summary {firstSeq, nextSeq}; `r` + seq (8 bytes, big-endian) → the record.
 */
export type LogCommand =
  | { readonly type: "append"; readonly records: readonly Uint8Array[] }
  | { readonly type: "trim"; readonly beforeSeq: number };

export interface AppendResult {
  readonly type: "append";
  /** Sequence of the first record appended; the rest follow consecutively. */
  readonly firstSeq: number;
  readonly count: number;
}

export interface TrimResult {
  readonly type: "trim";
  readonly firstSeq: number;
}

export type LogResult = AppendResult | TrimResult;

const metaKey = new Uint8Array([0x6d]);
const recordPrefix = 0x72;

export function recordKey(seq: number): Uint8Array {
  const key = new Uint8Array(9);
  key[0] = recordPrefix;
  new DataView(key.buffer).setBigUint64(1, BigInt(seq));
  return key;
}

export function seqOfRecordKey(key: Uint8Array): number {
  return Number(new DataView(key.buffer, key.byteOffset, key.byteLength).getBigUint64(1));
}

export function encodeLogCommand(command: LogCommand): Uint8Array {
  return encode(command);
}

export class ReplicatedLog implements StateMachine<LogResult> {
  /** The lowest sequence still stored. */
  firstSeq = 1;
  /** The sequence the next appended record gets. */
  nextSeq = 1;

  apply(_index: number, command: Uint8Array, writer: StateWriter): ApplyResult<LogResult> {
    const parsed = parseCommand(command);
    if (!parsed.ok) return parsed;
    const cmd = parsed.value;
    switch (cmd.type) {
      case "append": {
        const firstSeq = this.nextSeq;
        for (const record of cmd.records) writer.put(recordKey(this.nextSeq++), record);
        this.writeMeta(writer);
        return { ok: true, value: { type: "append", firstSeq, count: cmd.records.length } };
      }
      case "trim": {
        const until = Math.min(cmd.beforeSeq, this.nextSeq);
        for (let seq = this.firstSeq; seq < until; seq++) writer.del(recordKey(seq));
        this.firstSeq = Math.max(this.firstSeq, until);
        this.writeMeta(writer);
        return { ok: true, value: { type: "trim", firstSeq: this.firstSeq } };
      }
    }
  }

  async restore(reader: StateReader): Promise<void> {
    const meta = await reader.get(metaKey);
    if (meta === undefined) {
      this.firstSeq = 1;
      this.nextSeq = 1;
      return;
    }
    const { firstSeq, nextSeq } = decode(meta) as { firstSeq: number; nextSeq: number };
    this.firstSeq = firstSeq;
    this.nextSeq = nextSeq;
  }

  /** Records with fromSeq ≤ seq, at most `limit`, in order. */
  async read(
    reader: StateReader,
    fromSeq: number,
    limit: number,
  ): Promise<{ seq: number; record: Uint8Array }[]> {
    const from = Math.max(fromSeq, this.firstSeq);
    if (from >= this.nextSeq) return [];
    const rows = await reader.range(recordKey(from), recordKey(this.nextSeq), limit);
    return rows.map((row) => ({ seq: seqOfRecordKey(row.key), record: row.value }));
  }

  private writeMeta(writer: StateWriter): void {
    writer.put(metaKey, encode({ firstSeq: this.firstSeq, nextSeq: this.nextSeq }));
  }
}

/** Validates a command as data from the log: anything malformed is a rejection, never a crash. */
function parseCommand(bytes: Uint8Array): ApplyResult<LogCommand> {
  let value: unknown;
  try {
    value = decode(bytes);
  } catch {
    return { ok: false, code: ErrorCode.INVALID_ARGUMENT, message: "log command is not valid msgpack" };
  }
  if (typeof value !== "object" || value === null) {
    return { ok: false, code: ErrorCode.INVALID_ARGUMENT, message: "log command must be an object" };
  }
  const cmd = value as Record<string, unknown>;
  if (cmd["type"] === "append") {
    const records = cmd["records"];
    if (!Array.isArray(records) || records.length === 0 || !records.every((r) => r instanceof Uint8Array)) {
      return {
        ok: false,
        code: ErrorCode.INVALID_ARGUMENT,
        message: "records must be a non-empty array of bytes",
      };
    }
    const bytesTotal = records.reduce((sum: number, r: Uint8Array) => sum + r.byteLength, 0);
    if (bytesTotal > limits.batchBytesMax) {
      return {
        ok: false,
        code: ErrorCode.INVALID_ARGUMENT,
        message: `records exceed ${limits.batchBytesMax} bytes`,
      };
    }
    return { ok: true, value: { type: "append", records: records } };
  }
  if (cmd["type"] === "trim") {
    const beforeSeq = cmd["beforeSeq"];
    if (typeof beforeSeq !== "number" || !Number.isSafeInteger(beforeSeq) || beforeSeq < 1) {
      return { ok: false, code: ErrorCode.INVALID_ARGUMENT, message: "beforeSeq must be a positive integer" };
    }
    return { ok: true, value: { type: "trim", beforeSeq } };
  }
  return {
    ok: false,
    code: ErrorCode.INVALID_ARGUMENT,
    message: `unknown log command type ${JSON.stringify(cmd["type"])}`,
  };
}

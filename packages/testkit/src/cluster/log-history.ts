/**
 * A history of appends to a replicated log and the final contents of every replica, and the checker
 * that holds one against the other (TESTING.md, "History checkers": streams; raft-reliability.md §4.2,
 * the Kafka/Redpanda and NATS queue checkers). Pure bookkeeping: no processes, no clock of its own (the
 * caller passes timestamps), so the simulator can use it too.
 *
 * Records are text and every record ever attempted must be unique, so a record read back names the
 * append that wrote it.
 */

/** invoked: sent, no answer yet; ok: acknowledged with its sequence numbers; failed: refused for sure
 * (it must never appear); unknown: no answer or an ambiguous one (it may or may not appear). */
export type AppendStatus = "invoked" | "ok" | "failed" | "unknown";

export interface AppendOp {
  readonly id: number;
  /** The logical client (one operation at a time per client). */
  readonly client: number;
  readonly records: readonly string[];
  /** Where the append was sent, for reports. */
  readonly target: string;
  readonly invokedAt: number;
  status: AppendStatus;
  completedAt: number | undefined;
  /** Acknowledged sequence number of the first record (ok only). */
  firstSeq: number | undefined;
  /** Acknowledged record count (ok only). */
  count: number | undefined;
  /** Error code and message (failed and unknown). */
  error: string | undefined;
}

/** Everything one replica holds at the end: records in sequence order and the log's bounds. */
export interface ReplicaContents {
  readonly node: number;
  readonly firstSeq: number;
  readonly nextSeq: number;
  readonly records: readonly { readonly seq: number; readonly data: string }[];
}

export interface LogHistoryStats {
  readonly attempted: number;
  readonly recordsAttempted: number;
  readonly ok: number;
  readonly recordsAcknowledged: number;
  readonly failed: number;
  readonly unknown: number;
  /** Unknown appends found on the replicas (they took effect). */
  readonly unknownPresent: number;
  /** Operations still "invoked" when checked (counted as unknown). */
  readonly pending: number;
  readonly replicas: number;
  /** Records on each replica, by node id. */
  readonly recordsPerReplica: Readonly<Record<number, number>>;
}

export interface LogCheckResult {
  readonly valid: boolean;
  /** Every violation found (capped at `errorsMax`, with a final line saying how many more). */
  readonly errors: readonly string[];
  readonly stats: LogHistoryStats;
}

const errorsMax = 60;

/** Records appends as they happen and, at the end, each replica's contents; `check()` judges them. */
export class LogHistory {
  private readonly ops: AppendOp[] = [];
  private readonly byRecord = new Map<string, { op: AppendOp; index: number }>();
  private readonly replicas = new Map<number, ReplicaContents>();
  /** Records below this seq may be gone: the log was trimmed (LogService.Trim) up to it. */
  private trimmedBefore = 1;

  /** Every operation so far, in invocation order. */
  get operations(): readonly AppendOp[] {
    return this.ops;
  }

  invoke(client: number, records: readonly string[], target: string, now: number): AppendOp {
    if (records.length === 0) throw new Error("an append needs at least one record");
    for (const record of records) {
      if (this.byRecord.has(record)) throw new Error(`record ${JSON.stringify(record)} was attempted twice`);
    }
    if (new Set(records).size !== records.length) throw new Error("an append repeats a record");
    const op: AppendOp = {
      id: this.ops.length,
      client,
      records: [...records],
      target,
      invokedAt: now,
      status: "invoked",
      completedAt: undefined,
      firstSeq: undefined,
      count: undefined,
      error: undefined,
    };
    for (const [index, record] of records.entries()) this.byRecord.set(record, { op, index });
    this.ops.push(op);
    return op;
  }

  ok(op: AppendOp, firstSeq: number, count: number, now: number): void {
    this.complete(op, "ok", now);
    op.firstSeq = firstSeq;
    op.count = count;
  }

  fail(op: AppendOp, error: string, now: number): void {
    this.complete(op, "failed", now);
    op.error = error;
  }

  unknown(op: AppendOp, error: string, now: number): void {
    this.complete(op, "unknown", now);
    op.error = error;
  }

  /**
   * The log was trimmed below `beforeSeq` (an acknowledged Trim): acknowledged records below it may be
   * missing from the replicas. Where present they must still be where they were acknowledged.
   */
  trimmed(beforeSeq: number): void {
    this.trimmedBefore = Math.max(this.trimmedBefore, beforeSeq);
  }

  /** The final contents of one replica (read after the workload stopped and faults healed). */
  replica(contents: ReplicaContents): void {
    this.replicas.set(contents.node, contents);
  }

  get replicaNodes(): number[] {
    return [...this.replicas.keys()].sort((a, b) => a - b);
  }

  private complete(op: AppendOp, status: AppendStatus, now: number): void {
    if (op.status !== "invoked") throw new Error(`append ${op.id} completed twice (${op.status}, ${status})`);
    op.status = status;
    op.completedAt = now;
  }

  /**
   * Checks, on every replica: every acknowledged append is present exactly once (unless trimmed), at the
   * acknowledged sequence numbers, in order; no record that was never attempted appears; no record appears twice; no
   * definitely failed append appears; an append appears whole or not at all (its records consecutive and
   * in order); sequence numbers run without gaps from firstSeq to nextSeq. Across replicas: one record per
   * sequence number and identical contents. In the history: no two acknowledgements claim one sequence
   * number, a client's acknowledged appends get increasing sequence numbers, and an append acknowledged
   * before another was invoked precedes it (real-time order).
   */
  check(): LogCheckResult {
    const errors: string[] = [];
    let more = 0;
    const report = (message: string) => {
      if (errors.length < errorsMax) errors.push(message);
      else more += 1;
    };
    const acked = this.ops.filter((op) => op.status === "ok");
    if (this.replicas.size === 0) report("no replica was read: nothing to check against");

    // The acknowledgements themselves.
    const claimed = new Map<number, AppendOp>();
    for (const op of acked) {
      const first = op.firstSeq as number;
      if (op.count !== op.records.length) {
        report(`append ${describe(op)} was acknowledged with count ${op.count}, not ${op.records.length}`);
      }
      for (let i = 0; i < op.records.length; i++) {
        const other = claimed.get(first + i);
        if (other !== undefined) {
          report(`seq ${first + i} was acknowledged to two appends: ${describe(other)} and ${describe(op)}`);
        }
        claimed.set(first + i, op);
      }
    }
    const byClient = new Map<number, AppendOp[]>();
    for (const op of acked) byClient.set(op.client, [...(byClient.get(op.client) ?? []), op]);
    for (const [client, ops] of byClient) {
      for (let i = 1; i < ops.length; i++) {
        const prev = ops[i - 1] as AppendOp;
        const next = ops[i] as AppendOp;
        if ((next.firstSeq as number) <= (prev.firstSeq as number)) {
          report(`client ${client}: ${describe(next)} was acknowledged below its earlier ${describe(prev)}`);
        }
      }
    }
    // Real time: sort by completion; an op must lie above every op completed before it was invoked.
    const byCompletion = [...acked].sort((a, b) => (a.completedAt as number) - (b.completedAt as number));
    const byInvocation = [...acked].sort((a, b) => a.invokedAt - b.invokedAt);
    let cursor = 0;
    let highest: AppendOp | undefined = undefined;
    for (const op of byInvocation) {
      while (cursor < byCompletion.length && (byCompletion[cursor]?.completedAt as number) < op.invokedAt) {
        const done = byCompletion[cursor] as AppendOp;
        if (highest === undefined || (done.firstSeq as number) > (highest.firstSeq as number)) highest = done;
        cursor += 1;
      }
      if (highest !== undefined && (op.firstSeq as number) <= (highest.firstSeq as number)) {
        report(
          `real-time order: ${describe(op)} was invoked after ${describe(highest)} was acknowledged, but lies below it`,
        );
      }
    }

    // Each replica against the history.
    const unknownPresent = new Set<AppendOp>();
    const recordsPerReplica: Record<number, number> = {};
    for (const replica of this.replicas.values()) {
      const where = `node ${replica.node}`;
      recordsPerReplica[replica.node] = replica.records.length;
      const seqOf = new Map<string, number>();
      const dataAt = new Map<number, string>();
      let expected = replica.firstSeq;
      for (const { seq, data } of replica.records) {
        if (dataAt.has(seq)) report(`${where}: two records at seq ${seq}`);
        else if (seq !== expected)
          report(`${where}: seq ${seq} follows seq ${expected - 1} (gap or disorder)`);
        expected = seq + 1;
        dataAt.set(seq, data);
        if (seqOf.has(data)) {
          report(
            `${where}: record ${JSON.stringify(data)} appears twice (seq ${seqOf.get(data)} and ${seq})`,
          );
          continue;
        }
        seqOf.set(data, seq);
        const origin = this.byRecord.get(data);
        if (origin === undefined) {
          report(`${where}: record ${JSON.stringify(data)} at seq ${seq} was never attempted`);
          continue;
        }
        if (origin.op.status === "failed") {
          report(
            `${where}: record ${JSON.stringify(data)} at seq ${seq} belongs to ${describe(origin.op)}, which failed definitely`,
          );
        }
      }
      if (expected !== replica.nextSeq && replica.records.length > 0) {
        report(`${where}: the last record is at seq ${expected - 1} but nextSeq is ${replica.nextSeq}`);
      }
      if (replica.records.length !== Math.max(0, replica.nextSeq - replica.firstSeq)) {
        report(
          `${where}: ${replica.records.length} records read for the range [${replica.firstSeq}, ${replica.nextSeq})`,
        );
      }
      for (const op of this.ops) {
        const seqs = op.records.map((r) => seqOf.get(r));
        const present = seqs.filter((s) => s !== undefined).length;
        if (op.status === "ok") {
          op.records.forEach((record, i) => {
            const want = (op.firstSeq as number) + i;
            const got = seqOf.get(record);
            if (got === undefined) {
              if (want < this.trimmedBefore) return;
              report(
                `${where}: acknowledged record ${JSON.stringify(record)} (seq ${want}) is missing: lost`,
              );
            } else if (got !== want) {
              report(`${where}: acknowledged record ${JSON.stringify(record)} is at seq ${got}, not ${want}`);
            }
          });
          continue;
        }
        if (present === 0) continue;
        if (op.status !== "failed") unknownPresent.add(op);
        const first = seqs[0];
        const whole =
          present === op.records.length && first !== undefined && seqs.every((s, i) => s === first + i);
        if (!whole) {
          report(`${where}: ${describe(op)} is torn: its records are at ${JSON.stringify(seqs)}`);
        }
      }
    }

    // Replicas against each other.
    const replicas = [...this.replicas.values()];
    const reference = replicas[0];
    if (reference !== undefined) {
      const refAt = new Map(reference.records.map((r) => [r.seq, r.data]));
      for (const other of replicas.slice(1)) {
        if (other.firstSeq !== reference.firstSeq || other.nextSeq !== reference.nextSeq) {
          report(
            `node ${other.node} holds [${other.firstSeq}, ${other.nextSeq}) but node ${reference.node} holds [${reference.firstSeq}, ${reference.nextSeq})`,
          );
        }
        let differing = 0;
        for (const { seq, data } of other.records) {
          const ref = refAt.get(seq);
          if (ref !== undefined && ref !== data) {
            differing += 1;
            if (differing <= 5) {
              report(
                `seq ${seq} holds ${JSON.stringify(data)} on node ${other.node} but ${JSON.stringify(ref)} on node ${reference.node}`,
              );
            }
          }
        }
        if (differing > 5)
          report(
            `... ${differing} sequence numbers differ between node ${other.node} and node ${reference.node}`,
          );
      }
    }

    if (more > 0) errors.push(`... and ${more} more violations`);
    const stats: LogHistoryStats = {
      attempted: this.ops.length,
      recordsAttempted: this.byRecord.size,
      ok: acked.length,
      recordsAcknowledged: acked.reduce((n, op) => n + op.records.length, 0),
      failed: this.ops.filter((op) => op.status === "failed").length,
      unknown: this.ops.filter((op) => op.status === "unknown" || op.status === "invoked").length,
      unknownPresent: unknownPresent.size,
      pending: this.ops.filter((op) => op.status === "invoked").length,
      replicas: this.replicas.size,
      recordsPerReplica,
    };
    return { valid: errors.length === 0, errors, stats };
  }
}

/** Throws with every violation when the history does not check out; returns the stats otherwise. */
export function assertLogHistoryValid(history: LogHistory): LogHistoryStats {
  const result = history.check();
  if (!result.valid) {
    throw new Error(
      `the log history has ${result.errors.length} violation(s):\n  ${result.errors.join("\n  ")}\nstats: ${JSON.stringify(result.stats)}`,
    );
  }
  return result.stats;
}

function describe(op: AppendOp): string {
  const seqs = op.firstSeq === undefined ? "" : ` @${op.firstSeq}`;
  return `#${op.id} (client ${op.client}, ${op.status}${seqs}, ${op.records.length} record(s) from ${JSON.stringify(op.records[0])}, via ${op.target})`;
}

import { EntryType, type Entry, type NodeId } from "@millrace/raft";

/**
 * Checkers for the safety properties of Raft (Figure 3 of the Raft paper, plus durability), fed by a
 * simulator as things happen. Each `observe…`/`check…` call throws a SafetyViolation the moment a property
 * fails, so the failure points at the step that broke it.
 *
 * - Election safety: at most one leader per term.
 * - Log matching: every (index, term) pair ever written to any node's log names one entry, with one
 *   predecessor term; by induction, two logs holding the same (index, term) are identical up to it.
 * - Leader completeness: a new leader's log holds every entry committed in an earlier term. (A leader of a
 *   lower term than a commit — a candidate that was paused and counted late votes — need not, and cannot
 *   commit anything.)
 * - State machine safety: every node applies the same entry at each index, and reaches the same state
 *   hash there (checked on apply and on snapshot install/restore).
 * - Durability: a restarted node can still reproduce everything it applied before (its snapshot state and
 *   log cover its old applied index with the same content): nothing applied is lost or changed.
 *
 * ProposalHistory (below) checks the client's view: acknowledged proposals survive, refused ones never
 * appear, and nothing appears that nobody proposed.
 */

export type Invariant =
  | "election-safety"
  | "log-matching"
  | "leader-completeness"
  | "state-machine-safety"
  | "durability"
  | "acknowledged-lost"
  | "proposal-integrity"
  | "read-linearizability";

export class SafetyViolation extends Error {
  override readonly name = "SafetyViolation";
  constructor(
    readonly invariant: Invariant,
    detail: string,
  ) {
    super(`${invariant}: ${detail}`);
  }
}

const decoder = new TextDecoder();

/** A stable text identity of an entry's content (type and data, not index or term). */
export function entryKey(entry: Entry): string {
  if (entry.type === EntryType.ConfChange) {
    let hex = "";
    for (const byte of entry.data) hex += byte.toString(16).padStart(2, "0");
    return `c:${hex}`;
  }
  return `n:${decoder.decode(entry.data)}`;
}

/** A read-only view of one node's log for the checkers. */
export interface LogView {
  /** The first index the log holds an entry for (entries below are in the snapshot). */
  readonly firstIndex: number;
  readonly lastIndex: number;
  /** The term at `index` (including firstIndex - 1, the snapshot's), or undefined if unknown. */
  termAt(index: number): number | undefined;
}

interface WrittenEntry {
  key: string;
  /** The term of the entry before it in the writer's log, when known. */
  prevTerm: number | undefined;
  node: NodeId;
}

interface AppliedEntry {
  key: string;
  term: number;
  hash: number;
  node: NodeId;
}

export class RaftHistoryChecker {
  private readonly leaders = new Map<number, NodeId>();
  /** index → term → what was written there. */
  private readonly written = new Map<number, Map<number, WrittenEntry>>();
  /**
   * index → (term, key) of entries some node reported committed, and `by`: an upper bound on the term in
   * which the entry was committed (the reporting node's term then, which is at least the committing
   * leader's). An entry with by < T must be in the log of every leader of term T.
   */
  private readonly committed = new Map<number, { term: number; key: string; node: NodeId; by: number }>();
  /** index → commit-term bound of states reached by snapshot, whose entries are not seen. */
  private readonly committedStates = new Map<number, number>();
  private maxCommittedIndex = 0;
  /** index → what was applied there, with the state hash after it. */
  private readonly applied = new Map<number, AppliedEntry>();
  /** index → state hash, for states reached by snapshot (no entry known). */
  private readonly stateHashes = new Map<number, { hash: number; node: NodeId }>();
  /** Per node (across restarts): the highest index it ever applied. */
  private readonly maxApplied = new Map<NodeId, number>();

  /** Highest index any node reported committed. */
  get highestCommitted(): number {
    return this.maxCommittedIndex;
  }

  /** Number of terms that had a leader. */
  get leaderTerms(): number {
    return this.leaders.size;
  }

  /** The leader observed for `term`, if any. */
  leaderOf(term: number): NodeId | undefined {
    return this.leaders.get(term);
  }

  /** Election safety: `node` is leader in `term`. */
  observeLeader(node: NodeId, term: number): void {
    const known = this.leaders.get(term);
    if (known === undefined) {
      this.leaders.set(term, node);
    } else if (known !== node) {
      throw new SafetyViolation(
        "election-safety",
        `nodes ${known} and ${node} were both leader in term ${term}`,
      );
    }
  }

  /**
   * Log matching: `entries` (contiguous) were written to `node`'s log; `prevTerm` is the term of the entry
   * just before the first, in that log, if known.
   */
  observeWrite(node: NodeId, entries: readonly Entry[], prevTerm: number | undefined): void {
    let before = prevTerm;
    for (const entry of entries) {
      const key = entryKey(entry);
      let byTerm = this.written.get(entry.index);
      if (byTerm === undefined) {
        byTerm = new Map();
        this.written.set(entry.index, byTerm);
      }
      const known = byTerm.get(entry.term);
      if (known === undefined) {
        byTerm.set(entry.term, { key, prevTerm: before, node });
      } else {
        if (known.key !== key) {
          throw new SafetyViolation(
            "log-matching",
            `entry ${entry.term}/${entry.index} is ${key} on node ${node} but ${known.key} on node ${known.node}`,
          );
        }
        if (before !== undefined && known.prevTerm !== undefined && before !== known.prevTerm) {
          throw new SafetyViolation(
            "log-matching",
            `entry ${entry.term}/${entry.index} follows term ${before} on node ${node} but term ${known.prevTerm} on node ${known.node}`,
          );
        }
        if (known.prevTerm === undefined) known.prevTerm = before;
      }
      before = entry.term;
    }
  }

  /** `node`, at term `nodeTerm`, reports these entries committed (e.g. handed out for applying). */
  observeCommitted(node: NodeId, entries: readonly Entry[], nodeTerm: number): void {
    for (const entry of entries) {
      const key = entryKey(entry);
      const known = this.committed.get(entry.index);
      if (known === undefined) {
        this.committed.set(entry.index, { term: entry.term, key, node, by: nodeTerm });
        if (entry.index > this.maxCommittedIndex) this.maxCommittedIndex = entry.index;
      } else if (known.term !== entry.term || known.key !== key) {
        throw new SafetyViolation(
          "state-machine-safety",
          `index ${entry.index} was committed as ${known.term}/${known.key} on node ${known.node} but as ${entry.term}/${key} on node ${node}`,
        );
      } else if (nodeTerm < known.by) {
        known.by = nodeTerm;
      }
    }
  }

  /** State machine safety: `node` applied `entry`, reaching state `hash`. */
  observeApplied(node: NodeId, entry: Entry, hash: number): void {
    const key = entryKey(entry);
    const known = this.applied.get(entry.index);
    if (known === undefined) {
      this.applied.set(entry.index, { key, term: entry.term, hash, node });
      this.checkStateHash(node, entry.index, hash);
    } else if (known.key !== key || known.term !== entry.term) {
      throw new SafetyViolation(
        "state-machine-safety",
        `node ${node} applied ${entry.term}/${key} at index ${entry.index}, node ${known.node} applied ${known.term}/${known.key}`,
      );
    } else if (known.hash !== hash) {
      throw new SafetyViolation(
        "state-machine-safety",
        `node ${node} reached state hash ${hash} at index ${entry.index}, node ${known.node} reached ${known.hash}`,
      );
    }
    if (entry.index > (this.maxApplied.get(node) ?? 0)) this.maxApplied.set(node, entry.index);
  }

  /**
   * State machine safety for states reached without applying an entry: bootstrap, snapshot install or
   * restore, by `node` at term `nodeTerm`.
   */
  observeState(node: NodeId, index: number, hash: number, nodeTerm: number): void {
    if (index === 0) return;
    this.checkStateHash(node, index, hash);
    if (index > (this.maxApplied.get(node) ?? 0)) this.maxApplied.set(node, index);
    if (index > this.maxCommittedIndex) this.maxCommittedIndex = index;
    const by = this.committedStates.get(index);
    if (by === undefined || nodeTerm < by) this.committedStates.set(index, nodeTerm);
  }

  private checkStateHash(node: NodeId, index: number, hash: number): void {
    const viaEntry = this.applied.get(index);
    if (viaEntry !== undefined && viaEntry.hash !== hash) {
      throw new SafetyViolation(
        "state-machine-safety",
        `node ${node} has state hash ${hash} at index ${index}, node ${viaEntry.node} had ${viaEntry.hash}`,
      );
    }
    const known = this.stateHashes.get(index);
    if (known === undefined) {
      this.stateHashes.set(index, { hash, node });
    } else if (known.hash !== hash) {
      throw new SafetyViolation(
        "state-machine-safety",
        `node ${node} has state hash ${hash} at index ${index}, node ${known.node} had ${known.hash}`,
      );
    }
  }

  /**
   * Leader completeness: `node` just became leader of `term`; its log must hold every entry committed in
   * an earlier term (those below its first index are in its snapshot, which state machine safety covers).
   */
  checkLeaderCompleteness(node: NodeId, term: number, log: LogView): void {
    let required = 0;
    for (const [index, by] of this.committedStates) if (by < term && index > required) required = index;
    for (const [index, committed] of this.committed) {
      if (committed.by >= term) continue;
      if (index > required) required = index;
      if (index < log.firstIndex) continue;
      const ours = log.termAt(index);
      if (ours !== committed.term) {
        throw new SafetyViolation(
          "leader-completeness",
          `node ${node} became leader of term ${term} with term ${ours ?? "none"} at index ${index}, where term ${committed.term} was committed by term ${committed.by}`,
        );
      }
    }
    if (log.lastIndex < required) {
      throw new SafetyViolation(
        "leader-completeness",
        `node ${node} became leader of term ${term} with last index ${log.lastIndex}, below index ${required} committed in an earlier term`,
      );
    }
  }

  /**
   * Durability across a restart: `node` came back with a state machine at `snapshotIndex` (state
   * `snapshotHash`) and a log from which `keyAt` reads entries. Everything it applied before must still be
   * there, unchanged.
   */
  checkRecovery(
    node: NodeId,
    snapshotIndex: number,
    snapshotHash: number,
    keyAt: (index: number) => string | undefined,
  ): void {
    const before = this.maxApplied.get(node) ?? 0;
    if (snapshotIndex > 0) this.checkStateHash(node, snapshotIndex, snapshotHash);
    for (let index = snapshotIndex + 1; index <= before; index++) {
      const applied = this.applied.get(index);
      if (applied === undefined) continue; // reached through a snapshot: covered by the state hash
      const key = keyAt(index);
      if (key === undefined) {
        throw new SafetyViolation(
          "durability",
          `node ${node} had applied up to ${before} but restarted with its snapshot at ${snapshotIndex} and no entry at ${index}`,
        );
      }
      if (key !== applied.key) {
        throw new SafetyViolation(
          "durability",
          `node ${node} restarted with ${key} at index ${index}, where ${applied.key} was applied`,
        );
      }
    }
  }

  /**
   * Log matching on committed prefixes: every pair of logs agrees on the term of each index both hold
   * up to both their commit indexes.
   */
  checkCommittedPrefixes(logs: ReadonlyArray<{ node: NodeId; committed: number; log: LogView }>): void {
    for (let a = 0; a < logs.length; a++) {
      for (let b = a + 1; b < logs.length; b++) {
        const x = logs[a] as (typeof logs)[number];
        const y = logs[b] as (typeof logs)[number];
        const lo = Math.max(x.log.firstIndex, y.log.firstIndex);
        const hi = Math.min(x.committed, y.committed);
        for (let index = lo; index <= hi; index++) {
          const tx = x.log.termAt(index);
          const ty = y.log.termAt(index);
          if (tx !== ty) {
            throw new SafetyViolation(
              "log-matching",
              `committed index ${index} has term ${tx ?? "none"} on node ${x.node} but ${ty ?? "none"} on node ${y.node}`,
            );
          }
        }
      }
    }
  }
}

export type ProposalStatus = "pending" | "ok" | "fail" | "unknown";

export interface ProposalRecord {
  readonly id: string;
  readonly node: NodeId;
  readonly invokedAt: number;
  status: ProposalStatus;
  completedAt?: number;
  /** The log index the proposal was appended at, when the proposer knew it (it was leader). */
  index?: number;
  /** Why it failed. */
  reason?: string;
}

/**
 * The client's history of proposals: invoked, then ok (applied by the proposer), fail (refused, or
 * superseded at its index), or unknown (e.g. the proposer crashed). Checks that nothing refused is ever
 * applied, that nothing applied was never proposed, and at the end that every acknowledged proposal was
 * applied by every live member.
 */
export class ProposalHistory {
  private readonly records = new Map<string, ProposalRecord>();

  invoke(id: string, node: NodeId, tick: number): ProposalRecord {
    if (this.records.has(id)) throw new Error(`proposal ${id} invoked twice`);
    const record: ProposalRecord = { id, node, invokedAt: tick, status: "pending" };
    this.records.set(id, record);
    return record;
  }

  get(id: string): ProposalRecord | undefined {
    return this.records.get(id);
  }

  ok(id: string, tick: number): void {
    const record = this.pending(id);
    record.status = "ok";
    record.completedAt = tick;
  }

  fail(id: string, tick: number, reason: string): void {
    const record = this.pending(id);
    record.status = "fail";
    record.completedAt = tick;
    record.reason = reason;
  }

  unknown(id: string, tick: number): void {
    const record = this.pending(id);
    record.status = "unknown";
    record.completedAt = tick;
  }

  private pending(id: string): ProposalRecord {
    const record = this.records.get(id);
    if (record === undefined) throw new Error(`unknown proposal ${id}`);
    if (record.status !== "pending") throw new Error(`proposal ${id} already completed as ${record.status}`);
    return record;
  }

  /** Some node applied the proposal `id` at `index`. */
  observeApplied(id: string, node: NodeId, index: number): void {
    const record = this.records.get(id);
    if (record === undefined)
      throw new SafetyViolation(
        "proposal-integrity",
        `node ${node} applied ${id} at ${index}, which nobody proposed`,
      );
    if (record.status === "fail") {
      throw new SafetyViolation(
        "proposal-integrity",
        `node ${node} applied ${id} at ${index}, but the proposal was reported failed (${record.reason ?? "?"})`,
      );
    }
    if (record.index !== undefined && record.index !== index) {
      throw new SafetyViolation(
        "proposal-integrity",
        `node ${node} applied ${id} at ${index}, but it was appended at ${record.index}`,
      );
    }
  }

  /** Every acknowledged proposal must be in the applied state of every live member. */
  checkAcknowledged(applied: ReadonlyMap<NodeId, ReadonlySet<string>>): void {
    for (const record of this.records.values()) {
      if (record.status !== "ok") continue;
      for (const [node, ids] of applied) {
        if (!ids.has(record.id)) {
          throw new SafetyViolation(
            "acknowledged-lost",
            `proposal ${record.id} was acknowledged at tick ${record.completedAt ?? "?"} but node ${node} never applied it`,
          );
        }
      }
    }
  }

  counts(): Record<ProposalStatus, number> {
    const counts: Record<ProposalStatus, number> = { pending: 0, ok: 0, fail: 0, unknown: 0 };
    for (const record of this.records.values()) counts[record.status]++;
    return counts;
  }

  all(): IterableIterator<ProposalRecord> {
    return this.records.values();
  }
}

/**
 * Linearizable reads through ReadIndex: a read invoked after a write was acknowledged must be answered
 * with a read index at or above that write's index, or it could miss the write.
 */
export class ReadIndexHistory {
  private readonly reads = new Map<string, { node: NodeId; invokedAt: number; minIndex: number }>();
  /** Highest log index of any write acknowledged so far. */
  private acknowledgedIndex = 0;
  served = 0;

  /** A write at `index` was acknowledged to its client. */
  observeAcknowledged(index: number): void {
    if (index > this.acknowledgedIndex) this.acknowledgedIndex = index;
  }

  invoke(context: string, node: NodeId, tick: number): void {
    this.reads.set(context, { node, invokedAt: tick, minIndex: this.acknowledgedIndex });
  }

  /** `node` was told the read `context` may be served once it has applied `index`. */
  observeReadState(node: NodeId, context: string, index: number): void {
    const read = this.reads.get(context);
    if (read === undefined)
      throw new SafetyViolation(
        "read-linearizability",
        `node ${node} answered read ${context}, which nobody issued`,
      );
    this.served++;
    if (index < read.minIndex) {
      throw new SafetyViolation(
        "read-linearizability",
        `read ${context} (invoked at node ${read.node}, tick ${read.invokedAt}) got read index ${index}, below ${read.minIndex}, a write acknowledged before it`,
      );
    }
  }
}

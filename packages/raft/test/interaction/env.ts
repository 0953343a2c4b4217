import { type Random, SeededRandom } from "@millrace/common";
import {
  ConfChangeTransition,
  ConfChangeType,
  EntryType,
  MemoryStorage,
  MessageType,
  RawNode,
  ReadOnlyOption,
  SnapshotStatus,
  confChange,
  decodeConfChange,
  describeEntries,
  describeMessage,
  describeReady,
  noLimit,
  raftConfig,
  type ConfChangeSingle,
  type ConfState,
  type Message,
  type NodeId,
  type RaftLogger,
  type Snapshot,
} from "../../src/index.js";
import { argBool, argInt, argValues, positional, type TestCase } from "./datadriven.js";

const LogLevels = { debug: 0, info: 1, warn: 2, none: 3 } as const;
type LogLevel = keyof typeof LogLevels;

function parseLevel(name: string): LogLevel {
  if (!(name in LogLevels)) throw new Error(`unknown log level ${name}`);
  return name as LogLevel;
}

/** Every node's election timeout, in ticks; the heartbeat interval is one tick. */
const electionTicks = 3;

/** A Random whose draws are all zero, so randomized election timeouts equal the configured ones. */
class ZeroRandom extends SeededRandom {
  override int(): number {
    return 0;
  }
  override fork(): Random {
    return new ZeroRandom(0);
  }
}

/**
 * A MemoryStorage whose snapshot() is the state machine at its latest applied index, as etcd's
 * interaction env does (snapOverrideStorage): a leader asked for a snapshot gets an up-to-date one,
 * as an application that snapshots on demand would provide, rather than whatever was last compacted.
 */
class EnvStorage extends MemoryStorage {
  /** The state machine after the last applied Ready; undefined falls back to the stored snapshot. */
  latest: Snapshot | undefined = undefined;

  /** The snapshot actually persisted (by compact or a received snapshot): what survives a restart. */
  stored(): Snapshot {
    return super.snapshot();
  }

  override snapshot(): Snapshot {
    const stored = this.stored();
    if (this.latest === undefined || this.latest.metadata.index <= stored.metadata.index) return stored;
    return this.latest;
  }
}

interface Node {
  readonly id: NodeId;
  rawNode: RawNode;
  readonly storage: EnvStorage;
  /** The state machine: the data of every applied normal entry, in order. */
  applied: string[];
  confState: ConfState;
  appliedIndex: number;
  readonly options: NodeOptions;
}

interface NodeOptions {
  preVote: boolean;
  checkQuorum: boolean;
  stepDownOnRemoval: boolean;
  readOnlyOption: ReadOnlyOption;
  committedBytesPerReadyMax: number;
  inflightMessagesMax: number;
  uncommittedBytesMax: number;
  disableProposalForwarding: boolean;
  messageBytesMax: number;
}

interface MessageFilter {
  type?: string | undefined;
  from?: number | undefined;
  count?: number | undefined;
}

const encoder = new TextEncoder();
const decoder = new TextDecoder();

/**
 * The interaction environment: a set of RawNodes whose every Ready and message delivery is decided by
 * the script, so interleavings are explicit and the output is a protocol trace. Storage writes are
 * synchronous: `process-ready` persists a Ready, then sends its messages, applies, and advances.
 *
 * Commands (any of them also takes `log-level=L` for itself only):
 * - `add-nodes N [voters=(..)] [learners=(..)] [index=I] [content=X] [prevote] [checkquorum]
 *   [step-down-on-removal] [read-only=lease-based] [max-committed-size-per-ready=N] [max-inflight=N]
 *   [max-uncommitted-size=N] [max-msg-size=N] [disable-proposal-forwarding]`: nodes bootstrapped from a
 *   snapshot at I (term 1), or empty when I is 0.
 * - `campaign ID`, `propose ID [DATA]`, `propose-conf-change ID [transition=auto|implicit|explicit]` with a
 *   body like `v2 l3 r1` (empty: leave the joint config), `transfer-leadership from=X to=Y`,
 *   `read-index ID CTX`, `report-unreachable FROM TO`, `report-snapshot FROM TO [failure]`.
 * - `process-ready [IDs]`; `deliver-msgs [drop=(IDs)] [IDs] [type=MsgX] [from=ID] [count=N]`;
 *   `stabilize [IDs]` (process Readies, then deliver, until nothing changes).
 * - `tick-election ID` (the configured 3 ticks), `tick-heartbeat ID` (1 tick), `tick ID N`,
 *   `set-randomized-election-timeout ID timeout=N`.
 * - Faults: `restart ID` (crash: what was not persisted is lost, and so are its messages in flight),
 *   `isolate ID`, `cut FROM TO`, `partition 1,2 3,4,5` (messages dropped on delivery), `delay FROM TO`
 *   (held in the network), `duplicate-msgs TO [type=MsgX]`, `heal` (ends cuts and delays).
 * - Inspection: `raft-state`, `raft-log ID`, `status ID` (leader's progress), `hard-state ID` (stored
 *   vs in memory), `applied ID` (the state machine), `compact ID INDEX` (snapshot at the applied index,
 *   then discard the log before INDEX), `send-snapshot FROM TO`, `log-level debug|info|warn|none`.
 */
export class InteractionEnv {
  private readonly nodes: Node[] = [];
  private messages: Message[] = [];
  private output: string[] = [];
  private level: LogLevel = "info";
  private readonly blocked = new Set<string>();
  /** Links whose messages stay queued (delayed, not lost) until `heal`. */
  private readonly delayed = new Set<string>();

  handle(c: TestCase): string {
    this.output = [];
    // Any command may carry log-level=X to change the level for itself only (as in etcd's testdata).
    const saved = this.level;
    const override = c.command === "log-level" ? undefined : argValues(c, "log-level")?.[0];
    if (override !== undefined) this.level = parseLevel(override);
    try {
      this.dispatch(c);
    } catch (error) {
      this.output.push(`error: ${(error as Error).message}`);
    } finally {
      // At level none the whole trace is silenced (as in etcd), but never an error.
      if (this.level === "none") this.output = this.output.filter((line) => line.startsWith("error: "));
      if (override !== undefined) this.level = saved;
    }
    // No trailing whitespace (e.g. after an empty conf change): editors trim it from golden files.
    return this.output
      .join("\n")
      .split("\n")
      .map((line) => line.trimEnd())
      .join("\n");
  }

  private dispatch(c: TestCase): void {
    switch (c.command) {
      case "add-nodes":
        return this.addNodes(c);
      case "campaign":
        return this.withNode(c, (n) => n.rawNode.campaign());
      case "propose":
        return this.propose(c);
      case "propose-conf-change":
        return this.proposeConfChange(c);
      case "process-ready":
        return this.forIds(c, (id) => this.processReady(id));
      case "deliver-msgs":
        return this.deliverMsgs(c);
      case "stabilize":
        return this.stabilize(c);
      case "tick-election":
        // Like etcd's env: the configured election timeout, not the randomized one, so a script can set a
        // longer randomized timeout to have a node's leader lease expire without it campaigning.
        return this.withNode(c, (n) => this.ticks(n, electionTicks));
      case "tick-heartbeat":
        return this.withNode(c, (n) => this.ticks(n, 1));
      case "tick":
        // tick ID N: N ticks of logical time on one node.
        return this.withNode(c, (n) => this.ticks(n, Number(positional(c)[1] ?? 1)));
      case "hard-state":
        return this.withNode(c, (n) => this.hardState(n));
      case "applied":
        return this.withNode(c, (n) =>
          this.output.push(`applied=${n.appliedIndex} [${n.applied.join(" ")}]`),
        );
      case "duplicate-msgs":
        return this.duplicateMsgs(c);
      case "raft-log":
        return this.withNode(c, (n) => this.raftLog(n));
      case "raft-state":
        return this.raftState();
      case "status":
        return this.withNode(c, (n) => this.status(n));
      case "transfer-leadership":
        return this.transferLeadership(c);
      case "compact":
        return this.compact(c);
      case "read-index":
        return this.withNode(c, (n) => n.rawNode.readIndex(encoder.encode(positional(c)[1] ?? "")));
      case "report-unreachable":
        return this.reportUnreachable(c);
      case "send-snapshot":
        return this.sendSnapshot(c);
      case "report-snapshot":
        return this.reportSnapshot(c);
      case "set-randomized-election-timeout":
        return this.withNode(c, (n) => {
          n.rawNode.raft.randomizedElectionTimeout = argInt(c, "timeout") ?? 0;
        });
      case "restart":
        return this.withNode(c, (n) => this.restart(n));
      case "isolate":
        return this.isolate(c);
      case "cut":
        return this.cut(c);
      case "heal":
        this.blocked.clear();
        this.delayed.clear();
        return;
      case "partition": {
        // partition 1,2 3,4,5: every link between different groups is cut, both ways, until `heal`.
        const groups = positional(c).map((g) => g.split(",").map(Number));
        for (const a of groups) {
          for (const b of groups) {
            if (a === b) continue;
            for (const from of a) for (const to of b) this.blocked.add(`${from}->${to}`);
          }
        }
        return;
      }
      case "delay": {
        // delay FROM TO: messages on the one-way link stay in the network until `heal`.
        const [from, to] = positional(c).map(Number);
        this.delayed.add(`${from}->${to}`);
        return;
      }
      case "log-level":
        this.level = parseLevel(positional(c)[0] ?? "info");
        return;
      default:
        throw new Error(`unknown command ${c.command}`);
    }
  }

  private logger(id: NodeId): RaftLogger {
    const write = (level: LogLevel, message: string) => {
      if (LogLevels[level] >= LogLevels[this.level]) this.output.push(`${level.toUpperCase()} ${message}`);
    };
    void id;
    return {
      debug: (m) => write("debug", m),
      info: (m) => write("info", m),
      warn: (m) => write("warn", m),
    };
  }

  private node(id: NodeId): Node {
    const node = this.nodes[id - 1];
    if (node === undefined) throw new Error(`no node ${id}`);
    return node;
  }

  private withNode(c: TestCase, fn: (node: Node) => void): void {
    const id = Number(positional(c)[0]);
    fn(this.node(id));
  }

  private forIds(c: TestCase, fn: (id: NodeId) => void): void {
    const ids = positional(c).map(Number);
    for (const id of ids.length > 0 ? ids : this.nodes.map((n) => n.id)) fn(id);
  }

  private addNodes(c: TestCase): void {
    const count = Number(positional(c)[0]);
    const voters = (argValues(c, "voters") ?? []).map(Number);
    const learners = (argValues(c, "learners") ?? []).map(Number);
    const index = argInt(c, "index") ?? 0;
    const content = argValues(c, "content")?.[0] ?? "";
    const options: NodeOptions = {
      preVote: argBool(c, "prevote") ?? false,
      checkQuorum: argBool(c, "checkquorum") ?? false,
      stepDownOnRemoval: argBool(c, "step-down-on-removal") ?? false,
      readOnlyOption:
        argValues(c, "read-only")?.[0] === "lease-based" ? ReadOnlyOption.LeaseBased : ReadOnlyOption.Safe,
      committedBytesPerReadyMax: argInt(c, "max-committed-size-per-ready") ?? noLimit,
      inflightMessagesMax: argInt(c, "max-inflight") ?? 256,
      uncommittedBytesMax: argInt(c, "max-uncommitted-size") ?? noLimit,
      disableProposalForwarding: argBool(c, "disable-proposal-forwarding") ?? false,
      messageBytesMax: argInt(c, "max-msg-size") ?? noLimit,
    };
    for (let i = 0; i < count; i++) {
      const id = this.nodes.length + 1;
      const storage = new EnvStorage();
      const confState: ConfState = {
        voters,
        learners,
        votersOutgoing: [],
        learnersNext: [],
        autoLeave: false,
      };
      const applied = content === "" ? [] : [content];
      if (index > 0) {
        storage.applySnapshot({
          metadata: { index, term: 1, confState },
          data: encoder.encode(JSON.stringify(applied)),
        });
      }
      const node: Node = {
        id,
        storage,
        applied,
        confState,
        appliedIndex: index,
        options,
        rawNode: undefined as unknown as RawNode,
      };
      node.rawNode = this.newRawNode(node);
      this.nodes.push(node);
    }
  }

  private newRawNode(node: Node): RawNode {
    const o = node.options;
    return new RawNode(
      raftConfig({
        id: node.id,
        storage: node.storage,
        random: new ZeroRandom(0),
        applied: node.appliedIndex,
        electionTimeoutTicks: electionTicks,
        heartbeatIntervalTicks: 1,
        messageBytesMax: o.messageBytesMax,
        committedBytesPerReadyMax: o.committedBytesPerReadyMax,
        uncommittedBytesMax: o.uncommittedBytesMax,
        inflightMessagesMax: o.inflightMessagesMax,
        inflightBytesMax: noLimit,
        checkQuorum: o.checkQuorum,
        preVote: o.preVote,
        readOnlyOption: o.readOnlyOption,
        disableProposalForwarding: o.disableProposalForwarding,
        stepDownOnRemoval: o.stepDownOnRemoval,
        logger: this.logger(node.id),
      }),
    );
  }

  private propose(c: TestCase): void {
    const [id, data] = positional(c);
    this.node(Number(id)).rawNode.propose(encoder.encode(data ?? ""));
  }

  private proposeConfChange(c: TestCase): void {
    const node = this.node(Number(positional(c)[0]));
    const transitionName = argValues(c, "transition")?.[0] ?? "auto";
    const transition =
      transitionName === "explicit"
        ? ConfChangeTransition.Explicit
        : transitionName === "implicit"
          ? ConfChangeTransition.Implicit
          : ConfChangeTransition.Auto;
    const changes: ConfChangeSingle[] = c.input
      .split(/\s+/)
      .filter((t) => t !== "")
      .map((token) => {
        const nodeId = Number(token.slice(1));
        const type = {
          v: ConfChangeType.AddNode,
          l: ConfChangeType.AddLearnerNode,
          r: ConfChangeType.RemoveNode,
        }[token[0] as "v" | "l" | "r"];
        if (type === undefined || !Number.isInteger(nodeId))
          throw new Error(`bad conf change token ${token}`);
        return { type, nodeId };
      });
    node.rawNode.proposeConfChange(confChange(changes, { transition }));
  }

  private processReady(id: NodeId): void {
    const node = this.node(id);
    this.output.push(`> ${id} handling Ready`);
    const start = this.output.length;
    if (!node.rawNode.hasReady()) {
      this.output.push("<empty Ready>");
    } else {
      const rd = node.rawNode.ready();
      this.output.push(describeReady(rd));
      if (rd.snapshot !== undefined) {
        node.storage.applySnapshot(rd.snapshot);
        node.applied = JSON.parse(decoder.decode(rd.snapshot.data)) as string[];
        node.confState = rd.snapshot.metadata.confState;
        node.appliedIndex = rd.snapshot.metadata.index;
      }
      node.storage.append(rd.entries);
      if (rd.hardState !== undefined) node.storage.setHardState(rd.hardState);
      this.messages.push(...rd.messages);
      for (const entry of rd.committedEntries) {
        if (entry.type === EntryType.ConfChange) {
          node.confState = node.rawNode.applyConfChange(decodeConfChange(entry.data));
        } else if (entry.data.byteLength > 0) {
          node.applied.push(decoder.decode(entry.data));
        }
        node.appliedIndex = entry.index;
      }
      const last = rd.committedEntries[rd.committedEntries.length - 1];
      if (last !== undefined) {
        node.storage.latest = {
          metadata: { index: last.index, term: last.term, confState: node.confState },
          data: encoder.encode(JSON.stringify(node.applied)),
        };
      }
      node.rawNode.advance();
    }
    indent(this.output, start);
  }

  /**
   * `deliver-msgs [drop=(IDs)] IDs [type=T] [from=ID] [count=N]`: delivers (or drops) the pending messages
   * to each ID, optionally only those of type T, only those sent by `from`, and only the first N.
   */
  private deliverMsgs(c: TestCase): void {
    const filter: MessageFilter = {
      type: argValues(c, "type")?.[0],
      from: argInt(c, "from"),
      count: argInt(c, "count"),
    };
    for (const id of (argValues(c, "drop") ?? []).map(Number)) this.deliverTo(id, true, filter);
    for (const id of positional(c).map(Number)) this.deliverTo(id, false, filter);
  }

  /** Delivers (or drops) the pending messages addressed to `id`; returns how many there were. */
  private deliverTo(id: NodeId, drop: boolean, filter: MessageFilter = {}): number {
    const matches = (m: Message) =>
      m.to === id &&
      !this.delayed.has(`${m.from}->${m.to}`) &&
      (filter.type === undefined || describeMessage(m).split(" ")[1] === filter.type) &&
      (filter.from === undefined || m.from === filter.from);
    const selected = this.messages.filter(matches).slice(0, filter.count);
    if (selected.length === 0) return 0;
    this.messages = this.messages.filter((m) => !selected.includes(m));
    if (!drop) this.output.push(`> ${id} receiving messages`);
    for (const m of selected) {
      const start = this.output.length;
      if (drop || this.blocked.has(`${m.from}->${m.to}`)) {
        this.output.push(`dropped: ${describeMessage(m)}`);
      } else {
        this.output.push(describeMessage(m));
        try {
          this.node(id).rawNode.step(m);
        } catch (error) {
          this.output.push(`error: ${(error as Error).message}`);
        }
      }
      if (!drop) indent(this.output, start);
    }
    return selected.length;
  }

  /**
   * `duplicate-msgs TO [type=T]`: the network duplicates the pending messages to TO (of type T): a copy
   * of each is queued behind everything pending, so it arrives again, late.
   */
  private duplicateMsgs(c: TestCase): void {
    const to = Number(positional(c)[0]);
    const type = argValues(c, "type")?.[0];
    const copies = this.messages
      .filter((m) => m.to === to && (type === undefined || describeMessage(m).split(" ")[1] === type))
      .map((m) => ({ ...m, entries: [...m.entries] }));
    for (const m of copies) this.output.push(`duplicated: ${describeMessage(m)}`);
    this.messages.push(...copies);
  }

  /** What survives a crash (the stored HardState) next to what the node holds in memory. */
  private hardState(node: Node): void {
    const stored = node.storage.initialState().hardState;
    const r = node.rawNode.raft;
    this.output.push(`stored: Term:${stored.term} Vote:${stored.vote} Commit:${stored.commit}`);
    this.output.push(`memory: Term:${r.term} Vote:${r.vote} Commit:${r.raftLog.committed}`);
  }

  private stabilize(c: TestCase): void {
    const ids = positional(c).map(Number);
    const scope = ids.length > 0 ? ids : this.nodes.map((n) => n.id);
    for (let round = 0; round < 1000; round++) {
      let done = true;
      for (const id of scope) {
        if (this.node(id).rawNode.hasReady()) {
          this.processReady(id);
          done = false;
        }
      }
      for (const id of scope) {
        if (this.deliverTo(id, false) > 0) done = false;
      }
      if (done) return;
    }
    throw new Error("stabilize did not converge within 1000 rounds");
  }

  private ticks(node: Node, count: number): void {
    for (let i = 0; i < count; i++) node.rawNode.tick();
  }

  private raftLog(node: Node): void {
    const first = node.storage.firstIndex();
    const last = node.storage.lastIndex();
    if (last < first) {
      this.output.push(`log is empty: first index=${first}, last index=${last}`);
      return;
    }
    this.output.push(describeEntries(node.storage.entries(first, last + 1, noLimit)));
  }

  private raftState(): void {
    for (const node of this.nodes) {
      const r = node.rawNode.raft;
      const role = r.tracker.isVoter(node.id) ? "(Voter)" : r.isLearner ? "(Learner)" : "(Non-Voter)";
      this.output.push(
        `${node.id}: State${r.state} ${role} Term:${r.term} Lead:${r.lead} LeadEpoch:0`.replace(
          " LeadEpoch:0",
          "",
        ),
      );
    }
  }

  /**
   * The leader's view of every member: replication state, match, the highest commit index sent
   * (commit=, omitted for the leader itself), next, and flags.
   */
  private status(node: Node): void {
    const status = node.rawNode.status();
    if (status.progress === undefined) {
      this.output.push(`${node.id} is not the leader`);
      return;
    }
    for (const [id, pr] of status.progress) {
      const tracked = node.rawNode.raft.tracker.progress.get(id);
      let line = `${id}: ${pr.state} match=${pr.match}`;
      if (id !== node.id && tracked !== undefined) line += ` commit=${tracked.sentCommit}`;
      line += ` next=${pr.next}`;
      if (pr.isLearner) line += " learner";
      if (pr.paused) line += " paused";
      if (pr.pendingSnapshot > 0) line += ` pendingSnap=${pr.pendingSnapshot}`;
      if (!pr.recentActive) line += " inactive";
      if (pr.inflightCount > 0) line += ` inflight=${pr.inflightCount}`;
      if (tracked?.inflights.full() === true) line += "[full]";
      this.output.push(line);
    }
  }

  private transferLeadership(c: TestCase): void {
    const from = argInt(c, "from");
    const to = argInt(c, "to");
    if (from === undefined || to === undefined) throw new Error("transfer-leadership needs from= and to=");
    this.node(from).rawNode.transferLeader(to);
  }

  /** Snapshots node's state machine at its applied index, then discards log entries before `index`. */
  private compact(c: TestCase): void {
    const [id, index] = positional(c).map(Number);
    const node = this.node(id as number);
    const snapshotIndex = node.appliedIndex;
    if (snapshotIndex > node.storage.stored().metadata.index) {
      node.storage.createSnapshot(
        snapshotIndex,
        node.confState,
        encoder.encode(JSON.stringify(node.applied)),
      );
    }
    node.storage.compact(index as number);
    this.raftLog(node);
  }

  private reportUnreachable(c: TestCase): void {
    const [from, to] = positional(c).map(Number);
    this.node(from as number).rawNode.reportUnreachable(to as number);
  }

  /** `report-snapshot FROM TO [failure]`: the transport tells leader FROM how sending a snapshot to TO ended. */
  private reportSnapshot(c: TestCase): void {
    const [from, to, outcome] = positional(c);
    const status = outcome === "failure" ? SnapshotStatus.Failure : SnapshotStatus.Finish;
    this.node(Number(from)).rawNode.reportSnapshot(Number(to), status);
  }

  /** Has `from` send its latest snapshot to `to`, as a transport-level snapshot transfer would. */
  private sendSnapshot(c: TestCase): void {
    const [from, to] = positional(c).map(Number);
    const sender = this.node(from as number);
    const snapshot: Snapshot = sender.storage.snapshot();
    const m: Message = {
      type: MessageType.Snap,
      from: from as number,
      to: to as number,
      term: sender.rawNode.raft.term,
      logTerm: 0,
      index: 0,
      entries: [],
      commit: 0,
      reject: false,
      rejectHint: 0,
      snapshot,
    };
    this.messages.push(m);
    this.output.push(describeMessage(m));
  }

  /** Crashes and restarts a node: everything not persisted to its storage is lost. */
  private restart(node: Node): void {
    this.messages = this.messages.filter((m) => m.from !== node.id);
    // The state machine is in memory: it restarts from the persisted snapshot and replays the log.
    node.storage.latest = undefined;
    const snapshot = node.storage.stored();
    node.applied = snapshot.metadata.index > 0 ? (JSON.parse(decoder.decode(snapshot.data)) as string[]) : [];
    node.appliedIndex = snapshot.metadata.index;
    node.confState = snapshot.metadata.confState;
    node.rawNode = this.newRawNode(node);
  }

  private isolate(c: TestCase): void {
    const id = Number(positional(c)[0]);
    for (const other of this.nodes) {
      if (other.id === id) continue;
      this.blocked.add(`${id}->${other.id}`);
      this.blocked.add(`${other.id}->${id}`);
    }
  }

  /** Cuts the one-way link from → to. */
  private cut(c: TestCase): void {
    const [from, to] = positional(c).map(Number);
    this.blocked.add(`${from}->${to}`);
  }
}

function indent(lines: string[], start: number): void {
  for (let i = start; i < lines.length; i++) {
    lines[i] = (lines[i] as string)
      .split("\n")
      .map((l) => `  ${l}`)
      .join("\n");
  }
}

import { spawn, type ChildProcess } from "node:child_process";
import { appendFileSync, closeSync, existsSync, mkdtempSync, openSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { type ServiceError } from "@grpc/grpc-js";
import { type v1 } from "@millrace/proto";
import { ClusterClients, describeFailure, unary } from "./cluster-client.js";
import { ProxyMesh, type CutMode } from "./link-proxy.js";
import { type ReplicaContents } from "./log-history.js";
import { findFreePorts, loopback } from "./ports.js";
import { sleep, waitFor } from "./wait.js";

/** The meta group and the default log group of every cluster (packages/server/src/node/group-ids.ts). */
export const metaGroupId = 1;
export const logGroupId = 2;

export interface LocalClusterOptions {
  /** Founding nodes, started by `start()` with --bootstrap. Default 3. */
  readonly nodes?: number;
  /** Node ids given ports and proxies up front, including nodes `addNode()` adds later. Default nodes + 2. */
  readonly maxNodes?: number;
  /** --tick-ms. Default 50 (elections in about half a second). */
  readonly tickMs?: number;
  /** --election-ticks. Default 10. */
  readonly electionTicks?: number;
  /** --heartbeat-ticks. Default 1. */
  readonly heartbeatTicks?: number;
  /** --compact-every-entries and --compact-retain-entries; the node's defaults when omitted. */
  readonly compactEveryEntries?: number;
  readonly compactRetainEntries?: number;
  /** --log-level. Default "info". */
  readonly logLevel?: string;
  /** Further flags for every node. */
  readonly extraArgs?: readonly string[];
  /** Part of the temp directory's name. */
  readonly name?: string;
  /** Bound on `start()` (and on each node becoming healthy after a restart). Default 60 s. */
  readonly startTimeoutMs?: number;
  /** Keep the temp directory on cleanup (also with MILLRACE_KEEP_CLUSTER_DIR=1). */
  readonly keepDir?: boolean;
  /**
   * Called with each node's data directory path before any node starts, e.g. to mount a small file system
   * there. The directory does not exist yet; the node creates it if this does not.
   */
  readonly prepareDataDir?: (id: number, dataDir: string) => void;
}

/** new: never started; running; paused (SIGSTOP); down: exited (killed, stopped or crashed). */
export type NodeState = "new" | "running" | "paused" | "down";

export interface NodeStatus {
  readonly id: number;
  readonly state: NodeState;
  readonly pid: number | undefined;
  /** Removed from the cluster through AdminService.RemoveNode. */
  readonly removed: boolean;
  readonly clientAddress: string;
  readonly peerPort: number;
  readonly httpPort: number;
  readonly dataDir: string;
  readonly logFile: string;
  /** How often the process was started. */
  readonly starts: number;
  readonly lastExit: { readonly code: number | null; readonly signal: string | null } | undefined;
}

interface Slot {
  readonly id: number;
  readonly client: number;
  readonly peer: number;
  readonly http: number;
  readonly dataDir: string;
  readonly logFile: string;
  /** Founders start with --bootstrap; the others joined with --join. */
  founder: boolean;
  state: NodeState;
  child: ChildProcess | undefined;
  exited: Promise<void> | undefined;
  starts: number;
  removed: boolean;
  lastExit: { code: number | null; signal: string | null } | undefined;
}

export interface LeaderInfo {
  readonly leaderId: number;
  readonly term: number;
}

/**
 * A cluster of real `millrace node` processes on 127.0.0.1 (TESTING.md layer 5), each with its own
 * LevelDB under a temp directory and its log in `<dir>/node-<id>.log`.
 *
 * Peer traffic goes through a TCP proxy per directed link: node i is started with
 * `--peer-address-override j@127.0.0.1:<proxy i→j>` for every other id j, so `partition()`, `isolate()`,
 * `cut()` and `heal()` really cut and restore the TCP traffic between the nodes' peer ports. Ids, ports and
 * proxies exist up front for `maxNodes` ids; the cluster gives joining nodes the next ids in order, which
 * `addNode()` checks.
 *
 * Every wait is bounded in time; `cleanup()` kills (by pid) every process this cluster started and
 * removes the temp directory. Only 127.0.0.1 is used.
 */
export class LocalCluster {
  readonly options: Required<Omit<LocalClusterOptions, "compactEveryEntries" | "compactRetainEntries">> &
    Pick<LocalClusterOptions, "compactEveryEntries" | "compactRetainEntries">;
  readonly clients = new ClusterClients();
  private dir: string | undefined = undefined;
  private readonly slots = new Map<number, Slot>();
  private mesh: ProxyMesh | undefined = undefined;
  private readonly cli: { repoRoot: string; main: string };
  private readonly onProcessExit = () => this.killAllSync();

  constructor(options: LocalClusterOptions = {}) {
    const nodes = options.nodes ?? 3;
    if (!Number.isInteger(nodes) || nodes < 1 || nodes > 7) throw new Error("nodes must be in [1, 7]");
    this.options = {
      nodes,
      maxNodes: options.maxNodes ?? nodes + 2,
      tickMs: options.tickMs ?? 50,
      electionTicks: options.electionTicks ?? 10,
      heartbeatTicks: options.heartbeatTicks ?? 1,
      logLevel: options.logLevel ?? "info",
      extraArgs: options.extraArgs ?? [],
      name: options.name ?? "cluster",
      startTimeoutMs: options.startTimeoutMs ?? 60_000,
      keepDir: options.keepDir ?? process.env["MILLRACE_KEEP_CLUSTER_DIR"] === "1",
      prepareDataDir: options.prepareDataDir ?? (() => undefined),
      ...(options.compactEveryEntries === undefined
        ? {}
        : { compactEveryEntries: options.compactEveryEntries }),
      ...(options.compactRetainEntries === undefined
        ? {}
        : { compactRetainEntries: options.compactRetainEntries }),
    };
    if (this.options.maxNodes < nodes || this.options.maxNodes > 9)
      throw new Error("maxNodes must be in [nodes, 9]");
    this.cli = findServerCli();
  }

  /** The temp directory holding every node's data and log. */
  get directory(): string {
    if (this.dir === undefined) throw new Error("the cluster is not started");
    return this.dir;
  }

  /** The proxies on the peer links. */
  get proxies(): ProxyMesh {
    if (this.mesh === undefined) throw new Error("the cluster is not started");
    return this.mesh;
  }

  /** Allocates ports and proxies, starts the founders and waits until every one is ready (/readyz). */
  async start(): Promise<void> {
    if (this.dir !== undefined) throw new Error("the cluster was already started");
    this.dir = mkdtempSync(join(tmpdir(), `millrace-${this.options.name}-`));
    process.on("exit", this.onProcessExit);
    const ports = await findFreePorts(this.options.maxNodes * 3);
    for (let id = 1; id <= this.options.maxNodes; id++) {
      const base = (id - 1) * 3;
      this.slots.set(id, {
        id,
        client: ports[base] as number,
        peer: ports[base + 1] as number,
        http: ports[base + 2] as number,
        dataDir: join(this.dir, `node-${id}`),
        logFile: join(this.dir, `node-${id}.log`),
        founder: id <= this.options.nodes,
        state: "new",
        child: undefined,
        exited: undefined,
        starts: 0,
        removed: false,
        lastExit: undefined,
      });
    }
    for (const slot of this.slots.values()) this.options.prepareDataDir(slot.id, slot.dataDir);
    this.mesh = await ProxyMesh.start([...this.slots.keys()], (id) => this.slot(id).peer);
    const founders = [...this.slots.values()].filter((s) => s.founder);
    for (const slot of founders) this.spawn(slot);
    await Promise.all(founders.map((slot) => this.waitHealthy(slot.id, "/readyz")));
  }

  // ---- processes -------------------------------------------------------------------------------

  /** Kills node `id` with SIGKILL and waits for it to exit. */
  async kill(id: number): Promise<void> {
    const slot = this.slot(id);
    if (slot.child === undefined) return;
    slot.child.kill("SIGKILL");
    await this.waitExit(slot, 10_000);
  }

  /** Freezes node `id` with SIGSTOP: it keeps its sockets but answers nothing. */
  pause(id: number): void {
    const slot = this.slot(id);
    if (slot.state !== "running" || slot.child === undefined) throw new Error(`node ${id} is not running`);
    slot.child.kill("SIGSTOP");
    slot.state = "paused";
  }

  /** Thaws node `id` with SIGCONT. */
  resume(id: number): void {
    const slot = this.slot(id);
    if (slot.state !== "paused" || slot.child === undefined) throw new Error(`node ${id} is not paused`);
    slot.child.kill("SIGCONT");
    slot.state = "running";
  }

  /**
   * Stops node `id` gracefully with SIGTERM (it hands over leadership, flushes and closes) and waits up to
   * `timeoutMs` for it to exit; a node that has not exited by then is killed with SIGKILL. Returns whether
   * it exited by itself, and its exit code.
   */
  async stop(id: number, timeoutMs = 15_000): Promise<{ graceful: boolean; code: number | null }> {
    const slot = this.slot(id);
    if (slot.child === undefined) return { graceful: true, code: slot.lastExit?.code ?? null };
    if (slot.state === "paused") this.resume(id);
    slot.child.kill("SIGTERM");
    try {
      await this.waitExit(slot, timeoutMs);
      return { graceful: true, code: slot.lastExit?.code ?? null };
    } catch {
      await this.kill(id);
      return { graceful: false, code: null };
    }
  }

  /**
   * Starts node `id` again on the same data directory and ports (killing it first with SIGKILL if it still
   * runs) and waits until it serves (/healthz).
   */
  async restart(id: number): Promise<void> {
    const slot = this.slot(id);
    if (slot.state === "new") throw new Error(`node ${id} was never started`);
    if (slot.child !== undefined) await this.kill(id);
    this.spawn(slot);
    await this.waitHealthy(id, "/healthz");
  }

  /** Restarts every node that is down (in parallel) and waits until they all serve. */
  async restartAllDown(): Promise<void> {
    const down = [...this.slots.values()].filter((s) => s.state === "down" && !s.removed);
    for (const slot of down) this.spawn(slot);
    await Promise.all(down.map((slot) => this.waitHealthy(slot.id, "/healthz")));
  }

  /**
   * Starts a new node with --join (through a running member) and waits until it has joined and serves.
   * Returns its id, which must be the next free slot: the cluster assigns ids in order.
   */
  async addNode(): Promise<number> {
    const slot = [...this.slots.values()].find((s) => s.state === "new");
    if (slot === undefined) throw new Error(`no free node slot (maxNodes is ${this.options.maxNodes})`);
    const via = this.runningIds()[0];
    if (via === undefined) throw new Error("no running node to join through");
    slot.founder = false;
    this.spawn(slot, this.clientAddress(via));
    await this.waitHealthy(slot.id, "/healthz");
    const listed = await waitFor(
      `node ${slot.id} to be listed`,
      { timeoutMs: 10_000, intervalMs: 200 },
      async () => {
        const nodes = await this.clients.listNodes(this.clientAddress(slot.id));
        return nodes.nodes.find((n) => n.clientAddress === this.clientAddress(slot.id));
      },
    );
    if (listed.nodeId !== slot.id) {
      throw new Error(
        `the cluster gave the new node id ${listed.nodeId}, but its proxies were set up for id ${slot.id}`,
      );
    }
    return slot.id;
  }

  /** Removes node `id` from the cluster (AdminService.RemoveNode at the meta leader); the process keeps running. */
  async removeNode(id: number): Promise<v1.RemoveNodeResponse__Output> {
    const response = await this.adminAtMetaLeader<v1.RemoveNodeResponse__Output>((client, deadline, cb) =>
      client.removeNode({ nodeId: id, force: false }, { deadline }, cb),
    );
    this.slot(id).removed = true;
    return response;
  }

  // ---- the network -----------------------------------------------------------------------------

  /** Cuts every peer link between nodes of different groups, both ways (healing other cuts first). */
  partition(groups: readonly (readonly number[])[], mode: CutMode = "reset"): void {
    this.proxies.partition(groups, mode);
  }

  /** Cuts node `id` off from every other node. */
  isolate(id: number, mode: CutMode = "reset"): void {
    this.proxies.isolate(id, mode);
  }

  /** Cuts the directed link from→to only. */
  cut(from: number, to: number, mode: CutMode = "reset"): void {
    this.proxies.cut(from, to, mode);
  }

  /** Restores every peer link. */
  heal(): void {
    this.proxies.heal();
  }

  // ---- observing -------------------------------------------------------------------------------

  clientAddress(id: number): string {
    return `${loopback}:${this.slot(id).client}`;
  }

  /** Ids of nodes whose process runs (not paused), removed ones included. */
  runningIds(): number[] {
    return [...this.slots.values()].filter((s) => s.state === "running").map((s) => s.id);
  }

  /** Ids of every node ever started and not removed. */
  memberIds(): number[] {
    return [...this.slots.values()].filter((s) => s.state !== "new" && !s.removed).map((s) => s.id);
  }

  /** Client addresses of running nodes that were not removed: where a client may send requests. */
  endpoints(): string[] {
    return this.runningIds()
      .filter((id) => !this.slot(id).removed)
      .map((id) => this.clientAddress(id));
  }

  status(): NodeStatus[] {
    return [...this.slots.values()].map((s) => ({
      id: s.id,
      state: s.state,
      pid: s.child?.pid,
      removed: s.removed,
      clientAddress: this.clientAddress(s.id),
      peerPort: s.peer,
      httpPort: s.http,
      dataDir: s.dataDir,
      logFile: s.logFile,
      starts: s.starts,
      lastExit: s.lastExit,
    }));
  }

  /** Node `id`'s view of the groups it hosts. */
  async groups(id: number): Promise<v1.Group__Output[]> {
    return (await this.clients.listGroups(this.clientAddress(id))).groups;
  }

  /** Node `id`'s view of one group, or undefined if it does not host it. */
  async group(id: number, groupId: number): Promise<v1.Group__Output | undefined> {
    return (await this.groups(id)).find((g) => Number(g.groupId) === groupId);
  }

  /**
   * The leader of a group as the running nodes (or `among`) see it now: a node that says it leads, with a
   * majority of the group's voters (by its membership) reporting the same leader and term. Undefined if
   * there is none, e.g. during an election or for a deposed leader that has not noticed yet.
   */
  async leaderOf(groupId: number, among?: readonly number[]): Promise<LeaderInfo | undefined> {
    const ids = (among ?? this.runningIds()).filter((id) => this.slot(id).state === "running");
    const views = await Promise.all(
      ids.map(async (id) => {
        try {
          return { id, group: await this.group(id, groupId) };
        } catch {
          return { id, group: undefined };
        }
      }),
    );
    let best: LeaderInfo | undefined = undefined;
    for (const { id, group } of views) {
      if (group === undefined || group.leaderNodeId !== id) continue;
      const term = Number(group.term);
      const voters = group.replicas.filter((r) => r.role === "REPLICA_ROLE_VOTER").map((r) => r.nodeId);
      const agreeing = views.filter(
        (v) =>
          v.group !== undefined &&
          voters.includes(v.id) &&
          v.group.leaderNodeId === id &&
          Number(v.group.term) === term,
      ).length;
      if (agreeing < Math.floor(voters.length / 2) + 1) continue;
      if (best === undefined || term > best.term) best = { leaderId: id, term };
    }
    return best;
  }

  /** Waits (bounded) for `leaderOf(groupId, among)`; `exclude` rules out given leaders (e.g. the old one). */
  waitForLeader(
    groupId: number,
    options: { among?: readonly number[]; exclude?: readonly number[]; timeoutMs?: number } = {},
  ): Promise<LeaderInfo> {
    return waitFor(
      `a leader of group ${groupId}${options.among === undefined ? "" : ` among ${options.among.join(",")}`}`,
      { timeoutMs: options.timeoutMs ?? 20_000, intervalMs: 100 },
      async () => {
        const leader = await this.leaderOf(groupId, options.among);
        if (leader === undefined || options.exclude?.includes(leader.leaderId) === true) return undefined;
        return leader;
      },
    );
  }

  /** Waits until the group's leader reports exactly these voters and no learners. */
  async waitForVoters(groupId: number, voters: readonly number[], timeoutMs = 30_000): Promise<void> {
    const want = [...voters].sort((a, b) => a - b).join(",");
    await waitFor(`group ${groupId} to have voters ${want}`, { timeoutMs, intervalMs: 200 }, async () => {
      const leader = await this.leaderOf(groupId);
      if (leader === undefined) return undefined;
      const group = await this.group(leader.leaderId, groupId);
      const have = (group?.replicas ?? [])
        .filter((r) => r.role === "REPLICA_ROLE_VOTER")
        .map((r) => r.nodeId)
        .sort((a, b) => a - b)
        .join(",");
      const learners = (group?.replicas ?? []).filter((r) => r.role !== "REPLICA_ROLE_VOTER").length;
      return have === want && learners === 0 ? true : undefined;
    });
  }

  /**
   * Moves the leadership of a group to node `to` (TransferLeadership at the current leader, repeated
   * every 2 s) and waits until `to` leads with a majority agreeing. Bounded by `timeoutMs`.
   */
  async transferLeadership(groupId: number, to: number, timeoutMs = 20_000): Promise<void> {
    let lastAsked = 0;
    await waitFor(`node ${to} to lead group ${groupId}`, { timeoutMs, intervalMs: 100 }, async () => {
      const leader = await this.leaderOf(groupId);
      if (leader?.leaderId === to) return true;
      if (leader !== undefined && Date.now() - lastAsked > 2000) {
        lastAsked = Date.now();
        await unary((cb) =>
          this.clients
            .admin(this.clientAddress(leader.leaderId))
            .transferLeadership(
              { groupId: String(groupId), targetNodeId: to },
              { deadline: Date.now() + 2000 },
              cb,
            ),
        ).catch(() => undefined);
      }
      return undefined;
    });
  }

  /**
   * Everything node `id` holds of the default log: it is made the log group's leader first (Read is served
   * by leaders only, after a ReadIndex round), then read from firstSeq to nextSeq in pages of 1000. Call it
   * once the workload has stopped. Bounded: 5 attempts, each bounded in time.
   */
  async readReplica(id: number): Promise<ReplicaContents> {
    let lastError: unknown = undefined;
    for (let attempt = 0; attempt < 5; attempt++) {
      try {
        await this.transferLeadership(logGroupId, id);
        const address = this.clientAddress(id);
        const head = await this.clients.read(address, 1, 1);
        const firstSeq = Number(head.firstSeq);
        const nextSeq = Number(head.nextSeq);
        const records: { seq: number; data: string }[] = [];
        const decoder = new TextDecoder();
        let from = firstSeq;
        for (let page = 0; from < nextSeq && page < 100_000; page++) {
          const response = await this.clients.read(address, from, 1000);
          if (response.records.length === 0) break;
          for (const r of response.records)
            records.push({ seq: Number(r.seq), data: decoder.decode(r.data) });
          from = Number(response.records[response.records.length - 1]?.seq) + 1;
        }
        return { node: id, firstSeq, nextSeq, records };
      } catch (error) {
        lastError = error;
        await sleep(500);
      }
    }
    throw new Error(`could not read node ${id}'s replica: ${describeFailure(lastError).message}`);
  }

  /** The last `lines` lines of every node's log, for a failed test's report. */
  logTails(lines = 40): string {
    if (this.dir === undefined) return "";
    const parts: string[] = [];
    for (const slot of this.slots.values()) {
      if (!existsSync(slot.logFile)) continue;
      const text = readFileSync(slot.logFile, "utf8").trimEnd().split("\n");
      parts.push(`==== node ${slot.id} (${slot.state}) ${slot.logFile} ====`, ...text.slice(-lines));
    }
    parts.push(`==== proxies: cut links ${JSON.stringify(this.mesh?.cutLinks() ?? [])} ====`);
    return `${parts.join("\n")}\n`;
  }

  /** Lines of node `id`'s log (all of its runs) that contain `text`. */
  logLines(id: number, text: string): string[] {
    const file = this.slot(id).logFile;
    if (!existsSync(file)) return [];
    return readFileSync(file, "utf8")
      .split("\n")
      .filter((line) => line.includes(text));
  }

  /**
   * Every "leader changed" line of every node's log (all runs), as (node, group, leader, term). With
   * `electionSafetyViolations` this checks at most one leader per group and term, as the nodes saw it.
   */
  leaderObservations(): { node: number; group: number; leader: number; term: number }[] {
    const seen: { node: number; group: number; leader: number; term: number }[] = [];
    for (const slot of this.slots.values()) {
      for (const line of this.logLines(slot.id, '"leader changed"')) {
        try {
          const entry = JSON.parse(line) as { group?: number; leader?: number; term?: number };
          if (
            typeof entry.group === "number" &&
            typeof entry.leader === "number" &&
            typeof entry.term === "number"
          )
            seen.push({ node: slot.id, group: entry.group, leader: entry.leader, term: entry.term });
        } catch {
          // Not a JSON line (e.g. a stack trace); ignore.
        }
      }
    }
    return seen;
  }

  /** Pairs of nodes that saw different leaders for one group in one term (must be empty). */
  electionSafetyViolations(): string[] {
    const leaders = new Map<string, { leader: number; node: number }>();
    const violations: string[] = [];
    for (const { node, group, leader, term } of this.leaderObservations()) {
      if (leader === 0) continue;
      const key = `${group}/${term}`;
      const known = leaders.get(key);
      if (known === undefined) leaders.set(key, { leader, node });
      else if (known.leader !== leader) {
        violations.push(
          `group ${group} term ${term}: node ${known.node} saw leader ${known.leader}, node ${node} saw leader ${leader}`,
        );
      }
    }
    return violations;
  }

  /** Kills every process this cluster started (by pid), closes proxies and clients, removes the temp dir. */
  async cleanup(): Promise<void> {
    const running = [...this.slots.values()].filter((s) => s.child !== undefined);
    for (const slot of running) slot.child?.kill("SIGKILL");
    await Promise.all(running.map((slot) => this.waitExit(slot, 10_000).catch(() => undefined)));
    process.off("exit", this.onProcessExit);
    this.clients.close();
    await this.mesh?.close();
    if (this.dir !== undefined && !this.options.keepDir) rmSync(this.dir, { recursive: true, force: true });
  }

  // ---- internals -------------------------------------------------------------------------------

  private slot(id: number): Slot {
    const slot = this.slots.get(id);
    if (slot === undefined) throw new Error(`no node ${id} in this cluster`);
    return slot;
  }

  private spawn(slot: Slot, joinVia?: string): void {
    if (slot.child !== undefined) throw new Error(`node ${slot.id} is already running`);
    const o = this.options;
    const overrides = [...this.slots.keys()]
      .filter((id) => id !== slot.id)
      .map((id) => `${id}@${this.proxies.addressFor(slot.id, id)}`)
      .join(",");
    const founders = [...this.slots.values()].filter((s) => s.id <= o.nodes);
    const args = [
      "--conditions=@millrace/source",
      "--import",
      "tsx",
      this.cli.main,
      "node",
      "--data-dir",
      slot.dataDir,
      "--host",
      loopback,
      "--client-port",
      String(slot.client),
      "--peer-port",
      String(slot.peer),
      "--http-port",
      String(slot.http),
      "--tick-ms",
      String(o.tickMs),
      "--election-ticks",
      String(o.electionTicks),
      "--heartbeat-ticks",
      String(o.heartbeatTicks),
      "--log-level",
      o.logLevel,
      "--peer-address-override",
      overrides,
      ...(o.compactEveryEntries === undefined
        ? []
        : ["--compact-every-entries", String(o.compactEveryEntries)]),
      ...(o.compactRetainEntries === undefined
        ? []
        : ["--compact-retain-entries", String(o.compactRetainEntries)]),
      ...(slot.founder
        ? [
            "--id",
            String(slot.id),
            "--bootstrap",
            // The real peer addresses, the same list on every founder (the cluster id derives from it).
            founders.map((s) => `${s.id}@${loopback}:${s.peer}`).join(","),
          ]
        : ["--join", joinVia ?? this.clientAddress(this.runningIds()[0] ?? 1)]),
      ...o.extraArgs,
    ];
    slot.starts += 1;
    appendFileSync(
      slot.logFile,
      `---- millrace-testkit: start ${slot.starts} of node ${slot.id} at ${new Date().toISOString()}\n`,
    );
    const fd = openSync(slot.logFile, "a");
    const env = { ...process.env };
    for (const name of Object.keys(env))
      if (name.startsWith("MILLRACE_") || name === "NODE_OPTIONS") delete env[name];
    let child: ChildProcess;
    try {
      child = spawn(process.execPath, args, { cwd: this.cli.repoRoot, env, stdio: ["ignore", fd, fd] });
    } finally {
      closeSync(fd);
    }
    slot.child = child;
    slot.state = "running";
    slot.exited = new Promise<void>((resolve) => {
      const done = (code: number | null, signal: NodeJS.Signals | null) => {
        if (slot.child === child) {
          slot.child = undefined;
          slot.state = "down";
          slot.lastExit = { code, signal };
        }
        resolve();
      };
      child.once("exit", done);
      child.once("error", () => done(null, null));
    });
  }

  private async waitExit(slot: Slot, timeoutMs: number): Promise<void> {
    const exited = slot.exited;
    if (exited === undefined || slot.child === undefined) return;
    let timer: NodeJS.Timeout | undefined = undefined;
    const timeout = new Promise<"timeout">((resolve) => {
      timer = setTimeout(() => resolve("timeout"), timeoutMs);
    });
    const result = await Promise.race([exited, timeout]);
    clearTimeout(timer);
    if (result === "timeout") throw new Error(`node ${slot.id} did not exit within ${timeoutMs} ms`);
  }

  /** Waits until node `id` answers 200 on an HTTP path, failing fast if its process exits. */
  private async waitHealthy(id: number, path: "/healthz" | "/readyz"): Promise<void> {
    const slot = this.slot(id);
    // waitFor takes a throw for "not yet", so an exit ends the wait with a value and is thrown after it:
    // thrown from the probe, it kept a node that refused to start waited on for the whole timeout.
    let exited: string | undefined = undefined;
    await waitFor(
      `node ${id} to answer ${path}`,
      { timeoutMs: this.options.startTimeoutMs, intervalMs: 100 },
      async () => {
        if (slot.child === undefined) {
          exited = `node ${id} exited (${JSON.stringify(slot.lastExit)}) while starting:\n${this.tail(slot, 20)}`;
          return true;
        }
        const response = await fetch(`http://${loopback}:${slot.http}${path}`, {
          signal: AbortSignal.timeout(1000),
        });
        await response.text();
        return response.ok ? true : undefined;
      },
    ).catch((error: Error) => {
      throw new Error(`${error.message}\n${this.tail(slot, 20)}`);
    });
    if (exited !== undefined) throw new Error(exited);
  }

  private tail(slot: Slot, lines: number): string {
    if (!existsSync(slot.logFile)) return "";
    return readFileSync(slot.logFile, "utf8").trimEnd().split("\n").slice(-lines).join("\n");
  }

  /** Calls an AdminService method at the meta leader, following NOT_LEADER hints; bounded. */
  private async adminAtMetaLeader<T>(
    call: (
      client: v1.AdminServiceClient,
      deadline: number,
      cb: (error: ServiceError | null, value?: T) => void,
    ) => void,
  ): Promise<T> {
    let address = this.endpoints()[0];
    let lastError: unknown = undefined;
    for (let attempt = 0; attempt < 40 && address !== undefined; attempt++) {
      const target = address;
      try {
        return await unary<T>((cb) => call(this.clients.admin(target), Date.now() + 5000, cb));
      } catch (error) {
        lastError = error;
        const failure = describeFailure(error);
        const endpoints = this.endpoints();
        address =
          failure.leaderAddress !== undefined && failure.leaderAddress !== target
            ? failure.leaderAddress
            : endpoints[(endpoints.indexOf(target) + 1) % endpoints.length];
        await sleep(100);
      }
    }
    throw new Error(
      `admin call failed: ${describeFailure(lastError).code} ${describeFailure(lastError).message}`,
    );
  }

  /** On an abrupt exit of the test process: kill what this cluster started, by pid. */
  private killAllSync(): void {
    for (const slot of this.slots.values()) {
      const pid = slot.child?.pid;
      if (pid === undefined) continue;
      try {
        process.kill(pid, "SIGKILL");
      } catch {
        // Already gone.
      }
    }
  }
}

/** Finds packages/server/src/cli/main.ts by walking up from this file (source or built). */
function findServerCli(): { repoRoot: string; main: string } {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 8; i++) {
    const main = join(dir, "packages", "server", "src", "cli", "main.ts");
    if (existsSync(main)) return { repoRoot: dir, main };
    const parent = dirname(dir);
    if (parent === dir) break;
    dir = parent;
  }
  throw new Error("cannot find packages/server/src/cli/main.ts above the testkit");
}

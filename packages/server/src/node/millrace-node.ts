import { createHash, randomUUID } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { type Server as HttpServer } from "node:http";
import { join } from "node:path";
import { Server, ServerCredentials, credentials } from "@grpc/grpc-js";
import {
  ErrorCode,
  MillraceError,
  SeededRandom,
  limits,
  systemClock,
  type StateMachine,
} from "@millrace/common";
import { FrameStreams, queueService, toServiceError } from "@millrace/gateway";
import { ReplicatedLog } from "@millrace/broker";
import { loadMillraceProto, type v1 } from "@millrace/proto";
import { type Message } from "@millrace/raft";
import {
  MetaStateMachine,
  encodeMetaCommand,
  type GroupRecord,
  type MetaResult,
  type ResourceRecord,
} from "@millrace/router";
import { NodeStore, type GroupStorage, type NodeIdentity } from "@millrace/storage";
import { type Logger } from "pino";
import { type NodeConfig, type PeerSpec } from "../config.js";
import { RaftHost } from "../host/raft-host.js";
import { startHttpServer } from "../http-server.js";
import { NodeMetrics } from "../metrics.js";
import { callMetrics } from "../rpc/call-metrics.js";
import { PeerTransport } from "../transport/index.js";
import { adminClient } from "../rpc/clients.js";
import { widenServerWindows } from "../rpc/flow-control.js";
import { adminService } from "./admin-service.js";
import { RoutingTable } from "./routing-table.js";
import { stageFoundingSnapshot } from "./founding-snapshot.js";
import { logExecutor } from "./log-executor.js";
import { PartitionRouter, type GroupExecutor } from "./partition-router.js";
import { serveForward } from "./forward-service.js";
import { defaultLogGroupId, metaGroupId } from "./group-ids.js";
import { logService } from "./log-service.js";
import { MembershipReconciler, desiredMembershipOf, type DesiredMembership } from "./reconciler.js";
import { GroupManager } from "./group-manager.js";
import { Controller, metaExecutor, type MetaOp } from "./controller.js";
import { QueueBackendImpl } from "../queues/queue-backend.js";
import { DataGroups } from "./data-groups.js";

const controllerIntervalMs = 250;
/**
 * How long a stopping node lets client calls in flight finish. Sends and receives take milliseconds; a
 * call still running after this is a long poll or one stuck behind a lost leader, and its client retries.
 */
const clientDrainMs = 2_000;

/** Addresses of one node as the cluster knows them. */
export interface NodeAddresses {
  readonly peerAddress: string;
  readonly clientAddress: string;
  readonly httpAddress: string;
}

/**
 * A broker node: one LevelDB, the multi-raft host with the meta group and the default log group, the peer
 * transport, the client gRPC API and the HTTP port. `MillraceNode.start` brings it up; `stop` hands over
 * leadership, flushes and closes.
 */
export class MillraceNode {
  readonly meta = new MetaStateMachine();
  readonly log = new ReplicatedLog();
  readonly routing = new RoutingTable(() => this.meta.routingTable());
  readonly partitions: PartitionRouter;
  readonly dataGroups: DataGroups;
  private readonly knownPeers = new Map<number, NodeAddresses>();
  /** Open SendMessageStreams and ConsumeStreams, drained when the node stops. */
  private readonly clientStreams = new FrameStreams();
  /** Aborted when the node stops taking client calls: long polls then end their waits. */
  private readonly clientCallsEnding = new AbortController();
  private controller: NodeJS.Timeout | undefined = undefined;
  private reconciler: MembershipReconciler | undefined = undefined;
  private groupManager: GroupManager | undefined = undefined;
  private controllerDuties: Controller | undefined = undefined;
  private stopping = false;
  /** A bootstrap proposal or an address announcement is in flight: one at a time. */
  private bootstrapping = false;
  private announcing = false;

  private constructor(
    readonly config: NodeConfig,
    readonly identity: NodeIdentity,
    readonly logger: Logger,
    readonly store: NodeStore,
    readonly host: RaftHost,
    readonly transport: PeerTransport,
    readonly metrics: NodeMetrics,
    private readonly clientServer: Server,
    private httpServer: HttpServer | undefined,
  ) {
    this.dataGroups = new DataGroups(
      this.host,
      this.meta,
      () => this.partitions,
      logger.child({ component: "queues" }),
    );
    const logOps = logExecutor(this.log, this.host);
    const metaOps = metaExecutor(this.host, this.meta);
    this.partitions = new PartitionRouter({
      nodeId: this.identity.nodeId,
      clusterId: this.identity.clusterId,
      replica: (groupId) => this.host.groups.get(groupId),
      route: (groupId) => {
        const group = this.meta.groups.get(groupId);
        if (group === undefined) return undefined;
        return {
          leader: group.leader,
          replicas: group.actualVoters.length > 0 ? group.actualVoters : group.voters,
        };
      },
      executor: (groupId) =>
        groupId === metaGroupId
          ? metaOps
          : groupId === defaultLogGroupId
            ? logOps
            : this.dataExecutor(groupId),
      counted: (op, where) => this.metrics.partitionCalls.inc({ op, where }),
      forward: (to, request, deadlineMs, signal) => this.transport.forward(to, request, deadlineMs, signal),
    });
  }

  get nodeId(): number {
    return this.identity.nodeId;
  }

  get addresses(): NodeAddresses {
    const { advertiseHost, clientPort, peerPort, httpPort } = this.config;
    return {
      peerAddress: `${advertiseHost}:${peerPort}`,
      clientAddress: `${advertiseHost}:${clientPort}`,
      httpAddress: `${advertiseHost}:${httpPort}`,
    };
  }

  static async start(config: NodeConfig, logger: Logger): Promise<MillraceNode> {
    mkdirSync(config.dataDir, { recursive: true });
    const dbDir = join(config.dataDir, "db");
    const { identity, peers, fresh } = await resolveIdentity(config, dbDir, logger);
    const store = await NodeStore.open(dbDir, { identity });
    if (!fresh && store.groupIds().length === 0) {
      // Every replica this node held was removed with it from the cluster: it must not come back as its
      // old self (node ids are never reused), only join again as a new node.
      await store.close();
      throw new MillraceError(
        ErrorCode.FAILED_PRECONDITION,
        `node ${identity.nodeId} was removed from cluster ${identity.clusterId}; to join again as a new node, start with an empty data dir and --join`,
      );
    }
    let node: MillraceNode | undefined = undefined;
    const transport = new PeerTransport({
      nodeId: identity.nodeId,
      clusterId: identity.clusterId,
      listenHost: config.host,
      listenPort: config.peerPort,
      resolveAddress: (id) => node?.peerAddressOf(id),
      logger: logger.child({ component: "transport" }),
      handlers: {
        onRaftBatch: (_from, items) => {
          for (const item of items) node?.host.step(item.groupId, item.message);
        },
        onSnapshot: (_from, groupId, metadata, envelope) => {
          if (node === undefined) throw new MillraceError(ErrorCode.UNAVAILABLE, "the node is starting");
          return node.host.receiveSnapshot(groupId, metadata, envelope);
        },
        onUnreachable: (to, groupIds) => node?.host.reportUnreachable(to, groupIds),
      },
      forward: (call, callback) => {
        if (node === undefined) {
          callback(toServiceError(new MillraceError(ErrorCode.UNAVAILABLE, "the node is starting")));
          return;
        }
        serveForward(node.partitions, call, callback);
      },
    });
    const metrics = new NodeMetrics();
    const host = new RaftHost({
      nodeId: identity.nodeId,
      clock: systemClock,
      random: new SeededRandom(Number.parseInt(randomUUID().slice(0, 8), 16)),
      commitPoint: {
        commit: () => store.commit(),
        hasStaged: () => store.batch.pendingOps > 0,
        stagedBytes: () => store.batch.pendingBytes,
      },
      transport: {
        send: (to, groupId, message) => transport.send(to, groupId, message),
        sendSnapshot: (to, groupId, message, data) => {
          const { metadata } = message.snapshot as NonNullable<Message["snapshot"]>;
          const envelope = { term: message.term, from: message.from, to: message.to };
          return transport.sendSnapshot(to, groupId, { metadata, data }, envelope);
        },
      },
      logger: logger.child({ component: "host" }),
      observer: {
        onCommit: (stats) => {
          metrics.entriesCommitted.inc(stats.entries);
          // A meta entry may have moved a route; the table recomputes once per turn and only tells
          // watchers when something changed.
          node?.routing.refresh();
          if (!stats.synced) return;
          metrics.fsyncSeconds.observe(stats.fsyncMs / 1000);
          metrics.entriesPerFsync.observe(stats.entries);
        },
        onLeaderChange: (groupId, leader, term) => {
          metrics.leaderChanges.inc({ group: String(groupId) });
          logger.info({ group: groupId, leader, term }, "leader changed");
          node?.routing.refresh();
          node?.controllerDuties?.leadershipChanged();
          node?.dataGroups.leadershipChanged(groupId, leader, identity.nodeId);
        },
        onRemoved: (groupId) => node?.onRemovedFromGroup(groupId),
      },
      tickIntervalMs: config.tickIntervalMs,
      electionTimeoutTicks: config.electionTimeoutTicks,
      heartbeatIntervalTicks: config.heartbeatIntervalTicks,
      // Two election timeouts of idleness before a group stops ticking.
      quiesceAfterTicks: 2 * config.electionTimeoutTicks,
      limits: {
        proposalQueueItemsMax: 10_000,
        proposalQueueBytesMax: 64 * 1024 * 1024,
        proposalsPerBatchMax: 1024,
        proposalBatchBytesMax: 4 * 1024 * 1024,
        compactEveryEntries: config.compactEveryEntries,
        compactRetainEntries: config.compactRetainEntries,
        compactLagBytesMax: config.compactLagBytesMax,
      },
    });
    // The limits the SDK's channels use: a request the SDK may send gets the gateway's answer, not gRPC's.
    const clientServer = new Server({
      "grpc.max_receive_message_length": limits.grpcRequestBytesMax,
      "grpc.max_send_message_length": limits.grpcResponseBytesMax,
      interceptors: [callMetrics(metrics.calls)],
    });
    node = new MillraceNode(
      config,
      identity,
      logger,
      store,
      host,
      transport,
      metrics,
      clientServer,
      undefined,
    );
    for (const peer of peers) node.knownPeers.set(peer.nodeId, peer);
    try {
      await node.openGroups(fresh ? config.bootstrap : undefined);
      await transport.start();
      host.start();
      await node.startClientServer();
      node.httpServer = await startHttpServer({
        host: config.host,
        port: config.httpPort,
        metrics,
        health: node.health(),
      });
    } catch (error) {
      // A port already taken, most often. Before, the node went on half-started: its groups voted, led
      // and acknowledged while its process had failed and the ports that reach it were never opened.
      await node.closeAfterFailedStart();
      throw error;
    }
    node.reconciler = new MembershipReconciler(
      identity.nodeId,
      host,
      (groupId) => node?.desiredMembership(groupId),
      (groupId, error) =>
        logger.debug({ group: groupId, err: error }, "membership change not made this round"),
      () => node?.meta.nodes.get(identity.nodeId)?.state === "removed",
    );
    node.groupManager = new GroupManager(
      identity.nodeId,
      node.meta,
      host,
      store,
      (group) => node?.stateMachineOf(group),
      logger.child({ component: "groups" }),
      (groupId) => node?.dataGroups.forget(groupId),
    );
    node.controllerDuties = new Controller({
      nodeId: identity.nodeId,
      meta: node.meta,
      host,
      partitions: node.partitions,
      logger: logger.child({ component: "controller" }),
      heartbeatIntervalMs: 1000,
      deadAfterMs: config.deadNodeAfterMs,
      maxMovesInFlight: 4,
      zone: config.zone,
    });
    node.controller = setInterval(() => node?.controllerRound(), controllerIntervalMs);
    logger.info(
      { nodeId: identity.nodeId, clusterId: identity.clusterId, ...node.addresses },
      "node started",
    );
    return node;
  }

  /** Opens stored groups, or creates the meta and log groups on first start (with the founding voters). */
  private async openGroups(bootstrap: readonly PeerSpec[] | undefined): Promise<void> {
    const founders =
      bootstrap === undefined || bootstrap.length === 0 ? undefined : bootstrap.map((p) => p.nodeId);
    const specs = [
      { groupId: metaGroupId, stateMachine: this.meta },
      { groupId: defaultLogGroupId, stateMachine: this.log },
    ];
    const storages: GroupStorage[] = [];
    for (const { groupId } of specs) {
      if (this.store.hasGroup(groupId)) {
        storages.push(await this.store.openGroup(groupId));
        continue;
      }
      const storage = this.store.createGroup(groupId);
      // A joining node starts empty and is brought up to date by the leader.
      if (founders !== undefined) stageFoundingSnapshot(storage, founders);
      storages.push(storage);
    }
    await this.store.commit();
    for (const [i, spec] of specs.entries()) {
      const storage = storages[i] as GroupStorage;
      if (storage.isDamaged) {
        this.logger.error(
          { group: spec.groupId, err: storage.damageError },
          "group is damaged on this node and will not be served",
        );
        continue;
      }
      await this.host.addGroup({ groupId: spec.groupId, storage, stateMachine: spec.stateMachine });
    }
  }

  private async startClientServer(): Promise<void> {
    const proto = loadMillraceProto();
    this.clientServer.addService(proto.millrace.v1.LogService.service, logService(this));
    this.clientServer.addService(proto.millrace.v1.AdminService.service, adminService(this));
    this.clientServer.addService(
      proto.millrace.v1.QueueService.service,
      queueService(
        new QueueBackendImpl({
          nodeId: this.nodeId,
          meta: this.meta,
          partitions: this.partitions,
          proposeMeta: (command, ctx) =>
            this.partitions.call(metaGroupId, { type: "propose", command } satisfies MetaOp, ctx, {
              idempotent: false,
            }) as Promise<MetaResult>,
          lookupOnLeader: (name, ctx) =>
            this.partitions.call(
              metaGroupId,
              { type: "resource", kind: "queue", name } satisfies MetaOp,
              ctx,
              {
                idempotent: true,
              },
            ) as Promise<{ resource: ResourceRecord; groups: GroupRecord[] } | null>,
          httpAddress: this.addresses.httpAddress,
          deadNodeAfterMs: this.config.deadNodeAfterMs,
          stopping: this.clientCallsEnding.signal,
        }),
        (id) => this.clientAddressOf(id),
        this.clientStreams,
      ),
    );
    await new Promise<void>((resolve, reject) => {
      this.clientServer.bindAsync(
        `${this.config.host}:${this.config.clientPort}`,
        ServerCredentials.createInsecure(),
        (error) => (error === null ? resolve() : reject(error)),
      );
    });
    if (!widenServerWindows(this.clientServer))
      this.logger.warn("grpc-js changed: client connections keep HTTP/2's 64 KiB flow-control window");
  }

  peerAddressOf(nodeId: number): string | undefined {
    const override = this.config.peerAddressOverrides.find((p) => p.nodeId === nodeId);
    if (override !== undefined) return override.peerAddress;
    return this.meta.nodes.get(nodeId)?.peerAddress ?? this.knownPeers.get(nodeId)?.peerAddress;
  }

  /**
   * A node's client address, or undefined while this node has not heard it: a founder starts knowing
   * its peers' ids and peer addresses only, and learns their client addresses as they register.
   */
  clientAddressOf(nodeId: number): string | undefined {
    if (nodeId === this.nodeId) return this.addresses.clientAddress;
    const address = this.meta.nodes.get(nodeId)?.clientAddress ?? this.knownPeers.get(nodeId)?.clientAddress;
    return address === "" ? undefined : address;
  }

  /** The meta leader's duties, and every group leader's membership reconciliation. */
  private controllerRound(): void {
    if (this.stopping) return;
    const now = Date.now();
    for (const [groupId, replica] of this.host.groups) {
      const raft = replica.rawNode.raft;
      const group = String(groupId);
      this.metrics.raftTerm.set({ group }, raft.term);
      this.metrics.raftIsLeader.set({ group }, replica.isLeader ? 1 : 0);
      this.metrics.raftCommitIndex.set({ group }, raft.raftLog.committed);
      this.metrics.raftAppliedLag.set({ group }, raft.raftLog.committed - replica.appliedIndex);
      this.metrics.raftLogEntries.set({ group }, raft.raftLog.lastIndex() - replica.storage.firstIndex() + 1);
      this.metrics.proposalQueueDepth.set({ group }, replica.proposals.size);
      const longPolls = this.dataGroups.longPollsWaiting(groupId);
      if (longPolls !== undefined) this.metrics.longPollsWaiting.set({ group }, longPolls);
      this.metrics.observeQueue(group, this.dataGroups.queueMessages(groupId, now));
    }
    this.metrics.keepGroups([...this.host.groups.keys()].map(String));
    this.metrics.clientStreamsOpen.set(this.clientStreams.size);
    const transport = this.transport.stats();
    let sending = 0;
    for (const [peer, stats] of Object.entries(transport.peers)) {
      this.metrics.peerLinkUp.set({ peer }, stats.state === "connected" ? 1 : 0);
      sending += stats.snapshotsSending;
    }
    this.metrics.observeTransport({
      sending,
      receiving: transport.snapshotPartials,
      bytesSent: transport.snapshotBytesSent,
      bytesReceived: transport.snapshotBytesReceived,
      sent: transport.snapshotsSent,
      failed: transport.snapshotsFailed,
      received: transport.snapshotsReceived,
    });
    this.metrics.observePeerTraffic(transport);
    this.metrics.groupsBeingDeleted.set(this.store.destroyingGroupIds().length);
    const meta = this.host.groups.get(metaGroupId);
    if (meta?.isLeader === true && this.meta.cluster === undefined && this.config.bootstrap.length > 0)
      void this.proposeBootstrap();
    this.groupManager?.reconcile();
    this.controllerDuties?.round(Date.now());
    this.dataGroups.round(Date.now());
    this.reconciler?.round();
    this.announceAddresses();
  }

  /** Keeps this node's addresses in the meta group current, through the meta leader. */
  private announceAddresses(): void {
    const mine = this.meta.nodes.get(this.nodeId);
    if (this.announcing || mine === undefined || mine.state !== "active") return;
    const want = this.addresses;
    if (
      mine.peerAddress === want.peerAddress &&
      mine.clientAddress === want.clientAddress &&
      mine.httpAddress === want.httpAddress
    )
      return;
    const metaLeader = this.host.groups.get(metaGroupId)?.leaderId ?? 0;
    if (metaLeader === 0) return;
    this.announcing = true;
    const done = () => {
      this.announcing = false;
    };
    if (metaLeader === this.nodeId) {
      this.proposeMeta({ type: "set-node-addresses", nodeId: this.nodeId, ...want }).then(done, done);
      return;
    }
    const leaderAddress = this.clientAddressOf(metaLeader);
    if (leaderAddress === undefined) {
      done();
      return;
    }
    const client = adminClient(leaderAddress);
    client.addNode({ nodeId: this.nodeId, ...want }, { deadline: Date.now() + 2000 }, () => {
      client.close();
      done();
    });
  }

  /** The first meta leader records the founders; a second attempt answers ALREADY_EXISTS, harmlessly. */
  private async proposeBootstrap(): Promise<void> {
    if (this.bootstrapping) return;
    this.bootstrapping = true;
    try {
      await this.proposeMeta({
        type: "bootstrap",
        clusterId: this.identity.clusterId,
        nowMs: Date.now(),
        nodes: this.config.bootstrap.map((p) => ({
          nodeId: p.nodeId,
          peerAddress: p.peerAddress,
          clientAddress: this.knownPeers.get(p.nodeId)?.clientAddress ?? "",
          httpAddress: this.knownPeers.get(p.nodeId)?.httpAddress ?? "",
        })),
        groups: [
          { groupId: metaGroupId, kind: "meta", voters: this.config.bootstrap.map((p) => p.nodeId) },
          { groupId: defaultLogGroupId, kind: "log", voters: this.config.bootstrap.map((p) => p.nodeId) },
        ],
      });
    } catch (error) {
      this.logger.debug({ err: error }, "bootstrap not recorded this round");
    } finally {
      this.bootstrapping = false;
    }
  }

  async proposeMeta(command: Parameters<typeof encodeMetaCommand>[0]): Promise<MetaResult> {
    const result = await this.host.propose(metaGroupId, encodeMetaCommand(command));
    if (!result.ok) throw new MillraceError(result.code, result.message);
    return result.value as MetaResult;
  }

  private onRemovedFromGroup(groupId: number): void {
    this.logger.warn({ group: groupId }, "this node was removed from the group; dropping its replica");
    if (this.groupManager === undefined) {
      this.host.removeGroup(groupId);
      this.store.destroyGroup(groupId);
    } else {
      this.groupManager.evict(groupId);
    }
  }

  /** The membership the controller wants for a group this node may lead. */
  private desiredMembership(groupId: number): DesiredMembership | undefined {
    if (this.meta.cluster === undefined) return undefined;
    // The controller decides every group's voters, the meta group's and the default log's included.
    return desiredMembershipOf(this.meta.groups.get(groupId), (id) => this.meta.nodes.get(id)?.state);
  }

  /** The state machine for a data group of the given kind; undefined for kinds not served yet. */
  private stateMachineOf(group: GroupRecord): StateMachine | undefined {
    return this.dataGroups.stateMachineOf(group);
  }

  private dataExecutor(groupId: number): GroupExecutor | undefined {
    const group = this.meta.groups.get(groupId);
    return group === undefined ? undefined : this.dataGroups.executorOf(group);
  }

  health(): { healthy(): { ok: boolean; reason: string }; ready(): { ok: boolean; reason: string } } {
    return {
      healthy: () => {
        const failure = this.host.failure;
        return failure === undefined
          ? { ok: true, reason: "serving" }
          : { ok: false, reason: `storage failed: ${failure.message}` };
      },
      ready: () => {
        if (this.host.failure !== undefined) return { ok: false, reason: "storage failed" };
        if (this.meta.cluster === undefined)
          return { ok: false, reason: "the cluster is not bootstrapped (or not caught up)" };
        for (const [groupId, replica] of this.host.groups) {
          if (replica.leaderId === 0) return { ok: false, reason: `group ${groupId} has no leader` };
          const lag = replica.rawNode.raft.raftLog.committed - replica.appliedIndex;
          if (lag > 1000) return { ok: false, reason: `group ${groupId} is ${lag} entries behind` };
        }
        return { ok: true, reason: "caught up and serving" };
      },
    };
  }

  /** Graceful stop: hand leadership to another voter, flush what is staged, close everything. */
  async stop(): Promise<void> {
    if (this.stopping) return;
    this.stopping = true;
    if (this.controller !== undefined) clearInterval(this.controller);
    await this.handOverLeadership();
    await this.closeClientServer();
    await this.host.stop();
    await this.transport.stop();
    await this.closeHttpServer();
    await this.store.close();
    this.logger.info({ nodeId: this.nodeId }, "node stopped");
  }

  /**
   * Takes no more client calls and gives those in flight clientDrainMs to finish (while the host still
   * runs them), then cancels the rest. Waiting for all of them let a client hold a stop for a long poll's
   * 20 s, or a call's 30 s deadline, past what a supervisor waits before it kills the process.
   */
  private async closeClientServer(): Promise<void> {
    // Frame streams live as long as their clients: ended here once they have answered what they read, so
    // their clients know the rest was not run, rather than cancelled with calls in flight.
    void this.clientStreams.drain().then((streams) => {
      // What the cluster tests read to tell a drain from a forced stop.
      if (streams.ended + streams.cancelled > 0) this.logger.info(streams, "client streams drained");
    });
    await new Promise<void>((resolve) => {
      const force = setTimeout(() => {
        this.clientServer.forceShutdown();
        resolve();
      }, clientDrainMs);
      this.clientServer.tryShutdown(() => {
        clearTimeout(force);
        resolve();
      });
      // After tryShutdown, which takes no new calls: a poll ended now cannot be followed by another here.
      this.clientCallsEnding.abort();
    });
  }

  /**
   * Closes the HTTP port and every connection on it: close() alone waits for open connections, and one
   * that has sent half a request holds it until Node's request timeout, minutes away.
   */
  private async closeHttpServer(): Promise<void> {
    const server = this.httpServer;
    if (server === undefined) return;
    await new Promise<void>((resolve) => {
      server.close(() => resolve());
      server.closeAllConnections();
    });
  }

  /** Closes what a start that failed midway had opened, so the process can end. */
  private async closeAfterFailedStart(): Promise<void> {
    this.stopping = true;
    const quietly = async (close: () => unknown) => {
      try {
        await close();
      } catch (error) {
        this.logger.warn({ err: error }, "closing after a failed start");
      }
    };
    await quietly(() => this.clientServer.forceShutdown());
    await quietly(() => this.host.stop());
    await quietly(() => this.transport.stop());
    await quietly(() => this.closeHttpServer());
    await quietly(() => this.store.close());
  }

  private async handOverLeadership(): Promise<void> {
    const led = [...this.host.groups.values()].filter((r) => r.isLeader);
    for (const replica of led) this.host.handOverLeadership(replica.groupId);
    // Wait briefly (bounded) for the transfers, so clients see a new leader rather than an election.
    const deadline = Date.now() + 2 * this.config.electionTimeoutTicks * this.config.tickIntervalMs;
    while (Date.now() < deadline && led.some((r) => r.isLeader)) await new Promise((r) => setTimeout(r, 20));
  }
}

/**
 * Decides who this node is: the identity stored in its data directory; else a founding identity from
 * --bootstrap; else a new identity assigned by the cluster through --join. A stored identity that
 * disagrees with --id is refused.
 */
async function resolveIdentity(
  config: NodeConfig,
  dbDir: string,
  logger: Logger,
): Promise<{ identity: NodeIdentity; peers: (PeerSpec & NodeAddresses)[]; fresh: boolean }> {
  const stored = await NodeStore.readIdentity(dbDir);
  const bootstrapPeers = config.bootstrap.map((p) => ({ ...p, clientAddress: "", httpAddress: "" }));
  if (stored !== undefined) {
    if (config.nodeId !== undefined && config.nodeId !== stored.nodeId) {
      throw new MillraceError(
        ErrorCode.FAILED_PRECONDITION,
        `the data in ${config.dataDir} belongs to node ${stored.nodeId}, not node ${config.nodeId}; a node id is never reused`,
      );
    }
    return { identity: stored, peers: bootstrapPeers, fresh: false };
  }
  if (config.bootstrap.length > 0) {
    return {
      identity: { clusterId: clusterIdOf(config.bootstrap), nodeId: config.nodeId as number },
      peers: bootstrapPeers,
      fresh: true,
    };
  }
  if (config.join === undefined) {
    throw new MillraceError(
      ErrorCode.FAILED_PRECONDITION,
      `${config.dataDir} holds no node; start with --bootstrap to found a cluster or --join to join one`,
    );
  }
  return joinCluster(config, logger);
}

/** Founders derive the same cluster id from the same --bootstrap list, without talking first. */
export function clusterIdOf(bootstrap: readonly PeerSpec[]): string {
  const spec = [...bootstrap]
    .sort((a, b) => a.nodeId - b.nodeId)
    .map((p) => `${p.nodeId}@${p.peerAddress}`)
    .join(",");
  return `mr-${createHash("sha256").update(spec).digest("hex").slice(0, 16)}`;
}

/**
 * Asks the cluster (through any member, following leader hints) for a new node id. The join token is
 * kept in the data directory first, so a join retried after a crash gets the same id, never two.
 */
async function joinCluster(
  config: NodeConfig,
  logger: Logger,
): Promise<{ identity: NodeIdentity; peers: (PeerSpec & NodeAddresses)[]; fresh: boolean }> {
  const tokenFile = join(config.dataDir, "join-token");
  if (!existsSync(tokenFile)) writeFileSync(tokenFile, randomUUID());
  const joinToken = readFileSync(tokenFile, "utf8").trim();
  const proto = loadMillraceProto();
  let address = config.join as string;
  const addresses = {
    peerAddress: `${config.advertiseHost}:${config.peerPort}`,
    clientAddress: `${config.advertiseHost}:${config.clientPort}`,
    httpAddress: `${config.advertiseHost}:${config.httpPort}`,
  };
  for (let attempt = 0; attempt < 60; attempt++) {
    const client = new proto.millrace.v1.AdminService(address, credentials.createInsecure());
    try {
      const request: v1.AddNodeRequest = { nodeId: 0, ...addresses, joinToken };
      const added = await unary<v1.AddNodeResponse__Output>((cb) =>
        client.addNode(request, { deadline: Date.now() + 5000 }, cb),
      );
      const status = await unary<v1.GetClusterStatusResponse__Output>((cb) =>
        client.getClusterStatus({}, { deadline: Date.now() + 5000 }, cb),
      );
      const nodes = await unary<v1.ListNodesResponse__Output>((cb) =>
        client.listNodes({}, { deadline: Date.now() + 5000 }, cb),
      );
      const nodeId = added.node?.nodeId ?? 0;
      if (nodeId === 0) throw new Error("the cluster assigned no node id");
      logger.info({ nodeId, clusterId: status.clusterId, via: address }, "joined the cluster");
      return {
        identity: { clusterId: status.clusterId, nodeId },
        peers: nodes.nodes.map((n) => ({
          nodeId: n.nodeId,
          peerAddress: n.peerAddress,
          clientAddress: n.clientAddress,
          httpAddress: n.httpAddress,
        })),
        fresh: true,
      };
    } catch (error) {
      const hint = (error as { metadata?: { get(key: string): unknown[] } }).metadata?.get(
        "millrace-leader-address",
      )[0];
      if (typeof hint === "string" && hint !== "") address = hint;
      logger.warn({ err: error, next: address }, "join attempt failed; retrying");
      await new Promise((r) => setTimeout(r, 500));
    } finally {
      client.close();
    }
  }
  throw new MillraceError(
    ErrorCode.UNAVAILABLE,
    `could not join the cluster through ${config.join as string}`,
  );
}

function unary<T>(call: (callback: (error: Error | null, value?: T) => void) => unknown): Promise<T> {
  return new Promise((resolve, reject) => {
    call((error, value) => (error === null ? resolve(value as T) : reject(error)));
  });
}

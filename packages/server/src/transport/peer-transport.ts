import {
  Metadata,
  Server,
  ServerCredentials,
  credentials,
  status as grpcStatus,
  type ChannelCredentials,
  type ServerDuplexStream,
  type ServerOptions,
} from "@grpc/grpc-js";
import {
  AssertionError,
  ErrorCode,
  MillraceError,
  SeededRandom,
  assert,
  shown,
  systemClock,
  type Clock,
  type Random,
  type TimerHandle,
} from "@millrace/common";
import { loadMillraceProto, type MillraceProto, type internalV1 } from "@millrace/proto";
import { MessageType, type Message, type NodeId } from "@millrace/raft";
import { widenServerWindows } from "../rpc/flow-control.js";
import { PeerLink, type FrameVerdict, type PeerLinkContext } from "./peer-link.js";
import {
  ackFrame,
  checkHelloPayload,
  helloFrame,
  identityMismatch,
  type FrameIdentity,
  type PeerFrame,
  type PeerFrameOutput,
} from "./peer-frames.js";
import { decodeRaftBatch } from "./raft-batch-codec.js";
import type { SnapshotEnvelope } from "./snapshot-codec.js";
import { SnapshotReceiver } from "./snapshot-receiver.js";
import type { SnapshotSource } from "./snapshot-sender.js";
import {
  checkIdentity,
  resolveLimits,
  resolveTiming,
  silentTransportLogger,
  type PeerTransportHandlers,
  type PeerTransportLimits,
  type PeerTransportOptions,
  type PeerTransportTiming,
  type TransportLogger,
} from "./transport-options.js";
import {
  addCounters,
  newPeerCounters,
  type PeerCounters,
  type PeerStats,
  type PeerTransportStats,
} from "./transport-stats.js";

type ExchangeServerCall = ServerDuplexStream<PeerFrameOutput, PeerFrame>;

/** A stream some peer opened to us. */
interface InboundStream {
  readonly call: ExchangeServerCall;
  /** Set by the peer's HELLO; until then only a HELLO is accepted. */
  peer: NodeId | undefined;
  helloTimer: TimerHandle | undefined;
  closed: boolean;
}

type TransportState = "new" | "starting" | "running" | "stopping" | "stopped";

/**
 * Node-to-node transport for Raft traffic: PeerService.Exchange streams over gRPC.
 *
 * Each node opens one long-lived stream to each peer it has traffic for and writes its frames there;
 * the peer answers on the same stream with its HELLO and with snapshot acks. So between two nodes that
 * both send, there is one stream per direction (peer.proto: "opened by each node toward each other
 * node it has traffic for"), each carrying every group's messages batched into as few frames as fit.
 *
 * `send` never blocks and never throws for operating conditions: it queues into a bounded per-peer
 * queue and drops (counting, and reporting the group through `onUnreachable`) when the queue is full,
 * as Raft tolerates lost messages. Snapshots go in acknowledged chunks that resume after a broken
 * stream. `start()` binds the port; `stop()` flushes what is queued, closes every stream and the port,
 * and rejects snapshot sends in progress. A transport is started and stopped once.
 */
export class PeerTransport {
  readonly nodeId: NodeId;
  readonly clusterId: string;
  readonly limits: PeerTransportLimits;
  readonly timing: PeerTransportTiming;
  private readonly options: PeerTransportOptions;
  private readonly handlers: PeerTransportHandlers;
  private readonly logger: TransportLogger;
  private readonly clock: Clock;
  private readonly proto: MillraceProto;
  private readonly linkContext: PeerLinkContext;
  private readonly links = new Map<NodeId, PeerLink>();
  private readonly peerCounters = new Map<NodeId, PeerCounters>();
  /** Frames and handshakes from streams that never named a valid peer. */
  private readonly unattributed = newPeerCounters();
  private readonly inbound = new Set<InboundStream>();
  private readonly receiver: SnapshotReceiver;
  private state: TransportState = "new";
  private server: Server | undefined;
  private boundPort: number | undefined;
  private stopped: Promise<void> | undefined;
  private handlerErrors = 0;

  constructor(options: PeerTransportOptions) {
    checkIdentity(options.nodeId, options.clusterId);
    this.options = options;
    this.nodeId = options.nodeId;
    this.clusterId = options.clusterId;
    this.limits = resolveLimits(options.limits);
    this.timing = resolveTiming(options.timing);
    this.handlers = options.handlers;
    this.logger = options.logger ?? silentTransportLogger;
    this.clock = options.clock ?? systemClock;
    this.proto = loadMillraceProto();
    const random: Random = options.random ?? new SeededRandom(Math.floor(Math.random() * 2 ** 32));
    const channelCredentials: ChannelCredentials = options.channelCredentials ?? credentials.createInsecure();
    this.linkContext = {
      nodeId: this.nodeId,
      clusterId: this.clusterId,
      limits: this.limits,
      timing: this.timing,
      logger: this.logger,
      clock: this.clock,
      random,
      proto: this.proto,
      channelCredentials,
      resolveAddress: options.resolveAddress,
      onUnreachable: (to, groupIds) => this.callHandler(() => this.handlers.onUnreachable(to, groupIds)),
      onFrame: (peer, frame, reply) => this.handleFrame(peer, frame, reply),
    };
    this.receiver = new SnapshotReceiver({
      limits: this.limits,
      partialTtlMs: this.timing.snapshotPartialTtlMs,
      clock: this.clock,
      logger: this.logger,
      counters: (peer) => this.countersFor(peer),
      open: (from, groupId, metadata, envelope) =>
        this.handlers.onSnapshot(from, groupId, metadata, envelope),
      onHandlerError: () => {
        this.handlerErrors += 1;
      },
    });
  }

  /** The bound peer port; known once `start()` has resolved. */
  get port(): number {
    assert(this.boundPort !== undefined, "PeerTransport.port read before start()");
    return this.boundPort;
  }

  /** Binds the peer port and starts accepting streams. Rejects when the port cannot be bound. */
  async start(): Promise<void> {
    assert(this.state === "new", () => `PeerTransport.start() in state ${this.state}`);
    this.state = "starting";
    const server = new Server(this.serverOptions());
    const handlers: internalV1.PeerServiceHandlers = {
      Exchange: (call) => this.onExchange(call),
      Forward:
        this.options.forward ??
        ((_call, callback) =>
          callback({ code: grpcStatus.UNIMPLEMENTED, details: "Forward is not served here" })),
    };
    server.addService(this.proto.millrace.internal.v1.PeerService.service, handlers);
    const host = this.options.listenHost.includes(":")
      ? `[${this.options.listenHost}]`
      : this.options.listenHost;
    const credentialsForServer = this.options.serverCredentials ?? ServerCredentials.createInsecure();
    const address = `${host}:${this.options.listenPort}`;
    try {
      this.boundPort = await new Promise<number>((resolve, reject) => {
        server.bindAsync(address, credentialsForServer, (error, port) =>
          error === null ? resolve(port) : reject(error),
        );
      });
    } catch (cause) {
      this.state = "stopped";
      server.forceShutdown();
      throw new MillraceError(ErrorCode.UNAVAILABLE, `cannot bind the peer port ${address}`, { cause });
    }
    if (this.state !== "starting") {
      // stop() came while the port was being bound.
      server.forceShutdown();
      throw new MillraceError(ErrorCode.CANCELLED, "the peer transport was stopped while starting");
    }
    if (!widenServerWindows(server))
      this.logger.warn({}, "grpc-js changed: peer connections keep HTTP/2's 64 KiB flow-control window");
    this.server = server;
    this.state = "running";
    this.logger.info({ nodeId: this.nodeId, port: this.boundPort }, "peer transport listening");
  }

  /**
   * Flushes queued messages (for up to `timing.stopTimeoutMs`), closes every stream and the port, and
   * rejects snapshot sends in progress with CANCELLED. Idempotent.
   */
  stop(): Promise<void> {
    this.stopped ??= this.shutdown();
    return this.stopped;
  }

  /**
   * Queues `message` for `to` (also before `start()`: sending needs no listening port). Never blocks; when the peer's queue is full the message is dropped,
   * counted, and its group reported through `onUnreachable`. Messages to one peer leave in the order
   * they were sent. A MsgSnap may not go this way (use `sendSnapshot`): that is a programmer error.
   */
  send(to: NodeId, groupId: number, message: Message): void {
    assert(to !== this.nodeId, "PeerTransport.send() to this node itself");
    assert(
      message.type !== MessageType.Snap && message.snapshot === undefined,
      "snapshots go through PeerTransport.sendSnapshot()",
    );
    if (this.isStopping()) {
      this.countersFor(to).messagesDropped += 1;
      return;
    }
    this.linkFor(to).enqueue(groupId, message);
  }

  /**
   * Sends a snapshot in acknowledged chunks, reading its data from the source only as the receiver keeps
   * up. Resolves once the receiver has installed it (its sink's finish resolved); rejects when the
   * receiver refuses it, after `limits.snapshotRetriesMax` failed rounds, when a newer snapshot of the same
   * group supersedes it (ABORTED), or on stop (CANCELLED). Sending the same snapshot (group, term, index)
   * again while it is in flight joins the first send (and ends the second source). `envelope` defaults
   * to the snapshot's own term and this node's and `to`'s ids.
   */
  sendSnapshot(
    to: NodeId,
    groupId: number,
    source: SnapshotSource,
    envelope?: SnapshotEnvelope,
  ): Promise<void> {
    assert(to !== this.nodeId, "PeerTransport.sendSnapshot() to this node itself");
    if (this.isStopping()) {
      source.data.return?.().catch(() => undefined);
      return Promise.reject(new MillraceError(ErrorCode.CANCELLED, "the peer transport is stopping"));
    }
    const resolvedEnvelope = envelope ?? { term: source.metadata.term, from: this.nodeId, to };
    return this.linkFor(to).sendSnapshot(groupId, source, resolvedEnvelope);
  }

  /**
   * Forwards a client call to `to` over the peer link (PeerService.Forward) and resolves with the
   * serialized response; rejects with the peer's gRPC error (its Millrace trailers intact). `signal`
   * cancels the call, so the peer stops work (a long poll's wait) that nobody will read.
   */
  forward(
    to: NodeId,
    request: internalV1.ForwardRequest,
    deadlineMs: number,
    signal?: AbortSignal,
  ): Promise<Uint8Array> {
    assert(to !== this.nodeId, "PeerTransport.forward() to this node itself");
    if (this.isStopping()) {
      return Promise.reject(new MillraceError(ErrorCode.UNAVAILABLE, "the peer transport is stopping"));
    }
    return this.linkFor(to).forward(request, deadlineMs, signal);
  }

  /**
   * Forgets a peer that left the cluster: its queue is dropped, its stream closed, its snapshot sends
   * rejected. A later `send` to it starts afresh (with a fresh `resolveAddress`).
   */
  removePeer(nodeId: NodeId): void {
    const link = this.links.get(nodeId);
    this.links.delete(nodeId);
    this.peerCounters.delete(nodeId);
    if (link !== undefined) void link.close({ graceful: false, timeoutMs: 0 });
  }

  stats(): PeerTransportStats {
    const totals = newPeerCounters();
    addCounters(totals, this.unattributed);
    const peers: Record<number, PeerStats> = {};
    for (const [peer, counters] of this.peerCounters) {
      addCounters(totals, counters);
      const link = this.links.get(peer);
      let inboundStreams = 0;
      for (const stream of this.inbound) if (stream.peer === peer) inboundStreams += 1;
      peers[peer] = {
        ...counters,
        state: link?.state ?? "idle",
        queueItems: link?.queueItems ?? 0,
        queueBytes: link?.queueBytes ?? 0,
        snapshotsSending: link?.snapshotsSending ?? 0,
        inboundStreams,
      };
    }
    return {
      ...totals,
      snapshotPartialBytes: this.receiver.partialBytes,
      snapshotQueuedBytes: this.receiver.queuedBytes,
      snapshotPartials: this.receiver.partialCount,
      handlerErrors: this.handlerErrors,
      peers,
    };
  }

  private isStopping(): boolean {
    return this.state === "stopping" || this.state === "stopped";
  }

  private async shutdown(): Promise<void> {
    this.state = "stopping";
    const { stopTimeoutMs } = this.timing;
    await Promise.all(
      [...this.links.values()].map((link) => link.close({ graceful: true, timeoutMs: stopTimeoutMs })),
    );
    this.receiver.close();
    for (const stream of [...this.inbound]) this.endInbound(stream);
    const server = this.server;
    if (server !== undefined) {
      await new Promise<void>((resolve) => {
        const timer = this.clock.setTimer(stopTimeoutMs, () => {
          server.forceShutdown();
          resolve();
        });
        server.tryShutdown(() => {
          this.clock.clearTimer(timer);
          resolve();
        });
      });
    }
    this.state = "stopped";
    this.logger.info({ nodeId: this.nodeId }, "peer transport stopped");
  }

  private serverOptions(): ServerOptions {
    return {
      "grpc.max_send_message_length": this.limits.frameBytesMax,
      "grpc.max_receive_message_length": this.limits.frameBytesMax,
      "grpc.keepalive_time_ms": this.timing.keepaliveTimeMs,
      "grpc.keepalive_timeout_ms": this.timing.keepaliveTimeoutMs,
    };
  }

  private linkFor(peer: NodeId): PeerLink {
    let link = this.links.get(peer);
    if (link === undefined) {
      link = new PeerLink(peer, this.countersFor(peer), this.linkContext);
      this.links.set(peer, link);
    }
    return link;
  }

  private countersFor(peer: NodeId): PeerCounters {
    let counters = this.peerCounters.get(peer);
    if (counters === undefined) {
      // A HELLO may claim any node id: past the bound, claimed ids share the unattributed counters.
      if (this.peerCounters.size >= this.limits.peersCountedMax) return this.unattributed;
      counters = newPeerCounters();
      this.peerCounters.set(peer, counters);
    }
    return counters;
  }

  private onExchange(call: ExchangeServerCall): void {
    const stream: InboundStream = { call, peer: undefined, helloTimer: undefined, closed: false };
    if (this.state !== "running") {
      this.refuse(stream, grpcStatus.UNAVAILABLE, "the node is stopping");
      return;
    }
    if (this.inbound.size >= this.limits.inboundStreamsMax) {
      this.unattributed.handshakesRejected += 1;
      this.refuse(
        stream,
        grpcStatus.RESOURCE_EXHAUSTED,
        `the node has ${this.inbound.size} peer streams open, its limit`,
      );
      return;
    }
    this.inbound.add(stream);
    stream.helloTimer = this.clock.setTimer(this.timing.helloTimeoutMs, () => {
      stream.helloTimer = undefined;
      if (stream.peer === undefined) this.refuse(stream, grpcStatus.DEADLINE_EXCEEDED, "no HELLO");
    });
    call.on("data", (frame: PeerFrameOutput) => this.onInboundFrame(stream, frame));
    // The peer half-closed (it is stopping): end our side too, with OK.
    call.on("end", () => this.endInbound(stream));
    call.on("error", () => this.forgetInbound(stream));
    call.on("cancelled", () => this.forgetInbound(stream));
    call.on("close", () => this.forgetInbound(stream));
  }

  private onInboundFrame(stream: InboundStream, frame: PeerFrameOutput): void {
    if (stream.closed) return;
    if (stream.peer === undefined) {
      this.onInboundHello(stream, frame);
      return;
    }
    const peer = stream.peer;
    const verdict = this.handleFrame(peer, frame, (reply) => {
      if (!stream.closed) stream.call.write(reply);
    });
    if (verdict !== undefined) {
      this.logger.warn({ peer, reason: verdict.details }, "closing a stream from a peer");
      this.refuse(stream, verdict.code, verdict.details);
    }
  }

  private onInboundHello(stream: InboundStream, frame: PeerFrameOutput): void {
    const problem = this.helloProblem(frame);
    if (problem !== undefined) {
      this.unattributed.framesReceived += 1;
      this.unattributed.handshakesRejected += 1;
      this.logger.warn(
        {
          clusterId: shown(frame.clusterId),
          fromNodeId: frame.fromNodeId,
          peerAddress: stream.call.getPeer(),
          problem,
        },
        "refused a peer stream",
      );
      this.refuse(stream, grpcStatus.FAILED_PRECONDITION, problem);
      return;
    }
    const peer = frame.fromNodeId;
    this.closeOldestStreams(peer, this.limits.inboundStreamsPerPeerMax - 1);
    stream.peer = peer;
    if (stream.helloTimer !== undefined) this.clock.clearTimer(stream.helloTimer);
    stream.helloTimer = undefined;
    this.countersFor(peer).framesReceived += 1;
    stream.call.write(helloFrame(this.identityTo(peer)));
    this.logger.debug({ peer }, "accepted a stream from peer");
    this.links.get(peer)?.onPeerDialedIn();
  }

  /** Ends `peer`'s oldest inbound streams until at most `keep` are left (the set is in opening order). */
  private closeOldestStreams(peer: NodeId, keep: number): void {
    const streams = [...this.inbound].filter((stream) => stream.peer === peer);
    for (const stream of streams.slice(0, Math.max(0, streams.length - keep))) {
      this.logger.warn({ peer }, "closing a peer's oldest stream: it opened a newer one");
      this.endInbound(stream);
    }
  }

  private helloProblem(frame: PeerFrameOutput): string | undefined {
    if (frame.kind !== "FRAME_KIND_HELLO") return `${frame.kind} before HELLO`;
    if (frame.clusterId !== this.clusterId) {
      return `HELLO from cluster ${shown(frame.clusterId)} reached cluster "${this.clusterId}"`;
    }
    if (frame.fromNodeId === 0 || frame.fromNodeId === this.nodeId) {
      return `HELLO claims node id ${frame.fromNodeId}, which cannot be a peer of node ${this.nodeId}`;
    }
    if (frame.toNodeId !== this.nodeId) return `HELLO for node ${frame.toNodeId} reached node ${this.nodeId}`;
    try {
      checkHelloPayload(frame.payload);
    } catch (error) {
      return (error as Error).message;
    }
    return undefined;
  }

  /** Handles a frame from an identified peer, on either side of either stream. */
  private handleFrame(peer: NodeId, frame: PeerFrameOutput, reply: (frame: PeerFrame) => void): FrameVerdict {
    const counters = this.countersFor(peer);
    counters.framesReceived += 1;
    const mismatch = identityMismatch(frame, {
      clusterId: this.clusterId,
      fromNodeId: peer,
      toNodeId: this.nodeId,
    });
    if (mismatch !== undefined) return { code: grpcStatus.FAILED_PRECONDITION, details: mismatch };
    switch (frame.kind) {
      case "FRAME_KIND_RAFT":
        this.onRaftFrame(peer, frame, counters);
        return undefined;
      case "FRAME_KIND_SNAPSHOT_CHUNK": {
        const chunk = frame.snapshotChunk;
        if (frame.body !== "snapshotChunk" || chunk === null || chunk === undefined) {
          this.dropFrame(peer, counters, "SNAPSHOT_CHUNK frame without a chunk");
          return undefined;
        }
        counters.bytesReceived += chunk.data.byteLength + chunk.metadata.byteLength;
        const identity = this.identityTo(peer);
        this.receiver.onChunk(peer, chunk, (ack) => reply(ackFrame(identity, ack)));
        return undefined;
      }
      case "FRAME_KIND_SNAPSHOT_ACK": {
        const ack = frame.snapshotAck;
        if (frame.body !== "snapshotAck" || ack === null || ack === undefined) {
          this.dropFrame(peer, counters, "SNAPSHOT_ACK frame without an ack");
          return undefined;
        }
        this.links.get(peer)?.onSnapshotAck(ack);
        return undefined;
      }
      case "FRAME_KIND_HELLO":
      case "FRAME_KIND_HEARTBEAT":
        // A repeated HELLO carries nothing new; HEARTBEAT is reserved for the host's coalesced
        // heartbeats, which this transport does not produce.
        this.dropFrame(peer, counters, `unexpected ${frame.kind} frame`);
        return undefined;
      case "FRAME_KIND_UNSPECIFIED":
        return { code: grpcStatus.INVALID_ARGUMENT, details: "frame kind unspecified" };
      default:
        // A kind from a newer protocol version that this build cannot read.
        this.dropFrame(peer, counters, `unknown frame kind ${String(frame.kind)}`);
        return undefined;
    }
  }

  private onRaftFrame(peer: NodeId, frame: PeerFrameOutput, counters: PeerCounters): void {
    const payload = frame.payload;
    if (frame.body !== "payload" || payload === undefined) {
      this.dropFrame(peer, counters, "RAFT frame without a payload");
      return;
    }
    counters.bytesReceived += payload.byteLength;
    let items;
    try {
      items = decodeRaftBatch(payload);
    } catch (error) {
      this.dropFrame(peer, counters, (error as Error).message);
      return;
    }
    counters.messagesReceived += items.length;
    this.callHandler(() => this.handlers.onRaftBatch(peer, items));
  }

  /** A frame that cannot be read is dropped, never fatal: Raft retransmits what it carried. */
  private dropFrame(peer: NodeId, counters: PeerCounters, reason: string): void {
    counters.framesDropped += 1;
    this.logger.warn({ peer, reason }, "dropped a frame from peer");
  }

  /**
   * Runs a host handler. An AssertionError is a broken invariant and propagates (the process must
   * stop); anything else is logged and counted, so one bad callback cannot take the transport down.
   */
  private callHandler(handler: () => void): void {
    try {
      handler();
    } catch (error) {
      if (error instanceof AssertionError) throw error;
      this.handlerErrors += 1;
      this.logger.error({ err: error }, "a peer transport handler threw");
    }
  }

  private identityTo(peer: NodeId): FrameIdentity {
    return { clusterId: this.clusterId, fromNodeId: this.nodeId, toNodeId: peer };
  }

  /** Ends a stream with an error status, which the other side logs and backs off from. */
  private refuse(stream: InboundStream, code: grpcStatus, details: string): void {
    if (stream.closed) return;
    this.forgetInbound(stream);
    stream.call.emit("error", { code, details, metadata: new Metadata() });
  }

  /** Ends a stream with OK: the peer reconnects after a backoff. */
  private endInbound(stream: InboundStream): void {
    if (stream.closed) return;
    this.forgetInbound(stream);
    stream.call.end();
  }

  private forgetInbound(stream: InboundStream): void {
    stream.closed = true;
    if (stream.helloTimer !== undefined) this.clock.clearTimer(stream.helloTimer);
    stream.helloTimer = undefined;
    this.inbound.delete(stream);
  }
}

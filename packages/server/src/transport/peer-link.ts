import {
  type ChannelCredentials,
  type ChannelOptions,
  type ClientDuplexStream,
  status as grpcStatus,
} from "@grpc/grpc-js";
import {
  BoundedQueue,
  ErrorCode,
  MillraceError,
  type Clock,
  type Random,
  type TimerHandle,
} from "@millrace/common";
import type { MillraceProto, internalV1 } from "@millrace/proto";
import type { Message, NodeId } from "@millrace/raft";
import { backoffDelayMs, type BackoffOptions } from "./backoff.js";
import {
  checkHelloPayload,
  chunkFrame,
  helloFrame,
  identityMismatch,
  parseUint64,
  raftFrame,
  type FrameIdentity,
  type PeerFrame,
  type PeerFrameOutput,
  type SnapshotAckOutput,
} from "./peer-frames.js";
import {
  batchHeaderBytes,
  encodeRaftBatch,
  estimateItemBytes,
  type RaftBatchItem,
} from "./raft-batch-codec.js";
import { encodeSnapshotMetadata, type SnapshotEnvelope } from "./snapshot-codec.js";
import { OutgoingSnapshot, type SnapshotSource } from "./snapshot-sender.js";
import {
  frameEnvelopeBytes,
  type PeerTransportLimits,
  type PeerTransportTiming,
  type TransportLogger,
} from "./transport-options.js";
import type { LinkState, PeerCounters } from "./transport-stats.js";
import { clientWindowOptions } from "../rpc/flow-control.js";

type ExchangeCall = ClientDuplexStream<PeerFrame, PeerFrameOutput>;

/** What the stream handler should do after a frame: nothing, or close the stream with a status. */
export type FrameVerdict = undefined | { readonly code: grpcStatus; readonly details: string };

/** What a link needs from its transport. */
export interface PeerLinkContext {
  readonly nodeId: NodeId;
  readonly clusterId: string;
  readonly limits: PeerTransportLimits;
  readonly timing: PeerTransportTiming;
  readonly logger: TransportLogger;
  readonly clock: Clock;
  readonly random: Random;
  readonly proto: MillraceProto;
  readonly channelCredentials: ChannelCredentials;
  readonly resolveAddress: (nodeId: NodeId) => string | undefined;
  readonly onUnreachable: (to: NodeId, groupIds: number[]) => void;
  /** Every frame after the peer's HELLO on the outgoing stream (snapshot acks, in practice). */
  readonly onFrame: (peer: NodeId, frame: PeerFrameOutput, reply: (frame: PeerFrame) => void) => FrameVerdict;
}

interface QueuedMessage extends RaftBatchItem {
  readonly bytes: number;
}

/**
 * The outgoing half of the conversation with one peer: a bounded queue of Raft messages, the one
 * long-lived Exchange stream that carries them (batched into as few frames as the frame limit allows),
 * snapshot transfers sharing that stream, and reconnection with backoff when it breaks.
 *
 * Frames are written only while gRPC's write buffer has room ('drain' resumes), so a slow peer fills
 * the bounded queue and further messages are dropped and reported unreachable, instead of memory
 * growing. Raft frames go before snapshot chunks, so a snapshot never delays heartbeats by more than the
 * chunks already in the buffer.
 */
export class PeerLink {
  readonly peer: NodeId;
  readonly counters: PeerCounters;
  private readonly ctx: PeerLinkContext;
  private readonly identity: FrameIdentity;
  private readonly queue: BoundedQueue<QueuedMessage>;
  private readonly snapshots = new Map<number, OutgoingSnapshot>();
  private readonly droppedGroups = new Set<number>();
  private readonly backoff: BackoffOptions;
  private linkState: LinkState = "idle";
  private client: internalV1.PeerServiceClient | undefined;
  private clientAddress: string | undefined;
  private call: ExchangeCall | undefined;
  private awaitingDrain = false;
  private flushImmediate: NodeJS.Immediate | undefined;
  private backoffTimer: TimerHandle | undefined;
  private helloTimer: TimerHandle | undefined;
  private failedAttempts = 0;
  private handshakes = 0;
  private closing = false;
  private flushWaiters: (() => void)[] = [];

  constructor(peer: NodeId, counters: PeerCounters, ctx: PeerLinkContext) {
    this.peer = peer;
    this.counters = counters;
    this.ctx = ctx;
    this.identity = { clusterId: ctx.clusterId, fromNodeId: ctx.nodeId, toNodeId: peer };
    this.queue = new BoundedQueue<QueuedMessage>({
      name: `peer-${peer}/outgoing`,
      itemsMax: ctx.limits.queueItemsMax,
      bytesMax: ctx.limits.queueBytesMax,
      sizeOf: (item) => item.bytes,
    });
    this.backoff = { baseMs: ctx.timing.reconnectBackoffBaseMs, maxMs: ctx.timing.reconnectBackoffMaxMs };
  }

  get state(): LinkState {
    return this.linkState;
  }

  get queueItems(): number {
    return this.queue.size;
  }

  get queueBytes(): number {
    return this.queue.bytes;
  }

  get snapshotsSending(): number {
    return this.snapshots.size;
  }

  /** Queues one message for the next flush, or drops it (counted, reported unreachable) when it cannot fit. */
  enqueue(groupId: number, message: Message): void {
    if (this.closing) {
      this.counters.messagesDropped += 1;
      return;
    }
    const bytes = estimateItemBytes({ groupId, message });
    if (bytes + batchHeaderBytes + frameEnvelopeBytes > this.ctx.limits.frameBytesMax) {
      this.ctx.logger.warn(
        { peer: this.peer, groupId, bytes, frameBytesMax: this.ctx.limits.frameBytesMax },
        "dropped a Raft message larger than a peer frame",
      );
      this.drop(groupId);
    } else if (!this.queue.offer({ groupId, message, bytes })) {
      this.drop(groupId);
    }
    this.scheduleFlush();
  }

  sendSnapshot(groupId: number, source: SnapshotSource, envelope: SnapshotEnvelope): Promise<void> {
    const endSource = (): void => void source.data.return?.().catch(() => undefined);
    if (this.closing) {
      endSource();
      return Promise.reject(new MillraceError(ErrorCode.CANCELLED, "the peer transport is stopping"));
    }
    const { term, index } = source.metadata;
    const existing = this.snapshots.get(groupId);
    if (existing !== undefined && existing.term === term && existing.index === index) {
      endSource();
      return existing.promise;
    }
    const metadataBytes = encodeSnapshotMetadata(source.metadata, envelope);
    const { limits, timing, clock, random } = this.ctx;
    if (metadataBytes.byteLength + limits.snapshotChunkBytes + frameEnvelopeBytes > limits.frameBytesMax) {
      endSource();
      return Promise.reject(
        new MillraceError(
          ErrorCode.INVALID_ARGUMENT,
          "snapshot metadata does not fit a frame beside a chunk",
        ),
      );
    }
    existing?.fail(ErrorCode.ABORTED, "superseded by a newer snapshot of the group");
    const transfer = new OutgoingSnapshot({
      groupId,
      source,
      metadataBytes,
      chunkBytes: limits.snapshotChunkBytes,
      windowChunks: limits.snapshotWindowChunks,
      retriesMax: limits.snapshotRetriesMax,
      ackTimeoutMs: timing.snapshotAckTimeoutMs,
      busyBackoff: this.backoff,
      clock,
      random,
      wake: () => this.scheduleFlush(),
      onSettled: (settled, error) => this.onSnapshotSettled(settled, error),
    });
    this.snapshots.set(groupId, transfer);
    // A superseded or cancelled send must not become an unhandled rejection (which ends the process)
    // when the host kept only the newer promise; the host still sees the rejection if it awaits this one.
    transfer.promise.catch(() => {});
    this.scheduleFlush();
    return transfer.promise;
  }

  onSnapshotAck(ack: SnapshotAckOutput): void {
    const groupId = parseUint64(ack.groupId);
    const transfer = groupId === undefined ? undefined : this.snapshots.get(groupId);
    const nextOffset = parseUint64(ack.nextOffset);
    if (
      transfer === undefined ||
      nextOffset === undefined ||
      parseUint64(ack.term) !== transfer.term ||
      parseUint64(ack.index) !== transfer.index ||
      parseUint64(ack.transferId) !== transfer.transferId
    ) {
      return;
    }
    transfer.onAck({ nextOffset, done: ack.done, rejectReason: ack.rejectReason });
  }

  /**
   * The peer has just dialed in, so it is up: a link waiting out its backoff connects now, rather than
   * up to reconnectBackoffMaxMs later. A restarted node was otherwise left without its leaders' appends
   * for seconds after it was back (seen in test/cluster/snapshot-catch-up.test.ts: 3.7 s). The channel is
   * made anew, as its own subchannel waits out gRPC's reconnect backoff too and fails calls meanwhile.
   */
  onPeerDialedIn(): void {
    if (this.closing || this.linkState !== "backoff") return;
    this.clearBackoffTimer();
    this.failedAttempts = 0;
    this.client?.close();
    this.client = undefined;
    this.connect();
  }

  /**
   * Closes the link. Graceful: writes what is queued (within `timeoutMs`), half-closes the stream and
   * waits for the peer to end it. Snapshot sends in progress reject with CANCELLED either way.
   */
  async close(options: { readonly graceful: boolean; readonly timeoutMs: number }): Promise<void> {
    if (this.closing) return;
    this.closing = true;
    this.clearBackoffTimer();
    for (const transfer of [...this.snapshots.values()]) {
      transfer.fail(ErrorCode.CANCELLED, "the peer transport is stopping");
    }
    const call = this.call;
    if (options.graceful && call !== undefined && this.linkState === "connected") {
      const deadlineMs = this.ctx.clock.monotonicMs() + options.timeoutMs;
      this.pump();
      await this.whenFlushed(options.timeoutMs);
      if (this.call === call) {
        const ended = this.whenCallEnds(call, Math.max(0, deadlineMs - this.ctx.clock.monotonicMs()));
        call.end();
        await ended;
      }
    }
    this.teardown();
  }

  private drop(groupId: number): void {
    this.counters.messagesDropped += 1;
    this.droppedGroups.add(groupId);
  }

  /** Everything produced in one event-loop turn goes out together, in as few frames as fit. */
  private scheduleFlush(): void {
    if (this.flushImmediate !== undefined || this.closing) return;
    this.flushImmediate = setImmediate(() => {
      this.flushImmediate = undefined;
      if (this.linkState === "idle") this.connect();
      this.pump();
      this.reportDrops();
    });
  }

  private reportDrops(): void {
    if (this.droppedGroups.size === 0) return;
    const groupIds = [...this.droppedGroups];
    this.droppedGroups.clear();
    this.ctx.onUnreachable(this.peer, groupIds);
  }

  /**
   * Sends one forwarded client call over this link's channel (the same connection as the Raft stream) and
   * resolves with the peer's answer. Errors are the peer's gRPC errors, trailers included.
   */
  forward(request: internalV1.ForwardRequest, deadlineMs: number, signal?: AbortSignal): Promise<Uint8Array> {
    if (this.closing) {
      return Promise.reject(new MillraceError(ErrorCode.UNAVAILABLE, "the peer transport is stopping"));
    }
    const client = this.ensureClient();
    if (client === undefined) {
      return Promise.reject(
        new MillraceError(ErrorCode.UNAVAILABLE, `no address is known for node ${this.peer}`),
      );
    }
    if (signal?.aborted === true) return Promise.reject(signal.reason as Error);
    return new Promise((resolve, reject) => {
      const call = client.forward(request, { deadline: deadlineMs }, (error, response) => {
        signal?.removeEventListener("abort", cancel);
        if (error !== null) reject(error);
        else resolve(response?.response ?? new Uint8Array(0));
      });
      const cancel = () => call.cancel();
      signal?.addEventListener("abort", cancel, { once: true });
    });
  }

  /** The gRPC client for the peer's current address, created (or re-created after a move) on demand. */
  private ensureClient(): internalV1.PeerServiceClient | undefined {
    const address = this.ctx.resolveAddress(this.peer);
    if (address === undefined) return undefined;
    if (this.client !== undefined && this.clientAddress !== address) {
      this.client.close();
      this.client = undefined;
    }
    this.client ??= new this.ctx.proto.millrace.internal.v1.PeerService(
      address,
      this.ctx.channelCredentials,
      channelOptions(this.ctx),
    );
    this.clientAddress = address;
    return this.client;
  }

  private connect(): void {
    if (this.closing) return;
    const address = this.ctx.resolveAddress(this.peer);
    if (address === undefined) {
      this.ctx.logger.debug({ peer: this.peer }, "no address for peer; will retry");
      this.counters.connectFailures += 1;
      this.scheduleReconnect();
      return;
    }
    const client = this.ensureClient() as internalV1.PeerServiceClient;
    this.linkState = "connecting";
    const call = client.exchange();
    this.call = call;
    call.on("data", (frame: PeerFrameOutput) => this.onData(call, frame));
    call.on("drain", () => {
      if (call !== this.call) return;
      this.awaitingDrain = false;
      this.pump();
    });
    call.on("error", (error: Error & { code?: number; details?: string }) => this.onBroken(call, error));
    call.on("status", (status: { code: number; details: string }) => this.onBroken(call, status));
    call.write(helloFrame(this.identity));
    this.helloTimer = this.ctx.clock.setTimer(this.ctx.timing.helloTimeoutMs, () => {
      this.helloTimer = undefined;
      if (call === this.call && this.linkState === "connecting") {
        this.onBroken(call, { code: grpcStatus.DEADLINE_EXCEEDED, details: "no HELLO from the peer" });
      }
    });
  }

  private onData(call: ExchangeCall, frame: PeerFrameOutput): void {
    if (call !== this.call) return;
    if (this.linkState === "connecting") {
      this.onHello(call, frame);
      return;
    }
    const verdict = this.ctx.onFrame(this.peer, frame, (reply) => {
      if (call === this.call) call.write(reply);
    });
    if (verdict !== undefined) {
      this.ctx.logger.warn({ peer: this.peer, reason: verdict.details }, "closing the stream to a peer");
      this.onBroken(call, verdict);
    }
  }

  private onHello(call: ExchangeCall, frame: PeerFrameOutput): void {
    this.counters.framesReceived += 1;
    const expected = { clusterId: this.ctx.clusterId, fromNodeId: this.peer, toNodeId: this.ctx.nodeId };
    let problem = identityMismatch(frame, expected);
    if (problem === undefined && frame.kind !== "FRAME_KIND_HELLO") problem = `${frame.kind} before HELLO`;
    if (problem === undefined) {
      try {
        checkHelloPayload(frame.payload);
      } catch (error) {
        problem = (error as Error).message;
      }
    }
    if (problem !== undefined) {
      this.ctx.logger.error(
        { peer: this.peer, address: this.clientAddress, problem },
        "peer failed the handshake",
      );
      this.onBroken(call, { code: grpcStatus.FAILED_PRECONDITION, details: problem });
      return;
    }
    this.clearHelloTimer();
    this.linkState = "connected";
    this.handshakes += 1;
    if (this.handshakes > 1) this.counters.reconnects += 1;
    this.failedAttempts = 0;
    this.ctx.logger.info({ peer: this.peer, address: this.clientAddress }, "connected to peer");
    this.pump();
  }

  /** The stream ended or failed, or we gave up on it: forget it, and reconnect after a backoff. */
  private onBroken(call: ExchangeCall, reason: { code?: number; details?: string }): void {
    if (call !== this.call) return;
    this.call = undefined;
    this.awaitingDrain = false;
    this.clearHelloTimer();
    call.cancel();
    const wasConnected = this.linkState === "connected";
    if (!wasConnected) {
      this.counters.connectFailures += 1;
      // The peer refused our HELLO (or we refused its): a misconfiguration, not a network blip.
      if (reason.code === grpcStatus.FAILED_PRECONDITION) this.counters.handshakesRejected += 1;
    }
    const fields = { peer: this.peer, code: reason.code, details: reason.details };
    if (wasConnected) this.ctx.logger.warn(fields, "stream to peer broke");
    else this.ctx.logger.debug(fields, "could not open a stream to peer");
    for (const transfer of this.snapshots.values()) transfer.onLinkDown();
    this.notifyFlushed();
    if (this.closing) return;
    this.scheduleReconnect();
  }

  private scheduleReconnect(): void {
    this.linkState = "backoff";
    const delayMs = backoffDelayMs(this.failedAttempts, this.backoff, this.ctx.random);
    this.failedAttempts += 1;
    this.clearBackoffTimer();
    this.backoffTimer = this.ctx.clock.setTimer(delayMs, () => {
      this.backoffTimer = undefined;
      this.connect();
    });
  }

  /** Writes frames until there is nothing to send or gRPC's buffer is full. */
  private pump(): void {
    const call = this.call;
    if (call === undefined || this.linkState !== "connected") return;
    while (!this.awaitingDrain) {
      const frame = this.nextRaftFrame() ?? this.nextChunkFrame();
      if (frame === undefined) break;
      if (!call.write(frame)) this.awaitingDrain = true;
    }
    this.notifyFlushed();
  }

  private nextRaftFrame(): PeerFrame | undefined {
    if (this.queue.isEmpty) return undefined;
    const payloadBytesMax = this.ctx.limits.frameBytesMax - frameEnvelopeBytes - batchHeaderBytes;
    const items: QueuedMessage[] = [];
    let bytes = 0;
    for (let next = this.queue.peek(); next !== undefined; next = this.queue.peek()) {
      if (items.length > 0 && bytes + next.bytes > payloadBytesMax) break;
      this.queue.poll();
      items.push(next);
      bytes += next.bytes;
    }
    const payload = encodeRaftBatch(items);
    this.counters.framesSent += 1;
    this.counters.messagesSent += items.length;
    this.counters.bytesSent += payload.byteLength;
    return raftFrame(this.identity, payload);
  }

  /** One chunk from the next transfer with room in its window, taking transfers in turn. */
  private nextChunkFrame(): PeerFrame | undefined {
    for (const [groupId, transfer] of this.snapshots) {
      const chunk = transfer.nextChunk();
      if (chunk === undefined) continue;
      this.snapshots.delete(groupId);
      this.snapshots.set(groupId, transfer);
      const dataBytes = (chunk.data as Uint8Array).byteLength;
      const metadataBytes = (chunk.metadata as Uint8Array).byteLength;
      this.counters.framesSent += 1;
      this.counters.snapshotChunksSent += 1;
      this.counters.snapshotBytesSent += dataBytes;
      this.counters.bytesSent += dataBytes + metadataBytes;
      return chunkFrame(this.identity, chunk);
    }
    return undefined;
  }

  private onSnapshotSettled(transfer: OutgoingSnapshot, error: MillraceError | undefined): void {
    if (this.snapshots.get(transfer.groupId) === transfer) this.snapshots.delete(transfer.groupId);
    if (error === undefined) {
      this.counters.snapshotsSent += 1;
      return;
    }
    this.counters.snapshotsFailed += 1;
    this.ctx.logger.warn(
      { peer: this.peer, groupId: transfer.groupId, index: transfer.index, code: error.code, err: error },
      "snapshot send failed",
    );
  }

  private isFlushed(): boolean {
    return this.call === undefined || (this.queue.isEmpty && !this.awaitingDrain);
  }

  private notifyFlushed(): void {
    if (this.flushWaiters.length === 0 || !this.isFlushed()) return;
    const waiters = this.flushWaiters;
    this.flushWaiters = [];
    for (const waiter of waiters) waiter();
  }

  private whenFlushed(timeoutMs: number): Promise<void> {
    if (this.isFlushed()) return Promise.resolve();
    return new Promise((resolve) => {
      const timer = this.ctx.clock.setTimer(timeoutMs, () => resolve());
      this.flushWaiters.push(() => {
        this.ctx.clock.clearTimer(timer);
        resolve();
      });
    });
  }

  private whenCallEnds(call: ExchangeCall, timeoutMs: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = this.ctx.clock.setTimer(timeoutMs, () => resolve());
      const done = (): void => {
        this.ctx.clock.clearTimer(timer);
        resolve();
      };
      call.once("status", done);
      call.once("error", done);
    });
  }

  private teardown(): void {
    this.linkState = "stopped";
    this.clearBackoffTimer();
    this.clearHelloTimer();
    if (this.flushImmediate !== undefined) clearImmediate(this.flushImmediate);
    this.flushImmediate = undefined;
    const call = this.call;
    this.call = undefined;
    call?.cancel();
    this.client?.close();
    this.client = undefined;
    this.counters.messagesDropped += this.queue.size;
    this.queue.drain();
    this.droppedGroups.clear();
    this.notifyFlushed();
  }

  private clearBackoffTimer(): void {
    if (this.backoffTimer !== undefined) this.ctx.clock.clearTimer(this.backoffTimer);
    this.backoffTimer = undefined;
  }

  private clearHelloTimer(): void {
    if (this.helloTimer !== undefined) this.ctx.clock.clearTimer(this.helloTimer);
    this.helloTimer = undefined;
  }
}

function channelOptions(ctx: PeerLinkContext): ChannelOptions {
  const { limits, timing } = ctx;
  return {
    "grpc.max_send_message_length": limits.frameBytesMax,
    "grpc.max_receive_message_length": limits.frameBytesMax,
    // Pings find a dead peer (or a silently dropped connection) even while Raft is quiet.
    "grpc.keepalive_time_ms": timing.keepaliveTimeMs,
    "grpc.keepalive_timeout_ms": timing.keepaliveTimeoutMs,
    "grpc.keepalive_permit_without_calls": 1,
    // gRPC's own reconnect backoff (1 s growing to 120 s by default) would keep failing our calls long
    // after the peer is back; aligned with ours, a returning peer is found within reconnectBackoffMaxMs.
    "grpc.initial_reconnect_backoff_ms": timing.reconnectBackoffBaseMs,
    "grpc.max_reconnect_backoff_ms": timing.reconnectBackoffMaxMs,
    // The link retries by opening a new stream; gRPC's transparent retries would buffer frames twice.
    "grpc.enable_retries": 0,
    // A channel per link with its own connection, never shared with another transport in the process.
    "grpc.use_local_subchannel_pool": 1,
    ...clientWindowOptions,
  };
}

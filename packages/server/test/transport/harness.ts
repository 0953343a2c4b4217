import { createServer, connect, type Server, type Socket } from "node:net";
import { SeededRandom } from "@millrace/common";
import {
  MessageType,
  newMessage,
  type Message,
  type NodeId,
  type Snapshot,
  type SnapshotMetadata,
} from "@millrace/raft";
import {
  PeerTransport,
  type PeerTransportLimits,
  type PeerTransportOptions,
  type PeerTransportTiming,
  type RaftBatchItem,
  type SnapshotEnvelope,
  type SnapshotSource,
} from "../../src/transport/index.js";

export const clusterId = "cluster-test";

/** Short delays so reconnects and timeouts happen within a test's time. */
export const fastTiming: Partial<PeerTransportTiming> = {
  reconnectBackoffBaseMs: 20,
  reconnectBackoffMaxMs: 200,
  helloTimeoutMs: 2_000,
  snapshotAckTimeoutMs: 2_000,
  stopTimeoutMs: 1_000,
};

/** A snapshot the test node received whole: its metadata, and the bytes written to its sink. */
export interface ReceivedSnapshot {
  readonly from: NodeId;
  readonly groupId: number;
  readonly snapshot: Snapshot;
  readonly envelope: SnapshotEnvelope;
}

/** What a test node's sinks have written so far, across transfers. */
export interface SinkProgress {
  bytesWritten: number;
}

/** A transport with recording handlers, as a test node. */
export interface TestNode {
  readonly transport: PeerTransport;
  readonly nodeId: NodeId;
  /** Every onRaftBatch call, in order. */
  readonly batches: { readonly from: NodeId; readonly items: RaftBatchItem[] }[];
  /** Snapshots received whole, in the order their sinks finished. */
  readonly snapshots: ReceivedSnapshot[];
  readonly sinks: SinkProgress;
  readonly unreachable: { readonly to: NodeId; readonly groupIds: number[] }[];
  /** All received messages, flattened. */
  received(): RaftBatchItem[];
}

export interface StartNodeOptions {
  readonly nodeId: NodeId;
  readonly addresses: Map<NodeId, string>;
  readonly clusterId?: string;
  readonly port?: number;
  readonly limits?: Partial<PeerTransportLimits>;
  readonly timing?: Partial<PeerTransportTiming>;
  /** How long each write to a snapshot sink takes, as a slow disk would. */
  readonly sinkWriteDelayMs?: number;
  /** Runs when a snapshot has arrived whole, as its install: the transfer is done once it resolves. */
  readonly onSnapshot?: (received: ReceivedSnapshot) => void | Promise<void>;
  /** Serves PeerService.Forward (forwarded partition calls); unserved when omitted. */
  readonly forward?: PeerTransportOptions["forward"];
}

/** Starts a transport on 127.0.0.1 and registers its address. Stop it with `stopAll`. */
export async function startNode(options: StartNodeOptions, started: TestNode[]): Promise<TestNode> {
  const batches: TestNode["batches"] = [];
  const snapshots: ReceivedSnapshot[] = [];
  const sinks: SinkProgress = { bytesWritten: 0 };
  const unreachable: TestNode["unreachable"] = [];
  const transport = new PeerTransport({
    nodeId: options.nodeId,
    clusterId: options.clusterId ?? clusterId,
    listenHost: "127.0.0.1",
    listenPort: options.port ?? 0,
    resolveAddress: (nodeId) => options.addresses.get(nodeId),
    handlers: {
      onRaftBatch: (from, items) => batches.push({ from, items }),
      onSnapshot: (from, groupId, metadata, envelope) => {
        const pieces: Uint8Array[] = [];
        return {
          write: async (data) => {
            if (options.sinkWriteDelayMs !== undefined) await sleep(options.sinkWriteDelayMs);
            pieces.push(new Uint8Array(data));
            sinks.bytesWritten += data.byteLength;
          },
          finish: async () => {
            const received = { from, groupId, snapshot: { metadata, data: concat(pieces) }, envelope };
            snapshots.push(received);
            await options.onSnapshot?.(received);
          },
          abandon: () => {},
        };
      },
      onUnreachable: (to, groupIds) => unreachable.push({ to, groupIds }),
    },
    random: new SeededRandom(options.nodeId),
    ...(options.limits === undefined ? {} : { limits: options.limits }),
    ...(options.forward === undefined ? {} : { forward: options.forward }),
    timing: { ...fastTiming, ...options.timing },
  });
  await transport.start();
  options.addresses.set(options.nodeId, `127.0.0.1:${transport.port}`);
  const node: TestNode = {
    transport,
    nodeId: options.nodeId,
    batches,
    snapshots,
    sinks,
    unreachable,
    received: () => batches.flatMap((batch) => batch.items),
  };
  started.push(node);
  return node;
}

export async function stopAll(started: TestNode[]): Promise<void> {
  await Promise.all(started.splice(0).map((node) => node.transport.stop()));
}

/**
 * Waits until `condition` holds, polling every few milliseconds, and fails after `timeoutMs`: the loop
 * is bounded in time, so a broken transport fails the test instead of hanging it.
 */
export async function waitFor(what: string, condition: () => boolean, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await sleep(5);
  }
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** An append carrying one entry with `dataBytes` of payload, at `index` of term 1. */
export function appendMessage(from: NodeId, to: NodeId, index: number, dataBytes = 8): Message {
  const data = new Uint8Array(dataBytes);
  data.fill(index % 251);
  return newMessage({
    type: MessageType.App,
    from,
    to,
    term: 1,
    logTerm: 1,
    index: index - 1,
    commit: index - 1,
    entries: [{ term: 1, index, type: 0, data }],
  });
}

/** Seeded bytes, so a failing comparison can be reproduced. */
export function randomBytes(length: number, seed: number): Uint8Array {
  const random = new SeededRandom(seed);
  const bytes = new Uint8Array(length);
  for (let i = 0; i < length; i += 4) {
    const word = random.nextUint32();
    bytes[i] = word & 0xff;
    if (i + 1 < length) bytes[i + 1] = (word >>> 8) & 0xff;
    if (i + 2 < length) bytes[i + 2] = (word >>> 16) & 0xff;
    if (i + 3 < length) bytes[i + 3] = word >>> 24;
  }
  return bytes;
}

export function metadataAt(index: number, term = 3): SnapshotMetadata {
  return {
    index,
    term,
    confState: { voters: [1, 2, 3], learners: [4], votersOutgoing: [], learnersNext: [], autoLeave: false },
  };
}

/**
 * A snapshot of `data` to send, read in pieces of `pieceBytes` (which the transport cuts into its own
 * chunks); `onRead` hears how many bytes have been read so far. Each call makes a fresh source.
 */
export function snapshotOf(
  data: Uint8Array,
  index: number,
  term = 3,
  options: {
    pieceBytes?: number;
    onRead?: (bytesRead: number) => void;
    /** The source throws once this many bytes were read, as a failed disk read would. */
    failAfterBytes?: number;
  } = {},
): SnapshotSource {
  const pieceBytes = options.pieceBytes ?? 100_000;
  async function* pieces(): AsyncGenerator<Uint8Array> {
    for (let at = 0; at < data.byteLength; at += pieceBytes) {
      // Each piece comes a turn later, as a read from LevelDB would.
      await new Promise((resolve) => setImmediate(resolve));
      if (options.failAfterBytes !== undefined && at >= options.failAfterBytes) {
        throw new Error("the snapshot could not be read");
      }
      const piece = data.subarray(at, at + pieceBytes);
      options.onRead?.(at + piece.byteLength);
      yield piece;
    }
  }
  return { metadata: metadataAt(index, term), data: pieces() };
}

function concat(pieces: readonly Uint8Array[]): Uint8Array {
  const out = new Uint8Array(pieces.reduce((sum, piece) => sum + piece.byteLength, 0));
  let at = 0;
  for (const piece of pieces) {
    out.set(piece, at);
    at += piece.byteLength;
  }
  return out;
}

/**
 * A TCP relay between a transport and its peer, so a test can cut the connection the way a network
 * does, without the receiving transport (and its partial snapshots) going away.
 */
export class TcpProxy {
  /** Bytes relayed from the dialling side to the target since the proxy started. */
  forwardedBytes = 0;
  port = 0;
  private readonly sockets = new Set<Socket>();
  private readonly server: Server;
  private cutAtBytes: number | undefined;

  private constructor(targetPort: number) {
    this.server = createServer((inbound) => this.relay(inbound, targetPort));
  }

  static async start(targetPort: number): Promise<TcpProxy> {
    const proxy = new TcpProxy(targetPort);
    await new Promise<void>((resolve) => proxy.server.listen(0, "127.0.0.1", resolve));
    const address = proxy.server.address();
    if (address === null || typeof address === "string") throw new Error("proxy has no port");
    proxy.port = address.port;
    return proxy;
  }

  get address(): string {
    return `127.0.0.1:${this.port}`;
  }

  /** Cuts every connection once `forwardedBytes` reaches `bytes`. */
  cutWhenForwarded(bytes: number): void {
    this.cutAtBytes = bytes;
  }

  cutAll(): void {
    for (const socket of this.sockets) socket.destroy();
    this.sockets.clear();
  }

  async close(): Promise<void> {
    this.cutAll();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private relay(inbound: Socket, targetPort: number): void {
    const outbound = connect(targetPort, "127.0.0.1");
    this.sockets.add(inbound);
    this.sockets.add(outbound);
    inbound.on("data", (data: Buffer) => {
      this.forwardedBytes += data.byteLength;
      outbound.write(data);
      if (this.cutAtBytes !== undefined && this.forwardedBytes >= this.cutAtBytes) {
        this.cutAtBytes = undefined;
        this.cutAll();
      }
    });
    outbound.on("data", (data: Buffer) => inbound.write(data));
    for (const socket of [inbound, outbound]) {
      socket.on("error", () => this.cutPair(inbound, outbound));
      socket.on("close", () => this.cutPair(inbound, outbound));
    }
  }

  private cutPair(a: Socket, b: Socket): void {
    a.destroy();
    b.destroy();
    this.sockets.delete(a);
    this.sockets.delete(b);
  }
}

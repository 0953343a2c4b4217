import { credentials, status, type ServiceError } from "@grpc/grpc-js";
import { encode } from "@millrace/common";
import { loadMillraceProto, type internalV1 } from "@millrace/proto";
import { MessageType, newMessage, type NodeId } from "@millrace/raft";
import { afterEach, describe, expect, it } from "vitest";
import { encodeRaftBatch, protocolVersion } from "../../src/transport/index.js";
import {
  appendMessage,
  clusterId,
  randomBytes,
  startNode,
  stopAll,
  waitFor,
  type TestNode,
} from "./harness.js";

const started: TestNode[] = [];
afterEach(() => stopAll(started));

describe("PeerTransport messaging", () => {
  it("delivers messages both ways, in order per group", async () => {
    const addresses = new Map<NodeId, string>();
    const a = await startNode({ nodeId: 1, addresses }, started);
    const b = await startNode({ nodeId: 2, addresses }, started);
    const groups = [7, 8, 9];
    const perGroup = 200;
    // Spread over several event-loop turns so the messages travel in many frames, not one.
    for (let index = 1; index <= perGroup; index++) {
      for (const groupId of groups) {
        a.transport.send(2, groupId, appendMessage(1, 2, index));
        b.transport.send(1, groupId, appendMessage(2, 1, index));
      }
      if (index % 25 === 0) await new Promise((resolve) => setImmediate(resolve));
    }
    const total = groups.length * perGroup;
    await waitFor("both nodes to receive every message", () => {
      return a.received().length === total && b.received().length === total;
    });
    for (const [node, from] of [
      [a, 2],
      [b, 1],
    ] as const) {
      expect(node.batches.every((batch) => batch.from === from)).toBe(true);
      for (const groupId of groups) {
        const indexes = node
          .received()
          .filter((item) => item.groupId === groupId)
          .map((item) => item.message.entries[0]?.index);
        expect(indexes).toEqual(Array.from({ length: perGroup }, (_, i) => i + 1));
      }
    }
    // The entry survives the trip intact: type, term, payload.
    const first = b.received()[0]?.message;
    expect(first).toEqual(appendMessage(1, 2, 1));
    expect(a.transport.stats().peers[2]?.state).toBe("connected");
  });

  it("batches what is sent in one event-loop turn into few frames", async () => {
    const addresses = new Map<NodeId, string>();
    const a = await startNode({ nodeId: 1, addresses }, started);
    const b = await startNode({ nodeId: 2, addresses }, started);
    a.transport.send(2, 1, appendMessage(1, 2, 1));
    await waitFor("the link to come up", () => b.received().length === 1);
    const framesBefore = b.transport.stats().peers[1]?.framesReceived ?? 0;
    const batchesBefore = b.batches.length;

    const count = 1_000;
    for (let i = 0; i < count; i++) a.transport.send(2, i % 50, appendMessage(1, 2, i + 2, 64));
    await waitFor("all 1,000 messages", () => b.received().length === count + 1);

    const frames = (b.transport.stats().peers[1]?.framesReceived ?? 0) - framesBefore;
    expect(frames).toBeLessThan(count);
    expect(frames).toBeLessThanOrEqual(2);
    expect(b.batches.length - batchesBefore).toBe(frames);
    expect(a.transport.stats().peers[2]?.messagesSent).toBe(count + 1);
  });

  it("splits a turn's messages into frames no larger than frameBytesMax", async () => {
    const addresses = new Map<NodeId, string>();
    const limits = { frameBytesMax: 64 * 1024, snapshotChunkBytes: 32 * 1024 };
    const a = await startNode({ nodeId: 1, addresses, limits }, started);
    const b = await startNode({ nodeId: 2, addresses, limits }, started);
    const count = 1_000;
    for (let i = 1; i <= count; i++) a.transport.send(2, 1, appendMessage(1, 2, i, 1_024));
    await waitFor("all messages", () => b.received().length === count);

    const stats = b.transport.stats().peers[1];
    const frames = b.batches.length;
    // Each message is about 1 KiB: at least 16 full 64 KiB frames, and the estimate wastes little.
    expect(frames).toBeGreaterThanOrEqual(Math.ceil((count * 1_024) / (64 * 1_024)));
    expect(frames).toBeLessThanOrEqual(25);
    expect((stats?.bytesReceived ?? 0) / frames).toBeLessThanOrEqual(64 * 1_024);
    expect(b.received().map((item) => item.message.entries[0]?.index)).toEqual(
      Array.from({ length: count }, (_, i) => i + 1),
    );
  });

  it("carries heartbeats compactly and keeps every field", async () => {
    const addresses = new Map<NodeId, string>();
    const a = await startNode({ nodeId: 1, addresses }, started);
    const b = await startNode({ nodeId: 2, addresses }, started);
    const readIndex = newMessage({
      type: MessageType.HeartbeatResp,
      from: 1,
      to: 2,
      term: 9,
      commit: 4,
      context: new Uint8Array([1, 2, 3]),
    });
    const rejected = newMessage({
      type: MessageType.AppResp,
      from: 1,
      to: 2,
      term: 9,
      index: 17,
      reject: true,
      rejectHint: 12,
      logTerm: 8,
    });
    for (let groupId = 0; groupId < 1_000; groupId++) {
      a.transport.send(
        2,
        groupId,
        newMessage({ type: MessageType.Heartbeat, from: 1, to: 2, term: 9, commit: 40 }),
      );
    }
    a.transport.send(2, 1_000, readIndex);
    a.transport.send(2, 1_001, rejected);
    await waitFor("the heartbeats", () => b.received().length === 1_002);
    expect(b.received()[1_000]).toEqual({ groupId: 1_000, message: readIndex });
    expect(b.received()[1_001]).toEqual({ groupId: 1_001, message: rejected });
    // A thousand heartbeats in well under 16 bytes each.
    expect(a.transport.stats().peers[2]?.bytesSent).toBeLessThan(16 * 1_002);
  });

  it("connects three nodes pairwise", async () => {
    const addresses = new Map<NodeId, string>();
    const nodes = [
      await startNode({ nodeId: 1, addresses }, started),
      await startNode({ nodeId: 2, addresses }, started),
      await startNode({ nodeId: 3, addresses }, started),
    ];
    for (const from of nodes) {
      for (const to of nodes) {
        if (from !== to)
          from.transport.send(
            to.nodeId,
            from.nodeId * 10 + to.nodeId,
            appendMessage(from.nodeId, to.nodeId, 1),
          );
      }
    }
    await waitFor("every pair", () => nodes.every((node) => node.received().length === 2));
    for (const node of nodes) {
      const senders = node.batches.map((batch) => batch.from).sort();
      expect(senders).toEqual([1, 2, 3].filter((id) => id !== node.nodeId));
      expect(node.received().map((item) => item.groupId % 10)).toEqual([node.nodeId, node.nodeId]);
    }
  });
});

/** A raw PeerService client, to speak the protocol the way a broken or foreign peer might. */
function rawStream(address: string): {
  call: ReturnType<internalV1.PeerServiceClient["exchange"]>;
  frames: internalV1.PeerFrame__Output[];
  errors: ServiceError[];
  /** The receiver ended the stream with OK. */
  ended: () => boolean;
  close: () => void;
} {
  const proto = loadMillraceProto();
  const client = new proto.millrace.internal.v1.PeerService(address, credentials.createInsecure());
  const call = client.exchange();
  const frames: internalV1.PeerFrame__Output[] = [];
  const errors: ServiceError[] = [];
  call.on("data", (frame: internalV1.PeerFrame__Output) => frames.push(frame));
  call.on("error", (error: ServiceError) => errors.push(error));
  let ended = false;
  call.on("end", () => (ended = true));
  return {
    call,
    frames,
    errors,
    ended: () => ended,
    close: () => {
      call.cancel();
      client.close();
    },
  };
}

/** Starts node 1 and opens a raw peer stream to it (nothing sent yet) for `fn`; closes the stream after. */
async function withRawPeer(
  fn: (raw: ReturnType<typeof rawStream>, node: Awaited<ReturnType<typeof startNode>>) => Promise<void>,
): Promise<void> {
  const addresses = new Map<NodeId, string>();
  const node = await startNode({ nodeId: 1, addresses }, started);
  const raw = rawStream(addresses.get(1) ?? "");
  try {
    await fn(raw, node);
  } finally {
    raw.close();
  }
}

function hello(fromNodeId: number, toNodeId: number, cluster = clusterId): internalV1.PeerFrame {
  return {
    kind: "FRAME_KIND_HELLO",
    clusterId: cluster,
    fromNodeId,
    toNodeId,
    payload: encode({ versions: [protocolVersion] }),
  };
}

describe("PeerTransport bounds on inbound streams", () => {
  /** Opens `count` raw streams to `address`, each with a HELLO from `from(i)`, answered before the next. */
  async function helloStreams(address: string, count: number, from: (i: number) => number) {
    const streams: ReturnType<typeof rawStream>[] = [];
    for (let i = 0; i < count; i++) {
      const raw = rawStream(address);
      streams.push(raw);
      raw.call.write(hello(from(i), 1));
      await waitFor(`the HELLO answer on stream ${i}`, () => raw.frames.length === 1);
    }
    return streams;
  }

  // A peer keeps one stream; each reconnect whose old connection was not yet noticed dead leaves one more.
  it("keeps a peer's newest streams, closing its oldest past the per-peer bound", async () => {
    const addresses = new Map<NodeId, string>();
    await startNode({ nodeId: 1, addresses, limits: { inboundStreamsPerPeerMax: 2 } }, started);
    const streams = await helloStreams(addresses.get(1) ?? "", 4, () => 9);
    try {
      await waitFor("the two oldest streams to end", () => streams[0]!.ended() && streams[1]!.ended());
      expect(streams.map((raw) => raw.ended())).toEqual([true, true, false, false]);
      expect(streams.flatMap((raw) => raw.errors)).toEqual([]);
    } finally {
      for (const raw of streams) raw.close();
    }
  });

  it("refuses a stream past the node's bound with RESOURCE_EXHAUSTED", async () => {
    const addresses = new Map<NodeId, string>();
    const node = await startNode({ nodeId: 1, addresses, limits: { inboundStreamsMax: 3 } }, started);
    const streams = await helloStreams(addresses.get(1) ?? "", 3, (i) => 9 + i);
    const extra = rawStream(addresses.get(1) ?? "");
    try {
      extra.call.write(hello(20, 1));
      await waitFor("the refusal", () => extra.errors.length > 0);
      expect(extra.errors[0]?.code).toBe(status.RESOURCE_EXHAUSTED);
      expect(extra.frames).toEqual([]);
      expect(streams.map((raw) => raw.ended() || raw.errors.length > 0)).toEqual([false, false, false]);
      expect(node.transport.stats().handshakesRejected).toBe(1);
    } finally {
      for (const raw of [...streams, extra]) raw.close();
    }
  });

  // Before, each node id a HELLO claimed got its own counters for good: a client of the peer port could
  // grow them without end, one id per stream.
  it("keeps counters for at most peersCountedMax peers, counting the rest as unattributed", async () => {
    const addresses = new Map<NodeId, string>();
    const node = await startNode({ nodeId: 1, addresses, limits: { peersCountedMax: 2 } }, started);
    const streams = await helloStreams(addresses.get(1) ?? "", 5, (i) => 100 + i);
    try {
      const stats = node.transport.stats();
      expect(Object.keys(stats.peers)).toHaveLength(2);
      expect(stats.framesReceived).toBe(5);
    } finally {
      for (const raw of streams) raw.close();
    }
  });
});

describe("PeerTransport handshake and bad input", () => {
  it("refuses a HELLO from another cluster with FAILED_PRECONDITION", async () => {
    await withRawPeer(async (raw, a) => {
      raw.call.write(hello(9, 1, "another-cluster"));
      await waitFor("the refusal", () => raw.errors.length > 0);
      expect(raw.errors[0]?.code).toBe(status.FAILED_PRECONDITION);
      expect(raw.errors[0]?.details).toContain("another-cluster");
      expect(raw.frames).toEqual([]);
      expect(a.transport.stats().handshakesRejected).toBe(1);
    });
  });

  // The refusal quotes what the peer sent, in the stream's status: quoted whole, an id of a few hundred
  // KB made a status the peer's gRPC could not read, so it never learned why (and every log line held it).
  it("refuses a HELLO with a huge cluster id readably, quoting the id cut short", async () => {
    await withRawPeer(async (raw, a) => {
      raw.call.write(hello(9, 1, "x".repeat(100_000)));
      await waitFor("the refusal", () => raw.errors.length > 0, 5_000);
      expect(raw.errors[0]?.code).toBe(status.FAILED_PRECONDITION);
      expect(raw.errors[0]?.details).toContain("xxxx");
      expect(raw.errors[0]?.details.length).toBeLessThan(1_000);
      expect(a.transport.stats().handshakesRejected).toBe(1);
    });
  });

  it("closes a stream whose frame names a huge cluster id mid-stream, readably", async () => {
    await withRawPeer(async (raw) => {
      raw.call.write(hello(9, 1));
      await waitFor("the receiver's HELLO", () => raw.frames.length === 1);
      raw.call.write({
        kind: "FRAME_KIND_RAFT",
        clusterId: "y".repeat(100_000),
        fromNodeId: 9,
        toNodeId: 1,
        payload: encodeRaftBatch([]),
      });
      await waitFor("the refusal", () => raw.errors.length > 0, 5_000);
      expect(raw.errors[0]?.code).toBe(status.FAILED_PRECONDITION);
      expect(raw.errors[0]?.details.length).toBeLessThan(1_000);
    });
  });

  it("refuses a HELLO claiming the receiver's own node id", async () => {
    await withRawPeer(async (raw) => {
      raw.call.write(hello(1, 1));
      await waitFor("the refusal", () => raw.errors.length > 0);
      expect(raw.errors[0]?.code).toBe(status.FAILED_PRECONDITION);
      expect(raw.errors[0]?.details).toContain("node id 1");
    });
  });

  it("refuses a first frame that is not a HELLO", async () => {
    await withRawPeer(async (raw) => {
      raw.call.write({
        kind: "FRAME_KIND_RAFT",
        clusterId,
        fromNodeId: 9,
        toNodeId: 1,
        payload: encodeRaftBatch([]),
      });
      await waitFor("the refusal", () => raw.errors.length > 0);
      expect(raw.errors[0]?.code).toBe(status.FAILED_PRECONDITION);
    });
  });

  it("never delivers across clusters: a transport of another cluster is refused and backs off", async () => {
    const addresses = new Map<NodeId, string>();
    const a = await startNode({ nodeId: 1, addresses }, started);
    const stranger = await startNode({ nodeId: 2, addresses, clusterId: "another-cluster" }, started);
    stranger.transport.send(1, 5, appendMessage(2, 1, 1));
    await waitFor(
      "two refused attempts",
      () => (stranger.transport.stats().peers[1]?.handshakesRejected ?? 0) >= 2,
    );
    expect(a.received()).toEqual([]);
    expect(a.transport.stats().handshakesRejected).toBeGreaterThanOrEqual(2);
    expect(stranger.transport.stats().peers[1]?.state).not.toBe("connected");
  });

  it("drops undecodable frames, keeps the stream, and delivers later frames", async () => {
    await withRawPeer(async (raw, a) => {
      raw.call.write(hello(9, 1));
      await waitFor("the receiver's HELLO", () => raw.frames.length === 1);
      expect(raw.frames[0]).toMatchObject({
        kind: "FRAME_KIND_HELLO",
        clusterId,
        fromNodeId: 1,
        toNodeId: 9,
      });

      const raft = (payload: Uint8Array): internalV1.PeerFrame => ({
        kind: "FRAME_KIND_RAFT",
        clusterId,
        fromNodeId: 9,
        toNodeId: 1,
        payload,
      });
      const garbage = [
        randomBytes(512, 1),
        encode([1, "not a message"]),
        encode([1, [MessageType.Snap, 1, 9]]),
        encode([1, [MessageType.App, 1, 9, -1]]),
        encode([1, [MessageType.App, 1, 9, 1, 1, 0, 0, false, 0, [1, 0, 0, "not bytes"]]]),
        encode([1, [MessageType.Hup, 1, 9]]),
      ];
      for (const payload of garbage) raw.call.write(raft(payload));
      raw.call.write({
        kind: "FRAME_KIND_HEARTBEAT",
        clusterId,
        fromNodeId: 9,
        toNodeId: 1,
        payload: randomBytes(64, 2),
      });
      const good = appendMessage(9, 1, 5);
      raw.call.write(raft(encodeRaftBatch([{ groupId: 3, message: good }])));

      await waitFor("the good frame", () => a.received().length === 1);
      expect(a.received()[0]).toEqual({ groupId: 3, message: good });
      const stats = a.transport.stats();
      expect(stats.peers[9]?.framesDropped).toBe(garbage.length + 1);
      expect(stats.framesDropped).toBe(garbage.length + 1);
      expect(stats.peers[9]?.inboundStreams).toBe(1);
      expect(raw.errors).toEqual([]);
    });
  });

  it("closes a stream whose frames switch identity mid-stream", async () => {
    await withRawPeer(async (raw, a) => {
      raw.call.write(hello(9, 1));
      await waitFor("the receiver's HELLO", () => raw.frames.length === 1);
      raw.call.write({
        kind: "FRAME_KIND_RAFT",
        clusterId,
        fromNodeId: 8,
        toNodeId: 1,
        payload: encodeRaftBatch([{ groupId: 3, message: appendMessage(8, 1, 1) }]),
      });
      await waitFor("the refusal", () => raw.errors.length > 0);
      expect(raw.errors[0]?.code).toBe(status.FAILED_PRECONDITION);
      expect(a.received()).toEqual([]);
    });
  });

  it("asserts that a MsgSnap goes through sendSnapshot", async () => {
    const addresses = new Map<NodeId, string>();
    const a = await startNode({ nodeId: 1, addresses }, started);
    expect(() => a.transport.send(2, 1, newMessage({ type: MessageType.Snap, from: 1, to: 2 }))).toThrow(
      /sendSnapshot/,
    );
  });
});

import { ErrorCode, isMillraceError } from "@millrace/common";
import type { NodeId } from "@millrace/raft";
import { afterEach, describe, expect, it } from "vitest";
import {
  TcpProxy,
  appendMessage,
  randomBytes,
  snapshotOf,
  startNode,
  stopAll,
  waitFor,
  type TestNode,
} from "./harness.js";

const KiB = 1_024;
const MiB = 1_024 * KiB;
const started: TestNode[] = [];
const proxies: TcpProxy[] = [];
afterEach(async () => {
  await stopAll(started);
  await Promise.all(proxies.splice(0).map((proxy) => proxy.close()));
});

const chunked = { snapshotChunkBytes: 256 * KiB, snapshotWindowChunks: 4 };

function expectSameBytes(actual: Uint8Array | undefined, expected: Uint8Array): void {
  expect(actual).toBeDefined();
  expect(actual?.byteLength).toBe(expected.byteLength);
  expect(Buffer.from(actual ?? new Uint8Array()).equals(Buffer.from(expected))).toBe(true);
}

async function rejection(promise: Promise<void>): Promise<unknown> {
  return promise.then(
    () => new Error("expected a rejection"),
    (error: unknown) => error,
  );
}

describe("PeerTransport snapshots", () => {
  it("sends 5 MiB in acknowledged chunks and delivers it verified, once", async () => {
    const addresses = new Map<NodeId, string>();
    const a = await startNode({ nodeId: 1, addresses, limits: chunked }, started);
    const b = await startNode({ nodeId: 2, addresses, limits: chunked }, started);
    const data = randomBytes(5 * MiB, 42);
    const snapshot = snapshotOf(data, 1_000);

    await a.transport.sendSnapshot(2, 17, snapshot, { term: 5, from: 1, to: 2 });
    // Read in pieces of 100,000 bytes, sent in chunks of 256 KiB: 20 of them.

    expect(b.snapshots).toHaveLength(1);
    const received = b.snapshots[0];
    expect(received?.from).toBe(1);
    expect(received?.groupId).toBe(17);
    expect(received?.snapshot.metadata).toEqual(snapshot.metadata);
    expect(received?.envelope).toEqual({ term: 5, from: 1, to: 2 });
    expectSameBytes(received?.snapshot.data, data);
    const sent = a.transport.stats().peers[2];
    expect(sent?.snapshotsSent).toBe(1);
    expect(sent?.snapshotChunksSent).toBe(20);
    expect(sent?.snapshotBytesSent).toBe(data.byteLength);
    const got = b.transport.stats();
    expect(got.peers[1]?.snapshotsReceived).toBe(1);
    expect(got.peers[1]?.snapshotBytesReceived).toBe(data.byteLength);
    expect(got.snapshotPartialBytes).toBe(0);
  });

  it("interleaves Raft messages with a snapshot on the same stream", async () => {
    const addresses = new Map<NodeId, string>();
    const a = await startNode({ nodeId: 1, addresses, limits: chunked }, started);
    let messagesBeforeSnapshot = -1;
    const b: TestNode = await startNode(
      {
        nodeId: 2,
        addresses,
        limits: chunked,
        onSnapshot: () => {
          messagesBeforeSnapshot = b.received().length;
        },
      },
      started,
    );
    const sending = a.transport.sendSnapshot(2, 17, snapshotOf(randomBytes(4 * MiB, 7), 10));
    for (let index = 1; index <= 100; index++) a.transport.send(2, 3, appendMessage(1, 2, index));
    await sending;
    // The messages, sent after the snapshot started, did not wait behind its 4 MiB.
    expect(messagesBeforeSnapshot).toBe(100);
  });

  it("sends an empty snapshot", async () => {
    const addresses = new Map<NodeId, string>();
    const a = await startNode({ nodeId: 1, addresses }, started);
    const b = await startNode({ nodeId: 2, addresses }, started);
    await a.transport.sendSnapshot(2, 4, snapshotOf(new Uint8Array(0), 3));
    expect(b.snapshots).toHaveLength(1);
    expect(b.snapshots[0]?.snapshot.data.byteLength).toBe(0);
    expect(b.snapshots[0]?.envelope).toEqual({ term: 3, from: 1, to: 2 });
  });

  it("resolves only after the receiver's onSnapshot has resolved", async () => {
    const addresses = new Map<NodeId, string>();
    let finishInstall = (): void => {};
    const installed = new Promise<void>((resolve) => (finishInstall = resolve));
    const a = await startNode({ nodeId: 1, addresses }, started);
    await startNode({ nodeId: 2, addresses, onSnapshot: () => installed }, started);
    let resolved = false;
    const sending = a.transport.sendSnapshot(2, 4, snapshotOf(randomBytes(100 * KiB, 3), 9)).then(() => {
      resolved = true;
    });
    await waitFor(
      "the data to be acknowledged",
      () => (a.transport.stats().peers[2]?.snapshotChunksSent ?? 0) === 1,
    );
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(resolved).toBe(false);
    finishInstall();
    await sending;
    expect(resolved).toBe(true);
  });

  it("resumes after the connection is cut mid-transfer, re-sending far less than the snapshot", async () => {
    const addresses = new Map<NodeId, string>();
    const a = await startNode({ nodeId: 1, addresses, limits: chunked }, started);
    const b = await startNode({ nodeId: 2, addresses, limits: chunked }, started);
    const proxy = await TcpProxy.start(b.transport.port);
    proxies.push(proxy);
    addresses.set(2, proxy.address);
    a.transport.send(2, 1, appendMessage(1, 2, 1));
    await waitFor("the link through the proxy", () => b.received().length === 1);

    const data = randomBytes(5 * MiB, 99);
    proxy.cutWhenForwarded(proxy.forwardedBytes + 2 * MiB);
    await a.transport.sendSnapshot(2, 17, snapshotOf(data, 500));

    expect(b.snapshots).toHaveLength(1);
    expectSameBytes(b.snapshots[0]?.snapshot.data, data);
    const sent = a.transport.stats().peers[2];
    expect(sent?.reconnects).toBe(1);
    // Only what was in flight when the connection broke goes again: at most the window, 1 MiB.
    const resentBytes = (sent?.snapshotBytesSent ?? 0) - data.byteLength;
    expect(resentBytes).toBeGreaterThanOrEqual(0);
    expect(resentBytes).toBeLessThanOrEqual(4 * 256 * KiB);
    expect(b.transport.stats().peers[1]?.snapshotBytesReceived).toBe(data.byteLength);
  });

  it("fails, naming why, when the receiver lost a transfer whose start the sender let go", async () => {
    const addresses = new Map<NodeId, string>();
    const a = await startNode({ nodeId: 1, addresses, limits: chunked }, started);
    const b = await startNode({ nodeId: 2, addresses, limits: chunked }, started);
    const port = b.transport.port;
    const proxy = await TcpProxy.start(port);
    proxies.push(proxy);
    addresses.set(2, proxy.address);
    a.transport.send(2, 1, appendMessage(1, 2, 1));
    await waitFor("the link through the proxy", () => b.received().length === 1);

    const data = randomBytes(3 * MiB, 5);
    const sending = rejection(a.transport.sendSnapshot(2, 17, snapshotOf(data, 500)));
    await waitFor("part of the snapshot", () => b.sinks.bytesWritten >= MiB);
    // The receiver restarts and forgets the partial. The sender holds only its window, not the start,
    // so it cannot start over: it fails, and its caller (the host) sends a fresh snapshot.
    await b.transport.stop();
    started.splice(started.indexOf(b), 1);
    const b2 = await startNode({ nodeId: 2, addresses: new Map(addresses), port, limits: chunked }, started);
    const error = await sending;
    expect(isMillraceError(error, ErrorCode.UNAVAILABLE)).toBe(true);
    expect(String(error)).toContain("unknown-transfer");
    expect(b2.snapshots).toHaveLength(0);
    await a.transport.sendSnapshot(2, 17, snapshotOf(data, 501));
    expect(b2.snapshots).toHaveLength(1);
    expectSameBytes(b2.snapshots[0]?.snapshot.data, data);
  });

  it("holds a window of chunks on each side, not the snapshot, however large it is", async () => {
    const addresses = new Map<NodeId, string>();
    const window = 4 * 256 * KiB;
    const a = await startNode({ nodeId: 1, addresses, limits: chunked }, started);
    const b = await startNode(
      { nodeId: 2, addresses, limits: { ...chunked, snapshotReceiveBytesMax: window + 256 * KiB } },
      started,
    );
    const data = randomBytes(24 * MiB, 11);
    let readAhead = 0;
    let receiverHeld = 0;
    const source = snapshotOf(data, 700, 3, {
      pieceBytes: 64 * KiB,
      onRead: (bytesRead) => {
        readAhead = Math.max(readAhead, bytesRead - b.sinks.bytesWritten);
        receiverHeld = Math.max(receiverHeld, b.transport.stats().snapshotQueuedBytes);
      },
    });
    await a.transport.sendSnapshot(2, 17, source);
    expectSameBytes(b.snapshots[0]?.snapshot.data, data);
    // The source is read only as the receiver writes: the window, one chunk read ahead, one being cut.
    expect(readAhead).toBeLessThanOrEqual(window + 2 * 256 * KiB);
    expect(receiverHeld).toBeLessThanOrEqual(window);
    expect(b.transport.stats().snapshotPartialBytes).toBe(0);
    expect(b.transport.stats().snapshotQueuedBytes).toBe(0);
  });

  it("streams through a slow disk at the smallest receive memory, sending no chunk twice", async () => {
    const addresses = new Map<NodeId, string>();
    const a = await startNode({ nodeId: 1, addresses, limits: chunked }, started);
    // Room for one transfer's window and no more; each write takes 20 ms.
    const b = await startNode(
      {
        nodeId: 2,
        addresses,
        limits: { ...chunked, snapshotReceiveBytesMax: 5 * 256 * KiB },
        sinkWriteDelayMs: 20,
      },
      started,
    );
    let queuedMax = 0;
    const data = randomBytes(6 * MiB, 13);
    const source = snapshotOf(data, 900, 3, {
      onRead: () => (queuedMax = Math.max(queuedMax, b.transport.stats().snapshotQueuedBytes)),
    });
    await a.transport.sendSnapshot(2, 17, source);
    expectSameBytes(b.snapshots[0]?.snapshot.data, data);
    // Every chunk went once: none was refused for memory and left to an ack timeout to send again.
    expect(a.transport.stats().peers[2]?.snapshotChunksSent).toBe(24);
    expect(queuedMax).toBeGreaterThan(0);
    expect(queuedMax).toBeLessThanOrEqual(4 * 256 * KiB);
  });

  it("sends the same snapshot again after a failed attempt, starting the receiver over", async () => {
    const addresses = new Map<NodeId, string>();
    const a = await startNode({ nodeId: 1, addresses, limits: chunked }, started);
    const b = await startNode({ nodeId: 2, addresses, limits: chunked }, started);
    const data = randomBytes(4 * MiB, 17);
    const failed = await rejection(
      a.transport.sendSnapshot(2, 17, snapshotOf(data, 950, 3, { failAfterBytes: 2 * MiB })),
    );
    expect(String(failed)).toContain("the snapshot could not be read");
    expect(b.sinks.bytesWritten).toBeGreaterThan(0);
    // An idle group is labelled the same (term, index) the second time.
    await a.transport.sendSnapshot(2, 17, snapshotOf(data, 950));
    expect(b.snapshots).toHaveLength(1);
    expectSameBytes(b.snapshots[0]?.snapshot.data, data);
  });

  it("refuses a newer snapshot of a group while one is being installed: busy, then gives up", async () => {
    const addresses = new Map<NodeId, string>();
    let finishInstall = (): void => {};
    const installed = new Promise<void>((resolve) => (finishInstall = resolve));
    const a = await startNode({ nodeId: 1, addresses, limits: chunked }, started);
    const b = await startNode(
      { nodeId: 2, addresses, limits: chunked, onSnapshot: () => installed },
      started,
    );
    const c = await startNode(
      { nodeId: 3, addresses, limits: { ...chunked, snapshotRetriesMax: 2 } },
      started,
    );
    // The first snapshot arrives and its install hangs.
    const first = a.transport.sendSnapshot(2, 1, snapshotOf(randomBytes(2 * MiB, 1), 8));
    await waitFor("the first install to start", () => b.snapshots.length === 1);

    // A newer leader of the group, on another node, sends its own.
    const second = await rejection(c.transport.sendSnapshot(2, 1, snapshotOf(randomBytes(2 * MiB, 2), 9)));
    expect(isMillraceError(second, ErrorCode.UNAVAILABLE)).toBe(true);
    expect(String(second)).toContain("busy: a snapshot of the group is being installed");
    expect(b.snapshots).toHaveLength(1);

    finishInstall();
    await first;
    expect(b.transport.stats().snapshotPartialBytes).toBe(0);
  });

  it("reports a failed install to the sender", async () => {
    const addresses = new Map<NodeId, string>();
    const a = await startNode({ nodeId: 1, addresses }, started);
    await startNode(
      {
        nodeId: 2,
        addresses,
        onSnapshot: () => {
          throw new Error("disk full");
        },
      },
      started,
    );
    const error = await rejection(a.transport.sendSnapshot(2, 1, snapshotOf(randomBytes(KiB, 1), 8)));
    expect(isMillraceError(error, ErrorCode.FAILED_PRECONDITION)).toBe(true);
    expect(String(error)).toContain("install-failed");
  });

  it("supersedes an older snapshot of the same group, and joins a repeated one", async () => {
    const addresses = new Map<NodeId, string>();
    const a = await startNode({ nodeId: 1, addresses, limits: chunked }, started);
    const b = await startNode({ nodeId: 2, addresses, limits: chunked }, started);
    const older = a.transport.sendSnapshot(2, 1, snapshotOf(randomBytes(2 * MiB, 1), 8));
    const newerData = randomBytes(MiB, 2);
    const newer = a.transport.sendSnapshot(2, 1, snapshotOf(newerData, 9));
    expect(a.transport.sendSnapshot(2, 1, snapshotOf(newerData, 9))).toBe(newer);
    const error = await rejection(older);
    expect(isMillraceError(error, ErrorCode.ABORTED)).toBe(true);
    await newer;
    expect(b.snapshots.map((received) => received.snapshot.metadata.index)).toEqual([9]);
  });

  it("fails after bounded retries when the peer never answers, and on stop", async () => {
    const addresses = new Map<NodeId, string>();
    addresses.set(2, "127.0.0.1:1");
    const a = await startNode(
      {
        nodeId: 1,
        addresses,
        limits: { snapshotRetriesMax: 2 },
        timing: { snapshotAckTimeoutMs: 50 },
      },
      started,
    );
    const error = await rejection(a.transport.sendSnapshot(2, 1, snapshotOf(randomBytes(KiB, 1), 8)));
    expect(isMillraceError(error, ErrorCode.UNAVAILABLE)).toBe(true);
    expect(String(error)).toContain("gave up after 2 retries");

    const pending = rejection(a.transport.sendSnapshot(2, 2, snapshotOf(randomBytes(KiB, 1), 8)));
    await a.transport.stop();
    expect(isMillraceError(await pending, ErrorCode.CANCELLED)).toBe(true);
  });
});

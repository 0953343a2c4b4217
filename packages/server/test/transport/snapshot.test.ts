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

  it("starts over when the receiver lost the partial transfer", async () => {
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
    const sending = a.transport.sendSnapshot(2, 17, snapshotOf(data, 500));
    await waitFor(
      "part of the snapshot",
      () => (b.transport.stats().peers[1]?.snapshotBytesReceived ?? 0) >= MiB,
    );
    // The receiver restarts and forgets the partial: the sender is told so and starts from offset 0.
    await b.transport.stop();
    started.splice(started.indexOf(b), 1);
    const b2 = await startNode({ nodeId: 2, addresses: new Map(addresses), port, limits: chunked }, started);
    await sending;
    expect(b2.snapshots).toHaveLength(1);
    expectSameBytes(b2.snapshots[0]?.snapshot.data, data);
  });

  it("rejects a snapshot larger than the receiver accepts, without retrying", async () => {
    const addresses = new Map<NodeId, string>();
    const a = await startNode({ nodeId: 1, addresses, limits: chunked }, started);
    const b = await startNode(
      { nodeId: 2, addresses, limits: { ...chunked, snapshotBytesMax: MiB } },
      started,
    );
    const error = await rejection(a.transport.sendSnapshot(2, 17, snapshotOf(randomBytes(2 * MiB, 1), 8)));
    expect(isMillraceError(error, ErrorCode.PAYLOAD_TOO_LARGE)).toBe(true);
    expect(String(error)).toContain("too-large");
    expect(b.snapshots).toHaveLength(0);
    expect(b.transport.stats().snapshotPartialBytes).toBe(0);
    expect(a.transport.stats().peers[2]?.snapshotsFailed).toBe(1);
  });

  it("caps the receiver's partial-transfer memory: a transfer past the cap is refused busy, then gives up", async () => {
    const addresses = new Map<NodeId, string>();
    let finishInstall = (): void => {};
    const installed = new Promise<void>((resolve) => (finishInstall = resolve));
    const a = await startNode(
      { nodeId: 1, addresses, limits: { ...chunked, snapshotRetriesMax: 2 } },
      started,
    );
    const b = await startNode(
      {
        nodeId: 2,
        addresses,
        limits: { ...chunked, snapshotBytesMax: 3 * MiB, snapshotReceiveBytesMax: 3 * MiB },
        onSnapshot: () => installed,
      },
      started,
    );
    // The first snapshot is received and held while its install hangs.
    const first = a.transport.sendSnapshot(2, 1, snapshotOf(randomBytes(2 * MiB, 1), 8));
    await waitFor("the first install to start", () => b.snapshots.length === 1);
    // Charged its data and what it holds besides: a few hundred bytes.
    const held = b.transport.stats().snapshotPartialBytes;
    expect(held).toBeGreaterThan(2 * MiB);
    expect(held).toBeLessThan(2 * MiB + KiB);

    const second = await rejection(a.transport.sendSnapshot(2, 2, snapshotOf(randomBytes(2 * MiB, 2), 8)));
    expect(isMillraceError(second, ErrorCode.UNAVAILABLE)).toBe(true);
    expect(String(second)).toContain("busy");
    expect(b.transport.stats().snapshotPartialBytes).toBe(held);

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
    const newerSnapshot = snapshotOf(randomBytes(MiB, 2), 9);
    const newer = a.transport.sendSnapshot(2, 1, newerSnapshot);
    expect(a.transport.sendSnapshot(2, 1, newerSnapshot)).toBe(newer);
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

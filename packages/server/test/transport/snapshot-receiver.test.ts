import { systemClock } from "@millrace/common";
import { crc32c } from "@millrace/storage";
import { afterEach, describe, expect, it } from "vitest";
import type { SnapshotAck, SnapshotChunkOutput } from "../../src/transport/peer-frames.js";
import { encodeSnapshotMetadata } from "../../src/transport/snapshot-codec.js";
import { SnapshotReceiver } from "../../src/transport/snapshot-receiver.js";
import { silentTransportLogger } from "../../src/transport/transport-options.js";
import { newPeerCounters } from "../../src/transport/transport-stats.js";

const MiB = 1_024 * 1_024;
const receivers: SnapshotReceiver[] = [];
afterEach(() => {
  for (const receiver of receivers.splice(0)) receiver.close();
});

function receiverWith(snapshotReceiveBytesMax: number): SnapshotReceiver {
  const receiver = new SnapshotReceiver({
    limits: { snapshotReceiveBytesMax, snapshotChunkBytes: 1_024, snapshotWindowChunks: 4 },
    partialTtlMs: 60_000,
    clock: systemClock,
    logger: silentTransportLogger,
    counters: () => newPeerCounters(),
    open: () => ({ write: () => Promise.resolve(), finish: () => Promise.resolve(), abandon: () => {} }),
    onHandlerError: () => {},
  });
  receivers.push(receiver);
  return receiver;
}

/** The first chunk of a `totalBytes` snapshot of `groupId` at index 10, carrying none of its data. */
function firstChunk(
  groupId: number,
  totalBytes: number,
  voters: readonly number[] = [1, 2, 3],
): SnapshotChunkOutput {
  const confState = {
    voters: [...voters],
    learners: [],
    votersOutgoing: [],
    learnersNext: [],
    autoLeave: false,
  };
  const data = new Uint8Array(0);
  return {
    groupId: String(groupId),
    term: "2",
    index: "10",
    offset: "0",
    data: Buffer.from(data),
    totalSizeBytes: String(totalBytes),
    dataCrc32c: crc32c(data),
    done: false,
    transferId: String(groupId),
    metadata: Buffer.from(
      encodeSnapshotMetadata({ index: 10, term: 2, confState }, { term: 2, from: 1, to: 2 }),
    ),
  };
}

describe("SnapshotReceiver memory bound", () => {
  // A partial transfer holds its record, key strings and buffer object whatever its size: a peer opening
  // transfers of a byte each must not be able to hold memory that snapshotReceiveBytesMax does not see.
  it("charges each partial transfer what it holds besides its data", () => {
    const receiver = receiverWith(MiB);
    const acks: SnapshotAck[] = [];
    for (let groupId = 1; groupId <= 10_000; groupId++) {
      receiver.onChunk(1, firstChunk(groupId, 1), (ack) => acks.push(ack));
    }
    // Each transfer holds at least a few hundred bytes, so a MiB holds at most a few thousand.
    expect(receiver.partialCount).toBeLessThanOrEqual(4_096);
    expect(receiver.partialBytes).toBeLessThanOrEqual(MiB);
    expect(acks.filter((ack) => ack.rejectReason?.startsWith("busy")).length).toBeGreaterThan(0);
  });

  it("charges a transfer its decoded metadata, which a peer sizes up to a frame", () => {
    const receiver = receiverWith(MiB);
    // 100,000 voter ids: about 300 KB of msgpack, about 800 KB as a decoded array of numbers.
    const voters = Array.from({ length: 100_000 }, (_, i) => i + 1);
    for (let groupId = 1; groupId <= 20; groupId++) {
      receiver.onChunk(1, firstChunk(groupId, 1, voters), () => {});
    }
    expect(receiver.partialCount).toBeLessThanOrEqual(1);
    expect(receiver.partialBytes).toBeLessThanOrEqual(MiB);
  });
});

import { describe, expect, it } from "vitest";
import { receiveNonce, timeOrderedMessageId } from "../../src/queues/message-ids.js";

const uuidV7 = /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

describe("timeOrderedMessageId", () => {
  it("is a UUIDv7 whose first 48 bits are the time in milliseconds", () => {
    const nowMs = Date.UTC(2026, 10, 26, 16, 0, 0, 123);
    const id = timeOrderedMessageId(nowMs);
    expect(id).toMatch(uuidV7);
    expect(Number.parseInt(id.slice(0, 8) + id.slice(9, 13), 16)).toBe(nowMs);
  });

  it("sorts as text in the order of its time, so a partition's new keys sort together", () => {
    const times = [0, 1, 255, 256, 2 ** 40, 1_700_000_000_000, 1_700_000_000_001, 2 ** 48 - 1];
    const ids = times.map((t) => timeOrderedMessageId(t));
    expect([...ids].sort()).toEqual(ids);
  });

  it("gives distinct ids within one millisecond", () => {
    const ids = new Set(Array.from({ length: 10_000 }, () => timeOrderedMessageId(1_700_000_000_000)));
    expect(ids.size).toBe(10_000);
  });

  it("keeps its shape for times outside the 48 bits it holds", () => {
    for (const t of [-5, 2 ** 48, Number.MAX_SAFE_INTEGER]) expect(timeOrderedMessageId(t)).toMatch(uuidV7);
    expect(timeOrderedMessageId(-5).startsWith("00000000-0000-7")).toBe(true);
    expect(timeOrderedMessageId(2 ** 48).startsWith("ffffffff-ffff-7")).toBe(true);
  });
});

describe("receiveNonce", () => {
  it("gives 16 bytes, distinct across many pool refills, each its own copy", () => {
    const nonces = Array.from({ length: 2_000 }, () => receiveNonce());
    expect(nonces.every((n) => n.length === 16 && n.byteOffset === 0 && n.buffer.byteLength === 16)).toBe(
      true,
    );
    expect(new Set(nonces.map((n) => Buffer.from(n).toString("hex"))).size).toBe(2_000);
    // Refilling the pool leaves the nonces already handed out as they were.
    const first = Buffer.from(nonces[0]!).toString("hex");
    for (let i = 0; i < 1_000; i++) receiveNonce();
    expect(Buffer.from(nonces[0]!).toString("hex")).toBe(first);
  });
});

import { describe, expect, it } from "vitest";
import {
  encodeBatchedCommand,
  encodeQueueCommand,
  parseBatchedCommand,
  parseQueueCommand,
} from "../../src/index.js";

/** The one command of a batch entry holding `command`, parsed as apply parses it. */
function parseInBatch(
  command: Uint8Array,
  entry = encodeQueueCommand({ type: "batch", nowMs: 1, commands: [command] }),
) {
  const batch = parseQueueCommand(entry);
  if (!batch.ok || batch.value.type !== "batch") throw new Error("the batch did not parse");
  const parsed = parseBatchedCommand(batch.value.commands[0] as Uint8Array, 1);
  if (!parsed.ok) throw new Error("the command did not parse");
  return parsed.value;
}

// Commands are decoded from a Raft entry's data with binary fields as views, not copies. What apply
// keeps past the entry must still be its own bytes: a receive's nonce goes into the metas a partition
// caches, where a view would keep the whole entry (a batch of sends, up to megabytes) alive with it.
describe("command parsing", () => {
  it("copies a receive's nonce out of the entry it was read from", () => {
    const nonce = Uint8Array.from({ length: 16 }, (_, i) => i + 1);
    const receive = encodeBatchedCommand({ type: "receive", candidates: ["m-1"], nonce });
    const entry = encodeQueueCommand({ type: "batch", nowMs: 1, commands: [receive] });
    const parsed = parseInBatch(receive, entry);
    if (parsed.type !== "receive") throw new Error("not a receive");

    expect(parsed.nonce).toEqual(nonce);
    expect(parsed.nonce.buffer).not.toBe(entry.buffer);
    entry.fill(0);
    expect(parsed.nonce).toEqual(nonce);
  });

  it("reads a send's bodies whole and in order", () => {
    const bodies = [Uint8Array.of(1, 2, 3), new Uint8Array(2048).fill(7)];
    const send = encodeBatchedCommand({
      type: "send",
      entries: bodies.map((body, i) => ({ entryId: `e${i}`, messageId: `m-${i}`, body })),
    });
    const parsed = parseInBatch(send);
    if (parsed.type !== "send") throw new Error("not a send");
    expect(parsed.entries.map((e) => e.body)).toEqual(bodies);
  });
});

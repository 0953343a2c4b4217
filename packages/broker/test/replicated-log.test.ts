import { encode, limits, type CommittedEntries, type StateReader } from "@millrace/common";
import fc from "fast-check";
import { beforeEach, describe, expect, it } from "vitest";
import { MemoryKeyspace } from "@millrace/testkit";
import { ReplicatedLog, encodeLogCommand, recordKey } from "../src/index.js";
import { encodeAppendCommand } from "../src/log-layouts.js";

/** The group's Raft log as the state machine reads it: each command applied, by its index. */
const commands = new Map<number, Uint8Array>();
const entries: CommittedEntries = { command: (index) => Promise.resolve(commands.get(index)) };
beforeEach(() => commands.clear());

/** Applies `command` as the entry at `index`, which the log then holds, as a replica's does. */
function applyAt(log: ReplicatedLog, index: number, command: Uint8Array, ks: MemoryKeyspace) {
  commands.set(index, command);
  return log.apply(index, command, ks);
}

const bytes = (s: string) => new TextEncoder().encode(s);

describe("ReplicatedLog", () => {
  it("gives appended records consecutive sequence numbers and reads them back in order", async () => {
    const log = new ReplicatedLog();
    const ks = new MemoryKeyspace();
    const a = applyAt(log, 1, encodeLogCommand({ type: "append", records: [bytes("a"), bytes("b")] }), ks);
    const b = applyAt(log, 2, encodeLogCommand({ type: "append", records: [bytes("c")] }), ks);
    expect(a).toEqual({ ok: true, value: { type: "append", firstSeq: 1, count: 2 } });
    expect(b).toEqual({ ok: true, value: { type: "append", firstSeq: 3, count: 1 } });
    const rows = await log.read(ks, entries, 2, 10);
    expect(rows.map((r) => [r.seq, new TextDecoder().decode(r.record)])).toEqual([
      [2, "b"],
      [3, "c"],
    ]);
  });

  it("trims from the front and keeps sequence numbers after a restore", async () => {
    const log = new ReplicatedLog();
    const ks = new MemoryKeyspace();
    applyAt(log, 1, encodeLogCommand({ type: "append", records: [bytes("a"), bytes("b"), bytes("c")] }), ks);
    expect(applyAt(log, 2, encodeLogCommand({ type: "trim", beforeSeq: 3 }), ks)).toEqual({
      ok: true,
      value: { type: "trim", firstSeq: 3 },
    });
    const restored = new ReplicatedLog();
    await restored.restore(ks);
    expect([restored.firstSeq, restored.nextSeq]).toEqual([3, 4]);
    expect((await restored.read(ks, entries, 1, 10)).map((r) => r.seq)).toEqual([3]);
    expect(
      applyAt(restored, 3, encodeLogCommand({ type: "append", records: [bytes("d")] }), ks),
    ).toMatchObject({
      value: { firstSeq: 4 },
    });
  });

  it("rejects malformed commands as values, identically on every replica, without changing state", () => {
    const log = new ReplicatedLog();
    const ks = new MemoryKeyspace();
    for (const command of [
      new Uint8Array([0xc1]),
      new Uint8Array([0xc1, 0x07, 0, 0, 0, 1, 0, 0, 0, 0]),
      // No records; a record count of 2 with one record; a length running past the end; a byte too many.
      new Uint8Array([0xc1, 0x01, 0, 0, 0, 0]),
      new Uint8Array([0xc1, 0x01, 0, 0, 0, 2, 0, 0, 0, 1, 0x61]),
      new Uint8Array([0xc1, 0x01, 0, 0, 0, 1, 0, 0, 0, 9, 0x61]),
      new Uint8Array([0xc1, 0x01, 0, 0, 0, 1, 0, 0, 0, 1, 0x61, 0x62]),
      new Uint8Array([0xc1, 0x01, 0, 0, 0]),
      encodeAppendCommand(Array.from({ length: limits.logAppendRecordsMax + 1 }, () => new Uint8Array(0))),
      encodeAppendCommand([new Uint8Array(limits.batchBytesMax + 1)]),
      encode({
        type: "append",
        records: Array.from({ length: limits.logAppendRecordsMax + 1 }, () => new Uint8Array(0)),
      }),
      encode({ type: 7 }),
      // msgpack gives a BigInt for a 64-bit integer, which JSON.stringify throws on.
      encode({ type: 2n ** 64n - 1n }),
      encode("append"),
      encode({ type: "append", records: [] }),
      encode({ type: "append", records: ["not bytes"] }),
      encode({ type: "trim", beforeSeq: -1 }),
      encode({ type: "explode" }),
    ]) {
      const result = applyAt(log, 1, command, ks);
      expect(result.ok).toBe(false);
      if (!result.ok) expect(result.code).toBe("INVALID_ARGUMENT");
    }
    expect(ks.rows.size).toBe(0);
    expect(log.nextSeq).toBe(1);
  });

  it("stores an append as one chunk whatever its record count, and reads from inside a chunk", async () => {
    const log = new ReplicatedLog();
    const ks = new MemoryKeyspace();
    const records = Array.from({ length: 100 }, (_, i) => bytes(`r${i + 1}`));
    applyAt(log, 1, encodeLogCommand({ type: "append", records }), ks);
    // The chunk, its bounds and the summary: three keys for a hundred records.
    expect(ks.rows.size).toBe(3);
    applyAt(log, 2, encodeLogCommand({ type: "append", records: [bytes("r101")] }), ks);
    const read = await log.read(ks, entries, 98, 3);
    expect(read.map((r) => [r.seq, new TextDecoder().decode(r.record)])).toEqual([
      [98, "r98"],
      [99, "r99"],
      [100, "r100"],
    ]);
    expect((await log.read(ks, entries, 100, 10)).map((r) => r.seq)).toEqual([100, 101]);
  });

  it("refuses to read a stored chunk that does not parse rather than return wrong records", async () => {
    const log = new ReplicatedLog();
    const ks = new MemoryKeyspace();
    applyAt(log, 1, encodeLogCommand({ type: "append", records: [bytes("a")] }), ks);
    // The chunk holding seq 1 (key `c` + last seq), cut short: its one record claims 9 bytes.
    ks.put(new Uint8Array([0x63, 0, 0, 0, 0, 0, 0, 0, 1]), new Uint8Array([0, 0, 0, 1, 0, 0, 0, 9, 0x61]));
    await expect(log.read(ks, entries, 1, 10)).rejects.toThrow(
      /stored log chunk is damaged: record 1 runs past/,
    );
  });

  it("still applies appends in the msgpack form earlier versions proposed", async () => {
    const log = new ReplicatedLog();
    const ks = new MemoryKeyspace();
    expect(applyAt(log, 1, encode({ type: "append", records: [bytes("a"), bytes("b")] }), ks)).toEqual({
      ok: true,
      value: { type: "append", firstSeq: 1, count: 2 },
    });
    expect((await log.read(ks, entries, 1, 10)).map((r) => new TextDecoder().decode(r.record))).toEqual([
      "a",
      "b",
    ]);
  });

  it("reads and trims records stored one per key by earlier versions, before and after new appends", async () => {
    // A keyspace as a version before chunks left it: records 1 to 5 one per key, records 1 and 2 trimmed.
    const ks = new MemoryKeyspace();
    for (let seq = 3; seq <= 5; seq++) ks.put(recordKey(seq), bytes(`old${seq}`));
    ks.put(new Uint8Array([0x6d]), encode({ firstSeq: 3, nextSeq: 6 }));
    const log = new ReplicatedLog();
    await log.restore(ks);
    expect(
      applyAt(log, 1, encodeLogCommand({ type: "append", records: [bytes("new6"), bytes("new7")] }), ks),
    ).toEqual({ ok: true, value: { type: "append", firstSeq: 6, count: 2 } });
    const decodeAll = async (from: number) =>
      (await log.read(ks, entries, from, 10)).map((r) => [r.seq, new TextDecoder().decode(r.record)]);
    expect(await decodeAll(1)).toEqual([
      [3, "old3"],
      [4, "old4"],
      [5, "old5"],
      [6, "new6"],
      [7, "new7"],
    ]);
    // A restart keeps the boundary between the two layouts.
    const restored = new ReplicatedLog();
    await restored.restore(ks);
    expect(await restored.read(ks, entries, 4, 2)).toHaveLength(2);
    applyAt(restored, 2, encodeLogCommand({ type: "trim", beforeSeq: 7 }), ks);
    expect((await restored.read(ks, entries, 1, 10)).map((r) => r.seq)).toEqual([7]);
    expect(ks.rows.has(Buffer.from(recordKey(5)).toString("hex"))).toBe(false);
  });

  it("stores an append's records once, in the Raft log, and keeps the entries it refers to from compaction", async () => {
    const log = new ReplicatedLog();
    const ks = new MemoryKeyspace();
    const records = Array.from({ length: 50 }, (_, i) => bytes(`record ${i + 1} `.repeat(20)));
    applyAt(log, 7, encodeLogCommand({ type: "append", records }), ks);
    applyAt(log, 8, encodeLogCommand({ type: "append", records: [bytes("x")] }), ks);
    applyAt(log, 9, encodeLogCommand({ type: "append", records: [bytes("y")] }), ks);
    // No stored value holds the records: the keyspace is a few dozen bytes for 10 KiB of them.
    const storedBytes = [...ks.rows.values()].reduce((n, row) => n + row.key.length + row.value.length, 0);
    expect(storedBytes).toBeLessThan(200);
    expect(log.logNeededFrom()).toBe(7);
    expect((await log.read(ks, entries, 50, 2)).map((r) => new TextDecoder().decode(r.record))).toEqual([
      "record 50 ".repeat(20),
      "x",
    ]);
    // Trimming the first chunk away releases its entry; trimming everything releases them all.
    applyAt(log, 10, encodeLogCommand({ type: "trim", beforeSeq: 51 }), ks);
    expect(log.logNeededFrom()).toBe(8);
    // A reference to an entry the log lost is refused, not read as no records.
    const entry9 = commands.get(9) as Uint8Array;
    commands.delete(9);
    await expect(log.read(ks, entries, 52, 1)).rejects.toThrow(
      /refers to Raft entry 9, which the log no longer/,
    );
    commands.set(9, entry9);
    const restored = new ReplicatedLog();
    await restored.restore(ks);
    expect(restored.logNeededFrom()).toBe(8);
    applyAt(restored, 11, encodeLogCommand({ type: "trim", beforeSeq: 100 }), ks);
    expect(restored.logNeededFrom()).toBeUndefined();
  });

  it("skips the chunks a trim released while a read was under way, instead of failing the read", async () => {
    const log = new ReplicatedLog();
    const ks = new MemoryKeyspace();
    for (let i = 1; i <= 4; i++)
      applyAt(log, i, encodeLogCommand({ type: "append", records: [bytes(`r${i}`)] }), ks);
    // The read's range comes back, then a trim below 3 applies and compaction takes entries 1 and 2.
    const racing: StateReader = {
      get: (key) => ks.get(key),
      range: async (from, to, limit) => {
        const rows = await ks.range(from, to, limit);
        applyAt(log, 5, encodeLogCommand({ type: "trim", beforeSeq: 3 }), ks);
        commands.delete(1);
        commands.delete(2);
        return rows;
      },
    };
    const rows = await log.read(racing, entries, 1, 10);
    expect(rows.map((r) => new TextDecoder().decode(r.record))).toEqual(["r3", "r4"]);
  });

  it("matches a list model under appends, trims, compaction and a snapshot, read from anywhere, restored or not", async () => {
    const command = fc.oneof(
      fc.record({
        type: fc.constant("append" as const),
        records: fc.array(fc.uint8Array({ maxLength: 8 }), { minLength: 1, maxLength: 6 }),
      }),
      fc.record({ type: fc.constant("trim" as const), beforeSeq: fc.integer({ min: 1, max: 60 }) }),
    );
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 0, max: 5 }),
        fc.array(command, { maxLength: 30 }),
        fc.integer({ min: 0, max: 60 }),
        fc.integer({ min: 1, max: 12 }),
        fc.boolean(),
        fc.integer({ min: -1, max: 30 }),
        async (legacyRecords, commandList, fromSeq, limit, restart, snapshotAt) => {
          commands.clear();
          // Optionally start from records an earlier version stored one per key.
          let ks = new MemoryKeyspace();
          const model: { seq: number; record: Uint8Array }[] = [];
          let next = 1;
          for (; next <= legacyRecords; next++) {
            const record = new Uint8Array([next]);
            ks.put(recordKey(next), record);
            model.push({ seq: next, record });
          }
          if (legacyRecords > 0) ks.put(new Uint8Array([0x6d]), encode({ firstSeq: 1, nextSeq: next }));
          let log = new ReplicatedLog();
          await log.restore(ks);
          for (const [i, cmd] of commandList.entries()) {
            if (restart && i === commandList.length >> 1) {
              log = new ReplicatedLog();
              await log.restore(ks);
            }
            if (i === snapshotAt) {
              // Another replica installs a snapshot of this one: its log starts after the snapshot.
              const received = new MemoryKeyspace();
              for (const { key, value } of ks.rows.values()) {
                received.put(key, await log.snapshotValue(key, value, entries));
              }
              commands.clear();
              ks = received;
              log = new ReplicatedLog();
              await log.restore(ks);
            }
            applyAt(log, i + 1, encodeLogCommand(cmd), ks);
            if (cmd.type === "append") for (const record of cmd.records) model.push({ seq: next++, record });
            else while (model.length > 0 && model[0]!.seq < cmd.beforeSeq) model.shift();
            // Compaction discards every entry the log does not say it needs.
            const needed = log.logNeededFrom() ?? Number.POSITIVE_INFINITY;
            for (const index of commands.keys()) if (index < needed) commands.delete(index);
          }
          const expected = model.filter((m) => m.seq >= fromSeq).slice(0, limit);
          const read = await log.read(ks, entries, fromSeq, limit);
          expect(read.map((r) => r.seq)).toEqual(expected.map((m) => m.seq));
          expect(read.map((r) => Buffer.from(r.record).toString("hex"))).toEqual(
            expected.map((m) => Buffer.from(m.record).toString("hex")),
          );
          expect(log.nextSeq).toBe(next);
        },
      ),
    );
  });
});

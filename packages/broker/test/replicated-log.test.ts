import { encode } from "@millrace/common";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { MemoryKeyspace } from "@millrace/testkit";
import { ReplicatedLog, encodeLogCommand } from "../src/index.js";

/** A sorted in-memory keyspace standing in for the group's LevelDB range. */

const bytes = (s: string) => new TextEncoder().encode(s);

describe("ReplicatedLog", () => {
  it("gives appended records consecutive sequence numbers and reads them back in order", async () => {
    const log = new ReplicatedLog();
    const ks = new MemoryKeyspace();
    const a = log.apply(1, encodeLogCommand({ type: "append", records: [bytes("a"), bytes("b")] }), ks);
    const b = log.apply(2, encodeLogCommand({ type: "append", records: [bytes("c")] }), ks);
    expect(a).toEqual({ ok: true, value: { type: "append", firstSeq: 1, count: 2 } });
    expect(b).toEqual({ ok: true, value: { type: "append", firstSeq: 3, count: 1 } });
    const rows = await log.read(ks, 2, 10);
    expect(rows.map((r) => [r.seq, new TextDecoder().decode(r.record)])).toEqual([
      [2, "b"],
      [3, "c"],
    ]);
  });

  it("trims from the front and keeps sequence numbers after a restore", async () => {
    const log = new ReplicatedLog();
    const ks = new MemoryKeyspace();
    log.apply(1, encodeLogCommand({ type: "append", records: [bytes("a"), bytes("b"), bytes("c")] }), ks);
    expect(log.apply(2, encodeLogCommand({ type: "trim", beforeSeq: 3 }), ks)).toEqual({
      ok: true,
      value: { type: "trim", firstSeq: 3 },
    });
    const restored = new ReplicatedLog();
    await restored.restore(ks);
    expect([restored.firstSeq, restored.nextSeq]).toEqual([3, 4]);
    expect((await restored.read(ks, 1, 10)).map((r) => r.seq)).toEqual([3]);
    expect(restored.apply(3, encodeLogCommand({ type: "append", records: [bytes("d")] }), ks)).toMatchObject({
      value: { firstSeq: 4 },
    });
  });

  it("rejects malformed commands as values, identically on every replica, without changing state", () => {
    const log = new ReplicatedLog();
    const ks = new MemoryKeyspace();
    for (const command of [
      new Uint8Array([0xc1]),
      encode("append"),
      encode({ type: "append", records: [] }),
      encode({ type: "append", records: ["not bytes"] }),
      encode({ type: "trim", beforeSeq: -1 }),
      encode({ type: "explode" }),
    ]) {
      const result = log.apply(1, command, ks);
      expect(result.ok).toBe(false);
      if (!result.ok) expect(result.code).toBe("INVALID_ARGUMENT");
    }
    expect(ks.rows.size).toBe(0);
    expect(log.nextSeq).toBe(1);
  });

  it("matches a list model under any sequence of appends and trims", async () => {
    const command = fc.oneof(
      fc.record({
        type: fc.constant("append" as const),
        records: fc.array(fc.uint8Array({ maxLength: 8 }), { minLength: 1, maxLength: 4 }),
      }),
      fc.record({ type: fc.constant("trim" as const), beforeSeq: fc.integer({ min: 1, max: 40 }) }),
    );
    await fc.assert(
      fc.asyncProperty(fc.array(command, { maxLength: 30 }), async (commands) => {
        const log = new ReplicatedLog();
        const ks = new MemoryKeyspace();
        const model: { seq: number; record: Uint8Array }[] = [];
        let next = 1;
        commands.forEach((cmd, i) => {
          log.apply(i + 1, encodeLogCommand(cmd), ks);
          if (cmd.type === "append") for (const record of cmd.records) model.push({ seq: next++, record });
          else while (model.length > 0 && model[0]!.seq < cmd.beforeSeq) model.shift();
        });
        const read = await log.read(ks, 1, 1000);
        expect(read.map((r) => r.seq)).toEqual(model.map((m) => m.seq));
        expect(read.map((r) => Buffer.from(r.record).toString("hex"))).toEqual(
          model.map((m) => Buffer.from(m.record).toString("hex")),
        );
      }),
    );
  });
});

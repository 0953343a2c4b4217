import { ErrorCode, MillraceError } from "@millrace/common";
import { describe, expect, it } from "vitest";
import { Database } from "../src/database.js";
import { tempDir } from "./helpers.js";

const bytes = (text: string) => new TextEncoder().encode(text);
/** A value as plain bytes (classic-level hands back Buffers). */
const read = (db: Database, key: string) => {
  const value = db.getSync(bytes(key));
  return value === undefined ? undefined : new Uint8Array(value);
};

describe("the node's database", () => {
  it("writes puts and deletes in order, large values whole, and they survive a reopen", async () => {
    const dir = tempDir();
    const db = await Database.open(dir, { createIfMissing: true });
    // An entry-sized value (the log folds hundreds of records into one) next to small ones.
    const large = new Uint8Array(600_000).map((_, i) => (i * 31) & 0xff);
    const view = new Uint8Array(new ArrayBuffer(32), 8, 16).fill(9); // not at offset 0 of its buffer
    await db.write(
      [
        { type: "put", key: bytes("a"), value: bytes("first") },
        { type: "put", key: bytes("b"), value: large },
        { type: "put", key: bytes("c"), value: view },
        { type: "put", key: bytes("a"), value: bytes("second") },
        { type: "del", key: bytes("c") },
        { type: "put", key: bytes("d"), value: new Uint8Array(0) },
      ],
      true,
    );
    expect(read(db, "a")).toEqual(bytes("second"));
    expect(read(db, "c")).toBeUndefined();
    await db.write([{ type: "put", key: bytes("c"), value: view }], false);
    await db.close();

    const again = await Database.open(dir, { createIfMissing: false });
    try {
      expect(read(again, "a")).toEqual(bytes("second"));
      expect(read(again, "b")).toEqual(large);
      expect(read(again, "c")).toEqual(new Uint8Array(16).fill(9));
      expect(read(again, "d")).toEqual(new Uint8Array(0));
    } finally {
      await again.close();
    }
  });

  it("refuses a write once closed, rather than reaching the closed native handle", async () => {
    const db = await Database.open(tempDir(), { createIfMissing: true });
    await db.close();
    const refused = db.write([{ type: "put", key: bytes("k"), value: bytes("v") }], true);
    await expect(refused).rejects.toBeInstanceOf(MillraceError);
    await expect(refused).rejects.toMatchObject({ code: ErrorCode.UNAVAILABLE });
  });
});

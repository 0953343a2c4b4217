import { describe, expect, it } from "vitest";
import { handOverTarget } from "../../src/host/hand-over.js";

describe("the voter a stopping leader hands a group to", () => {
  const match = (m: Record<number, number>) => (id: number) => m[id];
  const none = () => false;

  it("is the one holding the most of the log, so the transfer need not wait for it to catch up", () => {
    expect(handOverTarget(1, [1, 2, 3], match({ 2: 40, 3: 90 }), none)).toBe(3);
    expect(handOverTarget(1, [3, 1, 2], match({ 2: 90, 3: 90 }), none)).toBe(2);
  });

  it("is never itself, nor a voter whose node has gone silent", () => {
    expect(handOverTarget(2, [1, 2, 3], match({ 1: 90, 2: 99, 3: 10 }), (id) => id === 1)).toBe(3);
    expect(handOverTarget(1, [1], match({}), none)).toBeUndefined();
    expect(handOverTarget(1, [1, 2, 3], match({ 2: 5, 3: 5 }), () => true)).toBeUndefined();
  });

  it("may be a voter it has no progress for yet", () => {
    expect(handOverTarget(1, [1, 2], match({}), none)).toBe(2);
  });
});

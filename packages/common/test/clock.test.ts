import { describe, it, expect } from "vitest";
import { AssertionError, systemClock, timerDelayMsMax } from "../src/index.js";

describe("systemClock", () => {
  it("fires a timer, and never fires one that was cleared", async () => {
    const fired: string[] = [];
    const cleared = systemClock.setTimer(1, () => fired.push("cleared"));
    systemClock.clearTimer(cleared);
    await new Promise<void>((resolve) => systemClock.setTimer(5, () => resolve()));
    systemClock.clearTimer(cleared); // clearing twice does nothing
    expect(fired).toEqual([]);
  });

  it("reads a monotonic time that never goes backwards and a wall time near Date.now()", () => {
    let previous = systemClock.monotonicMs();
    for (let i = 0; i < 1_000; i++) {
      const now = systemClock.monotonicMs();
      expect(now).toBeGreaterThanOrEqual(previous);
      previous = now;
    }
    expect(Math.abs(systemClock.nowMs() - Date.now())).toBeLessThan(1_000);
  });

  it("refuses delays setTimeout would silently shorten to 1 ms", () => {
    expect(() => systemClock.setTimer(timerDelayMsMax + 1, () => undefined)).toThrow(AssertionError);
    expect(() => systemClock.setTimer(-1, () => undefined)).toThrow(AssertionError);
    expect(() => systemClock.setTimer(Number.NaN, () => undefined)).toThrow(AssertionError);
  });
});

import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { replayCommand, runSeed } from "./run-seed.js";

/**
 * The deterministic Raft simulation (TESTING.md layer 3): every seed that ever failed, plus a batch of
 * fresh seeds that changes on every run. A fresh base is printed so a failure can be replayed; each
 * failure's message carries the command that replays it. Set SIM_SEED_BASE to rerun a given batch and
 * SIM_FRESH_SEEDS to change its size.
 *
 * Every seed that fails — here, in CI or in a long `npm run sim` — joins regression-seeds.json, with a
 * line on its cause, once the cause is fixed.
 */

interface RegressionSeed {
  readonly seed: number;
  readonly cause: string;
}

const regression = JSON.parse(
  readFileSync(new URL("regression-seeds.json", import.meta.url), "utf8"),
) as RegressionSeed[];
const freshCount = Number(process.env["SIM_FRESH_SEEDS"] ?? 300);
// Fresh seeds sit far above the 1..10 000 range of the long runs, and move with the clock.
const freshBase = Number(process.env["SIM_SEED_BASE"] ?? 10_000_000 + (Date.now() % 1_000_000_000));
const fresh = Array.from({ length: freshCount }, (_, i) => freshBase + i);

function check(seed: number): void {
  const result = runSeed(seed);
  expect(result.ok, `seed ${seed} failed: ${result.reason ?? "?"}\n  replay: ${replayCommand(seed)}`).toBe(
    true,
  );
}

describe("raft simulation: regression seeds", () => {
  it.each(regression.map((r) => r.seed))("seed %i", (seed) => check(seed));
});

describe(`raft simulation: ${freshCount} fresh seeds from ${freshBase} (replay with SIM_SEED_BASE=${freshBase})`, () => {
  console.log(`raft simulation: fresh seeds ${freshBase}..${freshBase + freshCount - 1}`);
  it.each(fresh)("seed %i", (seed) => check(seed));
});

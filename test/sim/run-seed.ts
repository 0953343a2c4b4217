import { SeededRandom } from "@millrace/common";
import {
  RaftClusterSim,
  randomRaftSimOptions,
  type RaftSimResult,
  type RaftSimStats,
} from "@millrace/testkit";

/**
 * Runs one seed of the Raft cluster simulation. Everything — the cluster size, the Raft settings, the
 * fault mix and every random choice of the run — derives from the seed, so the same seed (on the same
 * commit) replays the same run exactly.
 */

export interface SeedResult {
  readonly seed: number;
  readonly ok: boolean;
  /** Why it failed: the kind (safety, liveness, exception), the tick and the detail. */
  readonly reason?: string;
  readonly stats: RaftSimStats;
  readonly elapsedMs: number;
}

export interface RunSeedOptions {
  /** Receives the trace of the run, one line per event. */
  readonly trace?: (line: string) => void;
  /** Include the Raft core's own logs in the trace. */
  readonly raftLogs?: boolean;
}

export function replayCommand(seed: number): string {
  return `npm run sim -- --seeds 1 --from ${seed} --verbose`;
}

export function runSeed(seed: number, options: RunSeedOptions = {}): SeedResult {
  const started = performance.now();
  const root = new SeededRandom(seed);
  const simOptions = randomRaftSimOptions(root.fork());
  const hooks =
    options.trace === undefined ? {} : { trace: options.trace, raftLogs: options.raftLogs ?? false };
  const result: RaftSimResult = new RaftClusterSim(simOptions, root.fork(), hooks).run();
  const elapsedMs = performance.now() - started;
  if (result.ok) return { seed, ok: true, stats: result.stats, elapsedMs };
  const failure = result.failure as NonNullable<RaftSimResult["failure"]>;
  return {
    seed,
    ok: false,
    reason: `${failure.kind} at tick ${failure.tick}: ${failure.message}`,
    stats: result.stats,
    elapsedMs,
  };
}

import { replayCommand, runSeed, type SeedResult } from "./run-seed.js";

/**
 * npm run sim -- --seeds N --from S [--verbose] [--raft-logs]
 *
 * Runs seeds S .. S+N-1 of the Raft cluster simulation and ends with the line "N passed, M failed". Each
 * failure prints its seed, the reason and the command that replays it. --verbose prints the trace of every
 * run (meant for one seed); --raft-logs adds the Raft core's own logs to it.
 */

function usage(message: string): never {
  console.error(`${message}\nusage: npm run sim -- --seeds N --from S [--verbose] [--raft-logs]`);
  process.exit(2);
}

function parseArgs(argv: readonly string[]): {
  seeds: number;
  from: number;
  verbose: boolean;
  raftLogs: boolean;
} {
  let seeds = 100;
  let from = 1;
  let verbose = false;
  let raftLogs = false;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string;
    const value = (): number => {
      const text = argv[++i];
      const n = Number(text);
      if (text === undefined || !Number.isSafeInteger(n))
        usage(`${arg} needs an integer, got ${String(text)}`);
      return n;
    };
    switch (arg) {
      case "--seeds":
        seeds = value();
        if (seeds < 1) usage("--seeds must be at least 1");
        break;
      case "--from":
        from = value();
        break;
      case "--verbose":
        verbose = true;
        break;
      case "--raft-logs":
        verbose = true;
        raftLogs = true;
        break;
      default:
        usage(`unknown argument ${arg}`);
    }
  }
  return { seeds, from, verbose, raftLogs };
}

function describeStats(r: SeedResult): string {
  const s = r.stats;
  const p = s.proposals;
  return (
    `ticks=${s.ticks} converged+${s.convergedAfter} terms=${s.leaderTerms} committed=${s.committed} ` +
    `proposals ok=${p.ok} fail=${p.fail} unknown=${p.unknown} pending=${p.pending} msgs=${s.messagesSent} ` +
    `crashes=${s.crashes} powerLosses=${s.powerLosses} clusterPowerLosses=${s.clusterPowerLosses} partitions=${s.partitions} ` +
    `snapshots=${s.snapshotsInstalled} confChanges=${s.confChangesApplied} transfers=${s.transfers} pauses=${s.pauses} reads=${s.readsServed} members=${s.finalMembers} ` +
    `(${Math.round(r.elapsedMs)} ms)`
  );
}

function main(): void {
  // Piped into `head` and the like: stop quietly when the reader goes away.
  process.stdout.on("error", (error: NodeJS.ErrnoException) => {
    if (error.code === "EPIPE") process.exit(process.exitCode ?? 0);
    throw error;
  });
  const { seeds, from, verbose, raftLogs } = parseArgs(process.argv.slice(2));
  let passed = 0;
  let failed = 0;
  const slowest: Array<{ seed: number; ms: number }> = [];
  const started = performance.now();
  for (let seed = from; seed < from + seeds; seed++) {
    const trace = verbose ? (line: string) => console.log(line) : undefined;
    const result = runSeed(seed, trace === undefined ? {} : { trace, raftLogs });
    slowest.push({ seed, ms: result.elapsedMs });
    slowest.sort((a, b) => b.ms - a.ms);
    if (slowest.length > 3) slowest.pop();
    if (result.ok) {
      passed++;
      if (verbose) console.log(`seed ${seed} passed: ${describeStats(result)}`);
    } else {
      failed++;
      console.log(`FAIL seed ${seed}: ${result.reason ?? "?"}`);
      console.log(`  replay: ${replayCommand(seed)}`);
      if (verbose) console.log(`  ${describeStats(result)}`);
    }
    const done = seed - from + 1;
    if (!verbose && seeds >= 200 && done % 500 === 0) {
      const elapsed = (performance.now() - started) / 1000;
      console.log(`... ${done}/${seeds} seeds, ${failed} failed, ${elapsed.toFixed(0)} s`);
    }
  }
  if (seeds > 1) {
    const elapsed = (performance.now() - started) / 1000;
    const worst = slowest.map((s) => `seed ${s.seed} ${Math.round(s.ms)} ms`).join(", ");
    console.log(
      `${seeds} seeds in ${elapsed.toFixed(1)} s (${Math.round((elapsed * 1000) / seeds)} ms each); slowest: ${worst}`,
    );
  }
  console.log(`${passed} passed, ${failed} failed`);
  process.exitCode = failed > 0 ? 1 : 0;
}

main();

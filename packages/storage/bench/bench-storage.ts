/**
 * `npx tsx --conditions=@millrace/source packages/storage/bench/bench-storage.ts`: how fast one node's
 * storage makes Raft entries durable with group commit, and how fast they are read back.
 *
 * Each round stages `--per-commit` entries of `--payload` bytes spread over `--groups` groups (plus each
 * group's hard state), then commits them with one synchronous LevelDB batch. In the pipelined mode, the
 * next round is staged while the previous commit's fsync runs, as the host's write loop does.
 *
 * The raw mode writes the same number and size of puts straight to LevelDB (chained batch, sync), with
 * no encoding or checksums: the ceiling this machine's disk and LevelDB allow, to judge the layer's cost.
 *
 * Options: --seconds N (default 5), --groups N (100), --payload N bytes (1024), --per-commit N (1000),
 * --cache-entries N per group (1024), --mode sequential|pipelined|raw|all (all).
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { Level } from "level";
import { EntryType, type Entry } from "@millrace/raft";
import { NodeStore, type CommitStats, type GroupStorage } from "../src/index.js";

const { values } = parseArgs({
  options: {
    seconds: { type: "string", default: "5" },
    groups: { type: "string", default: "100" },
    payload: { type: "string", default: "1024" },
    "per-commit": { type: "string", default: "1000" },
    "cache-entries": { type: "string", default: "1024" },
    mode: { type: "string", default: "all" },
  },
});
const seconds = Number(values.seconds);
const groupCount = Number(values.groups);
const payloadBytes = Number(values.payload);
const perCommit = Number(values["per-commit"]);
const perGroup = Math.max(1, Math.round(perCommit / groupCount));
const cacheEntries = Number(values["cache-entries"]);

interface Run {
  stageMs: number;
  entries: number;
  bytes: number;
  commits: number;
  fsyncMs: number[];
  elapsedMs: number;
}

async function withStore<T>(fn: (store: NodeStore, groups: GroupStorage[]) => Promise<T>): Promise<T> {
  const dir = mkdtempSync(join(tmpdir(), "millrace-bench-storage-"));
  const store = await NodeStore.open(dir, {
    identity: { clusterId: "bench", nodeId: 1 },
    entryCache: { entriesMax: cacheEntries },
  });
  try {
    const groups: GroupStorage[] = [];
    for (let id = 1; id <= groupCount; id++) groups.push(store.createGroup(id));
    await store.commit();
    return await fn(store, groups);
  } finally {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Stages one round: `perGroup` new entries for every group, and its hard state. */
function stageRound(groups: GroupStorage[], payload: Uint8Array): void {
  for (const group of groups) {
    const first = group.lastIndex() + 1;
    const batch: Entry[] = [];
    for (let i = 0; i < perGroup; i++)
      batch.push({ index: first + i, term: 1, type: EntryType.Normal, data: payload });
    group.stageEntries(batch);
    group.stageHardState({ term: 1, vote: 1, commit: first + perGroup - 1 });
  }
}

function record(run: Run, stats: CommitStats): void {
  run.entries += stats.entries;
  run.bytes += stats.bytes;
  run.commits += 1;
  run.fsyncMs.push(stats.fsyncMs);
}

async function writeLoop(pipelined: boolean): Promise<Run> {
  return withStore(async (store, groups) => {
    const payload = new Uint8Array(payloadBytes).fill(7);
    const run: Run = { stageMs: 0, entries: 0, bytes: 0, commits: 0, fsyncMs: [], elapsedMs: 0 };
    const started = performance.now();
    const deadline = started + seconds * 1000;
    let inFlight: Promise<CommitStats> | undefined;
    while (performance.now() < deadline) {
      const stageStarted = performance.now();
      stageRound(groups, payload);
      run.stageMs += performance.now() - stageStarted;
      const commit = store.commit();
      if (!pipelined) {
        record(run, await commit);
        continue;
      }
      // Stage the next round while this commit's fsync runs.
      if (inFlight !== undefined) record(run, await inFlight);
      inFlight = commit;
    }
    if (inFlight !== undefined) record(run, await inFlight);
    run.elapsedMs = performance.now() - started;
    await readBack(groups);
    return run;
  });
}

/** Reads every group's log back: the tail from the entry cache, older entries from LevelDB. */
async function readBack(groups: GroupStorage[]): Promise<void> {
  await Promise.resolve();
  let cached = 0;
  let fromDisk = 0;
  let started = performance.now();
  for (const group of groups) {
    const last = group.lastIndex();
    const cacheFrom = last - group.cachedEntries.entries + 1;
    cached += group.entries(cacheFrom, last + 1, Number.MAX_SAFE_INTEGER).length;
  }
  const cachedMs = performance.now() - started;
  started = performance.now();
  const deadline = started + 1000;
  for (const group of groups) {
    for (let lo = group.firstIndex(); lo + 64 <= group.lastIndex() - group.cachedEntries.entries; lo += 64) {
      fromDisk += group.entries(lo, lo + 64, Number.MAX_SAFE_INTEGER).length;
      if (performance.now() > deadline) break;
    }
    if (performance.now() > deadline) break;
  }
  const diskMs = performance.now() - started;
  console.log(
    `  read back: ${rate(cached, cachedMs)} entries/s from the entry cache, ` +
      `${rate(fromDisk, diskMs)} entries/s from LevelDB (getSync + checksum), ${fromDisk} read`,
  );
}

function rate(count: number, ms: number): string {
  return ms === 0 ? "-" : Math.round((count / ms) * 1000).toLocaleString("en-US");
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;
}

function report(name: string, run: Run): void {
  const sorted = [...run.fsyncMs].sort((a, b) => a - b);
  const mb = run.bytes / 1024 / 1024 / (run.elapsedMs / 1000);
  console.log(
    `${name}: ${rate(run.entries, run.elapsedMs)} entries/s (${mb.toFixed(1)} MiB/s), ` +
      `${rate(run.commits, run.elapsedMs)} commits/s, ${Math.round(run.entries / run.commits)} entries per fsync; ` +
      `batch write+fsync ms p50 ${percentile(sorted, 50).toFixed(2)} p99 ${percentile(sorted, 99).toFixed(2)} ` +
      `max ${(sorted[sorted.length - 1] ?? 0).toFixed(2)}` +
      (run.stageMs === 0 ? "" : `; staging ${((run.stageMs * 1000) / run.entries).toFixed(2)} µs per entry`),
  );
}

console.log(
  `${groupCount} groups, ${perGroup * groupCount} entries of ${payloadBytes} B per commit, ${seconds} s per mode`,
);
/** The same puts (entry keys, payload plus the 13-byte record header) straight into LevelDB. */
async function rawLoop(): Promise<Run> {
  const dir = mkdtempSync(join(tmpdir(), "millrace-bench-raw-"));
  const db = new Level<Uint8Array, Uint8Array>(dir, {
    keyEncoding: "view",
    valueEncoding: "view",
    writeBufferSize: 64 * 1024 * 1024,
  });
  await db.open();
  try {
    const value = new Uint8Array(payloadBytes + 13).fill(7);
    const run: Run = { stageMs: 0, entries: 0, bytes: 0, commits: 0, fsyncMs: [], elapsedMs: 0 };
    const started = performance.now();
    let next = 0;
    while (performance.now() < started + seconds * 1000) {
      const batch = db.batch();
      for (let i = 0; i < perGroup * groupCount; i++) {
        const key = new Uint8Array(14);
        new DataView(key.buffer).setUint32(10, next++);
        batch.put(key, value);
      }
      const writeStarted = performance.now();
      await batch.write({ sync: true });
      run.fsyncMs.push(performance.now() - writeStarted);
      run.entries += perGroup * groupCount;
      run.bytes += perGroup * groupCount * (14 + value.length);
      run.commits += 1;
    }
    run.elapsedMs = performance.now() - started;
    return run;
  } finally {
    await db.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

const mode = values.mode ?? "all";
if (mode === "all" || mode === "raw") report("raw level ", await rawLoop());
if (mode === "all" || mode === "sequential") report("sequential", await writeLoop(false));
if (mode === "all" || mode === "pipelined") report("pipelined ", await writeLoop(true));

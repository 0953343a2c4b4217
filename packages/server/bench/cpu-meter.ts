/**
 * How much CPU the nodes spent on a phase, from /proc (Linux). On this small machine the throughput
 * figures are set by CPU, so the cost per message is the steadier measure of a change: it does not move
 * when the load generators or other processes take a larger share of the cores.
 */
import { readFileSync, readdirSync } from "node:fs";

export interface CpuUse {
  /** CPU seconds the node processes used (user + system, every thread), summed over nodes. */
  nodeSeconds: number;
  /** The share of the machine's CPU time that was busy, 0 to 1. */
  machineBusy: number;
  /** Node CPU microseconds per acknowledged record or message, summed over nodes. */
  perRecordUs: number;
  /**
   * The part of perRecordUs spent on the nodes' main threads (JavaScript, gRPC, Raft); the rest is V8's
   * GC helpers and libuv's pool (LevelDB writes, fsync) and LevelDB's compaction thread.
   */
  mainPerRecordUs: number;
}

/** Starts measuring; `stop(records)` ends it. Undefined figures where /proc is not there. */
export function startCpuMeter(pids: readonly number[]): { stop(records: number): CpuUse | undefined } {
  const before = sample(pids);
  return { stop: (records) => use(before, sample(pids), records) };
}

/**
 * Measures from `fromMs` to `untilMs` (wall-clock times, as the load generators' span: load-window.ts);
 * `result(records)` once both have passed gives the figures.
 */
export function meterSpan(
  pids: readonly number[],
  fromMs: number,
  untilMs: number,
): { result(records: number): CpuUse | undefined } {
  let before: Sample | undefined;
  let after: Sample | undefined;
  const now = Date.now();
  const timers = [
    setTimeout(() => (before = sample(pids)), Math.max(0, fromMs - now)),
    setTimeout(() => (after = sample(pids)), Math.max(0, untilMs - now)),
  ];
  return {
    result(records) {
      for (const timer of timers) clearTimeout(timer);
      return use(before, after, records);
    },
  };
}

function use(before: Sample | undefined, after: Sample | undefined, records: number): CpuUse | undefined {
  if (before === undefined || after === undefined) return undefined;
  const nodeSeconds = (after.nodeTicks - before.nodeTicks) / ticksPerSecond;
  const mainSeconds = (after.mainTicks - before.mainTicks) / ticksPerSecond;
  const total = after.machineTotal - before.machineTotal;
  const perRecord = (seconds: number) => (records === 0 ? 0 : (seconds * 1e6) / records);
  return {
    nodeSeconds,
    machineBusy: total === 0 ? 0 : 1 - (after.machineIdle - before.machineIdle) / total,
    perRecordUs: perRecord(nodeSeconds),
    mainPerRecordUs: perRecord(mainSeconds),
  };
}

/** USER_HZ: the unit of /proc's CPU times, 100 on every Linux the project runs on. */
const ticksPerSecond = 100;

interface Sample {
  nodeTicks: number;
  mainTicks: number;
  machineIdle: number;
  machineTotal: number;
}

function sample(pids: readonly number[]): Sample | undefined {
  try {
    let nodeTicks = 0;
    let mainTicks = 0;
    for (const pid of pids) {
      nodeTicks += statTicks(`/proc/${pid}/stat`);
      // The main thread's id is the process id.
      mainTicks += statTicks(`/proc/${pid}/task/${pid}/stat`);
    }
    const cpu = readFileSync("/proc/stat", "utf8").split("\n")[0]!.split(/\s+/).slice(1).map(Number);
    // idle + iowait count as idle.
    return {
      nodeTicks,
      mainTicks,
      machineIdle: cpu[3]! + cpu[4]!,
      machineTotal: cpu.reduce((a, b) => a + b, 0),
    };
  } catch {
    return undefined;
  }
}

/** User + system CPU ticks from a /proc stat file. */
function statTicks(path: string): number {
  const stat = readFileSync(path, "utf8");
  // Fields after the command name (which may hold spaces) start at field 3; utime and stime are 14, 15.
  const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
  return Number(fields[11]) + Number(fields[12]);
}

/** ", nodes 412 µs CPU/msg (main threads 230), machine 98% busy", or "" without /proc. */
export function cpuText(use: CpuUse | undefined, unit: string): string {
  if (use === undefined) return "";
  const main = Math.round(use.mainPerRecordUs);
  return `, nodes ${Math.round(use.perRecordUs)} µs CPU/${unit} (main threads ${main}), machine ${Math.round(use.machineBusy * 100)}% busy`;
}

/** CPU seconds (user + system) of a process's main thread and of all its other threads; undefined without /proc. */
export function threadTicks(pid: number): { mainSeconds: number; otherSeconds: number } | undefined {
  try {
    let main = 0;
    let other = 0;
    for (const tid of readdirSync(`/proc/${pid}/task`)) {
      const ticks = statTicks(`/proc/${pid}/task/${tid}/stat`);
      // The main thread's id is the process id.
      if (tid === String(pid)) main += ticks;
      else other += ticks;
    }
    return { mainSeconds: main / ticksPerSecond, otherSeconds: other / ticksPerSecond };
  } catch {
    return undefined;
  }
}

import { ErrorCode, MillraceError } from "@millrace/common";
import { closeSync, existsSync, fsyncSync, openSync, readFileSync, writeSync } from "node:fs";
import { join } from "node:path";

/**
 * LevelDB replays its write-ahead log when it opens, and without paranoid checks (which classic-level
 * cannot turn on) it skips a record that fails its checksum, and everything after it in the block, then
 * carries on: a flipped byte in the log silently drops writes that were fsynced and acknowledged (Raft
 * entries, votes). It says so only in its info log (`LOG`), as "dropping N bytes". A node that opened that
 * way would rejoin its groups with a shorter log than it promised, which Raft cannot survive, so the
 * database is refused instead, and stays refused: LevelDB deletes the damaged log once it has recovered,
 * so a marker file keeps the verdict across restarts. A log cut short mid-record is what a crash leaves
 * and LevelDB does not report it; only damage inside the log is.
 */

/** Written into the data directory when recovery dropped data; its presence refuses every later open. */
export const damageMarkerName = "MILLRACE-DAMAGED";

const droppedLine = /: dropping (\d+) bytes; (.*)$/;

/** Throws if an earlier open found this directory's write-ahead log damaged. */
export function refuseIfMarkedDamaged(dir: string): void {
  const marker = join(dir, damageMarkerName);
  if (!existsSync(marker)) return;
  throw damaged(dir, readFileSync(marker, "utf8").trim());
}

/**
 * After LevelDB opened `dir`: what its recovery dropped, from the info log it wrote during this open, or
 * undefined when it dropped nothing.
 */
export function recoveryDamage(dir: string): string | undefined {
  const log = join(dir, "LOG");
  if (!existsSync(log)) return undefined;
  const drops = readFileSync(log, "utf8")
    .split("\n")
    .map((line) => droppedLine.exec(line))
    .filter((match) => match !== null);
  if (drops.length === 0) return undefined;
  const bytes = drops.reduce((sum, match) => sum + Number(match[1]), 0);
  const reasons = [...new Set(drops.map((match) => match[2]))].join("; ");
  return `LevelDB dropped ${bytes} bytes of its write-ahead log while recovering (${reasons})`;
}

/** Records `damage` in `dir` (fsynced) and returns the error that refuses the database. */
export function markDamaged(dir: string, damage: string): MillraceError {
  const fd = openSync(join(dir, damageMarkerName), "w");
  try {
    writeSync(fd, `${damage}\n`);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  return damaged(dir, damage);
}

function damaged(dir: string, damage: string): MillraceError {
  return new MillraceError(
    ErrorCode.FAILED_PRECONDITION,
    `the database in ${dir} lost acknowledged data: ${damage}. This node must not serve it: move the ` +
      `data directory away and start the node again, so that it joins as a new node and copies its data ` +
      `from the others`,
    { details: { resource: dir } },
  );
}

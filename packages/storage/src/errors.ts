import { ErrorCode, MillraceError } from "@millrace/common";

/**
 * Stored bytes failed their checksum or could not be decoded. The group they belong to is marked damaged
 * and refuses every further read and write: serving it could spread the damage to followers and clients.
 * The host stops the group; it is repaired by replacing the replica (a fresh one catches up from a healthy
 * member), never by reading around the bad record.
 */
export class CorruptionError extends MillraceError {
  /** The damaged group, or undefined for a node-level record such as the identity. */
  readonly groupId: number | undefined;
  /** The key of the bad record, as describeKey renders it. */
  readonly key: string;

  constructor(options: { groupId: number | undefined; key: string; problem: string }) {
    const where = options.groupId === undefined ? "" : ` in group ${options.groupId}`;
    super(ErrorCode.INTERNAL, `corrupt record ${options.key}${where}: ${options.problem}`);
    this.groupId = options.groupId;
    this.key = options.key;
  }
}

export function isCorruptionError(err: unknown): err is CorruptionError {
  return err instanceof CorruptionError;
}

/**
 * A write to the database failed (a full disk, an IO error), so whether it reached the disk is unknown.
 * The store is fenced from then on: every later commit fails with this error, so nothing is acknowledged
 * that a restart might not find. The node must stop and restart from disk.
 */
export class StorageFencedError extends MillraceError {
  constructor(cause: unknown) {
    super(ErrorCode.UNAVAILABLE, "storage is fenced after a failed write; the node must restart", { cause });
  }
}

export function isStorageFencedError(err: unknown): err is StorageFencedError {
  return err instanceof StorageFencedError;
}

import { type StateReader, type StateWriter } from "@millrace/common";
import { MemoryStorage, type ConfState, type Entry, type HardState, type Snapshot } from "@millrace/raft";
import { type CommitPoint, type ReplicaStorage } from "../../src/host/replica-storage.js";

/**
 * A ReplicaStorage over raft's MemoryStorage for host tests: staged writes become visible only when
 * the shared commit point commits, as with the LevelDB store.
 */
export class MemoryCommitPoint implements CommitPoint {
  private staged: (() => void)[] = [];
  private entries = 0;
  commits = 0;

  stage(apply: () => void, entries = 0): void {
    this.staged.push(apply);
    this.entries += entries;
  }

  hasStaged(): boolean {
    return this.staged.length > 0;
  }

  async commit(): Promise<{ entries: number; fsyncMs: number }> {
    await Promise.resolve();
    const staged = this.staged;
    const entries = this.entries;
    this.staged = [];
    this.entries = 0;
    for (const apply of staged) apply();
    this.commits++;
    return { entries, fsyncMs: 0 };
  }
}

export class MemoryReplicaStorage extends MemoryStorage implements ReplicaStorage {
  readonly rows = new Map<string, { key: Uint8Array; value: Uint8Array }>();
  private applied = 0;
  readonly writer: StateWriter;
  readonly reader: StateReader;

  constructor(
    private readonly point: MemoryCommitPoint,
    confState: ConfState,
  ) {
    super();
    this.applySnapshot({ metadata: { index: 1, term: 1, confState }, data: new Uint8Array(0) });
    this.applied = 1;
    this.writer = {
      put: (key, value) => point.stage(() => this.rows.set(hex(key), { key, value })),
      del: (key) => point.stage(() => this.rows.delete(hex(key))),
    };
    this.reader = {
      get: (key) => Promise.resolve(this.rows.get(hex(key))?.value),
      range: (from, to, limit) => {
        const keys = [...this.rows.keys()].filter((k) => k >= hex(from) && k < hex(to)).sort();
        return Promise.resolve(keys.slice(0, limit).map((k) => this.rows.get(k)!));
      },
    };
  }

  // Raft reads the log as soon as advance() runs, which is after the commit: so log writes apply at once
  // here, while the state machine's writes wait for the next commit like the real store's.
  stageEntries(entries: readonly Entry[]): void {
    this.append(entries);
    this.point.stage(() => undefined, entries.length);
  }
  stageHardState(hardState: HardState): void {
    this.setHardState(hardState);
    this.point.stage(() => undefined);
  }
  stageSnapshot(snapshot: Snapshot): void {
    this.applySnapshot(snapshot);
    this.point.stage(() => undefined);
  }
  stageApplied(index: number): void {
    this.point.stage(() => {
      this.applied = index;
    });
  }
  stageCompact(index: number, confState: ConfState): void {
    this.createSnapshot(index, confState, new Uint8Array(0));
    this.compact(index);
  }
  appliedIndex(): number {
    return this.applied;
  }
}

function hex(bytes: Uint8Array): string {
  return Buffer.from(bytes).toString("hex");
}

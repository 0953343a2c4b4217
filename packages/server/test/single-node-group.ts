import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { SeededRandom, systemClock, type StateMachine } from "@millrace/common";
import { NodeStore, encodeChunk } from "@millrace/storage";
import { type GroupReplica } from "../src/host/group-replica.js";
import { RaftHost } from "../src/host/raft-host.js";

const confState = { voters: [1], learners: [], votersOutgoing: [], learnersNext: [], autoLeave: false };
const silent = { info() {}, warn() {}, error() {} };

/** Ticks and bounds that make a RaftHost elect and quiesce within a test's patience. */
export const testHostTimings = {
  tickIntervalMs: 10,
  electionTimeoutTicks: 10,
  heartbeatIntervalTicks: 1,
  quiesceAfterTicks: 20,
} as const;

export interface SingleNodeGroup {
  readonly host: RaftHost;
  readonly replica: GroupReplica;
  /** Raft entries the state machine has applied (counted from 0 when the group starts). */
  readonly applied: { entries: number };
  stop(): Promise<void>;
}

/**
 * One group led by a single-node RaftHost on a real LevelDB store in a temporary directory, its state
 * machine wrapped to count the entries it applies: what an executor on a leader turns calls into.
 */
export async function startSingleNodeGroup(
  groupId: number,
  stateMachine: StateMachine,
): Promise<SingleNodeGroup> {
  const dir = mkdtempSync(join(tmpdir(), "millrace-single-node-"));
  const store = await NodeStore.open(join(dir, "node-1"), { identity: { clusterId: "test", nodeId: 1 } });
  const host = new RaftHost({
    nodeId: 1,
    clock: systemClock,
    random: new SeededRandom(1),
    commitPoint: {
      commit: () => store.commit(),
      hasStaged: () => store.batch.pendingOps > 0,
      stagedBytes: () => store.batch.pendingBytes,
    },
    transport: { send() {}, sendSnapshot: () => Promise.reject(new Error("no peers")) },
    logger: silent,
    ...testHostTimings,
    limits: {
      proposalQueueItemsMax: 1000,
      proposalQueueBytesMax: 64 << 20,
      proposalsPerBatchMax: 256,
      proposalBatchBytesMax: 16 << 20,
      compactEveryEntries: 10_000,
      compactRetainEntries: 10,
      compactLagBytesMax: 0,
    },
  });
  const applied = { entries: 0 };
  const counting: StateMachine = {
    apply(index, command, writer, options) {
      applied.entries++;
      return stateMachine.apply(index, command, writer, options);
    },
    restore: (reader) => stateMachine.restore(reader),
    // Compaction and snapshots ask the state machine itself, as they would unwrapped.
    logNeededFrom: () => stateMachine.logNeededFrom?.(),
    snapshotValue: (key, value, entries) =>
      stateMachine.snapshotValue?.(key, value, entries) ?? Promise.resolve(value),
  };
  const storage = store.createGroup(groupId);
  storage.installSnapshot({ metadata: { index: 1, term: 1, confState }, data: new Uint8Array(0) }, [
    encodeChunk(0, true, []),
  ]);
  await store.commit();
  const replica = await host.addGroup({ groupId, storage, stateMachine: counting });
  host.start();
  host.campaign(groupId);
  await waitFor(() => replica.isLeader);
  applied.entries = 0;
  return {
    host,
    replica,
    applied,
    async stop() {
      await host.stop();
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/**
 * The groups a test file starts, all stopped after each test:
 * `const groups = new StartedGroups(); afterEach(() => groups.stopAll());`.
 */
export class StartedGroups {
  private readonly started: SingleNodeGroup[] = [];

  async start(groupId: number, stateMachine: StateMachine): Promise<SingleNodeGroup> {
    const group = await startSingleNodeGroup(groupId, stateMachine);
    this.started.push(group);
    return group;
  }

  async stopAll(): Promise<void> {
    await Promise.all(this.started.splice(0).map((group) => group.stop()));
  }
}

export async function waitFor(condition: () => boolean, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error("timed out");
    await new Promise((r) => setTimeout(r, 5));
  }
}

import { SeededRandom } from "@millrace/common";
import { MessageType, RawNode, raftConfig, type Message, type Snapshot } from "@millrace/raft";
import { describe, expect, it } from "vitest";
import { type GroupStorage, type NodeStore } from "../src/index.js";
import { bytes, conf, openStore, tempDir, text } from "./helpers.js";

/**
 * Three real Raft nodes, each on its own NodeStore, driven the way the multi-raft host will drive them:
 * stage each Ready, commit, then send, apply (state machine writes and the applied index staged
 * together), advance. Replicas restart from disk and catch up, from the log or from a snapshot.
 */

const groupId = 9;
const ids = [1, 2, 3];

interface Replica {
  readonly id: number;
  readonly dir: string;
  store: NodeStore;
  group: GroupStorage;
  node: RawNode;
}

/** Keyspace chunks travelling with snapshot messages, as the host's chunked transfer would carry them. */
const snapshotChunks = new Map<Snapshot, Uint8Array[]>();

function newNode(id: number, group: GroupStorage): RawNode {
  return new RawNode(
    raftConfig({ id, storage: group, random: new SeededRandom(id), applied: group.appliedIndex }),
  );
}

/** One Ready of one replica, as the host runs it; returns the messages to deliver. */
async function handleReady(r: Replica): Promise<Message[]> {
  const rd = r.node.ready();
  if (rd.snapshot !== undefined) r.group.installSnapshot(rd.snapshot, snapshotChunks.get(rd.snapshot) ?? []);
  r.group.stageEntries(rd.entries);
  if (rd.hardState !== undefined) r.group.stageHardState(rd.hardState);
  await r.store.commit();
  let confState = r.group.appliedConfState;
  for (const e of rd.committedEntries) {
    if (e.type === 0 && e.data.length > 0) {
      // A read-modify-write counter shows every entry is applied exactly once, across restarts too.
      const count = Number(text(await r.group.keyspace.get(bytes("count"))) ?? "0");
      const [k, v] = (text(e.data) ?? "").split("=");
      r.group.keyspace.put(bytes(k ?? ""), bytes(v ?? ""));
      r.group.keyspace.put(bytes("count"), bytes(String(count + 1)));
    }
    if (e.type === 1) confState = r.node.raft.tracker.confState();
    r.group.stageApplied(e.index, confState);
  }
  r.node.advance();
  return [...rd.messages];
}

/**
 * A snapshot goes out as the sender's state at its applied index (etcd's merged snapshot): the keyspace
 * stream and the metadata are captured together, so the receiver applies nothing twice.
 */
async function withSnapshotData(from: Replica, m: Message): Promise<Message> {
  if (m.type !== MessageType.Snap) return m;
  const applied = from.group.appliedIndex;
  const snapshot: Snapshot = {
    metadata: { index: applied, term: from.group.term(applied), confState: from.group.appliedConfState },
    data: new Uint8Array(0),
  };
  const chunks: Uint8Array[] = [];
  for await (const chunk of from.group.keyspace.readSnapshotChunks()) chunks.push(chunk);
  snapshotChunks.set(snapshot, chunks);
  return { ...m, snapshot };
}

/** Runs Ready rounds and delivers messages until every live replica is quiet. */
async function settle(replicas: Replica[]): Promise<void> {
  for (let round = 0; round < 200; round++) {
    const outbox: [Replica, Message][] = [];
    for (const r of replicas)
      if (r.node.hasReady()) for (const m of await handleReady(r)) outbox.push([r, m]);
    if (outbox.length === 0 && replicas.every((r) => !r.node.hasReady())) {
      for (const r of replicas) await r.store.commit();
      return;
    }
    for (const [from, m] of outbox) {
      const to = replicas.find((r) => r.id === m.to);
      if (to !== undefined) to.node.step(await withSnapshotData(from, m));
    }
  }
  throw new Error("the cluster did not settle");
}

async function startReplica(id: number): Promise<Replica> {
  const dir = tempDir();
  const store = await openStore(dir, { identity: { clusterId: "raft-test", nodeId: id } });
  const group = store.createGroup(groupId);
  group.stageSnapshot({ metadata: { index: 1, term: 1, confState: conf(...ids) }, data: new Uint8Array(0) });
  group.stageApplied(1, conf(...ids));
  await store.commit();
  return { id, dir, store, group, node: newNode(id, group) };
}

async function restart(r: Replica): Promise<void> {
  const appliedBefore = r.group.appliedIndex;
  const hardStateBefore = r.group.hardState;
  await r.store.close();
  r.store = await openStore(r.dir, { identity: { clusterId: "raft-test", nodeId: r.id } });
  r.group = await r.store.openGroup(groupId);
  expect(r.group.appliedIndex).toBe(appliedBefore);
  expect(r.group.hardState).toEqual(hardStateBefore);
  r.node = newNode(r.id, r.group);
}

function propose(leader: Replica, from: number, to: number): void {
  for (let i = from; i < to; i++) leader.node.propose(bytes(`k${i}=v${i}`));
}

async function expectKeys(r: Replica, count: number): Promise<void> {
  expect(text(await r.group.keyspace.get(bytes("count"))), `count on ${r.id}`).toBe(String(count));
  for (let i = 0; i < count; i++)
    expect(text(await r.group.keyspace.get(bytes(`k${i}`))), `k${i} on ${r.id}`).toBe(`v${i}`);
}

describe("GroupStorage under RawNode", () => {
  it("replicates, restarts from disk and catches up from the log or from a snapshot", async () => {
    const replicas = await Promise.all(ids.map(startReplica));
    const [leader, second, third] = replicas as [Replica, Replica, Replica];
    leader.node.campaign();
    await settle(replicas);
    expect(leader.node.leader).toBe(1);
    propose(leader, 0, 20);
    await settle(replicas);
    for (const r of replicas) await expectKeys(r, 20);

    // Node 2 restarts with its log intact and catches up by appends.
    await restart(second);
    propose(leader, 20, 25);
    await settle(replicas);
    await expectKeys(second, 25);

    // Node 3 is down while the others move on and compact their logs behind a snapshot.
    await third.store.close();
    const up = [leader, second];
    propose(leader, 25, 45);
    await settle(up);
    for (const r of up) {
      r.group.createSnapshot(r.group.appliedIndex, r.group.appliedConfState);
      r.group.stageCompact(r.group.appliedIndex - 2);
      await r.store.commit();
    }
    await restart(third);
    propose(leader, 45, 50);
    await settle(replicas);
    // The entries it missed are gone from the leader's log, so it was sent a snapshot.
    expect(third.group.snapshot().metadata.index).toBeGreaterThan(25);
    await expectKeys(third, 50);
    expect(third.group.appliedIndex).toBe(leader.group.appliedIndex);
    expect(third.group.lastIndex()).toBe(leader.group.lastIndex());

    // And it restarts cleanly from the installed snapshot.
    await restart(third);
    await expectKeys(third, 50);
  });
});

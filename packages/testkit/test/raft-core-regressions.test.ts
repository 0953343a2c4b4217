import { SeededRandom } from "@millrace/common";
import {
  ConfChangeType,
  EntryType,
  MemoryStorage,
  MessageType,
  RawNode,
  confChange,
  decodeConfChange,
  emptyConfState,
  encodeConfChange,
  newMessage,
  raftConfig,
  type Entry,
  type Ready,
} from "@millrace/raft";
import { describe, expect, it } from "vitest";

/**
 * Raft core bugs the simulator found, pinned down as small deterministic scenarios. (They live here, not
 * in packages/raft/test, only because that directory has another owner; move them there when convenient.)
 */

function confEntry(index: number, term: number, data: Uint8Array): Entry {
  return { index, term, type: EntryType.ConfChange, data };
}

function persist(storage: MemoryStorage, rd: Ready): void {
  if (rd.snapshot !== undefined) storage.applySnapshot(rd.snapshot);
  storage.append(rd.entries);
  if (rd.hardState !== undefined) storage.setHardState(rd.hardState);
}

describe("a follower receiving a snapshot while it applies committed entries (sim seed 79)", () => {
  it("keeps its configuration until the conf changes it was handed are applied, then installs the snapshot", () => {
    const storage = new MemoryStorage();
    storage.applySnapshot({
      metadata: { index: 1, term: 1, confState: { ...emptyConfState, voters: [1, 2, 3] } },
      data: new Uint8Array(0),
    });
    const node = new RawNode(raftConfig({ id: 2, storage, random: new SeededRandom(1), applied: 1 }));
    const enterJoint = encodeConfChange(
      confChange([
        { type: ConfChangeType.AddNode, nodeId: 4 },
        { type: ConfChangeType.RemoveNode, nodeId: 3 },
      ]),
    );
    const leaveJoint = new Uint8Array(0);

    // The leader (1, term 2) replicates and commits "enter joint" at 2; the follower applies it.
    node.step(
      newMessage({
        type: MessageType.App,
        from: 1,
        to: 2,
        term: 2,
        index: 1,
        logTerm: 1,
        commit: 2,
        entries: [confEntry(2, 2, enterJoint)],
      }),
    );
    let rd = node.ready();
    persist(storage, rd);
    for (const e of rd.committedEntries) node.applyConfChange(decodeConfChange(e.data));
    node.advance();
    expect(node.status().confState.votersOutgoing).toEqual([1, 2, 3]);

    // Then "leave joint" at 3 is committed and handed out for applying...
    node.step(
      newMessage({
        type: MessageType.App,
        from: 1,
        to: 2,
        term: 2,
        index: 2,
        logTerm: 2,
        commit: 3,
        entries: [confEntry(3, 2, leaveJoint)],
      }),
    );
    rd = node.ready();
    persist(storage, rd);
    expect(rd.committedEntries.map((e) => e.index)).toEqual([3]);

    // ...and while it is being applied, a snapshot from after the change arrives.
    const snapshot = {
      metadata: { index: 10, term: 2, confState: { ...emptyConfState, voters: [1, 2, 4] } },
      data: new Uint8Array(0),
    };
    node.step(newMessage({ type: MessageType.Snap, from: 1, to: 2, term: 2, snapshot }));

    // Applying the handed-out "leave joint" must still act on the joint configuration (it used to throw
    // "can't leave a non-joint config", because the snapshot's configuration had been installed).
    const cs = node.applyConfChange(decodeConfChange((rd.committedEntries[0] as Entry).data));
    expect(cs.voters).toEqual([1, 2, 4]);
    expect(cs.votersOutgoing).toEqual([]);
    node.advance();

    // The refusal was answered with our commit index, so the leader retries; the retry is installed.
    const refusal = node.ready();
    expect(refusal.snapshot).toBeUndefined();
    expect(
      refusal.messages.some(
        (m) => m.type === MessageType.AppResp && m.to === 1 && m.index === 3 && !m.reject,
      ),
    ).toBe(true);
    persist(storage, refusal);
    node.advance();
    node.step(newMessage({ type: MessageType.Snap, from: 1, to: 2, term: 2, snapshot }));
    const installed = node.ready();
    expect(installed.snapshot?.metadata.index).toBe(10);
  });
});

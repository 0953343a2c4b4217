import { SeededRandom } from "@millrace/common";
import { describe, expect, it } from "vitest";
import { MemoryStorage, RawNode, raftConfig, type Message } from "../src/index.js";

describe("a three-node cluster", () => {
  it("elects a leader and commits a proposal on every node", () => {
    const ids = [1, 2, 3];
    const storages = new Map(ids.map((id) => [id, new MemoryStorage()]));
    for (const s of storages.values()) {
      s.applySnapshot({
        metadata: {
          index: 1,
          term: 1,
          confState: { voters: ids, learners: [], votersOutgoing: [], learnersNext: [], autoLeave: false },
        },
        data: new Uint8Array(0),
      });
    }
    const nodes = new Map(
      ids.map((id) => [
        id,
        new RawNode(raftConfig({ id, storage: storages.get(id)!, random: new SeededRandom(id), applied: 1 })),
      ]),
    );
    const applied = new Map<number, string[]>(ids.map((id) => [id, []]));
    const run = () => {
      for (let round = 0; round < 50; round++) {
        const inbox: Message[] = [];
        for (const [id, node] of nodes) {
          if (!node.hasReady()) continue;
          const rd = node.ready();
          const s = storages.get(id)!;
          if (rd.snapshot) s.applySnapshot(rd.snapshot);
          s.append(rd.entries);
          if (rd.hardState) s.setHardState(rd.hardState);
          inbox.push(...rd.messages);
          for (const e of rd.committedEntries)
            if (e.data.length > 0) applied.get(id)!.push(new TextDecoder().decode(e.data));
          node.advance();
        }
        for (const m of inbox) nodes.get(m.to)!.step(m);
        if (inbox.length === 0) break;
      }
    };
    nodes.get(1)!.campaign();
    run();
    expect(nodes.get(1)!.raft.state).toBe("Leader");
    nodes.get(1)!.propose(new TextEncoder().encode("hello"));
    run();
    for (const id of ids) expect(applied.get(id)).toEqual(["hello"]);
  });
});

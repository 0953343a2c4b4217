import { describe, expect, it } from "vitest";
import { clusterHealth, heartbeatAgeMs, nodeHealth, type MetaState } from "../src/index.js";
import { type GroupRecord, type NodeRecord } from "../src/records.js";

const deadAfterMs = 60_000;
const nowMs = 1_000_000;

function node(nodeId: number, heardAgoMs: number, state: NodeRecord["state"] = "active"): NodeRecord {
  return {
    nodeId,
    peerAddress: `10.0.0.${nodeId}:7401`,
    clientAddress: `10.0.0.${nodeId}:7400`,
    httpAddress: `10.0.0.${nodeId}:7480`,
    state,
    joinedAtMs: 0,
    lastHeartbeatMs: nowMs - heardAgoMs,
  };
}

function group(groupId: number, fields: Partial<GroupRecord> = {}): GroupRecord {
  return {
    groupId,
    kind: "queue-partition",
    partition: 0,
    voters: [1, 2, 3],
    initialVoters: [1, 2, 3],
    preferredLeader: 0,
    state: "active",
    leader: 1,
    leaderTerm: 1,
    actualVoters: [1, 2, 3],
    actualLearners: [],
    ...fields,
  };
}

function state(nodes: NodeRecord[], groups: GroupRecord[]): MetaState {
  return {
    cluster: undefined,
    nodes: new Map(nodes.map((n) => [n.nodeId, n])),
    groups: new Map(groups.map((g) => [g.groupId, g])),
    resources: new Map(),
  };
}

describe("a node's health as status reports it", () => {
  it("is unreachable once not heard from for longer than the failure timeout, as the controller judges", () => {
    expect(nodeHealth(node(1, 0), nowMs, deadAfterMs)).toBe("active");
    expect(nodeHealth(node(1, deadAfterMs), nowMs, deadAfterMs)).toBe("active");
    expect(nodeHealth(node(1, deadAfterMs + 1), nowMs, deadAfterMs)).toBe("unreachable");
    expect(nodeHealth(node(1, 0, "removed"), nowMs, deadAfterMs)).toBe("removed");
  });

  it("says how long ago it was heard from, never a negative age (a clock behind the heartbeat's)", () => {
    expect(heartbeatAgeMs(node(1, 2_500), nowMs)).toBe(2_500);
    expect(heartbeatAgeMs(node(1, -40), nowMs)).toBe(0);
  });
});

describe("the cluster's health", () => {
  it("counts members, reachable members, and groups short of a reachable leader or of voters", () => {
    const health = clusterHealth(
      state(
        [node(1, 0), node(2, 1_000), node(3, deadAfterMs + 1), node(4, 0, "removed")],
        [
          group(1, { voters: [1, 2], actualVoters: [1, 2] }), // healthy
          group(2, { leader: 3 }), // led by the unreachable node, which also holds a voter
          group(3, { leader: 0, voters: [1, 2], actualVoters: [1, 2] }), // no leader reported yet
          // No report yet: the wanted voters count, and one is on the unreachable node.
          group(4, { leader: 0, actualVoters: [] }),
          group(5, { leader: 3, state: "deleting" }), // being deleted: not counted at all
        ],
      ),
      nowMs,
      deadAfterMs,
    );
    expect(health).toEqual({
      nodeCount: 3,
      healthyNodeCount: 2,
      groupCount: 4,
      leaderlessGroupCount: 3,
      underReplicatedGroupCount: 2,
    });
  });
});

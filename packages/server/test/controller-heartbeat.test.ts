import { type GroupRecord, type MetaCommand, type MetaStateMachine } from "@millrace/router";
import pino from "pino";
import { describe, expect, it } from "vitest";
import { type RaftHost } from "../src/host/raft-host.js";
import { Controller, livenessRefreshMs } from "../src/node/controller.js";
import { type PartitionRouter } from "../src/node/partition-router.js";

/**
 * Each node reports to the meta group that it is alive and which groups it leads. Every report is a meta
 * Raft entry fsynced on every node, so a node sends one when the meta group's record of it is out of date
 * (a leadership, term or configuration it does not show) and otherwise only to refresh its liveness.
 */
describe("a node's heartbeats to the meta group", () => {
  const nodeId = 1;
  const unreported = {
    state: "active",
    leader: 0,
    leaderTerm: 0,
    actualVoters: [],
    actualLearners: [],
  } as unknown as GroupRecord;

  function setUp(options: { deadAfterMs?: number; refuse?: () => boolean } = {}) {
    const sent: MetaCommand[] = [];
    const leading = { groupId: 7, term: 3, voters: [1, 2, 3], learners: [] as number[] };
    const replica = () => ({
      groupId: leading.groupId,
      isLeader: true,
      damaged: undefined,
      rawNode: { raft: { term: leading.term } },
      confState: { voters: leading.voters, learners: leading.learners },
    });
    const meta = {
      cluster: { clusterId: "c" },
      nodes: new Map([[nodeId, { nodeId, zone: "", lastHeartbeatMs: 0 }]]),
      groups: new Map<number, GroupRecord>([[7, { ...unreported, groupId: 7 }]]),
      groupsOfResource: () => [],
    };
    // The meta group takes a heartbeat as the meta state machine does: its reports become the records.
    const partitions = {
      call: (_group: number, op: { command: MetaCommand }) => {
        sent.push(op.command);
        if (options.refuse?.() === true) return Promise.reject(new Error("no meta leader"));
        const command = op.command;
        if (command.type === "node-heartbeat") {
          for (const g of command.groups)
            meta.groups.set(g.groupId, {
              ...unreported,
              groupId: g.groupId,
              leader: nodeId,
              leaderTerm: g.term,
              actualVoters: [...g.voters],
              actualLearners: [...g.learners],
            });
        }
        return Promise.resolve({});
      },
    };
    const host = { groups: new Map([[7, replica()]]) };
    const controller = new Controller({
      nodeId,
      meta: meta as unknown as MetaStateMachine,
      host: host as unknown as RaftHost,
      partitions: partitions as unknown as PartitionRouter,
      logger: pino({ level: "silent" }),
      heartbeatIntervalMs: 1000,
      deadAfterMs: options.deadAfterMs ?? 60_000,
      maxMovesInFlight: 4,
      zone: "",
    });
    /** Runs controller rounds every 250 ms for `ms`, letting each heartbeat's reply arrive. */
    let now = 1_000_000;
    const run = async (ms: number) => {
      for (const end = now + ms; now < end; now += 250) {
        controller.round(now);
        await new Promise((r) => setImmediate(r));
      }
    };
    /** The replica as it stands after `leading` changed. */
    const refresh = () => host.groups.set(7, replica());
    return { sent, leading, controller, meta, run, refresh };
  }

  it("reports at once, then only to refresh its liveness while the meta group's record is right", async () => {
    const { sent, run } = setUp();
    await run(250);
    expect(sent.map((c) => c.type)).toEqual(["node-heartbeat"]);
    await run(4_500);
    expect(sent).toHaveLength(1);
    await run(1_000);
    expect(sent).toHaveLength(2);
    // Before, one a second: 21 in these 21 s.
    await run(15_000);
    expect(sent).toHaveLength(5);
  });

  it("reports within a second a configuration or term the meta group does not show", async () => {
    const { sent, leading, meta, run, refresh } = setUp();
    await run(1_000);
    expect(sent).toHaveLength(1);
    leading.voters = [1, 2, 4];
    refresh();
    await run(1_000);
    expect(sent).toHaveLength(2);
    expect(sent[1]).toMatchObject({ groups: [{ groupId: 7, voters: [1, 2, 4] }] });
    // The meta group shows another leader (a report of ours it lost, or a newer one it took): say again.
    meta.groups.set(7, { ...meta.groups.get(7)!, leader: 2, leaderTerm: 2 });
    await run(1_000);
    expect(sent).toHaveLength(3);
    await run(2_000);
    expect(sent).toHaveLength(3);
  });

  it("reports at the next round after its leadership changes, and again after a report failed", async () => {
    let refusing = false;
    const { sent, controller, run } = setUp({ refuse: () => refusing });
    await run(1_000);
    controller.leadershipChanged();
    await run(250);
    expect(sent).toHaveLength(2);
    refusing = true;
    controller.leadershipChanged();
    await run(250);
    expect(sent).toHaveLength(3);
    refusing = false;
    await run(1_000);
    expect(sent).toHaveLength(4);
    await run(2_000);
    expect(sent).toHaveLength(4);
  });

  it("refreshes its liveness several times within the time after which a silent node is dead", () => {
    expect(livenessRefreshMs(1000, 60_000)).toBe(5_000);
    expect(livenessRefreshMs(1000, 6_000)).toBe(1_000);
    expect(livenessRefreshMs(1000, 1_000)).toBe(1_000);
    expect(livenessRefreshMs(1000, 12_000)).toBe(2_000);
  });
});

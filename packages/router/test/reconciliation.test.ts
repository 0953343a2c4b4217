import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  failureDomain,
  planReconciliation,
  zoneCapacity,
  type GroupRecord,
  type LeaderReport,
  type MetaCommand,
  type MetaStateMachine,
  type ReconciliationOptions,
} from "../src/index.js";
import { cluster, type Harness } from "./helpers.js";

const deadAfterMs = 10_000;
const startMs = 1_000;

type Fate = "live" | "dead" | "removed";

interface Scenario {
  readonly nodes: readonly { readonly zone: string | undefined; readonly fate: Fate }[];
  readonly resources: readonly { readonly partitions: number; readonly rf: number }[];
  /** Per group (in creation order, wrapping): voters to force, as indexes into the node list. */
  readonly scrambles: readonly (readonly number[])[];
  /** Per group: a configuration its leader reports before the controller acts (a move under way). */
  readonly reports: readonly (readonly number[])[];
  readonly maxMovesInFlight: number;
  /** Per round: how many plan steps get applied before the meta leader "fails" (0 = all). */
  readonly cutoffs: readonly number[];
  /** Per round: whether the data groups carry out what they were asked this round. */
  readonly groupsKeepUp: readonly boolean[];
}

const scenarioArb: fc.Arbitrary<Scenario> = fc
  .record({
    zoned: fc.boolean(),
    nodes: fc.array(
      fc.record({
        zone: fc.constantFrom("a", "b", "c"),
        fate: fc.constantFrom<Fate>("live", "live", "live", "dead", "removed"),
      }),
      { minLength: 3, maxLength: 8 },
    ),
    resources: fc.array(
      fc.record({ partitions: fc.integer({ min: 1, max: 3 }), rf: fc.integer({ min: 1, max: 3 }) }),
      { minLength: 1, maxLength: 5 },
    ),
    scrambles: fc.array(fc.uniqueArray(fc.nat({ max: 7 }), { minLength: 1, maxLength: 5 }), {
      maxLength: 10,
    }),
    reports: fc.array(fc.uniqueArray(fc.nat({ max: 7 }), { minLength: 1, maxLength: 4 }), { maxLength: 6 }),
    maxMovesInFlight: fc.integer({ min: 1, max: 4 }),
    cutoffs: fc.array(fc.nat({ max: 3 }), { minLength: 1, maxLength: 10 }),
    groupsKeepUp: fc.array(fc.boolean(), { minLength: 1, maxLength: 10 }),
  })
  .filter((s) => s.nodes.some((n) => n.fate === "live"))
  .map((s) => ({
    ...s,
    nodes: s.nodes.map((n) => ({ zone: s.zoned ? n.zone : undefined, fate: n.fate })),
  }));

/** Builds the scenario's state: every node starts healthy, resources are created, then things go wrong. */
function build(s: Scenario): { h: Harness; nowMs: number } {
  const h = cluster(
    s.nodes.map((n) => (n.zone === undefined ? {} : { zone: n.zone })),
    startMs,
  );
  const ids = s.nodes.map((_, i) => i + 1);
  for (const [i, r] of s.resources.entries()) {
    h.ok({
      type: "create-resource",
      nowMs: startMs,
      kind: "queue",
      name: `q${i}`,
      partitions: r.partitions,
      replicationFactor: r.rf,
    });
  }
  const groups = [...h.meta.groups.values()].sort((a, b) => a.groupId - b.groupId);
  for (const [i, scramble] of s.scrambles.entries()) {
    const group = groups[i % groups.length] as GroupRecord;
    const voters = [...new Set(scramble.map((k) => ids[k % ids.length] as number))];
    h.ok({ type: "set-group-voters", groupId: group.groupId, voters });
  }
  for (const [i, report] of s.reports.entries()) {
    const group = h.meta.groups.get((groups[i % groups.length] as GroupRecord).groupId) as GroupRecord;
    const voters = [...new Set(report.map((k) => ids[k % ids.length] as number))];
    heartbeat(h, voters[0] as number, startMs, [
      { groupId: group.groupId, term: 1, leader: true, voters, learners: [] },
    ]);
  }
  for (const [i, node] of s.nodes.entries()) {
    if (node.fate === "removed") h.ok({ type: "remove-node", nodeId: i + 1 });
  }
  const nowMs = startMs + 10 * deadAfterMs;
  liveHeartbeats(h, s, nowMs);
  return { h, nowMs };
}

function heartbeat(h: Harness, nodeId: number, nowMs: number, groups: LeaderReport[]): void {
  h.ok({ type: "node-heartbeat", nodeId, nowMs, groups });
}

function liveHeartbeats(h: Harness, s: Scenario, nowMs: number): void {
  for (const [i, node] of s.nodes.entries()) if (node.fate === "live") heartbeat(h, i + 1, nowMs, []);
}

const isLive = (s: Scenario, id: number) => s.nodes[id - 1]?.fate === "live";

/**
 * The data groups doing what the controller asked: each group's leader (its preferred leader when that
 * is a live voter) reports a configuration equal to the desired voters, as after a completed move.
 */
function groupsCatchUp(h: Harness, s: Scenario, nowMs: number): void {
  const reports = new Map<number, LeaderReport[]>();
  for (const group of [...h.meta.groups.values()].sort((a, b) => a.groupId - b.groupId)) {
    if (group.state !== "active") continue;
    const live = group.voters.filter((id) => isLive(s, id));
    if (live.length === 0) continue;
    const leader = live.includes(group.preferredLeader) ? group.preferredLeader : (live[0] as number);
    const term = group.leaderTerm + (leader === group.leader ? 0 : 1);
    const list = reports.get(leader) ?? [];
    list.push({
      groupId: group.groupId,
      term: Math.max(term, 1),
      leader: true,
      voters: group.voters,
      learners: [],
    });
    reports.set(leader, list);
  }
  for (const [leader, list] of reports) heartbeat(h, leader, nowMs, list);
}

/** Every group that can report has reported its desired voters. */
function settled(h: Harness, s: Scenario): boolean {
  return [...h.meta.groups.values()].every(
    (g) =>
      g.state !== "active" ||
      !g.voters.some((id) => isLive(s, id)) ||
      (g.actualLearners.length === 0 && [...g.actualVoters].sort().join() === [...g.voters].sort().join()),
  );
}

function options(s: Scenario, nowMs: number): ReconciliationOptions {
  return { nowMs, deadAfterMs, maxMovesInFlight: s.maxMovesInFlight };
}

/** Runs plan → apply → data groups catch up, until the plan is empty. Returns the rounds it took. */
async function converge(
  h: Harness,
  s: Scenario,
  startNowMs: number,
): Promise<{ rounds: number; nowMs: number }> {
  let nowMs = startNowMs;
  for (let round = 0; round < 300; round++) {
    const plan = planReconciliation(h.meta, options(s, nowMs));
    if (plan.length === 0) {
      // Empty because there is nothing left to do, or because every allowed move waits on the groups.
      if (settled(h, s)) return { rounds: round, nowMs };
      groupsCatchUp(h, s, nowMs);
      continue;
    }
    // A new meta leader recomputes the same plan from the same replicated state.
    const restored = await h.restarted();
    expect(planReconciliation(restored, options(s, nowMs))).toEqual(plan);
    const cutoff = s.cutoffs[round % s.cutoffs.length] ?? 0;
    const steps = cutoff === 0 || round > 50 ? plan : plan.slice(0, cutoff);
    for (const command of steps) {
      const result = h.run(command);
      // Planned on this very state, so no step is stale; only a preferred leader whose
      // group move was skipped by the cutoff could be refused, and the cutoff keeps order.
      expect({ command, result }).toMatchObject({ result: { ok: true } });
    }
    nowMs += 1_000;
    liveHeartbeats(h, s, nowMs);
    if ((s.groupsKeepUp[round % s.groupsKeepUp.length] ?? true) || round > 50) groupsCatchUp(h, s, nowMs);
  }
  throw new Error("the plan did not converge in 300 rounds");
}

function loadsOf(meta: MetaStateMachine): Map<number, number> {
  const loads = new Map<number, number>();
  for (const g of meta.groups.values())
    if (g.state === "active") for (const id of g.voters) loads.set(id, (loads.get(id) ?? 0) + 1);
  return loads;
}

function targetOf(meta: MetaStateMachine, group: GroupRecord): number {
  if (group.resource === undefined) return 3;
  return meta.resource(group.resource.kind, group.resource.name)?.replicationFactor ?? 0;
}

function checkFixedPoint(h: Harness, s: Scenario): void {
  const meta = h.meta;
  const live = s.nodes.map((_, i) => i + 1).filter((id) => isLive(s, id));
  const domainOf = (id: number) => failureDomain({ nodeId: id, zone: s.nodes[id - 1]?.zone });
  const domains = new Set(live.map(domainOf)).size;
  const loads = loadsOf(meta);
  const active = [...meta.groups.values()].filter((g) => g.state === "active");
  const healthy = active.filter((g) => g.voters.some((id) => isLive(s, id)));
  for (const g of healthy) {
    const target = targetOf(meta, g);
    // RF distinct live replicas, or every live node when there are fewer; never a removed node.
    expect(g.voters.filter((id) => isLive(s, id)).length).toBe(Math.min(target, live.length));
    expect(g.voters.length).toBeLessThanOrEqual(target);
    for (const id of g.voters) expect(s.nodes[id - 1]?.fate).not.toBe("removed");
    // Spread: a zone over its share only when no other zone could take a replica.
    const cap = zoneCapacity(g.voters.length, domains);
    const per = new Map<string, number>();
    for (const id of g.voters) per.set(domainOf(id), (per.get(domainOf(id)) ?? 0) + 1);
    if ([...per.values()].some((c) => c > cap)) {
      const spare = live.filter((id) => !g.voters.includes(id) && (per.get(domainOf(id)) ?? 0) + 1 <= cap);
      expect(spare).toEqual([]);
    }
  }
  // Balance: no allowed move narrows a gap of two or more; without zones, that is "within one".
  for (const a of live) {
    for (const b of live) {
      if ((loads.get(a) ?? 0) - (loads.get(b) ?? 0) < 2) continue;
      const movable = healthy.filter((g) => {
        if (!g.voters.includes(a) || g.voters.includes(b)) return false;
        if (domainOf(a) === domainOf(b)) return true;
        const inB = g.voters.filter((id) => domainOf(id) === domainOf(b)).length;
        return inB + 1 <= zoneCapacity(g.voters.length, domains);
      });
      expect({ a, b, movable: movable.map((g) => g.groupId) }).toEqual({ a, b, movable: [] });
    }
  }
  if (s.nodes.every((n) => n.zone === undefined)) {
    const counts = live.map((id) => loads.get(id) ?? 0);
    expect(Math.max(...counts) - Math.min(...counts)).toBeLessThanOrEqual(1);
  }
  // Leadership: every group prefers a live voter, and none could prefer one leading two fewer.
  const leads = new Map<number, number>();
  for (const g of active)
    if (g.preferredLeader !== 0) leads.set(g.preferredLeader, (leads.get(g.preferredLeader) ?? 0) + 1);
  for (const g of healthy) {
    expect(g.voters).toContain(g.preferredLeader);
    expect(isLive(s, g.preferredLeader)).toBe(true);
    for (const other of g.voters.filter((id) => isLive(s, id)))
      expect((leads.get(g.preferredLeader) ?? 0) - (leads.get(other) ?? 0)).toBeLessThanOrEqual(1);
  }
}

describe("planReconciliation", () => {
  it("converges from any cluster to a fixed point that satisfies every invariant", async () => {
    await fc.assert(
      fc.asyncProperty(scenarioArb, async (s) => {
        const { h, nowMs } = build(s);
        const before = new Map([...h.meta.groups].map(([id, g]) => [id, g]));
        await converge(h, s, nowMs);
        checkFixedPoint(h, s);
        // Groups that had no live voter were left alone: only an operator can recover them.
        for (const [id, g] of before) {
          if (g.state === "active" && !g.voters.some((v) => isLive(s, v)))
            expect(h.meta.groups.get(id)?.voters).toEqual(g.voters);
        }
      }),
      // ROUTER_RUNS=5000 for a longer search; each run is a few milliseconds.
      { numRuns: Number(process.env.ROUTER_RUNS ?? 150) },
    );
  }, 600_000);

  it("replaces a dead node's replicas, but not while a new meta leader has not heard from it yet", () => {
    const h = cluster([{}, {}, {}, {}]);
    h.ok({
      type: "create-resource",
      nowMs: startMs,
      kind: "queue",
      name: "q",
      partitions: 2,
      replicationFactor: 3,
    });
    const nowMs = startMs + 2 * deadAfterMs;
    for (const id of [1, 2, 3]) heartbeat(h, id, nowMs, []);
    const base = { nowMs, deadAfterMs, maxMovesInFlight: 1 };
    // Within the grace period nothing is judged dead: the only work is spreading leadership onto node 4.
    const grace = planReconciliation(h.meta, { ...base, leaderSinceMs: nowMs - 1 });
    expect(grace.filter((c) => c.type === "set-group-voters")).toEqual([]);
    const plan = planReconciliation(h.meta, base);
    const moves = plan.filter(
      (c): c is Extract<MetaCommand, { type: "set-group-voters" }> => c.type === "set-group-voters",
    );
    const onFour = [...h.meta.groups.values()].filter((g) => g.voters.includes(4));
    expect(moves.map((m) => m.groupId).sort()).toEqual(onFour.map((g) => g.groupId).sort());
    for (const move of moves) expect(move.voters).toEqual([1, 2, 3]);
  });

  it("moves replicas onto a joining node one per group, at most maxMovesInFlight at a time", () => {
    const h = cluster([{}, {}, {}]);
    h.ok({
      type: "create-resource",
      nowMs: startMs,
      kind: "stream",
      name: "s",
      partitions: 12,
      replicationFactor: 3,
    });
    const s: Scenario = {
      nodes: [1, 2, 3, 4].map(() => ({ zone: undefined, fate: "live" })),
      resources: [],
      scrambles: [],
      reports: [],
      maxMovesInFlight: 2,
      cutoffs: [0],
      groupsKeepUp: [true],
    };
    groupsCatchUp(h, s, startMs);
    h.ok({
      type: "register-node",
      nowMs: startMs,
      joinToken: "new",
      peerAddress: "p",
      clientAddress: "c",
      httpAddress: "h",
    });
    const plan = planReconciliation(h.meta, { nowMs: startMs, deadAfterMs, maxMovesInFlight: 2 });
    const moves = plan.filter(
      (c): c is Extract<MetaCommand, { type: "set-group-voters" }> => c.type === "set-group-voters",
    );
    expect(moves).toHaveLength(2);
    for (const move of moves) {
      const before = h.meta.groups.get(move.groupId)?.voters ?? [];
      expect(move.voters).toContain(4);
      expect(move.voters.filter((id) => !before.includes(id))).toEqual([4]);
      expect(move.expectVoters).toEqual(before);
    }
    for (const command of plan) h.ok(command);
    // Until the groups report the new configuration, no further move starts.
    expect(
      planReconciliation(h.meta, { nowMs: startMs, deadAfterMs, maxMovesInFlight: 2 }).filter(
        (c) => c.type === "set-group-voters",
      ),
    ).toEqual([]);
  });

  it("refuses a step planned on stale state rather than undo a newer decision", () => {
    const h = cluster([{}, {}, {}, {}]);
    h.ok({ type: "create-resource", nowMs: startMs, kind: "queue", name: "q", replicationFactor: 3 });
    const group = h.meta.groupsOfResource("queue", "q")[0] as GroupRecord;
    // Two plans made on the same state, each replacing a different voter.
    const first = [1, 2, 3, 4].filter((id) => id !== group.voters[0]);
    const second = [1, 2, 3, 4].filter((id) => id !== group.voters[1]);
    h.ok({ type: "set-group-voters", groupId: group.groupId, voters: first, expectVoters: group.voters });
    expect(
      h.run({ type: "set-group-voters", groupId: group.groupId, voters: second, expectVoters: group.voters }),
    ).toMatchObject({ ok: false, code: "ABORTED" });
    expect(h.meta.groups.get(group.groupId)?.voters).toEqual(first);
    // The first step re-proposed after it took effect is fine.
    expect(
      h.run({ type: "set-group-voters", groupId: group.groupId, voters: first, expectVoters: group.voters })
        .ok,
    ).toBe(true);
  });

  it("drops deleted groups once dropAfterMs has passed", () => {
    const h = cluster([{}]);
    h.ok({ type: "create-resource", nowMs: startMs, kind: "topic", name: "t", partitions: 2 });
    h.ok({ type: "delete-resource", nowMs: 5_000, kind: "topic", name: "t" });
    const plan = (nowMs: number) =>
      planReconciliation(h.meta, {
        nowMs,
        deadAfterMs: 1_000_000,
        maxMovesInFlight: 1,
        dropAfterMs: 60_000,
      }).filter((c) => c.type === "drop-group");
    expect(plan(64_999)).toEqual([]);
    expect(plan(65_000)).toEqual([
      { type: "drop-group", groupId: 3 },
      { type: "drop-group", groupId: 4 },
    ]);
  });

  it("grows the meta group to three voters as nodes join", () => {
    const h = cluster([{}]);
    for (const token of ["a", "b", "c"])
      h.ok({
        type: "register-node",
        nowMs: startMs,
        joinToken: token,
        peerAddress: "p",
        clientAddress: "c",
        httpAddress: "h",
      });
    const plan = planReconciliation(h.meta, { nowMs: startMs, deadAfterMs, maxMovesInFlight: 1 });
    expect(plan).toContainEqual({
      type: "set-group-voters",
      groupId: 1,
      voters: [1, 2, 3],
      expectVoters: [1],
    });
  });
});

import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { failureDomain, placeReplicas, zoneCapacity, type PlacementNode } from "../src/index.js";

/** Nodes 1..n, each with a zone from a few, or none. */
const nodesArb = fc
  .array(fc.option(fc.constantFrom("a", "b", "c", "d"), { nil: undefined }), { minLength: 1, maxLength: 12 })
  .map((zones) => zones.map((zone, i): PlacementNode => ({ nodeId: i + 1, zone })));

const countsArb = (n: number) =>
  fc
    .array(fc.nat({ max: 20 }), { minLength: n, maxLength: n })
    .map((loads) => new Map(loads.map((load, i) => [i + 1, load])));

const domainCounts = (ids: readonly number[], nodes: readonly PlacementNode[]): Map<string, number> => {
  const counts = new Map<string, number>();
  for (const id of ids) {
    const node = nodes.find((n) => n.nodeId === id) as PlacementNode;
    counts.set(failureDomain(node), (counts.get(failureDomain(node)) ?? 0) + 1);
  }
  return counts;
};

/** The least "most replicas in one domain" any choice of `count` distinct nodes could achieve. */
function bestPossibleSpread(nodes: readonly PlacementNode[], count: number): number {
  const sizes = [
    ...domainCounts(
      nodes.map((n) => n.nodeId),
      nodes,
    ).values(),
  ];
  for (let cap = 1; ; cap++) if (sizes.reduce((sum, s) => sum + Math.min(s, cap), 0) >= count) return cap;
}

describe("placeReplicas", () => {
  it("chooses distinct candidates, as many as asked when there are enough", () => {
    fc.assert(
      fc.property(nodesArb, fc.integer({ min: 1, max: 5 }), (nodes, count) => {
        const chosen = placeReplicas({ candidates: nodes, replicaCounts: new Map(), count });
        expect(new Set(chosen).size).toBe(chosen.length);
        expect(chosen.length).toBe(Math.min(count, nodes.length));
        for (const id of chosen) expect(nodes.some((n) => n.nodeId === id)).toBe(true);
      }),
    );
  });

  it("spreads across zones as evenly as the nodes allow, whatever the load", () => {
    fc.assert(
      fc.property(
        nodesArb.chain((nodes) => fc.tuple(fc.constant(nodes), countsArb(nodes.length))),
        fc.integer({ min: 1, max: 5 }),
        ([nodes, counts], rf) => {
          fc.pre(rf <= nodes.length);
          const chosen = placeReplicas({ candidates: nodes, replicaCounts: counts, count: rf });
          const most = Math.max(...domainCounts(chosen, nodes).values());
          expect(most).toBe(bestPossibleSpread(nodes, rf));
          // In particular, within ceil(RF / zones) whenever the zones have room for that.
          const domains = new Set(nodes.map(failureDomain)).size;
          if (bestPossibleSpread(nodes, rf) <= zoneCapacity(rf, domains))
            expect(most).toBeLessThanOrEqual(zoneCapacity(rf, domains));
        },
      ),
    );
  });

  it("keeps replica counts within one of each other while placing many groups", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 12 }),
        fc.array(fc.integer({ min: 1, max: 5 }), { minLength: 1, maxLength: 80 }),
        fc.integer({ min: 1, max: 4 }),
        (n, rfs, zones) => {
          // Either no zones, or zones of equal size with RF at most the zone count.
          const zoned = n % zones === 0 && zones > 1;
          const nodes = Array.from({ length: n }, (_, i) =>
            zoned ? { nodeId: i + 1, zone: `z${i % zones}` } : { nodeId: i + 1 },
          );
          const counts = new Map<number, number>();
          for (const wanted of rfs) {
            const rf = Math.min(wanted, zoned ? zones : n);
            const chosen = placeReplicas({ candidates: nodes, replicaCounts: counts, count: rf });
            expect(chosen.length).toBe(rf);
            for (const id of chosen) counts.set(id, (counts.get(id) ?? 0) + 1);
            const loads = nodes.map((node) => counts.get(node.nodeId) ?? 0);
            expect(Math.max(...loads) - Math.min(...loads)).toBeLessThanOrEqual(1);
          }
        },
      ),
    );
  });

  it("is deterministic: the same nodes in any order give the same answer", () => {
    fc.assert(
      fc.property(
        nodesArb.chain((nodes) =>
          fc.tuple(
            fc.constant(nodes),
            countsArb(nodes.length),
            fc.shuffledSubarray(nodes, { minLength: nodes.length }),
          ),
        ),
        fc.integer({ min: 1, max: 5 }),
        ([nodes, counts, shuffled], rf) => {
          const a = placeReplicas({ candidates: nodes, replicaCounts: counts, count: rf });
          const b = placeReplicas({ candidates: shuffled, replicaCounts: new Map(counts), count: rf });
          expect(b).toEqual(a);
        },
      ),
    );
  });

  it("fills a group around the replicas it keeps, never choosing them again", () => {
    const nodes: PlacementNode[] = [
      { nodeId: 1, zone: "a" },
      { nodeId: 2, zone: "a" },
      { nodeId: 3, zone: "b" },
      { nodeId: 4, zone: "c" },
    ];
    // Zone a already holds a replica, so the two new ones go to b and c even though node 2 is idle.
    expect(
      placeReplicas({
        candidates: nodes,
        replicaCounts: new Map([
          [3, 5],
          [4, 5],
        ]),
        count: 2,
        existing: [nodes[0] as PlacementNode],
      }),
    ).toEqual([3, 4]);
  });
});

import { SeededRandom } from "@millrace/common";
import { describe, expect, it } from "vitest";
import { SimNetwork, type Delivery } from "../src/index.js";

function deliveredTo(deliveries: readonly Delivery<string>[]): string[] {
  return deliveries
    .filter((d) => d.dropped === undefined)
    .map((d) => `${d.envelope.from}->${d.envelope.to}:${d.envelope.message}`);
}

function drain(net: SimNetwork<string>, from: number, to: number): Delivery<string>[] {
  const out: Delivery<string>[] = [];
  for (let t = from; t <= to; t++) out.push(...net.poll(t));
  return out;
}

describe("SimNetwork", () => {
  it("delivers after a delay within [delayMin, delayMax], never earlier", () => {
    const net = new SimNetwork<string>(new SeededRandom(1), { delayMin: 2, delayMax: 5 });
    for (let i = 0; i < 50; i++) net.send(1, 2, `m${i}`, 10);
    expect(net.poll(11)).toEqual([]);
    const all = drain(net, 12, 15);
    expect(all).toHaveLength(50);
    for (const d of all) {
      expect(d.envelope.deliverAt).toBeGreaterThanOrEqual(12);
      expect(d.envelope.deliverAt).toBeLessThanOrEqual(15);
    }
    expect(net.inFlight).toBe(0);
  });

  it("a symmetric partition drops messages both ways, and healing restores delivery", () => {
    const net = new SimNetwork<string>(new SeededRandom(2));
    net.partition([1], [2, 3]);
    net.send(1, 2, "a", 0);
    net.send(2, 1, "b", 0);
    net.send(3, 1, "c", 0);
    net.send(2, 3, "d", 0);
    const out = net.poll(1);
    expect(deliveredTo(out)).toEqual(["2->3:d"]);
    expect(out.filter((d) => d.dropped === "partition")).toHaveLength(3);
    net.heal();
    net.send(1, 2, "e", 1);
    net.send(2, 1, "f", 1);
    expect(deliveredTo(net.poll(2))).toEqual(["1->2:e", "2->1:f"]);
  });

  it("a one-way cut drops only one direction", () => {
    const net = new SimNetwork<string>(new SeededRandom(3));
    net.blockOneWay(1, 2);
    net.send(1, 2, "lost", 0);
    net.send(2, 1, "kept", 0);
    const out = net.poll(1);
    expect(deliveredTo(out)).toEqual(["2->1:kept"]);
    expect(out.find((d) => d.envelope.message === "lost")?.dropped).toBe("partition");
  });

  it("a link cut while a message is in flight drops it on arrival", () => {
    const net = new SimNetwork<string>(new SeededRandom(4), { delayMin: 3, delayMax: 3 });
    net.send(1, 2, "m", 0);
    net.isolate(2, [1, 3]);
    expect(net.poll(3)[0]?.dropped).toBe("partition");
  });

  it("loses, duplicates and reorders messages at the configured rates", () => {
    const net = new SimNetwork<string>(new SeededRandom(5), {
      delayMin: 1,
      delayMax: 1,
      lossRate: 0.2,
      duplicateRate: 0.1,
      reorderRate: 0.3,
      reorderDelayMax: 10,
    });
    const n = 2000;
    for (let i = 0; i < n; i++) net.send(1, 2, String(i), 0);
    const out = drain(net, 0, 20);
    const delivered = out.filter((d) => d.dropped === undefined).map((d) => Number(d.envelope.message));
    expect(net.stats.lost / n).toBeGreaterThan(0.15);
    expect(net.stats.lost / n).toBeLessThan(0.25);
    expect(out.filter((d) => d.envelope.duplicate).length).toBeGreaterThan(n * 0.05);
    // Some message arrives after one sent later: reordered.
    expect(delivered.some((value, i) => i > 0 && value < (delivered[i - 1] as number))).toBe(true);
    expect(new Set(delivered).size).toBeLessThan(delivered.length); // duplicates
  });

  it("replays exactly from the same seed", () => {
    const run = (seed: number) => {
      const net = new SimNetwork<string>(new SeededRandom(seed), {
        delayMin: 0,
        delayMax: 4,
        lossRate: 0.1,
        duplicateRate: 0.1,
        reorderRate: 0.2,
        reorderDelayMax: 5,
      });
      for (let i = 0; i < 100; i++) net.send(i % 3, (i + 1) % 3, String(i), i % 7);
      return drain(net, 0, 30).map((d) => `${d.envelope.deliverAt}:${d.envelope.message}:${d.dropped ?? ""}`);
    };
    expect(run(42)).toEqual(run(42));
    expect(run(42)).not.toEqual(run(43));
  });

  it("delivers a message sent with delay 0 at the next poll, not in the past", () => {
    const net = new SimNetwork<string>(new SeededRandom(6), { delayMin: 0, delayMax: 0 });
    expect(net.poll(5)).toEqual([]);
    net.send(1, 2, "m", 5);
    expect(deliveredTo(net.poll(6))).toEqual(["1->2:m"]);
  });
});

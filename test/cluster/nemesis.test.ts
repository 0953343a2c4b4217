import { SeededRandom } from "@millrace/common";
import { logGroupId, sleep, type LocalCluster } from "@millrace/testkit";
import { describe, it } from "vitest";
import { appendWorkload, fullRestart, healDrainAndCheck, trackClusters } from "./harness.js";

const newCluster = trackClusters();

/** MILLRACE_CLUSTER_SEED replays a schedule of faults (the processes' timing is not replayed). */
const seed = Number(process.env["MILLRACE_CLUSTER_SEED"] ?? Date.now() % 2 ** 31);

type Fault = (cluster: LocalCluster, random: SeededRandom) => Promise<string>;

/** One fault each, applied and (except for kills, which restart) healed within a few seconds. */
const faults: Fault[] = [
  async (cluster, random) => {
    const id = random.pick(cluster.memberIds());
    await cluster.kill(id);
    await sleep(random.intBetween(200, 1500));
    await cluster.restart(id);
    return `kill -9 node ${id} and restart`;
  },
  async (cluster, random) => {
    const leader = await cluster.leaderOf(logGroupId);
    const id = leader?.leaderId ?? random.pick(cluster.memberIds());
    await cluster.kill(id);
    await sleep(random.intBetween(200, 1500));
    await cluster.restart(id);
    return `kill -9 leader ${id} and restart`;
  },
  async (cluster, random) => {
    const id = random.pick(cluster.memberIds());
    cluster.pause(id);
    await sleep(random.intBetween(300, 2000));
    cluster.resume(id);
    return `pause node ${id}`;
  },
  async (cluster, random) => {
    const ids = random.shuffle([...cluster.memberIds()]);
    const mode = random.chance(0.5) ? "drop" : "reset";
    cluster.partition([ids.slice(0, 1), ids.slice(1)], mode);
    await sleep(random.intBetween(500, 3000));
    cluster.heal();
    return `isolate node ${ids[0]} (${mode})`;
  },
  async (cluster, random) => {
    const leader = await cluster.leaderOf(logGroupId);
    const others = cluster.memberIds().filter((id) => id !== leader?.leaderId);
    if (leader === undefined) return "no leader to isolate";
    cluster.partition([[leader.leaderId], others], "drop");
    await sleep(random.intBetween(500, 3000));
    cluster.heal();
    return `isolate leader ${leader.leaderId}`;
  },
  async (cluster, random) => {
    const [a, b] = random.shuffle([...cluster.memberIds()]) as [number, number];
    cluster.cut(a, b, "drop");
    await sleep(random.intBetween(500, 3000));
    cluster.heal();
    return `one-way cut ${a}→${b}`;
  },
  async (cluster, random) => {
    // Flapping: a random split changes every few hundred milliseconds.
    for (let i = 0; i < 5; i++) {
      const ids = random.shuffle([...cluster.memberIds()]);
      cluster.partition([ids.slice(0, 1), ids.slice(1)], random.chance(0.5) ? "drop" : "reset");
      await sleep(random.intBetween(100, 600));
    }
    cluster.heal();
    return "flapping partitions";
  },
  async (cluster, random) => {
    const target = random.pick(cluster.memberIds());
    await cluster.transferLeadership(logGroupId, target, 10_000).catch(() => undefined);
    return `transfer leadership to ${target}`;
  },
];

// A mixed nemesis (raft-reliability.md §4.3 #2–#5, #14, #18): a seeded schedule of kills, pauses,
// partitions, one-way cuts, flapping and leadership transfers under load, then a full restart.
describe(`a mixed schedule of faults (seed ${seed})`, () => {
  it("loses no acknowledged append and keeps every replica identical", async () => {
    const random = new SeededRandom(seed);
    const cluster = newCluster({
      nodes: 3,
      name: "nemesis",
      compactEveryEntries: 500,
      compactRetainEntries: 100,
      // Leaders keep a few hundred entries of log for a follower that lags: one back soon catches up
      // from the log, one away longer by snapshot.
      extraArgs: ["--compact-lag-bytes-max", String(64 * 1024)],
    });
    await cluster.start();
    const { history, workload } = appendWorkload(cluster, { clients: 6 });
    workload.start();
    await workload.waitForAcks(50);
    const done: string[] = [];
    const deadline = Date.now() + 40_000;
    for (let round = 0; round < 12 && Date.now() < deadline; round++) {
      const fault = random.pick(faults);
      done.push(await fault(cluster, random));
      await sleep(random.intBetween(200, 1000));
    }
    process.stdout.write(`nemesis seed ${seed}: ${done.join("; ")}\n`);
    cluster.heal();
    await cluster.restartAllDown();
    await cluster.waitForLeader(logGroupId, { timeoutMs: 30_000 });
    await workload.waitForAcks(50);
    await fullRestart(cluster, random.chance(0.5));
    await workload.waitForAcks(50);
    await workload.stop();
    await healDrainAndCheck(cluster, history, cluster.memberIds());
  });
});

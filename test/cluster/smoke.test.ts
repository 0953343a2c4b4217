import { Metadata, type ServiceError } from "@grpc/grpc-js";
import { describe, expect, it } from "vitest";
import { limits } from "@millrace/common";
import { logGroupId } from "@millrace/testkit";
import { appendWorkload, healDrainAndCheck, trackClusters } from "./harness.js";

const newCluster = trackClusters();

describe("a local cluster without faults", () => {
  it("acknowledges concurrent appends and every replica holds them in order", async () => {
    const cluster = newCluster({ nodes: 3, name: "smoke" });
    await cluster.start();
    const { history, workload } = appendWorkload(cluster, { clients: 4 });
    workload.start();
    await workload.waitForAcks(300);
    await workload.stop();
    const stats = await healDrainAndCheck(cluster, history, [1, 2, 3]);
    expect(stats.ok).toBeGreaterThanOrEqual(300);
    expect(stats.replicas).toBe(3);
    // All peer traffic went through the proxies (--peer-address-override), so partitions are real.
    for (const from of [1, 2, 3]) {
      for (const to of [1, 2, 3]) {
        if (from !== to) expect(cluster.proxies.link(from, to).stats.bytes).toBeGreaterThan(0);
      }
    }
  });
});

describe("any node serves the client API", () => {
  it("forwards appends and reads sent to followers to the leader over the peer link", async () => {
    const cluster = newCluster({ nodes: 3, name: "forward" });
    await cluster.start();
    const leader = await cluster.waitForLeader(logGroupId);
    const followers = [1, 2, 3].filter((id) => id !== leader.leaderId);
    const seqs: number[] = [];
    for (const [i, id] of followers.entries()) {
      const reply = await cluster.clients.append(
        cluster.clientAddress(id),
        [Buffer.from(`via-follower-${i}`)],
        10_000,
      );
      seqs.push(Number(reply.firstSeq));
    }
    expect(new Set(seqs).size).toBe(followers.length);
    const read = await cluster.clients.read(cluster.clientAddress(followers[0] as number), 1, 100);
    const bodies = read.records.map((r) => Buffer.from(r.data).toString());
    expect(bodies).toEqual(expect.arrayContaining(["via-follower-0", "via-follower-1"]));
    // A client that asks to be redirected gets NOT_LEADER naming the leader and its address instead, at
    // once. A node learns the others' client addresses as they register, a moment after they start: wait
    // until every node knows every address. (Leadership may move meanwhile: the controller spreads
    // leaders; ask a follower of the moment.)
    const addressesKnown = async () => {
      const views = await Promise.all(
        [1, 2, 3].map((id) => cluster.clients.listNodes(cluster.clientAddress(id)).catch(() => undefined)),
      );
      return views.every(
        (view) =>
          view !== undefined &&
          [1, 2, 3].every((id) =>
            view.nodes.some((n) => n.nodeId === id && n.clientAddress === cluster.clientAddress(id)),
          ),
      );
    };
    await expect.poll(addressesKnown, { timeout: 20_000 }).toBe(true);
    let redirected = false;
    for (let attempt = 0; attempt < 5 && !redirected; attempt++) {
      const now = await cluster.waitForLeader(logGroupId);
      const follower = [1, 2, 3].find((id) => id !== now.leaderId) as number;
      const metadata = new Metadata();
      metadata.set("millrace-redirect", "1");
      const refused = await new Promise<ServiceError | null>((resolve) =>
        cluster.clients
          .log(cluster.clientAddress(follower))
          .append(
            { groupId: 0, records: [Buffer.from("redirect-me")] },
            metadata,
            { deadline: Date.now() + 10_000 },
            (e) => resolve(e),
          ),
      );
      if (refused === null) continue; // the follower had just become the leader
      expect(refused.metadata.get("millrace-error-code")).toEqual(["NOT_LEADER"]);
      // During an election (a leader the controller just moved) there is no leader yet to name.
      if (refused.metadata.get("millrace-leader-id").length === 0) continue;
      const hinted = Number(refused.metadata.get("millrace-leader-id")[0]);
      expect(hinted).not.toBe(follower);
      expect(refused.metadata.get("millrace-leader-address")).toEqual([cluster.clientAddress(hinted)]);
      redirected = true;
    }
    expect(redirected).toBe(true);
  });
});

describe("bad appends", () => {
  it("are refused with an error naming what is wrong, and append nothing", async () => {
    const cluster = newCluster({ nodes: 1, name: "bad-appends" });
    await cluster.start();
    await cluster.waitForLeader(logGroupId);
    const address = cluster.clientAddress(1);
    const refusal = (records: Buffer[], groupId = 0) =>
      new Promise<{ code: unknown; message: string }>((resolve, reject) =>
        cluster.clients
          .log(address)
          .append({ groupId, records }, { deadline: Date.now() + 10_000 }, (error) =>
            error === null
              ? reject(new Error("the append was accepted"))
              : resolve({ code: error.metadata.get("millrace-error-code")[0], message: error.details }),
          ),
      );
    const empty = await refusal([]);
    expect(empty.code).toBe("INVALID_ARGUMENT");
    expect(empty.message).toContain("records");
    const tooMany = await refusal(
      Array.from({ length: limits.logAppendRecordsMax + 1 }, () => Buffer.alloc(0)),
    );
    expect(tooMany.code).toBe("INVALID_ARGUMENT");
    expect(tooMany.message).toContain(`${limits.logAppendRecordsMax}-record limit`);
    expect(await refusal([Buffer.alloc(limits.batchBytesMax + 1)])).toMatchObject({
      code: "PAYLOAD_TOO_LARGE",
    });
    expect(await refusal([Buffer.from("x")], 999)).toMatchObject({ code: "NOT_FOUND" });
    const read = await cluster.clients.read(address, 1, 10);
    expect(read.records).toEqual([]);
  });
});

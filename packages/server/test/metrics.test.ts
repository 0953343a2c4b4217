import { describe, expect, it } from "vitest";
import { NodeMetrics } from "../src/metrics.js";

/** The `group` labels present in the exposition, per metric name. */
async function groupsOf(metrics: NodeMetrics, name: string): Promise<string[]> {
  const text = await metrics.registry.metrics();
  return text
    .split("\n")
    .filter((line) => line.startsWith(`${name}{`))
    .map((line) => /group="([^"]*)"/.exec(line)?.[1] ?? "")
    .sort();
}

describe("a node's per-group metrics", () => {
  // Before, a group that moved to other nodes kept its last values on the node it left: that node
  // still reported leading it, beside the node that does.
  it("drop the series of a group the node no longer hosts, and keep the others", async () => {
    const metrics = new NodeMetrics();
    for (const group of ["1", "7"]) {
      metrics.raftTerm.set({ group }, 3);
      metrics.raftIsLeader.set({ group }, 1);
      metrics.raftCommitIndex.set({ group }, 10);
      metrics.raftAppliedLag.set({ group }, 0);
      metrics.raftLogEntries.set({ group }, 5);
      metrics.leaderChanges.inc({ group });
      metrics.proposalQueueDepth.set({ group }, 0);
      metrics.longPollsWaiting.set({ group }, 2);
    }
    metrics.keepGroups(["1", "7"]);
    expect(await groupsOf(metrics, "millrace_raft_is_leader")).toEqual(["1", "7"]);
    metrics.keepGroups(["1"]);
    for (const name of [
      "millrace_raft_term",
      "millrace_raft_is_leader",
      "millrace_raft_commit_index",
      "millrace_raft_applied_lag_entries",
      "millrace_raft_log_entries",
      "millrace_raft_leader_changes_total",
      "millrace_proposal_queue_depth",
      "millrace_queue_long_polls_waiting",
    ]) {
      expect(await groupsOf(metrics, name), name).toEqual(["1"]);
    }
  });
});

/** The value of one series in the exposition, or undefined. */
async function valueOf(metrics: NodeMetrics, series: string): Promise<number | undefined> {
  const line = (await metrics.registry.metrics()).split("\n").find((l) => l.startsWith(`${series} `));
  return line === undefined ? undefined : Number(line.slice(series.length + 1));
}

describe("a node's snapshot metrics", () => {
  // The transport's counters are totals since it started; the Prometheus counters must add only what
  // is new at each observation, or every scrape interval would count a transfer again.
  it("count what the transport's totals added since the last observation, and show transfers in progress", async () => {
    const metrics = new NodeMetrics();
    const totals = { bytesSent: 0, bytesReceived: 0, sent: 0, failed: 0, received: 0 };
    metrics.observeTransport({ ...totals, bytesSent: 4096, sending: 1, receiving: 2 });
    metrics.observeTransport({ ...totals, bytesSent: 6144, sent: 1, sending: 0, receiving: 1 });
    metrics.observeTransport({ ...totals, bytesSent: 6144, sent: 1, received: 1, sending: 0, receiving: 0 });
    expect(await valueOf(metrics, 'millrace_snapshot_bytes_total{direction="sent"}')).toBe(6144);
    expect(await valueOf(metrics, 'millrace_snapshots_total{outcome="sent"}')).toBe(1);
    expect(await valueOf(metrics, 'millrace_snapshots_total{outcome="received"}')).toBe(1);
    expect(await valueOf(metrics, 'millrace_snapshot_transfers{direction="receiving"}')).toBe(0);
  });
});

describe("a node's peer traffic metrics", () => {
  it("count the frames, Raft messages and bytes the transport's totals added since the last observation", async () => {
    const metrics = new NodeMetrics();
    const zero = {
      framesSent: 0,
      framesReceived: 0,
      messagesSent: 0,
      messagesReceived: 0,
      bytesSent: 0,
      bytesReceived: 0,
      messagesDropped: 0,
    };
    metrics.observePeerTraffic({ ...zero, framesSent: 2, messagesSent: 30, bytesSent: 9_000 });
    const later = { ...zero, framesSent: 5, messagesSent: 80, bytesSent: 20_000, framesReceived: 4 };
    metrics.observePeerTraffic(later);
    // Totals unchanged since: nothing more is counted.
    metrics.observePeerTraffic(later);
    expect(await valueOf(metrics, 'millrace_peer_frames_total{direction="sent"}')).toBe(5);
    expect(await valueOf(metrics, 'millrace_peer_frames_total{direction="received"}')).toBe(4);
    expect(await valueOf(metrics, 'millrace_peer_raft_messages_total{direction="sent"}')).toBe(80);
    expect(await valueOf(metrics, 'millrace_peer_bytes_total{direction="sent"}')).toBe(20_000);
    expect(await valueOf(metrics, "millrace_peer_raft_messages_dropped_total")).toBe(0);
  });
});

describe("a node's queue message metrics", () => {
  const series = async (metrics: NodeMetrics) =>
    (await metrics.registry.metrics()).split("\n").filter((l) => l.startsWith("millrace_queue_messages{"));

  // Only a partition's leader reports it, so a queue's series summed over nodes give its counts: a node
  // that kept reporting a partition it no longer leads would count it twice.
  it("show a led partition's messages by state, and drop them when leadership or the group goes", async () => {
    const metrics = new NodeMetrics();
    metrics.observeQueue("7", { queue: "jobs", visible: 5, inFlight: 2, delayed: 1, oldestAgeSeconds: 1 });
    metrics.observeQueue("8", { queue: "jobs", visible: 1, inFlight: 0, delayed: 0, oldestAgeSeconds: 0 });
    expect(await series(metrics)).toEqual([
      'millrace_queue_messages{queue="jobs",group="7",state="visible"} 5',
      'millrace_queue_messages{queue="jobs",group="7",state="in_flight"} 2',
      'millrace_queue_messages{queue="jobs",group="7",state="delayed"} 1',
      'millrace_queue_messages{queue="jobs",group="8",state="visible"} 1',
      'millrace_queue_messages{queue="jobs",group="8",state="in_flight"} 0',
      'millrace_queue_messages{queue="jobs",group="8",state="delayed"} 0',
    ]);
    metrics.observeQueue("7", undefined);
    expect((await series(metrics)).every((line) => line.includes('group="8"'))).toBe(true);
    metrics.keepGroups(["8"]);
    metrics.keepGroups([]);
    expect(await series(metrics)).toEqual([]);
  });

  it("show a led partition's oldest message age while it is known, and drop it with the partition", async () => {
    const metrics = new NodeMetrics();
    const ages = async () =>
      (await metrics.registry.metrics())
        .split("\n")
        .filter((l) => l.startsWith("millrace_queue_oldest_message_age_seconds{"));
    const counts = { queue: "jobs", visible: 1, inFlight: 0, delayed: 0 };
    metrics.observeQueue("7", { ...counts, oldestAgeSeconds: 12.5 });
    metrics.observeQueue("8", { ...counts, oldestAgeSeconds: 0 });
    expect(await ages()).toEqual([
      'millrace_queue_oldest_message_age_seconds{queue="jobs",group="7"} 12.5',
      'millrace_queue_oldest_message_age_seconds{queue="jobs",group="8"} 0',
    ]);
    // Not read lately (the node just took the lead): no age rather than a stale one.
    metrics.observeQueue("7", { ...counts, oldestAgeSeconds: undefined });
    expect(await ages()).toEqual(['millrace_queue_oldest_message_age_seconds{queue="jobs",group="8"} 0']);
    metrics.observeQueue("8", undefined);
    expect(await ages()).toEqual([]);
  });
});

import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from "prom-client";
import { CallStats } from "./rpc/call-metrics.js";

/** The node's Prometheus metrics, served at /metrics on the HTTP port. */
export class NodeMetrics {
  readonly registry = new Registry();
  readonly raftTerm = new Gauge({
    name: "millrace_raft_term",
    help: "Current Raft term per group",
    labelNames: ["group"],
    registers: [this.registry],
  });
  readonly raftIsLeader = new Gauge({
    name: "millrace_raft_is_leader",
    help: "1 if this node leads the group",
    labelNames: ["group"],
    registers: [this.registry],
  });
  readonly raftCommitIndex = new Gauge({
    name: "millrace_raft_commit_index",
    help: "Commit index per group",
    labelNames: ["group"],
    registers: [this.registry],
  });
  readonly raftAppliedLag = new Gauge({
    name: "millrace_raft_applied_lag_entries",
    help: "Committed entries not yet applied, per group",
    labelNames: ["group"],
    registers: [this.registry],
  });
  readonly raftLogEntries = new Gauge({
    name: "millrace_raft_log_entries",
    help: "Entries held in the group's log, from the first not compacted to the last (more while a replica lags)",
    labelNames: ["group"],
    registers: [this.registry],
  });
  readonly leaderChanges = new Counter({
    name: "millrace_raft_leader_changes_total",
    help: "Leader changes observed, per group",
    labelNames: ["group"],
    registers: [this.registry],
  });
  readonly entriesCommitted = new Counter({
    name: "millrace_raft_entries_persisted_total",
    help: "Raft entries made durable by group commit",
    registers: [this.registry],
  });
  readonly fsyncSeconds = new Histogram({
    name: "millrace_storage_fsync_seconds",
    help: "Duration of each group-commit synced write",
    buckets: [0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.5, 1],
    registers: [this.registry],
  });
  readonly entriesPerFsync = new Histogram({
    name: "millrace_storage_entries_per_fsync",
    help: "Raft entries covered by one synced write",
    buckets: [0, 1, 2, 4, 8, 16, 32, 64, 128, 256, 512, 1024, 4096],
    registers: [this.registry],
  });
  readonly proposalQueueDepth = new Gauge({
    name: "millrace_proposal_queue_depth",
    help: "Proposals waiting to enter the log, per group",
    labelNames: ["group"],
    registers: [this.registry],
  });
  readonly longPollsWaiting = new Gauge({
    name: "millrace_queue_long_polls_waiting",
    help: "ReceiveMessage long polls waiting on a queue partition this node leads, per group",
    labelNames: ["group"],
    registers: [this.registry],
  });
  readonly partitionCalls = new Counter({
    name: "millrace_partition_calls_total",
    help: "Attempts of operations this node's gateway sent to a group's leader (a retry counts again), by operation and by where they went: local (this node led the group) or forwarded (to the leader over the peer link); a high forwarded share means clients are not reaching leaders",
    labelNames: ["op", "where"],
    registers: [this.registry],
  });
  readonly clientStreamsOpen = new Gauge({
    name: "millrace_client_streams_open",
    help: "QueueService frame streams (SendMessageStream and ConsumeStream) open on this node's client port",
    registers: [this.registry],
  });
  readonly peerLinkUp = new Gauge({
    name: "millrace_peer_link_up",
    help: "1 if the link to a peer node is connected",
    labelNames: ["peer"],
    registers: [this.registry],
  });
  readonly snapshotTransfers = new Gauge({
    name: "millrace_snapshot_transfers",
    help: "Snapshot transfers in progress on this node: direction sending or receiving",
    labelNames: ["direction"],
    registers: [this.registry],
  });
  readonly snapshotBytes = new Counter({
    name: "millrace_snapshot_bytes_total",
    help: "Snapshot bytes sent (re-sends included) and received (new bytes only): direction sent or received",
    labelNames: ["direction"],
    registers: [this.registry],
  });
  readonly snapshotsEnded = new Counter({
    name: "millrace_snapshots_total",
    help: "Snapshot transfers ended: sent, failed (sending), received (installed)",
    labelNames: ["outcome"],
    registers: [this.registry],
  });
  readonly peerFrames = new Counter({
    name: "millrace_peer_frames_total",
    help: "Frames on the peer streams (each carries a batch of Raft messages or a snapshot chunk), by direction: sent or received",
    labelNames: ["direction"],
    registers: [this.registry],
  });
  readonly peerMessages = new Counter({
    name: "millrace_peer_raft_messages_total",
    help: "Raft messages carried to and from peer nodes, by direction: sent or received; over millrace_peer_frames_total, how well they are batched",
    labelNames: ["direction"],
    registers: [this.registry],
  });
  readonly peerBytes = new Counter({
    name: "millrace_peer_bytes_total",
    help: "Frame bytes on the peer streams, snapshots included, by direction: sent or received",
    labelNames: ["direction"],
    registers: [this.registry],
  });
  readonly peerMessagesDropped = new Counter({
    name: "millrace_peer_raft_messages_dropped_total",
    help: "Raft messages dropped before they were sent: a peer's queue full, a message too large, or the transport stopping",
    registers: [this.registry],
  });
  readonly groupsBeingDeleted = new Gauge({
    name: "millrace_storage_groups_being_deleted",
    help: "Groups destroyed on this node whose data is still being deleted",
    registers: [this.registry],
  });

  readonly queueMessages = new Gauge({
    name: "millrace_queue_messages",
    help: "Messages in a queue partition this node leads, by state (visible, in_flight, delayed); only leaders report, so summed over nodes they give each queue's",
    labelNames: ["queue", "group", "state"],
    registers: [this.registry],
  });

  readonly queueOldestAge = new Gauge({
    name: "millrace_queue_oldest_message_age_seconds",
    help: "Seconds since the oldest message in a queue partition this node leads was sent (0 when it holds none), read about once a second; as SQS's ApproximateAgeOfOldestMessage, the max over a queue's partitions is the queue's",
    labelNames: ["queue", "group"],
    registers: [this.registry],
  });

  /** The client API's calls, by service, method and status code (see call-metrics.ts). */
  readonly calls = new CallStats();

  /** The groups whose series the last `keepGroups` call left in place. */
  private reportedGroups = new Set<string>();
  /** The queue each group's millrace_queue_messages series name, for the groups that have them. */
  private readonly queueOfGroup = new Map<string, string>();
  /** The transport's counters at the last `observeTransport`, so the Prometheus counters add what is new. */
  private transportSeen: TransportSnapshotCounts = {
    bytesSent: 0,
    bytesReceived: 0,
    sent: 0,
    failed: 0,
    received: 0,
  };
  /** The peer traffic totals at the last `observePeerTraffic`. */
  private peerTrafficSeen: PeerTraffic = {
    framesSent: 0,
    framesReceived: 0,
    messagesSent: 0,
    messagesReceived: 0,
    bytesSent: 0,
    bytesReceived: 0,
    messagesDropped: 0,
  };

  constructor() {
    collectDefaultMetrics({ register: this.registry, prefix: "millrace_process_" });
    this.calls.register(this.registry);
  }

  /** Snapshot transfer gauges and counters from the transport's stats (whose counters only grow). */
  observeTransport(stats: TransportSnapshotStats): void {
    this.snapshotTransfers.set({ direction: "sending" }, stats.sending);
    this.snapshotTransfers.set({ direction: "receiving" }, stats.receiving);
    const seen = this.transportSeen;
    addNew(this.snapshotBytes, { direction: "sent" }, stats.bytesSent, seen.bytesSent);
    addNew(this.snapshotBytes, { direction: "received" }, stats.bytesReceived, seen.bytesReceived);
    addNew(this.snapshotsEnded, { outcome: "sent" }, stats.sent, seen.sent);
    addNew(this.snapshotsEnded, { outcome: "failed" }, stats.failed, seen.failed);
    addNew(this.snapshotsEnded, { outcome: "received" }, stats.received, seen.received);
    this.transportSeen = {
      bytesSent: stats.bytesSent,
      bytesReceived: stats.bytesReceived,
      sent: stats.sent,
      failed: stats.failed,
      received: stats.received,
    };
  }

  /** Peer stream traffic from the transport's totals (which only grow): frames, Raft messages, bytes. */
  observePeerTraffic(totals: PeerTraffic): void {
    const seen = this.peerTrafficSeen;
    addNew(this.peerFrames, { direction: "sent" }, totals.framesSent, seen.framesSent);
    addNew(this.peerFrames, { direction: "received" }, totals.framesReceived, seen.framesReceived);
    addNew(this.peerMessages, { direction: "sent" }, totals.messagesSent, seen.messagesSent);
    addNew(this.peerMessages, { direction: "received" }, totals.messagesReceived, seen.messagesReceived);
    addNew(this.peerBytes, { direction: "sent" }, totals.bytesSent, seen.bytesSent);
    addNew(this.peerBytes, { direction: "received" }, totals.bytesReceived, seen.bytesReceived);
    addNew(this.peerMessagesDropped, {}, totals.messagesDropped, seen.messagesDropped);
    // Only the totals: the transport's stats object holds every peer's too.
    this.peerTrafficSeen = {
      framesSent: totals.framesSent,
      framesReceived: totals.framesReceived,
      messagesSent: totals.messagesSent,
      messagesReceived: totals.messagesReceived,
      bytesSent: totals.bytesSent,
      bytesReceived: totals.bytesReceived,
      messagesDropped: totals.messagesDropped,
    };
  }

  /**
   * A queue partition's message counts, or, with undefined (this node does not lead it), none: a node
   * that stopped leading a partition must not go on reporting it beside its new leader.
   */
  observeQueue(group: string, counts: QueueMessageCounts | undefined): void {
    const reported = this.queueOfGroup.get(group);
    if (reported !== undefined && reported !== counts?.queue) {
      for (const state of queueMessageStates) this.queueMessages.remove({ queue: reported, group, state });
      this.queueOldestAge.remove({ queue: reported, group });
      this.queueOfGroup.delete(group);
    }
    if (counts === undefined) return;
    const { queue } = counts;
    this.queueMessages.set({ queue, group, state: "visible" }, counts.visible);
    this.queueMessages.set({ queue, group, state: "in_flight" }, counts.inFlight);
    this.queueMessages.set({ queue, group, state: "delayed" }, counts.delayed);
    if (counts.oldestAgeSeconds === undefined) this.queueOldestAge.remove({ queue, group });
    else this.queueOldestAge.set({ queue, group }, counts.oldestAgeSeconds);
    this.queueOfGroup.set(group, queue);
  }

  /**
   * Drops every per-group series of groups not in `hosted` (the groups this node hosts now). Without
   * this, a group that moved to other nodes kept its last values here: a node it left still said it led
   * the group, beside the node that does.
   */
  keepGroups(hosted: Iterable<string>): void {
    const now = new Set(hosted);
    for (const group of this.reportedGroups) {
      if (now.has(group)) continue;
      for (const metric of [
        this.raftTerm,
        this.raftIsLeader,
        this.raftCommitIndex,
        this.raftAppliedLag,
        this.raftLogEntries,
        this.leaderChanges,
        this.proposalQueueDepth,
        this.longPollsWaiting,
      ]) {
        metric.remove({ group });
      }
      this.observeQueue(group, undefined);
    }
    this.reportedGroups = now;
  }
}

const queueMessageStates = ["visible", "in_flight", "delayed"] as const;

/** A queue partition's messages by state, as GetQueueAttributes counts them. */
export interface QueueMessageCounts {
  readonly queue: string;
  readonly visible: number;
  readonly inFlight: number;
  readonly delayed: number;
  /** Seconds since the oldest message held was sent, 0 with none; undefined when not known lately. */
  readonly oldestAgeSeconds: number | undefined;
}

/** The transport's snapshot counters, summed over peers. */
interface TransportSnapshotCounts {
  readonly bytesSent: number;
  readonly bytesReceived: number;
  readonly sent: number;
  readonly failed: number;
  readonly received: number;
}

/** A counter grows by what a total gained since it was last seen. */
function addNew(counter: Counter, labels: Record<string, string>, now: number, before: number): void {
  if (now > before) counter.inc(labels, now - before);
}

/** The peer transport's traffic totals since it started. */
export interface PeerTraffic {
  readonly framesSent: number;
  readonly framesReceived: number;
  readonly messagesSent: number;
  readonly messagesReceived: number;
  readonly bytesSent: number;
  readonly bytesReceived: number;
  readonly messagesDropped: number;
}

export interface TransportSnapshotStats extends TransportSnapshotCounts {
  /** Gauges: transfers in progress. */
  readonly sending: number;
  readonly receiving: number;
}

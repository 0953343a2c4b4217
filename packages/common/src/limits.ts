import { MillraceError, ErrorCode } from "./errors.js";

const KiB = 1_024;
const MiB = 1_024 * KiB;

/**
 * Every limit in Millrace, in one place, with units and qualifiers last. These are the defaults of
 * settings (SPEC.md): an operator may override them, and `checkLimits` then checks the combination, as it
 * checks these defaults when this module loads. Sizes count bytes after encoding.
 */
const defaults = {
  // Queues (SQS). Ranges and defaults are AWS's, because clients already depend on them.

  /** The longest queue name, counting a `.fifo` suffix, as AWS counts it. */
  queueNameLengthMax: 80,
  /** Batch entry ids are chosen by the client and echoed in per-entry results; AWS caps them at 80. */
  batchEntryIdLengthMax: 80,
  /** MessageGroupId and MessageDeduplicationId are stored and indexed per message; AWS caps them at 128. */
  messageGroupIdLengthMax: 128,
  dedupIdLengthMax: 128,
  /**
   * The longest receipt handle (or move-task handle) a client may send and a command may carry; the ones
   * Millrace issues are far shorter.
   */
  receiptHandleLengthMax: 1_024,
  /** The smallest MaximumMessageSize a queue may set: AWS's floor. */
  messageBodyBytesMin: KiB,
  /** A queue's MaximumMessageSize unless it sets one: AWS's historical 256 KiB. */
  messageBodyBytesDefault: 256 * KiB,
  /** The largest MaximumMessageSize a queue may set. Attributes count toward it, as AWS counts them. */
  messageBodyBytesMax: MiB,
  /** Message attributes per message: AWS's cap, and a bound on attribute work per message. */
  messageAttributesMax: 10,
  /** Entries per SendMessageBatch, DeleteMessageBatch, ChangeMessageVisibilityBatch and PublishBatch. */
  batchEntriesMax: 10,
  /** All entries of one batch together; a batch commits as one Raft entry, so this bounds that entry. */
  batchBytesMax: MiB,
  /** Messages one ReceiveMessage may return; bounds the response and the receive command. */
  receiveMessagesMax: 10,
  /** Long polls hold a waiter on the leader; AWS's 20 s cap keeps them from outliving connections. */
  waitTimeSecondsDefault: 0,
  waitTimeSecondsMax: 20,
  visibilityTimeoutSecondsDefault: 30,
  /** Twelve hours: AWS's cap, so a lost consumer cannot hide a message for longer. */
  visibilityTimeoutSecondsMax: 43_200,
  delaySecondsDefault: 0,
  /** Fifteen minutes: AWS's cap on delivery delay. */
  delaySecondsMax: 900,
  /** Retention from one minute to fourteen days (default four), as AWS allows; it bounds stored data. */
  retentionSecondsMin: 60,
  retentionSecondsDefault: 345_600,
  retentionSecondsMax: 1_209_600,
  /** A RedrivePolicy's maxReceiveCount range, as AWS allows. */
  redriveReceiveCountMin: 1,
  redriveReceiveCountMax: 1_000,
  /** The source queues a RedriveAllowPolicy of "byQueue" may name, as AWS allows. */
  redriveAllowSourceQueuesMax: 10,
  /** FIFO deduplication ids are remembered for five minutes, as AWS promises. */
  dedupWindowMs: 300_000,
  /** A deleted queue's name cannot be reused for a minute, as in AWS, so late sends cannot reach a new queue. */
  queueNameReuseDelayMs: 60_000,
  /** One PurgeQueue per minute per queue, as in AWS; purges rewrite a whole partition's index. */
  purgeIntervalMs: 60_000,
  /**
   * Messages in flight (received, neither deleted nor visible again) on one standard queue: AWS's cap of
   * about 120,000, which bounds the receipts a partition tracks. Beyond it a short-poll receive answers
   * OVER_LIMIT and a long poll waits. Each of a queue's partitions enforces ceil(cap / partitions).
   */
  queueInflightMessagesMax: 120_000,
  /** The same cap on a FIFO queue, AWS's 20,000; a receive beyond it returns no messages, as AWS's does. */
  fifoQueueInflightMessagesMax: 20_000,
  /**
   * Operations a queue partition's leader folds into one Raft entry. While one entry is being committed
   * the next fills, so under load thousands of small calls become a few entries (each saving an encode,
   * a checksum, a log write, replication framing and an apply); an idle partition proposes at once. This
   * bounds the apply work of one entry.
   */
  queueBatchCommandsMax: 128,
  /** The encoded operations of one such entry together; at least one whole SendMessageBatch must fit. */
  queueBatchBytesMax: 4 * MiB,
  /** Operations waiting for a partition leader's next batch; beyond either bound RESOURCE_EXHAUSTED. */
  queuePendingCommandsMax: 4_096,
  queuePendingBytesMax: 64 * MiB,
  /**
   * Long polls waiting on one partition leader; beyond it a new one is refused RESOURCE_EXHAUSTED. Each
   * holds a timer and a closure, and every send wakes all of them to look again, so their number is the
   * cost of a send. A ReceiveMessage long poll waits on each partition of its queue.
   */
  queueLongPollsPerPartitionMax: 1_000,
  /**
   * Message metas a queue partition keeps in memory, on every replica: the latest written, so the receive
   * and the delete that usually follow a send soon find the meta without a LevelDB read. Measured at
   * about 900 bytes of heap each (the object, its id and nonce, the Map's slot): up to 115 KiB per
   * partition.
   */
  queueMetaCacheEntriesMax: 128,

  // The replicated log (LogService).

  /**
   * Records per Append call, and per Raft entry after the log leader folds concurrent appends together:
   * bounds one entry's apply work and the 4 bytes of framing each record adds to it.
   */
  logAppendRecordsMax: 10_000,
  /**
   * Appends the log leader folds into one entry: under load, many small calls share one encode, one
   * checksum, one log write and one stored chunk; the entry's records stay within batchBytesMax.
   */
  logBatchAppendsMax: 256,
  /** Batches of appends proposed and not yet committed: pipelines the log group without bound-less memory. */
  logProposalsInFlightMax: 4,
  /** Appends waiting for the log leader's next batch; beyond either bound RESOURCE_EXHAUSTED. */
  logPendingAppendsMax: 4_096,
  logPendingBytesMax: 64 * MiB,

  // Topics (SNS).

  topicMessageBytesDefault: 256 * KiB,
  /** Publishes may be raised to 1 MiB, matching the largest queue message they may fan out into. */
  topicMessageBytesMax: MiB,
  /** Filter policy size caps, as AWS's: matching cost per message grows with both. */
  filterPolicyKeysMax: 5,
  filterPolicyCombinationsMax: 150,
  /** An HTTP delivery policy's retry budget: at most 100 attempts within an hour, as AWS allows. */
  deliveryRetriesMax: 100,
  deliveryRetrySecondsMax: 3_600,

  // Streams (Kinesis).

  /** Partition keys are hashed with MD5 and stored with each record; AWS caps them at 256 characters. */
  partitionKeyLengthMax: 256,
  streamRecordBytesDefault: MiB,
  /** A stream may allow records up to 10 MiB, as Kinesis now does. */
  streamRecordBytesMax: 10 * MiB,
  /** PutRecords per call: Kinesis's caps; a call becomes one Raft entry per shard it touches. */
  putRecordsEntriesMax: 500,
  putRecordsBytesMax: 5 * MiB,
  /** GetRecords per call: Kinesis's caps, which bound one read response. */
  getRecordsEntriesMax: 10_000,
  getRecordsBytesMax: 10 * MiB,
  /** Shard iterators expire after five minutes, as in Kinesis, so the gateway need not remember them long. */
  shardIteratorTtlMs: 300_000,
  /** Retention from one day to one year, default one day, as Kinesis allows. */
  streamRetentionHoursMin: 24,
  streamRetentionHoursDefault: 24,
  streamRetentionHoursMax: 8_760,

  // Raft, the peer transport and the client API.

  /**
   * Headroom each wrapping layer (a command around a payload, a Raft message around entries, a peer frame
   * around messages, a gRPC request around a batch) may add for its own fields. Ids and names are capped
   * at a few hundred bytes each, so 64 KiB leaves a wide margin while keeping the layers' limits close.
   */
  framingBytesReserve: 64 * KiB,
  /** One Raft entry's data. A proposal above it is refused, since a stored entry must be sendable whole. */
  raftEntryBytesMax: 12 * MiB,
  /**
   * Entries in one append message (etcd's MaxSizePerMsg). Smaller messages interleave groups better on a
   * shared peer stream, but the largest entry must still fit in one.
   */
  raftMessageBytesMax: 16 * MiB,
  /** Appends in flight to one follower before acknowledgements (etcd's MaxInflightMsgs). */
  raftInflightMessagesMax: 256,
  /**
   * Bytes in flight to one follower (etcd's MaxInflightBytes). By Little's law the window caps throughput
   * at window / RTT: 32 MiB at a 10 ms cross-zone RTT is 3.2 GiB/s, well past the disk.
   */
  raftInflightBytesMax: 32 * MiB,
  /**
   * Proposed but uncommitted bytes on a leader (etcd's MaxUncommittedEntriesSize). Past it proposals are
   * dropped, so a leader that cannot commit stops accepting writes instead of growing without bound.
   */
  raftUncommittedBytesMax: 64 * MiB,
  /** Proposals waiting for a group's Ready loop; beyond either bound the driver answers RESOURCE_EXHAUSTED. */
  proposalQueueDepthMax: 1_024,
  proposalQueueBytesMax: 64 * MiB,
  /** One chunk of a snapshot transfer: small enough not to stall other groups sharing the peer stream. */
  snapshotChunkBytesMax: MiB,
  /** One frame on a peer stream; the peer gRPC server's receive limit is set to it. */
  peerFrameBytesMax: 20 * MiB,
  /** The client API's gRPC receive limit; gRPC's 4 MiB default would refuse legal requests. */
  grpcRequestBytesMax: 12 * MiB,
  /** The client API's gRPC send limit, set on both ends so legal responses are never refused. */
  grpcResponseBytesMax: 12 * MiB,
  /**
   * Frames of one SendMessageStream a node works on at once; it reads no more until one is answered, and
   * HTTP/2 flow control then holds the client back. Besides these, grpc-js reads up to 16 frames ahead
   * into the stream's buffer, each up to grpcRequestBytesMax, as 16 unary calls' requests could be; a
   * frame's batch is held to batchBytesMax once the handler reads it. The SDK writes no more than this
   * many unanswered frames to a stream, so its frames wait on the client, not in the node's buffers.
   */
  sendStreamFramesInFlightMax: 64,
  /**
   * Frames a node works on at once per ConsumeStream, after which it reads no more of the stream until
   * one is answered. A receive frame's long poll may hold its slot for 20 s, so the SDK keeps at most
   * consumeStreamReceivesInFlightMax of them unanswered: the rest of the slots but one are for deletes
   * and visibility changes, which a stream of waiting polls then never holds up. The SDK leaves the last
   * slot free, so the node keeps reading the stream and a cancel frame always reaches it.
   */
  consumeStreamFramesInFlightMax: 128,
  /** Receive frames the SDK keeps unanswered on one ConsumeStream (see consumeStreamFramesInFlightMax). */
  consumeStreamReceivesInFlightMax: 64,
  /**
   * The HTTP/2 flow-control window this process opens to each peer, per stream and per connection, on
   * the gRPC servers and channels it makes. HTTP/2's default is 64 KiB for both: a connection carrying
   * 32 KiB appends or MiB-sized Raft frames then stops every 64 KiB until the receiver's event loop has
   * read the data and sent a WINDOW_UPDATE, and in the log-append bench most of a call's time went to that
   * wait. It also bounds what one connection can have in flight unread.
   */
  http2WindowBytes: 4 * MiB,
  /** One Raft tick. Elections and heartbeats are counted in ticks so the core never reads a clock. */
  tickMs: 100,
  heartbeatIntervalTicks: 1,
  /** One second at 100 ms ticks: ten heartbeats may be lost before a follower campaigns. */
  electionTimeoutTicks: 10,

  // The cluster.

  /** Replicas per group: three survive one failure; a single node runs with one. */
  replicationFactorDefault: 3,
};

export type Limits = { readonly [K in keyof typeof defaults]: number };
export type LimitName = keyof Limits;

interface Relation {
  /** The relation as it would be written in code, naming the limits involved. */
  readonly relation: string;
  readonly holds: (limits: Limits) => boolean;
}

/**
 * How limits must relate. Each row would otherwise surface as a refusal deep in the system: a request
 * accepted by the gateway that no Raft entry, message, frame or response could ever carry.
 */
const relations: readonly Relation[] = [
  // Defaults lie inside their ranges.
  {
    relation: "messageBodyBytesMin <= messageBodyBytesDefault <= messageBodyBytesMax",
    holds: (l) =>
      l.messageBodyBytesMin <= l.messageBodyBytesDefault &&
      l.messageBodyBytesDefault <= l.messageBodyBytesMax,
  },
  {
    relation: "visibilityTimeoutSecondsDefault <= visibilityTimeoutSecondsMax",
    holds: (l) => l.visibilityTimeoutSecondsDefault <= l.visibilityTimeoutSecondsMax,
  },
  {
    relation: "delaySecondsDefault <= delaySecondsMax",
    holds: (l) => l.delaySecondsDefault <= l.delaySecondsMax,
  },
  {
    relation: "waitTimeSecondsDefault <= waitTimeSecondsMax",
    holds: (l) => l.waitTimeSecondsDefault <= l.waitTimeSecondsMax,
  },
  {
    relation: "retentionSecondsMin <= retentionSecondsDefault <= retentionSecondsMax",
    holds: (l) =>
      l.retentionSecondsMin <= l.retentionSecondsDefault &&
      l.retentionSecondsDefault <= l.retentionSecondsMax,
  },
  {
    relation: "redriveReceiveCountMin <= redriveReceiveCountMax",
    holds: (l) => l.redriveReceiveCountMin <= l.redriveReceiveCountMax,
  },
  {
    relation: "topicMessageBytesDefault <= topicMessageBytesMax",
    holds: (l) => l.topicMessageBytesDefault <= l.topicMessageBytesMax,
  },
  {
    relation: "streamRecordBytesDefault <= streamRecordBytesMax",
    holds: (l) => l.streamRecordBytesDefault <= l.streamRecordBytesMax,
  },
  {
    relation: "streamRetentionHoursMin <= streamRetentionHoursDefault <= streamRetentionHoursMax",
    holds: (l) =>
      l.streamRetentionHoursMin <= l.streamRetentionHoursDefault &&
      l.streamRetentionHoursDefault <= l.streamRetentionHoursMax,
  },

  // Whatever a client may send fits in one batch, one Raft entry and one gRPC request.
  {
    relation: "messageBodyBytesMax <= batchBytesMax",
    holds: (l) => l.messageBodyBytesMax <= l.batchBytesMax,
  },
  {
    relation: "streamRecordBytesDefault <= putRecordsBytesMax",
    holds: (l) => l.streamRecordBytesDefault <= l.putRecordsBytesMax,
  },
  fitsWithReserve("batchBytesMax", "raftEntryBytesMax"),
  {
    // A log entry's records plus the 4-byte length of each (log-layouts.ts).
    relation: "batchBytesMax + 4 * logAppendRecordsMax + framingBytesReserve <= raftEntryBytesMax",
    holds: (l) => l.batchBytesMax + 4 * l.logAppendRecordsMax + l.framingBytesReserve <= l.raftEntryBytesMax,
  },
  {
    relation: "batchBytesMax <= logPendingBytesMax",
    holds: (l) => l.batchBytesMax <= l.logPendingBytesMax,
  },
  fitsWithReserve("batchBytesMax", "queueBatchBytesMax"),
  fitsWithReserve("queueBatchBytesMax", "raftEntryBytesMax"),
  fitsWithReserve("topicMessageBytesMax", "raftEntryBytesMax"),
  fitsWithReserve("streamRecordBytesMax", "raftEntryBytesMax"),
  fitsWithReserve("putRecordsBytesMax", "raftEntryBytesMax"),
  fitsWithReserve("batchBytesMax", "grpcRequestBytesMax"),
  fitsWithReserve("topicMessageBytesMax", "grpcRequestBytesMax"),
  fitsWithReserve("streamRecordBytesMax", "grpcRequestBytesMax"),
  fitsWithReserve("putRecordsBytesMax", "grpcRequestBytesMax"),

  // Whatever a client may be sent fits in one gRPC response, and the largest record can be read.
  {
    relation: "receiveMessagesMax * messageBodyBytesMax + framingBytesReserve <= grpcResponseBytesMax",
    holds: (l) =>
      l.receiveMessagesMax * l.messageBodyBytesMax + l.framingBytesReserve <= l.grpcResponseBytesMax,
  },
  fitsWithReserve("getRecordsBytesMax", "grpcResponseBytesMax"),
  {
    relation: "streamRecordBytesMax <= getRecordsBytesMax",
    holds: (l) => l.streamRecordBytesMax <= l.getRecordsBytesMax,
  },

  // A queue partition's pending operations hold at least one full batch, or no batch could ever fill.
  {
    relation: "queueBatchCommandsMax <= queuePendingCommandsMax",
    holds: (l) => l.queueBatchCommandsMax <= l.queuePendingCommandsMax,
  },
  {
    relation: "queueBatchBytesMax <= queuePendingBytesMax",
    holds: (l) => l.queueBatchBytesMax <= l.queuePendingBytesMax,
  },

  // Any entry can be queued, proposed, sent and framed, or replication would stall on it forever.
  {
    relation: "raftEntryBytesMax <= proposalQueueBytesMax",
    holds: (l) => l.raftEntryBytesMax <= l.proposalQueueBytesMax,
  },
  {
    relation: "raftEntryBytesMax <= raftUncommittedBytesMax",
    holds: (l) => l.raftEntryBytesMax <= l.raftUncommittedBytesMax,
  },
  fitsWithReserve("raftEntryBytesMax", "raftMessageBytesMax"),
  {
    relation: "raftMessageBytesMax <= raftInflightBytesMax",
    holds: (l) => l.raftMessageBytesMax <= l.raftInflightBytesMax,
  },
  fitsWithReserve("raftMessageBytesMax", "peerFrameBytesMax"),
  fitsWithReserve("snapshotChunkBytesMax", "peerFrameBytesMax"),

  // A follower must hear several heartbeats per election timeout, or healthy leaders get deposed.
  {
    relation: "heartbeatIntervalTicks < electionTimeoutTicks",
    holds: (l) => l.heartbeatIntervalTicks < l.electionTimeoutTicks,
  },
];

function fitsWithReserve(inner: LimitName, outer: LimitName): Relation {
  return {
    relation: `${inner} + framingBytesReserve <= ${outer}`,
    holds: (l) => l[inner] + l.framingBytesReserve <= l[outer],
  };
}

/**
 * Throws INVALID_ARGUMENT naming the first broken rule: every limit is a non-negative safe integer, every
 * `…Max` and the tick length are positive (zero would refuse everything or never tick), and every relation
 * above holds.
 */
export function checkLimits(limits: Limits): void {
  for (const [name, value] of Object.entries(limits)) {
    if (!Number.isSafeInteger(value) || value < 0) {
      throw limitsError(`limit ${name} must be a non-negative safe integer, got ${value}`, name);
    }
    if ((name.endsWith("Max") || name === "tickMs") && value === 0) {
      throw limitsError(`limit ${name} must be positive`, name);
    }
  }
  for (const { relation, holds } of relations) {
    if (!holds(limits)) {
      throw limitsError(
        `limits break the relation ${relation} (${valuesNamedIn(relation, limits)})`,
        "limits",
      );
    }
  }
}

function valuesNamedIn(relation: string, limits: Limits): string {
  const parts: string[] = [];
  for (const name of relation.match(/[A-Za-z]+/g) ?? []) {
    if (isLimitName(name, limits)) parts.push(`${name}=${limits[name]}`);
  }
  return parts.join(", ");
}

function isLimitName(name: string, limits: Limits): name is LimitName {
  return Object.hasOwn(limits, name);
}

function limitsError(message: string, field: string): MillraceError {
  return new MillraceError(ErrorCode.INVALID_ARGUMENT, message, { details: { field } });
}

export const limits: Limits = Object.freeze(defaults);

// Checked at load, so a bad edit to the defaults fails every test and every process start at once.
checkLimits(limits);

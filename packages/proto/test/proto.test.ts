import { readdirSync } from "node:fs";
import { credentials, Server, ServerCredentials, status, type ServiceError } from "@grpc/grpc-js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { findProtoRootDir, loadMillraceProto, protoFiles, type internalV1, type v1 } from "../src/index.js";

const proto = loadMillraceProto();

/** The RPCs each service must offer; a missing or renamed RPC is a breaking API change. */
const expectedMethods = {
  QueueService: [
    "CreateQueue",
    "DeleteQueue",
    "ListQueues",
    "GetQueueUrl",
    "GetQueueAttributes",
    "SetQueueAttributes",
    "SendMessage",
    "SendMessageBatch",
    "ReceiveMessage",
    "DeleteMessage",
    "DeleteMessageBatch",
    "ChangeMessageVisibility",
    "ChangeMessageVisibilityBatch",
    "PurgeQueue",
    "ListDeadLetterSourceQueues",
    "StartMessageMoveTask",
    "ListMessageMoveTasks",
    "CancelMessageMoveTask",
    "TagQueue",
    "UntagQueue",
    "ListQueueTags",
    "SendMessageStream",
    "ConsumeStream",
  ],
  TopicService: [
    "CreateTopic",
    "DeleteTopic",
    "ListTopics",
    "GetTopicAttributes",
    "SetTopicAttributes",
    "Subscribe",
    "ConfirmSubscription",
    "Unsubscribe",
    "ListSubscriptions",
    "ListSubscriptionsByTopic",
    "GetSubscriptionAttributes",
    "SetSubscriptionAttributes",
    "Publish",
    "PublishBatch",
    "SubscribeLive",
    "TagTopic",
    "UntagTopic",
    "ListTopicTags",
  ],
  StreamService: [
    "CreateStream",
    "DeleteStream",
    "ListStreams",
    "DescribeStream",
    "UpdateStreamRetention",
    "PutRecord",
    "PutRecords",
    "GetShardIterator",
    "GetRecords",
    "ListShards",
    "SplitShard",
    "MergeShards",
    "UpdateShardCount",
    "SubscribeToShard",
    "CreateConsumerGroup",
    "DeleteConsumerGroup",
    "ListConsumerGroups",
    "HeartbeatConsumerGroup",
    "Checkpoint",
    "GetCheckpoints",
    "LeaveConsumerGroup",
    "TagStream",
    "UntagStream",
    "ListStreamTags",
  ],
  AdminService: [
    "GetClusterStatus",
    "ListNodes",
    "ListGroups",
    "AddNode",
    "RemoveNode",
    "TransferLeadership",
    "GetRoutingTable",
    "WatchRoutingTable",
  ],
  LogService: ["Append", "Read", "Trim"],
  PeerService: ["Exchange", "Forward"],
} as const;

const services = {
  QueueService: proto.millrace.v1.QueueService.service,
  TopicService: proto.millrace.v1.TopicService.service,
  StreamService: proto.millrace.v1.StreamService.service,
  AdminService: proto.millrace.v1.AdminService.service,
  LogService: proto.millrace.v1.LogService.service,
  PeerService: proto.millrace.internal.v1.PeerService.service,
};

describe("loadMillraceProto", () => {
  it("loads every .proto file under the proto root", () => {
    const onDisk = readdirSync(findProtoRootDir(), { recursive: true, encoding: "utf8" })
      .filter((file) => file.endsWith(".proto"))
      .map((file) => file.replaceAll("\\", "/"))
      .sort();
    expect([...protoFiles].sort()).toEqual(onDisk);
  });

  it("defines every service with exactly the expected methods", () => {
    for (const [name, methods] of Object.entries(expectedMethods)) {
      const service = services[name as keyof typeof services];
      expect(Object.keys(service).sort(), name).toEqual([...methods].sort());
    }
  });

  it("gives the streaming methods their streaming shapes", () => {
    const { SubscribeLive } = services.TopicService;
    const { SubscribeToShard } = services.StreamService;
    const { Exchange, Forward } = services.PeerService;
    const { WatchRoutingTable } = services.AdminService;
    const { SendMessageStream, ConsumeStream } = services.QueueService;
    expect([SendMessageStream.requestStream, SendMessageStream.responseStream]).toEqual([true, true]);
    expect([ConsumeStream.requestStream, ConsumeStream.responseStream]).toEqual([true, true]);
    expect([SubscribeLive.requestStream, SubscribeLive.responseStream]).toEqual([false, true]);
    expect([WatchRoutingTable.requestStream, WatchRoutingTable.responseStream]).toEqual([false, true]);
    expect([SubscribeToShard.requestStream, SubscribeToShard.responseStream]).toEqual([false, true]);
    expect([Exchange.requestStream, Exchange.responseStream]).toEqual([true, true]);
    expect([Forward.requestStream, Forward.responseStream]).toEqual([false, false]);
    expect(Exchange.path).toBe("/millrace.internal.v1.PeerService/Exchange");
  });
});

describe("over a real socket", () => {
  const server = new Server();
  let address = "";

  const adminImplementation = {
    GetClusterStatus(call, callback) {
      expect(call.request).toEqual({});
      callback(null, {
        clusterId: "c-1",
        controllerNodeId: 2,
        // The largest uint64, which no JavaScript number can hold: longs come back as exact strings.
        controllerTerm: "18446744073709551615",
        nodeCount: 3,
      });
    },
  } satisfies Pick<v1.AdminServiceHandlers, "GetClusterStatus">;

  const peerImplementation = {
    Exchange(call) {
      call.on("data", (frame: internalV1.PeerFrame__Output) => {
        call.write({ ...frame, fromNodeId: frame.toNodeId, toNodeId: frame.fromNodeId });
      });
      call.on("end", () => call.end());
    },
  } satisfies Pick<internalV1.PeerServiceHandlers, "Exchange">;

  beforeAll(async () => {
    server.addService(services.AdminService, adminImplementation);
    server.addService(services.PeerService, peerImplementation);
    const port = await new Promise<number>((resolve, reject) => {
      server.bindAsync("127.0.0.1:0", ServerCredentials.createInsecure(), (error, boundPort) =>
        error === null ? resolve(boundPort) : reject(error),
      );
    });
    address = `127.0.0.1:${port}`;
  });

  afterAll(async () => {
    await new Promise<void>((resolve) => server.tryShutdown(() => resolve()));
  });

  it("calls an AdminService method and gets every field back, defaults included", async () => {
    const client = new proto.millrace.v1.AdminService(address, credentials.createInsecure());
    try {
      const response = await new Promise<v1.GetClusterStatusResponse__Output>((resolve, reject) => {
        client.getClusterStatus({}, (error, value) =>
          error === null && value !== undefined ? resolve(value) : reject(error ?? new Error("no response")),
        );
      });
      expect(response).toEqual({
        clusterId: "c-1",
        controllerNodeId: 2,
        controllerTerm: "18446744073709551615",
        nodeCount: 3,
        healthyNodeCount: 0,
        groupCount: 0,
        leaderlessGroupCount: 0,
        underReplicatedGroupCount: 0,
        routingVersion: "",
        version: "",
      });
    } finally {
      client.close();
    }
  });

  it("answers UNIMPLEMENTED for an AdminService method the server does not implement", async () => {
    const client = new proto.millrace.v1.AdminService(address, credentials.createInsecure());
    try {
      const error = await new Promise<ServiceError | null>((resolve) => {
        client.listNodes({}, (callError) => resolve(callError));
      });
      expect(error?.code).toBe(status.UNIMPLEMENTED);
    } finally {
      client.close();
    }
  });

  it("carries opaque payloads and snapshot chunks through the peer Exchange stream", async () => {
    const client = new proto.millrace.internal.v1.PeerService(address, credentials.createInsecure());
    try {
      const call = client.exchange();
      const received: internalV1.PeerFrame__Output[] = [];
      const ended = new Promise<void>((resolve, reject) => {
        call.on("data", (frame: internalV1.PeerFrame__Output) => received.push(frame));
        call.on("end", resolve);
        call.on("error", reject);
      });
      call.write({
        kind: "FRAME_KIND_RAFT",
        clusterId: "c-1",
        fromNodeId: 1,
        toNodeId: 2,
        payload: Buffer.of(1, 2, 3),
      });
      call.write({
        kind: "FRAME_KIND_SNAPSHOT_CHUNK",
        clusterId: "c-1",
        fromNodeId: 1,
        toNodeId: 2,
        snapshotChunk: {
          groupId: "g-7",
          term: "5",
          index: "9007199254740993",
          offset: "4096",
          data: Buffer.of(9),
          done: true,
        },
      });
      call.end();
      await ended;

      expect(received.map((frame) => [frame.kind, frame.body, frame.fromNodeId, frame.toNodeId])).toEqual([
        ["FRAME_KIND_RAFT", "payload", 2, 1],
        ["FRAME_KIND_SNAPSHOT_CHUNK", "snapshotChunk", 2, 1],
      ]);
      expect(received[0]?.payload).toEqual(Buffer.of(1, 2, 3));
      expect(received[1]?.snapshotChunk).toMatchObject({
        index: "9007199254740993",
        offset: "4096",
        done: true,
      });
    } finally {
      client.close();
    }
  });
});

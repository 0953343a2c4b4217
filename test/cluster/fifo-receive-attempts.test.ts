import { credentials } from "@grpc/grpc-js";
import { partitionOfKey } from "@millrace/common";
import { loadMillraceProto, type v1 } from "@millrace/proto";
import { waitFor } from "@millrace/testkit";
import { describe, expect, it } from "vitest";
import { trackClusters } from "./harness.js";

const newCluster = trackClusters();
const proto = loadMillraceProto();

/** A FIFO message group id that hashes to `partition` of `partitions`. */
function groupIn(partition: number, partitions: number): string {
  for (let i = 0; ; i++) if (partitionOfKey(`group-${i}`, partitions) === partition) return `group-${i}`;
}

// SQS's ReceiveRequestAttemptId: a FIFO receive retried with the same attempt id (after a network
// failure) gets the same messages again. On a queue over several partitions the retry may reach a node
// that asks another partition first; before, that partition took new messages under the attempt id.
describe("a FIFO receive retried with its attempt id on a partitioned queue", () => {
  it("gets the messages the attempt took, from whichever partition served it", async () => {
    const cluster = newCluster({ nodes: 3, name: "fifo-attempts" });
    await cluster.start();
    const clients = new Map<number, v1.QueueServiceClient>();
    const client = (node: number) => {
      let c = clients.get(node);
      if (c === undefined) {
        c = new proto.millrace.v1.QueueService(cluster.clientAddress(node), credentials.createInsecure());
        clients.set(node, c);
      }
      return c;
    };
    const call = <T>(
      node: number,
      invoke: (c: v1.QueueServiceClient, cb: (e: Error | null, v?: T) => void) => void,
    ) =>
      new Promise<T>((resolve, reject) => invoke(client(node), (e, v) => (e ? reject(e) : resolve(v as T))));
    try {
      const queueName = "jobs.fifo";
      await call(1, (c, cb) =>
        c.createQueue(
          { queueName, attributes: { FifoQueue: "true", Partitions: "2", VisibilityTimeout: "60" } },
          { deadline: Date.now() + 10_000 },
          cb,
        ),
      );
      // Each partition's leader; the controller spreads them over the nodes.
      const leaders = await waitFor(
        "the two partitions to have leaders on two nodes",
        { timeoutMs: 60_000 },
        async () => {
          const groups = (await cluster.groups(1)).filter((g) => g.resourceName === queueName);
          const byPartition = [0, 1].map(
            (p) => groups.find((g) => Number(g.partition) === p)?.leaderNodeId ?? 0,
          );
          return byPartition.every((l) => l !== 0) && byPartition[0] !== byPartition[1]
            ? byPartition
            : undefined;
        },
      );
      const [, leaderOf1] = leaders as [number, number];
      const send = (body: string, partition: number) =>
        call(1, (c, cb) =>
          c.sendMessage(
            {
              queueName,
              messageBody: body,
              messageGroupId: groupIn(partition, 2),
              messageDeduplicationId: body,
            },
            { deadline: Date.now() + 10_000 },
            cb,
          ),
        );
      // Through the leader of partition 1, which it asks first: empty, so partition 0 serves the attempt.
      const receive = () =>
        call<v1.ReceiveMessageResponse__Output>(leaderOf1, (c, cb) =>
          c.receiveMessage(
            { queueName, maxNumberOfMessages: 1, receiveRequestAttemptId: "attempt-1" },
            { deadline: Date.now() + 10_000 },
            cb,
          ),
        );
      await send("first", 0);
      const first = await receive();
      expect(first.messages.map((m) => m.body)).toEqual(["first"]);
      // Partition 1 now has a message too: the retry must not take it.
      await send("second", 1);
      const retried = await receive();
      expect(retried.messages.map((m) => [m.body, m.receiptHandle])).toEqual([
        ["first", first.messages[0]?.receiptHandle],
      ]);
      // And "second" was left for others, not locked in flight by the retry.
      const other = await call<v1.ReceiveMessageResponse__Output>(leaderOf1, (c, cb) =>
        c.receiveMessage({ queueName, maxNumberOfMessages: 10 }, { deadline: Date.now() + 10_000 }, cb),
      );
      expect(other.messages.map((m) => m.body)).toEqual(["second"]);
    } finally {
      for (const c of clients.values()) c.close();
    }
  });
});

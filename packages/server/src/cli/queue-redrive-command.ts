import { credentials } from "@grpc/grpc-js";
import { fromGrpcError } from "@millrace/client";
import { loadMillraceProto, type v1 } from "@millrace/proto";
import { connectionFlags, expectPositionals, parseCommandLine } from "./command-line.js";
import { connectionOf, withClient, type Connection } from "./cluster-connection.js";

export const queueRedriveUsage = `usage: millrace queue redrive <source> [--endpoint host:port ...] [--deadline-ms N]

Starts a message move task (StartMessageMoveTask) that returns the messages of dead-letter queue
<source> to the queues they came from, and prints the task's handle.
`;

const spec = { usage: queueRedriveUsage, flags: connectionFlags } as const;

/** What a call gets when the connection names no deadline; the SDK's default budget. */
const rawCallDeadlineMs = 30_000;

/**
 * `millrace queue redrive`: the SDK has no method for message move tasks, so after looking the queue's ARN
 * up through the SDK this calls QueueService.StartMessageMoveTask on the first endpoint with the generated
 * gRPC client. A refusal is turned into the SDK's error, so main prints the server's code and message.
 */
export async function runQueueRedrive(args: readonly string[]): Promise<number> {
  const line = parseCommandLine(args, spec);
  const [source] = expectPositionals(line, ["source"], queueRedriveUsage) as [string];
  const connection = connectionOf(line, queueRedriveUsage);
  const { arn } = await withClient(connection, (client) => client.getQueueUrl(source));
  const response = await startMessageMoveTask(connection, {
    sourceArn: arn,
    destinationArn: "",
    maxNumberOfMessagesPerSecond: 0,
  });
  process.stdout.write(`started message move task ${response.taskHandle} from ${source}\n`);
  return 0;
}

async function startMessageMoveTask(
  connection: Connection,
  request: v1.StartMessageMoveTaskRequest,
): Promise<v1.StartMessageMoveTaskResponse__Output> {
  const address = connection.endpoints[0] as string;
  const client = new (loadMillraceProto().millrace.v1.QueueService)(address, credentials.createInsecure());
  const deadline = Date.now() + (connection.deadlineMs ?? rawCallDeadlineMs);
  try {
    return await new Promise((resolve, reject) => {
      client.startMessageMoveTask(request, { deadline }, (error, response) => {
        if (error !== null) reject(fromGrpcError(error, address));
        else if (response === undefined) reject(new Error("StartMessageMoveTask answered nothing"));
        else resolve(response);
      });
    });
  } finally {
    client.close();
  }
}

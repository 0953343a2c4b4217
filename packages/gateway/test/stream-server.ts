import { Server, ServerCredentials, credentials, type ClientDuplexStream } from "@grpc/grpc-js";
import { loadMillraceProto, type v1 } from "@millrace/proto";
import { afterEach } from "vitest";
import { FrameStreams, queueService, type QueueBackend } from "../src/index.js";

const proto = loadMillraceProto();
const servers: { server: Server; client: v1.QueueServiceClient }[] = [];

// Every server a test started is shut down after it.
afterEach(() => {
  for (const { server, client } of servers.splice(0)) {
    client.close();
    server.forceShutdown();
  }
});

/**
 * A real gRPC server on 127.0.0.1 serving QueueService on `backend`, and one stream of `method` open to
 * it from a client, with every answer it gets and its ending status.
 */
export async function serveStream<Req, Res>(
  backend: QueueBackend,
  method: "sendMessageStream" | "consumeStream",
  framesInFlightMax: { send?: number | undefined; consume?: number | undefined } = {},
) {
  const streams = new FrameStreams();
  const server = new Server();
  server.addService(
    proto.millrace.v1.QueueService.service,
    queueService(backend, undefined, streams, framesInFlightMax),
  );
  const port = await new Promise<number>((resolve, reject) =>
    server.bindAsync("127.0.0.1:0", ServerCredentials.createInsecure(), (e, p) =>
      e ? reject(e) : resolve(p),
    ),
  );
  const client = new proto.millrace.v1.QueueService(`127.0.0.1:${port}`, credentials.createInsecure());
  servers.push({ server, client });
  const stream = client[method]() as unknown as ClientDuplexStream<Req, Res>;
  const answers: Res[] = [];
  stream.on("data", (a: Res) => answers.push(a));
  const ended = new Promise<{ code: number }>((resolve) => stream.on("status", resolve));
  stream.on("error", () => {});
  return { streams, stream, answers, ended };
}

/** Waits until `condition` holds, failing after 5 s with `what`. */
export async function until(condition: () => boolean, what: string): Promise<void> {
  const deadline = Date.now() + 5_000;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 5));
  }
}

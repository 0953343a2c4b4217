import { connect, type ClientHttp2Session } from "node:http2";
import { Server, ServerCredentials } from "@grpc/grpc-js";
import { limits } from "@millrace/common";
import { afterEach, describe, expect, it } from "vitest";
import { widenServerWindows } from "../../src/rpc/flow-control.js";

let server: Server | undefined;
let session: ClientHttp2Session | undefined;
afterEach(() => {
  session?.destroy();
  server?.forceShutdown();
  server = session = undefined;
});

async function listen(widen: boolean): Promise<number> {
  server = new Server();
  const port = await new Promise<number>((resolve, reject) =>
    server!.bindAsync("127.0.0.1:0", ServerCredentials.createInsecure(), (error, bound) =>
      error === null ? resolve(bound) : reject(error),
    ),
  );
  if (widen) expect(widenServerWindows(server)).toBe(true);
  return port;
}

/** What a client connected to `port` may send: per new stream, and on the connection, once settled. */
async function sendWindows(port: number): Promise<{ stream: number; connection: number }> {
  session = connect(`http://127.0.0.1:${port}`);
  const s = session;
  await new Promise<void>((resolve) => s.once("remoteSettings", () => resolve()));
  // The server's WINDOW_UPDATE and second SETTINGS follow its first SETTINGS; a ping round trip after
  // them means both have arrived.
  await new Promise<void>((resolve, reject) => s.ping((error) => (error ? reject(error) : resolve())));
  return { stream: s.remoteSettings.initialWindowSize ?? 0, connection: s.state.remoteWindowSize ?? 0 };
}

describe("HTTP/2 flow-control windows", () => {
  it("lets a client send http2WindowBytes per stream and per connection before waiting on the server", async () => {
    const port = await listen(true);
    expect(await sendWindows(port)).toEqual({
      stream: limits.http2WindowBytes,
      connection: limits.http2WindowBytes,
    });
  });

  it("is HTTP/2's 64 KiB on a grpc-js server left as it is, which is why the servers are widened", async () => {
    const port = await listen(false);
    expect(await sendWindows(port)).toEqual({ stream: 65_535, connection: 65_535 });
  });
});

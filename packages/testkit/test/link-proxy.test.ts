import { createServer, connect, type Server, type Socket } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { ProxyMesh, sleep, waitFor } from "../src/index.js";

/** An echo server on 127.0.0.1 standing in for a node's peer port. */
async function echoServer(): Promise<{ server: Server; port: number }> {
  const server = createServer((socket) => {
    socket.on("error", () => socket.destroy());
    socket.pipe(socket);
  });
  await new Promise<void>((resolve) => server.listen({ host: "127.0.0.1", port: 0 }, resolve));
  const address = server.address();
  if (typeof address !== "object" || address === null) throw new Error("no address");
  return { server, port: address.port };
}

/** Connects to a proxy; collects what comes back and whether the socket closed. */
async function dial(
  port: number,
): Promise<{ socket: Socket; received: () => string; closed: () => boolean }> {
  const socket = connect({ host: "127.0.0.1", port });
  let data = "";
  let closed = false;
  socket.on("data", (chunk: Buffer) => {
    data += chunk.toString();
  });
  socket.on("error", () => undefined);
  socket.on("close", () => {
    closed = true;
  });
  // A refused connection may be reset before its "connect" event; "close" ends the wait then.
  await new Promise<void>((resolve) => {
    socket.once("connect", () => resolve());
    socket.once("close", () => resolve());
  });
  return { socket, received: () => data, closed: () => closed };
}

describe("ProxyMesh", () => {
  const cleanups: (() => Promise<void> | void)[] = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });

  async function mesh(): Promise<ProxyMesh> {
    const echo = await echoServer();
    cleanups.push(() => new Promise<void>((resolve) => echo.server.close(() => resolve())));
    // Every node's "peer port" is the echo server.
    const proxies = await ProxyMesh.start([1, 2, 3], () => echo.port);
    cleanups.push(() => proxies.close());
    return proxies;
  }

  it("forwards each directed link to the target's port", async () => {
    const proxies = await mesh();
    const port = Number(proxies.addressFor(1, 2).split(":")[1]);
    expect(proxies.addressFor(1, 2)).not.toBe(proxies.addressFor(2, 1));
    const c = await dial(port);
    cleanups.push(() => void c.socket.destroy());
    c.socket.write("hello");
    await waitFor("the echo", { timeoutMs: 2000, intervalMs: 10 }, () =>
      c.received() === "hello" ? true : undefined,
    );
    expect(proxies.link(1, 2).stats.bytes).toBeGreaterThanOrEqual(10);
  });

  it("resets connections across a partition and forwards again after heal", async () => {
    const proxies = await mesh();
    const port12 = Number(proxies.addressFor(1, 2).split(":")[1]);
    const port23 = Number(proxies.addressFor(2, 3).split(":")[1]);
    const open = await dial(port12);
    proxies.partition([[1], [2, 3]]);
    expect(proxies.cutLinks().sort()).toEqual(["1→2", "1→3", "2→1", "3→1"]);
    await waitFor("the reset", { timeoutMs: 2000, intervalMs: 10 }, () => (open.closed() ? true : undefined));
    const refused = await dial(port12);
    await waitFor("the refusal", { timeoutMs: 2000, intervalMs: 10 }, () =>
      refused.closed() ? true : undefined,
    );
    // A link within one side still works.
    const inside = await dial(port23);
    cleanups.push(() => void inside.socket.destroy());
    inside.socket.write("x");
    await waitFor("the echo", { timeoutMs: 2000, intervalMs: 10 }, () =>
      inside.received() === "x" ? true : undefined,
    );

    proxies.heal();
    expect(proxies.cutLinks()).toEqual([]);
    const again = await dial(port12);
    cleanups.push(() => void again.socket.destroy());
    again.socket.write("back");
    await waitFor("the echo", { timeoutMs: 2000, intervalMs: 10 }, () =>
      again.received() === "back" ? true : undefined,
    );
  });

  it("blackholes a link cut in drop mode, one way only, and resets those connections on heal", async () => {
    const proxies = await mesh();
    const port12 = Number(proxies.addressFor(1, 2).split(":")[1]);
    const port21 = Number(proxies.addressFor(2, 1).split(":")[1]);
    proxies.cut(1, 2, "drop");
    const dropped = await dial(port12);
    dropped.socket.write("lost");
    const reverse = await dial(port21);
    cleanups.push(() => void reverse.socket.destroy());
    reverse.socket.write("kept");
    await waitFor("the echo", { timeoutMs: 2000, intervalMs: 10 }, () =>
      reverse.received() === "kept" ? true : undefined,
    );
    await sleep(100);
    expect(dropped.received()).toBe("");
    expect(dropped.closed()).toBe(false);
    proxies.heal();
    await waitFor("the reset", { timeoutMs: 2000, intervalMs: 10 }, () =>
      dropped.closed() ? true : undefined,
    );
  });
});

import { createServer } from "node:net";
import { ErrorCode } from "@millrace/common";
import { describe, expect, it } from "vitest";
import { adminClient, callWithRedirects } from "../../src/rpc/clients.js";

/** A port on 127.0.0.1 that nothing listens on: the kernel gave it out and it was closed again. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", () => resolve()));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

describe("a CLI call that follows redirects and retries", () => {
  it("reports a node that is down as refusing connections, not as a deadline", async () => {
    const port = await closedPort();
    const call = callWithRedirects({
      endpoint: `127.0.0.1:${port}`,
      make: adminClient,
      deadlineMs: 1500,
      call: (client, deadline, callback) => client.getClusterStatus({}, { deadline }, callback),
    });
    await expect(call).rejects.toMatchObject({ code: ErrorCode.UNAVAILABLE });
    // Before, the last retry ran out of time and said only "Deadline exceeded after 0.000s".
    await expect(call).rejects.toThrow(`ECONNREFUSED 127.0.0.1:${port}`);
  });
});

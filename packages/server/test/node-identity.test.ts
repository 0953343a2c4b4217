import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { encodeLogCommand } from "@millrace/broker";
import { NodeStore } from "@millrace/storage";
import { pino } from "pino";
import { afterAll, describe, expect, it } from "vitest";
import { defaultNodeConfig, type NodeConfig } from "../src/config.js";
import { defaultLogGroupId } from "../src/node/group-ids.js";
import { MillraceNode } from "../src/node/millrace-node.js";

const dir = mkdtempSync(join(tmpdir(), "millrace-identity-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const logger = pino({ level: "silent" });

function config(overrides: Partial<NodeConfig>): NodeConfig {
  return {
    ...defaultNodeConfig,
    dataDir: join(dir, "node"),
    clientPort: 0,
    peerPort: 0,
    httpPort: 0,
    advertiseHost: "127.0.0.1",
    tickIntervalMs: 10,
    ...overrides,
  };
}

async function waitForLeader(node: MillraceNode): Promise<void> {
  const deadline = Date.now() + 10_000;
  while (!node.host.group(defaultLogGroupId).isLeader) {
    if (Date.now() > deadline) throw new Error("no leader");
    await new Promise((r) => setTimeout(r, 10));
  }
}

describe("node identity", () => {
  it("keeps its identity and data across restarts, and refuses to start as another node on the same data", async () => {
    const founding = config({ nodeId: 1, bootstrap: [{ nodeId: 1, peerAddress: "127.0.0.1:1" }] });
    const node = await MillraceNode.start(founding, logger);
    await waitForLeader(node);
    const appended = await node.host.propose(
      defaultLogGroupId,
      encodeLogCommand({ type: "append", records: [new Uint8Array([7])] }),
    );
    expect(appended.ok).toBe(true);
    const clusterId = node.identity.clusterId;
    await node.stop();

    await expect(MillraceNode.start(config({ nodeId: 2 }), logger)).rejects.toMatchObject({
      code: "FAILED_PRECONDITION",
      message: expect.stringMatching(/belongs to node 1, not node 2/) as string,
    });

    // Without --id or --bootstrap, the stored identity is used and the acknowledged record is there.
    const again = await MillraceNode.start(config({}), logger);
    try {
      expect(again.identity).toEqual({ clusterId, nodeId: 1 });
      await waitForLeader(again);
      expect(again.log.nextSeq).toBe(2);
    } finally {
      await again.stop();
    }
  }, 30_000);

  it("refuses to come back as its old self once removed from the cluster", async () => {
    const removedDir = join(dir, "removed");
    const founding = config({
      dataDir: removedDir,
      nodeId: 1,
      bootstrap: [{ nodeId: 1, peerAddress: "127.0.0.1:1" }],
    });
    const node = await MillraceNode.start(founding, logger);
    const identity = node.identity;
    await node.stop();
    // What a node's store holds after the cluster removed it: its identity and no replicas.
    const store = await NodeStore.open(join(removedDir, "db"), { identity });
    for (const groupId of store.groupIds()) store.destroyGroup(groupId);
    await store.commit();
    await store.close();
    await expect(MillraceNode.start(config({ dataDir: removedDir }), logger)).rejects.toMatchObject({
      code: "FAILED_PRECONDITION",
      message: expect.stringMatching(/was removed from cluster/) as string,
    });
  }, 30_000);

  it("refuses to start on an empty data directory without --bootstrap or --join", async () => {
    await expect(MillraceNode.start(config({ dataDir: join(dir, "empty") }), logger)).rejects.toMatchObject({
      code: "FAILED_PRECONDITION",
    });
  });
});

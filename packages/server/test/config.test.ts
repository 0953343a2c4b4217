import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { defaultNodeConfig, loadNodeConfig, parsePeers } from "../src/config.js";

describe("node configuration", () => {
  it("layers defaults, a config file, the environment and flags, in that order", () => {
    const dir = mkdtempSync(join(tmpdir(), "millrace-config-"));
    const file = join(dir, "node.json");
    writeFileSync(file, JSON.stringify({ dataDir: "/from-file", clientPort: 9000, peerPort: 9001 }));
    const config = loadNodeConfig(
      { config: file, "peer-port": "9100" },
      { MILLRACE_CLIENT_PORT: "9050", MILLRACE_HTTP_PORT: "9080" },
    );
    expect(config.dataDir).toBe("/from-file");
    expect(config.clientPort).toBe(9050);
    expect(config.peerPort).toBe(9100);
    expect(config.httpPort).toBe(9080);
    expect(config.tickIntervalMs).toBe(defaultNodeConfig.tickIntervalMs);
    expect(config.advertiseHost).toBe(config.host);
  });

  it("parses bootstrap members and rejects malformed ones naming the setting", () => {
    expect(parsePeers("1@127.0.0.1:7401,2@10.0.0.2:7411", "--bootstrap")).toEqual([
      { nodeId: 1, peerAddress: "127.0.0.1:7401" },
      { nodeId: 2, peerAddress: "10.0.0.2:7411" },
    ]);
    expect(() => parsePeers("1@host", "--bootstrap")).toThrow(/--bootstrap expected id@host:port/);
    expect(() => parsePeers("1@a:1,1@b:2", "--bootstrap")).toThrow(/lists a node id twice/);
  });

  it("rejects bad values with INVALID_ARGUMENT naming the flag or variable", () => {
    const bad: [Record<string, string>, Record<string, string>, RegExp][] = [
      [{ "client-port": "70000" }, {}, /--client-port must be an integer in \[0, 65535\]/],
      [{}, { MILLRACE_TICK_MS: "fast" }, /MILLRACE_TICK_MS must be an integer/],
      [
        { "election-ticks": "2", "heartbeat-ticks": "2" },
        {},
        /election-ticks must be greater than heartbeat-ticks/,
      ],
      [{ bootstrap: "1@127.0.0.1:7401" }, {}, /id is required with --bootstrap/],
      [{ id: "2", bootstrap: "1@127.0.0.1:7401" }, {}, /bootstrap must include this node/],
      [
        { id: "1", bootstrap: "1@127.0.0.1:7401", join: "127.0.0.1:7400" },
        {},
        /join cannot be combined with --bootstrap/,
      ],
      [{ config: "/nonexistent/millrace.json" }, {}, /config cannot read/],
    ];
    for (const [flags, env, message] of bad) {
      expect(() => loadNodeConfig(flags, env)).toThrow(message);
      try {
        loadNodeConfig(flags, env);
      } catch (error) {
        expect((error as { code?: string }).code).toBe("INVALID_ARGUMENT");
      }
    }
  });

  it("refuses unknown settings in a config file", () => {
    const dir = mkdtempSync(join(tmpdir(), "millrace-config-"));
    const file = join(dir, "node.json");
    writeFileSync(file, JSON.stringify({ dataDri: "/typo" }));
    expect(() => loadNodeConfig({ config: file }, {})).toThrow(/unknown setting "dataDri"/);
  });
});

import { spawn } from "node:child_process";
import { describe, expect, it } from "vitest";
import { mallocTunables, mallocUntuned, withMallocTuning } from "../../src/cli/malloc-tuning.js";

describe("a broker node's malloc settings", () => {
  it("are added when the environment names none, leaving the rest of it alone", () => {
    const env = withMallocTuning({ PATH: "/bin", MILLRACE_DATA_DIR: "d" });
    expect(env).toEqual({ PATH: "/bin", MILLRACE_DATA_DIR: "d", GLIBC_TUNABLES: mallocTunables });
    expect(mallocUntuned(env)).toBe(false);
    expect(mallocUntuned({})).toBe(true);
  });

  it("keep the operator's own thresholds and other tunables", () => {
    const env = withMallocTuning({
      GLIBC_TUNABLES: "glibc.malloc.arena_max=2:glibc.malloc.trim_threshold=1048576",
    });
    const entries = (env["GLIBC_TUNABLES"] as string).split(":");
    expect(entries).toEqual([
      "glibc.malloc.arena_max=2",
      "glibc.malloc.trim_threshold=1048576",
      "glibc.malloc.mmap_threshold=33554432",
    ]);
    expect(mallocUntuned({ GLIBC_TUNABLES: "glibc.malloc.trim_threshold=1048576" })).toBe(true);
  });

  it("reach a child process started with them", async () => {
    // What spawnLocalNode does: glibc reads the variable when the process starts, so it must be in the
    // child's environment, not set later. (Not read back from /proc/<pid>/environ: glibc 2.36 rewrites
    // the string there as it parses it.)
    const child = spawn(process.execPath, ["-e", "process.stdout.write(process.env.GLIBC_TUNABLES ?? '')"], {
      env: withMallocTuning(process.env),
      stdio: ["ignore", "pipe", "inherit"],
    });
    let seen = "";
    child.stdout.on("data", (chunk: Buffer) => (seen += chunk.toString()));
    await new Promise((resolve) => child.once("close", resolve));
    expect(mallocUntuned({ GLIBC_TUNABLES: seen })).toBe(false);
  });
});

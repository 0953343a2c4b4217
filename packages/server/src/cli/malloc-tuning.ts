/**
 * glibc malloc settings for a broker node, given through GLIBC_TUNABLES, which glibc reads only when a
 * process starts: `millrace start` and the benchmark set them on the nodes they spawn, and an operator
 * starting `millrace node` directly sets the variable (the node logs when it is missing).
 *
 * Why: a node allocates large blocks at a high rate and frees them soon after. A Raft entry under append
 * load is hundreds of KiB, copied into Buffers and into LevelDB's memtable, whose arena takes each large
 * value as a block of its own. With glibc's defaults each such block is mapped fresh or carved from heap
 * memory that was just handed back to the kernel, so every page of every copy faulted in again: `perf` on
 * the log leader under `npm run bench` found a tenth of the node's CPU in page faults, most of them in
 * LevelDB's memtable insert. Taking blocks below 32 MiB from the heap, and keeping up to 128 MiB of free
 * heap before giving it back, lets freed blocks be reused warm. The price is resident memory that stays
 * near its recent peak: 20–70 MiB more per node under that load.
 */
export const mallocTunables = "glibc.malloc.mmap_threshold=33554432:glibc.malloc.trim_threshold=134217728";

const tunedNames = ["glibc.malloc.mmap_threshold", "glibc.malloc.trim_threshold"];

/**
 * The environment for a node process: `env` with the malloc settings added to GLIBC_TUNABLES. Settings
 * the operator already gave win, one by one: an existing mmap or trim threshold is kept, and any other
 * tunable stays beside ours.
 */
export function withMallocTuning(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  const given = (env["GLIBC_TUNABLES"] ?? "").split(":").filter((entry) => entry !== "");
  const named = new Set(given.map((entry) => entry.split("=")[0]));
  const added = mallocTunables.split(":").filter((entry) => !named.has(entry.split("=")[0]));
  return { ...env, GLIBC_TUNABLES: [...given, ...added].join(":") };
}

/** Whether this environment leaves either malloc setting out (a node started without them runs slower). */
export function mallocUntuned(env: NodeJS.ProcessEnv): boolean {
  const named = new Set((env["GLIBC_TUNABLES"] ?? "").split(":").map((entry) => entry.split("=")[0]));
  return tunedNames.some((name) => !named.has(name));
}

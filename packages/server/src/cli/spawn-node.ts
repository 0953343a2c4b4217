import { spawn, type ChildProcess, type StdioOptions } from "node:child_process";
import { createRequire } from "node:module";
import { fileURLToPath, pathToFileURL } from "node:url";
import { withMallocTuning } from "./malloc-tuning.js";

/** A local node to run as a child process: `millrace node` with these settings. */
export interface LocalNodeSpec {
  readonly id: number;
  readonly dataDir: string;
  readonly host: string;
  readonly ports: { readonly client: number; readonly peer: number; readonly http: number };
  /** The founders' `--bootstrap` list, `id@host:peerPort,…`. */
  readonly bootstrap: string;
  readonly logLevel?: string;
  readonly stdio: StdioOptions;
}

const cli = fileURLToPath(new URL("./main.ts", import.meta.url));
// By its path: a bare `--import tsx` is resolved from the child's working directory, so `millrace start`
// run anywhere but the repository started nodes that died at once ("Cannot find package 'tsx'").
const tsxLoader = pathToFileURL(createRequire(import.meta.url).resolve("tsx")).href;

/**
 * Starts `millrace node` in a child process running the TypeScript sources (as `npm start` does), so
 * `millrace start` and the benchmark launch nodes the same way, with glibc's malloc tuned for a node
 * (malloc-tuning.ts).
 */
export function spawnLocalNode(spec: LocalNodeSpec): ChildProcess {
  const args = [
    // Extra flags for node itself, e.g. MILLRACE_NODE_FLAGS="--cpu-prof --cpu-prof-dir=/tmp/prof" to
    // profile every node of `npm run bench` (Node refuses --cpu-prof in NODE_OPTIONS).
    ...(process.env.MILLRACE_NODE_FLAGS?.split(" ").filter((f) => f !== "") ?? []),
    "--conditions=@millrace/source",
    "--import",
    tsxLoader,
    cli,
    "node",
    "--id",
    String(spec.id),
    "--data-dir",
    spec.dataDir,
    "--host",
    spec.host,
    "--client-port",
    String(spec.ports.client),
    "--peer-port",
    String(spec.ports.peer),
    "--http-port",
    String(spec.ports.http),
    "--bootstrap",
    spec.bootstrap,
    ...(spec.logLevel === undefined ? [] : ["--log-level", spec.logLevel]),
  ];
  return spawn(process.execPath, args, { stdio: spec.stdio, env: withMallocTuning(process.env) });
}

import { pino } from "pino";
import { loadNodeConfig, nodeFlags } from "../config.js";
import { MillraceNode } from "../node/millrace-node.js";
import { parseFlags } from "./flags.js";
import { tuneHeap } from "./heap-tuning.js";
import { mallocTunables, mallocUntuned } from "./malloc-tuning.js";

/**
 * `millrace node`: runs one broker node until SIGTERM or SIGINT, then stops gracefully (hands over
 * leadership, flushes, closes). Logs are JSON lines on stdout.
 */
export async function runNode(args: readonly string[]): Promise<number> {
  const { flags } = parseFlags(args);
  if (flags["help"] !== undefined) {
    process.stdout.write(
      `usage: millrace node [--config file.json] ${nodeFlags.map((f) => `[${f} …]`).join(" ")}\n\n` +
        "Every flag also reads from MILLRACE_<NAME> (e.g. MILLRACE_DATA_DIR) and from the JSON config file.\n" +
        "Found a cluster: --id 1 --bootstrap 1@127.0.0.1:7401,2@127.0.0.1:7411,3@127.0.0.1:7421\n" +
        "Join one:        --join 127.0.0.1:7400 (any member's client address)\n" +
        "Membership:      millrace node add --help, millrace node remove <id>\n",
    );
    return 0;
  }
  tuneHeap();
  const config = loadNodeConfig(flags, process.env);
  const logger = pino({ level: config.logLevel, base: { node: config.nodeId ?? "joining" } });
  if (mallocUntuned(process.env)) {
    logger.info(
      { GLIBC_TUNABLES: process.env["GLIBC_TUNABLES"] ?? null, suggested: mallocTunables },
      "glibc malloc is not tuned for a broker: large blocks fault in afresh on every use; start the node with GLIBC_TUNABLES set as suggested (millrace start does)",
    );
  }
  const node = await MillraceNode.start(config, logger);
  await new Promise<void>((resolve) => {
    const stop = (signal: string) => {
      logger.info({ signal }, "stopping");
      process.off("SIGTERM", onTerm);
      process.off("SIGINT", onInt);
      resolve();
    };
    const onTerm = () => stop("SIGTERM");
    const onInt = () => stop("SIGINT");
    process.on("SIGTERM", onTerm);
    process.on("SIGINT", onInt);
  });
  await node.stop();
  return 0;
}

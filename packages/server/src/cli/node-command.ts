import { pino, type Logger } from "pino";
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
  await stopOnSignal(node, logger);
  return 0;
}

/**
 * Waits for SIGTERM or SIGINT, then stops the node gracefully. Signals that come while it stops are
 * logged and do not cut the stop short: Ctrl-C on `millrace start` reaches its nodes twice (the
 * terminal's SIGINT goes to the whole process group, and `millrace start` sends each node SIGTERM),
 * and with no handler left the second ended the process at once, midway through handing over its
 * groups. The stop is bounded (MillraceNode.stop); SIGKILL ends a node at once.
 */
async function stopOnSignal(node: MillraceNode, logger: Logger): Promise<void> {
  let stopping = false;
  await new Promise<void>((resolve) => {
    const onSignal = (signal: NodeJS.Signals) => {
      if (stopping) {
        logger.warn({ signal }, "already stopping gracefully; SIGKILL ends the node at once");
        return;
      }
      stopping = true;
      logger.info({ signal }, "stopping");
      resolve();
    };
    process.on("SIGTERM", onSignal);
    process.on("SIGINT", onSignal);
  });
  await node.stop();
}

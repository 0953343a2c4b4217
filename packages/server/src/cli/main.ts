#!/usr/bin/env node
/**
 * The `millrace` command: `node` runs a broker node, `start` a local 3-node cluster, `status` shows a
 * cluster, `log` appends to and reads the replicated log.
 */
import { MillraceError } from "@millrace/common";
import { runLog } from "./log-command.js";
import { runNode } from "./node-command.js";
import { runStart } from "./start-command.js";
import { runStatus } from "./status-command.js";

const usage = `usage: millrace <command> [flags]

commands:
  node     run a broker node (millrace node --help)
  start    run a local cluster on 127.0.0.1 with data under ./data (--nodes N, default 3)
  status   show the cluster's nodes and groups (--endpoint host:port, default 127.0.0.1:7400)
  log      append to or read the replicated log (millrace log append <text>... | millrace log read)
`;

async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  switch (command) {
    case "node":
      return runNode(rest);
    case "start":
      return runStart(rest);
    case "status":
      return runStatus(rest);
    case "log":
      return runLog(rest);
    case undefined:
    case "help":
    case "--help":
    case "-h":
      process.stdout.write(usage);
      return command === undefined ? 2 : 0;
    default:
      process.stderr.write(`millrace: unknown command ${JSON.stringify(command)}\n\n${usage}`);
      return 2;
  }
}

main(process.argv.slice(2)).then(
  (code) => {
    if (code !== 0) process.exitCode = code;
  },
  (error: unknown) => {
    const message =
      error instanceof MillraceError
        ? `${error.code}: ${error.message}`
        : String((error as Error).stack ?? error);
    process.stderr.write(`millrace: ${message}\n`);
    process.exitCode = 1;
  },
);

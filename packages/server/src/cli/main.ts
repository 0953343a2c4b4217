#!/usr/bin/env node
/**
 * The `millrace` command: `node` runs a broker node, `start` a local cluster, `status` shows a cluster,
 * `log` appends to and reads the replicated log; the rest administer a cluster through @millrace/client.
 */
import { MillraceError } from "@millrace/common";
import { UsageError } from "./command-line.js";
import { runGroups } from "./groups-command.js";
import { runLeader } from "./leader-command.js";
import { runLog } from "./log-command.js";
import { isNodeAdmin, runNodeAdmin } from "./node-admin-command.js";
import { runNode } from "./node-command.js";
import { runNodes } from "./nodes-command.js";
import { runQueue } from "./queue-command.js";
import { runResources } from "./resources-command.js";
import { runStart } from "./start-command.js";
import { runStatus } from "./status-command.js";

const usage = `usage: millrace <command> [flags]

commands:
  node       run a broker node (millrace node --help)
  node add   register a node's addresses; node remove <id> takes a node out of the cluster
  start      run a local cluster on 127.0.0.1 with data under ./data (--nodes N, default 3;
             --base-port P, default 7400; --data-dir D)
  status     show the cluster's nodes and groups (--endpoint host:port, default 127.0.0.1:7400)
  log        append to, read or trim the replicated log (millrace log append <text>... | log read | log trim --before N)
  nodes      list nodes: state, addresses, replicas, leaders
  groups     list Raft groups: kind, resource, partition, leader, term, commit, applied, replicas
  leader     move a group's leadership (millrace leader transfer <groupId> <toNodeId>)
  resources  list queues, topics and streams with their partitions
  queue      create, list, delete, attributes, send, receive, purge, redrive (millrace queue --help)

Every command that talks to a cluster takes --endpoint host:port (repeatable) and --deadline-ms N;
list commands take --json. Errors print "millrace: CODE: message" and exit 1; bad usage exits 2.
`;

async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  switch (command) {
    case "node":
      return isNodeAdmin(rest) ? runNodeAdmin(rest) : runNode(rest);
    case "start":
      return runStart(rest);
    case "status":
      return runStatus(rest);
    case "log":
      return runLog(rest);
    case "nodes":
      return runNodes(rest);
    case "groups":
      return runGroups(rest);
    case "leader":
      return runLeader(rest);
    case "resources":
      return runResources(rest);
    case "queue":
      return runQueue(rest);
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

/** Exit status 2 for bad usage (with that command's usage), 1 for every failure, 0 for `--help`. */
function report(error: unknown): number {
  if (error instanceof UsageError) {
    if (error.helpRequested) {
      process.stdout.write(error.usage);
      return 0;
    }
    process.stderr.write(`millrace: ${error.message}\n\n${error.usage}`);
    return 2;
  }
  const message =
    error instanceof MillraceError
      ? `${error.code}: ${error.message}`
      : String((error as Error).stack ?? error);
  process.stderr.write(`millrace: ${message}\n`);
  return 1;
}

main(process.argv.slice(2)).then(
  (code) => {
    if (code !== 0) process.exitCode = code;
  },
  (error: unknown) => {
    const code = report(error);
    if (code !== 0) process.exitCode = code;
  },
);

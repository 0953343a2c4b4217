import { describe, expect, it } from "vitest";
import { UsageError } from "../../src/cli/command-line.js";
import { groupsUsage, parseGroupsArgs } from "../../src/cli/groups-command.js";
import { leaderUsage, parseLeaderArgs } from "../../src/cli/leader-command.js";
import { isNodeAdmin, nodeAdminUsage, parseNodeAdminArgs } from "../../src/cli/node-admin-command.js";
import { nodesUsage, runNodes } from "../../src/cli/nodes-command.js";
import { parseQueueAttributesArgs, queueAttributesUsage } from "../../src/cli/queue-attributes-command.js";
import { queueUsage, runQueue } from "../../src/cli/queue-command.js";
import { parseQueueCreateArgs, queueCreateUsage } from "../../src/cli/queue-create-command.js";
import { queueDeleteUsage } from "../../src/cli/queue-delete-command.js";
import { parseQueueListArgs, queueListUsage } from "../../src/cli/queue-list-command.js";
import { queuePurgeUsage } from "../../src/cli/queue-purge-command.js";
import { parseQueueReceiveArgs, queueReceiveUsage } from "../../src/cli/queue-receive-command.js";
import {
  formatMoveTask,
  parseQueueRedriveArgs,
  queueRedriveUsage,
} from "../../src/cli/queue-redrive-command.js";
import { parseQueueSendArgs, queueSendUsage } from "../../src/cli/queue-send-command.js";
import { resourcesUsage, runResources } from "../../src/cli/resources-command.js";

const local = { endpoints: ["127.0.0.1:7400"], deadlineMs: undefined };

/** The usage error `run` throws; fails the test if it throws anything else or nothing. */
function usageError(run: () => unknown): UsageError {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(UsageError);
    return error as UsageError;
  }
  throw new Error("expected a usage error");
}

async function usageErrorOf(run: () => Promise<unknown>): Promise<UsageError> {
  const error: unknown = await run().then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(UsageError);
  return error as UsageError;
}

describe("millrace queue send", () => {
  it("sends each positional body with the shared options", () => {
    expect(parseQueueSendArgs(["jobs", "a", "b c", "--delay", "5"])).toEqual({
      connection: local,
      name: "jobs",
      bodies: ["a", "b c"],
      options: { delaySeconds: 5 },
    });
  });

  it("takes --group and --dedup for one FIFO message, flags before or after the bodies", () => {
    expect(
      parseQueueSendArgs(["--group", "g1", "jobs.fifo", "x", "--dedup=d1", "--endpoint", "h:7"]),
    ).toEqual({
      connection: { endpoints: ["h:7"], deadlineMs: undefined },
      name: "jobs.fifo",
      bodies: ["x"],
      options: { groupId: "g1", dedupId: "d1" },
    });
  });

  it("reads stdin for -, and a body after -- may start with dashes", () => {
    expect(parseQueueSendArgs(["jobs", "-", "--group", "g"]).bodies).toBe("stdin");
    expect(parseQueueSendArgs(["jobs", "--", "--not-a-flag"]).bodies).toEqual(["--not-a-flag"]);
  });

  it.each([
    [[], "missing <name>"],
    [["jobs"], "missing <body> (or - for stdin)"],
    [["jobs", "-", "extra"], "- reads every body from stdin; give no others"],
    [["jobs", "a", "b", "--dedup", "d"], "--dedup applies to a single message"],
    [["jobs", "-", "--dedup", "d"], "--dedup applies to a single message"],
    [["jobs", "a", "--delay", "901"], "--delay must be an integer in [0, 900]"],
    [["jobs", "a", "--delay", "-1"], "--delay must be an integer in [0, 900]"],
    [["jobs", "a", "--group"], "--group needs a value"],
    [["jobs", "a", "--attr", "x=y"], "unknown flag --attr"],
  ])("refuses %j: %s", (args, message) => {
    const error = usageError(() => parseQueueSendArgs(args));
    expect(error.message).toBe(message);
    expect(error.usage).toBe(queueSendUsage);
  });
});

describe("millrace queue receive", () => {
  it("defaults to the SDK's receive options and keeps messages", () => {
    expect(parseQueueReceiveArgs(["jobs"])).toEqual({
      connection: local,
      name: "jobs",
      receive: {},
      delete: false,
    });
  });

  it("takes --max, --wait and --delete", () => {
    expect(
      parseQueueReceiveArgs(["jobs", "--max", "10", "--wait=0", "--delete", "--deadline-ms", "9000"]),
    ).toEqual({
      connection: { endpoints: ["127.0.0.1:7400"], deadlineMs: 9000 },
      name: "jobs",
      receive: { maxMessages: 10, waitSeconds: 0 },
      delete: true,
    });
  });

  it.each([
    [[], "missing <name>"],
    [["a", "b"], 'unexpected argument "b"'],
    [["jobs", "--max", "0"], "--max must be an integer in [1, 10]"],
    [["jobs", "--max", "11"], "--max must be an integer in [1, 10]"],
    [["jobs", "--wait", "21"], "--wait must be an integer in [0, 20]"],
    [["jobs", "--delete=true"], "--delete takes no value"],
  ])("refuses %j: %s", (args, message) => {
    const error = usageError(() => parseQueueReceiveArgs(args));
    expect(error.message).toBe(message);
    expect(error.usage).toBe(queueReceiveUsage);
  });
});

describe("millrace queue create, list, attributes", () => {
  it("create takes attributes and tags", () => {
    expect(
      parseQueueCreateArgs([
        "jobs.fifo",
        "--attr",
        "FifoQueue=true",
        "--attr=VisibilityTimeout=60",
        "--tag",
        "team=pay",
      ]),
    ).toEqual({
      connection: local,
      name: "jobs.fifo",
      attributes: { FifoQueue: "true", VisibilityTimeout: "60" },
      tags: { team: "pay" },
    });
    expect(parseQueueCreateArgs(["jobs"])).toMatchObject({ attributes: {}, tags: {} });
  });

  it("create refuses a missing name, extra arguments and malformed pairs", () => {
    expect(usageError(() => parseQueueCreateArgs([])).message).toBe("missing <name>");
    expect(usageError(() => parseQueueCreateArgs(["a", "b"])).message).toBe('unexpected argument "b"');
    const error = usageError(() => parseQueueCreateArgs(["a", "--attr", "VisibilityTimeout"]));
    expect(error.message).toBe('--attr takes Key=Value, not "VisibilityTimeout"');
    expect(error.usage).toBe(queueCreateUsage);
    expect(usageError(() => parseQueueCreateArgs(["a", "--tag", "t=1", "--tag", "t=2"])).message).toBe(
      "--tag sets t twice",
    );
  });

  it("list takes --prefix and --json and no positionals", () => {
    expect(parseQueueListArgs([])).toEqual({ connection: local, prefix: undefined, json: false });
    expect(parseQueueListArgs(["--prefix", "jo", "--json"])).toEqual({
      connection: local,
      prefix: "jo",
      json: true,
    });
    const error = usageError(() => parseQueueListArgs(["jobs"]));
    expect(error.message).toBe('unexpected argument "jobs"');
    expect(error.usage).toBe(queueListUsage);
  });

  it("attributes reads, or sets then reads", () => {
    expect(parseQueueAttributesArgs(["jobs"])).toEqual({
      connection: local,
      name: "jobs",
      set: {},
      json: false,
    });
    expect(
      parseQueueAttributesArgs(["jobs", "--set", "DelaySeconds=5", "--set", "VisibilityTimeout=9", "--json"]),
    ).toEqual({
      connection: local,
      name: "jobs",
      set: { DelaySeconds: "5", VisibilityTimeout: "9" },
      json: true,
    });
    const error = usageError(() => parseQueueAttributesArgs(["jobs", "--set", "DelaySeconds"]));
    expect(error.usage).toBe(queueAttributesUsage);
  });
});

describe("millrace queue redrive", () => {
  it("starts, lists or cancels", () => {
    expect(parseQueueRedriveArgs(["dlq"])).toEqual({
      connection: local,
      type: "start",
      source: "dlq",
      destination: undefined,
      rate: undefined,
    });
    expect(parseQueueRedriveArgs(["dlq", "--to", "orders", "--rate=50"])).toEqual({
      connection: local,
      type: "start",
      source: "dlq",
      destination: "orders",
      rate: 50,
    });
    expect(parseQueueRedriveArgs(["dlq", "--list", "--json"])).toEqual({
      connection: local,
      type: "list",
      source: "dlq",
      json: true,
    });
    expect(parseQueueRedriveArgs(["--cancel", "h-1"])).toEqual({
      connection: local,
      type: "cancel",
      taskHandle: "h-1",
    });
  });

  it.each([
    [["dlq", "--rate", "0"], "--rate must be an integer in [1, 500]"],
    [["dlq", "--list", "--to", "x"], "--cancel, --list and --to/--rate do not go together"],
    [["--cancel", "h", "--list"], "--cancel, --list and --to/--rate do not go together"],
    [["--cancel", "h", "dlq"], 'unexpected argument "dlq"'],
    [["dlq", "--json"], "--json goes with --list"],
    [["dlq", "other"], 'unexpected argument "other"'],
  ])("%j is bad usage", (args, message) => {
    const error = usageError(() => parseQueueRedriveArgs(args));
    expect(error.message).toBe(message);
    expect(error.usage).toBe(queueRedriveUsage);
  });

  it("lists a task on one line, with the handle only while it runs", () => {
    const task = {
      taskHandle: "",
      status: "FAILED",
      sourceArn: "arn:aws:sqs:millrace:000000000000:dlq",
      destinationArn: "",
      maxNumberOfMessagesPerSecond: 0,
      approximateNumberOfMessagesMoved: 3,
      approximateNumberOfMessagesToMove: 9,
      failureReason: "the destination queue orders does not exist",
      startedTimestampMs: Date.UTC(2024, 0, 2, 3, 4, 5),
    } as const;
    expect(formatMoveTask(task)).toBe(
      "FAILED  3/9  max  2024-01-02T03:04:05.000Z  -  (sources)  the destination queue orders does not exist\n",
    );
    expect(
      formatMoveTask({
        ...task,
        status: "RUNNING",
        taskHandle: "h-1",
        maxNumberOfMessagesPerSecond: 5,
        failureReason: "",
      }),
    ).toBe("RUNNING  3/9  5/s  2024-01-02T03:04:05.000Z  h-1  (sources)\n");
  });
});

describe("millrace queue dispatch", () => {
  it.each([
    [["delete"], queueDeleteUsage, "missing <name>"],
    [["purge", "a", "b"], queuePurgeUsage, 'unexpected argument "b"'],
    [["redrive"], queueRedriveUsage, "missing <dlq>"],
    [["redrive", "dlq", "--rate", "501"], queueRedriveUsage, "--rate must be an integer in [1, 500]"],
    [[], queueUsage, "queue needs a subcommand"],
    [["frob"], queueUsage, 'unknown queue subcommand "frob"'],
  ])("%j is bad usage before any connection", async (args, usage, message) => {
    const error = await usageErrorOf(() => runQueue(args));
    expect(error.message).toBe(message);
    expect(error.usage).toBe(usage);
  });

  it("answers --help with the queue usage, and a subcommand's --help with its own", async () => {
    const top = await usageErrorOf(() => runQueue(["--help"]));
    expect(top.helpRequested).toBe(true);
    for (const sub of ["create", "list", "delete", "attributes", "send", "receive", "purge", "redrive"]) {
      expect(top.usage).toContain(`millrace queue ${sub} `);
    }
    const send = await usageErrorOf(() => runQueue(["send", "--help"]));
    expect(send).toMatchObject({ helpRequested: true, usage: queueSendUsage });
  });
});

describe("millrace nodes, groups, resources", () => {
  it("nodes and resources take no arguments", async () => {
    expect((await usageErrorOf(() => runNodes(["x"]))).usage).toBe(nodesUsage);
    expect((await usageErrorOf(() => runResources(["--kind", "queue"]))).message).toBe("unknown flag --kind");
    expect((await usageErrorOf(() => runResources(["--endpoint", "x"]))).usage).toBe(resourcesUsage);
  });

  it("groups filters by kind and node", () => {
    expect(parseGroupsArgs([])).toEqual({
      connection: local,
      filter: { kind: undefined, nodeId: undefined },
      json: false,
    });
    expect(parseGroupsArgs(["--kind", "queue", "--node", "2", "--json"])).toEqual({
      connection: local,
      filter: { kind: "GROUP_KIND_QUEUE_PARTITION", nodeId: 2 },
      json: true,
    });
    expect(parseGroupsArgs(["--kind=meta"]).filter.kind).toBe("GROUP_KIND_META");
    expect(parseGroupsArgs(["--kind=log"]).filter.kind).toBe("GROUP_KIND_LOG");
  });

  it.each([
    [["--kind", "partition"], "--kind must be one of meta, log, queue, topic, stream"],
    [["--kind", "GROUP_KIND_META"], "--kind must be one of meta, log, queue, topic, stream"],
    [["--node", "0"], "--node must be an integer in [1, 4294967295]"],
    [["--node", "x"], "--node must be an integer in [1, 4294967295]"],
    [["3"], 'unexpected argument "3"'],
  ])("groups refuses %j", (args, message) => {
    const error = usageError(() => parseGroupsArgs(args));
    expect(error.message).toBe(message);
    expect(error.usage).toBe(groupsUsage);
  });
});

describe("millrace node add|remove", () => {
  it("is chosen over running a node only for add and remove", () => {
    expect(isNodeAdmin(["add", "--id", "4"])).toBe(true);
    expect(isNodeAdmin(["remove", "4"])).toBe(true);
    expect(isNodeAdmin(["--id", "1", "--bootstrap", "1@127.0.0.1:7401"])).toBe(false);
    expect(isNodeAdmin([])).toBe(false);
  });

  it("add takes the id and addresses, http optional", () => {
    const args = ["add", "--id", "4", "--peer-address", "d:7401", "--client-address=d:7400"];
    expect(parseNodeAdminArgs(args)).toEqual({
      type: "add",
      connection: local,
      nodeId: 4,
      peerAddress: "d:7401",
      clientAddress: "d:7400",
      httpAddress: undefined,
    });
    expect(parseNodeAdminArgs([...args, "--http-address", "d:7480"])).toMatchObject({
      httpAddress: "d:7480",
    });
  });

  it("remove takes one node id", () => {
    expect(parseNodeAdminArgs(["remove", "4", "--endpoint", "a:1"])).toEqual({
      type: "remove",
      connection: { endpoints: ["a:1"], deadlineMs: undefined },
      nodeId: 4,
    });
  });

  it.each([
    [["add", "--peer-address", "d:1", "--client-address", "d:2"], "node add needs --id"],
    [["add", "--id", "4", "--client-address", "d:2"], "node add needs --peer-address"],
    [["add", "--id", "4", "--peer-address", "d:1"], "node add needs --client-address"],
    [
      ["add", "--id", "0", "--peer-address", "d:1", "--client-address", "d:2"],
      "--id must be an integer in [1, 4294967295]",
    ],
    [
      ["add", "--id", "4", "--peer-address", "d", "--client-address", "d:2"],
      "--peer-address must be host:port",
    ],
    [
      ["add", "--id", "4", "--peer-address", "d:1", "--client-address", "d:2", "--http-address", "d:x"],
      "--http-address must be host:port",
    ],
    [["add", "4"], 'unexpected argument "4"'],
    [["remove"], "missing <id>"],
    [["remove", "four"], "<id> must be an integer in [1, 4294967295]"],
    [["remove", "4", "5"], 'unexpected argument "5"'],
    [["move", "4"], "node needs add or remove"],
  ])("refuses %j: %s", (args, message) => {
    const error = usageError(() => parseNodeAdminArgs(args));
    expect(error.message).toBe(message);
    expect(error.usage).toBe(nodeAdminUsage);
  });
});

describe("millrace leader transfer", () => {
  it("answers --help with its usage", () => {
    expect(usageError(() => parseLeaderArgs(["--help"]))).toMatchObject({
      helpRequested: true,
      usage: leaderUsage,
    });
    expect(usageError(() => parseLeaderArgs(["transfer", "-h"]))).toMatchObject({ helpRequested: true });
  });

  it("takes a group id and a target node, 0 letting the leader pick", () => {
    expect(parseLeaderArgs(["transfer", "12", "3"])).toEqual({
      connection: local,
      groupId: "12",
      toNodeId: 3,
    });
    expect(parseLeaderArgs(["transfer", "--deadline-ms=100", "12", "0"])).toEqual({
      connection: { endpoints: ["127.0.0.1:7400"], deadlineMs: 100 },
      groupId: "12",
      toNodeId: 0,
    });
  });

  it.each([
    [[], "leader needs transfer"],
    [["move", "1", "2"], "leader needs transfer"],
    [["transfer"], "missing <groupId>"],
    [["transfer", "12"], "missing <toNodeId>"],
    [["transfer", "12", "3", "4"], 'unexpected argument "4"'],
    [["transfer", "0", "3"], `<groupId> must be an integer in [1, ${Number.MAX_SAFE_INTEGER}]`],
    [["transfer", "g", "3"], `<groupId> must be an integer in [1, ${Number.MAX_SAFE_INTEGER}]`],
    [["transfer", "12", "-1"], "<toNodeId> must be an integer in [0, 4294967295]"],
  ])("refuses %j: %s", (args, message) => {
    const error = usageError(() => parseLeaderArgs(args));
    expect(error.message).toBe(message);
    expect(error.usage).toBe(leaderUsage);
  });
});

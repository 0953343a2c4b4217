import { type GroupKind } from "@millrace/client";
import { type v1 } from "@millrace/proto";
import {
  UsageError,
  connectionFlags,
  expectPositionals,
  flagValue,
  hasSwitch,
  integerFlag,
  parseCommandLine,
} from "./command-line.js";
import { connectionOf, withClient, type Connection } from "./cluster-connection.js";
import { groupKindName, groupKindNames, isGroupKindName } from "./group-kinds.js";
import { table } from "./text-table.js";

export const groupsUsage = `usage: millrace groups [--kind queue|log|meta|topic|stream] [--node N] [--json]
                       [--endpoint host:port ...] [--deadline-ms N]

Lists Raft groups: id, kind, resource, partition, leader, term, commit and applied indexes, replicas
(learners marked "(l)"). Commit and applied come from the node that answered; "-" for groups it does not
host. --node N keeps the groups with a replica on node N.
`;

const spec = {
  usage: groupsUsage,
  flags: { ...connectionFlags, kind: "value", node: "value", json: "switch" },
} as const;

export interface GroupsFilter {
  readonly kind: GroupKind | undefined;
  readonly nodeId: number | undefined;
}

export interface GroupsPlan {
  readonly connection: Connection;
  readonly filter: GroupsFilter;
  readonly json: boolean;
}

/** One row of `millrace groups`; commit and applied are null when no replica's view was at hand. */
export interface GroupRow {
  readonly groupId: string;
  readonly kind: GroupKind;
  readonly resourceName: string;
  readonly partition: string;
  readonly leaderNodeId: number;
  readonly term: string;
  readonly commitIndex: string | null;
  readonly appliedIndex: string | null;
  readonly replicas: readonly { readonly nodeId: number; readonly learner: boolean }[];
}

export function parseGroupsArgs(args: readonly string[]): GroupsPlan {
  const line = parseCommandLine(args, spec);
  expectPositionals(line, [], groupsUsage);
  const kind = flagValue(line, "kind");
  if (kind !== undefined && !isGroupKindName(kind)) {
    throw new UsageError(`--kind must be one of ${Object.keys(groupKindNames).join(", ")}`, groupsUsage);
  }
  return {
    connection: connectionOf(line, groupsUsage),
    filter: {
      kind: kind === undefined ? undefined : groupKindNames[kind],
      nodeId: integerFlag(line, "node", { min: 1, max: 2 ** 32 - 1 }, groupsUsage),
    },
    json: hasSwitch(line, "json"),
  };
}

/** `millrace groups`: AdminService.ListGroups and the routing table, through the SDK. */
export async function runGroups(args: readonly string[]): Promise<number> {
  const plan = parseGroupsArgs(args);
  const { filter } = plan;
  const rows = await withClient(plan.connection, async (client) => {
    const groups = await client.admin.groups({
      ...(filter.kind === undefined ? {} : { kind: filter.kind }),
      ...(filter.nodeId === undefined ? {} : { nodeId: filter.nodeId }),
    });
    return groupRows(groups, (await client.admin.routingTable()).routes, filter);
  });
  process.stdout.write(plan.json ? `${JSON.stringify(rows, null, 2)}\n` : formatGroups(rows));
  return 0;
}

/**
 * Joins one node's ListGroups answer with the routing table. The routing table is the meta group's
 * catalog, so its kind, resource and partition win, and it adds the groups the answering node does not
 * host. ListGroups contributes what only a replica knows: term, commit and applied. The filter is
 * applied here too, because a server may answer ListGroups unfiltered.
 */
export function groupRows(
  groups: readonly v1.Group__Output[],
  routes: readonly v1.Route__Output[],
  filter: GroupsFilter,
): GroupRow[] {
  const routeOf = new Map(routes.map((r) => [r.groupId, r]));
  const rows: GroupRow[] = groups.map((g) => {
    const route = routeOf.get(g.groupId);
    return {
      groupId: g.groupId,
      kind: route?.kind ?? g.kind,
      resourceName: route?.resourceName ?? g.resourceName,
      partition: route === undefined ? g.partition : String(route.partition),
      leaderNodeId: g.leaderNodeId,
      term: g.term,
      commitIndex: g.commitIndex,
      appliedIndex: g.appliedIndex,
      replicas: g.replicas.map((r) => ({ nodeId: r.nodeId, learner: r.role === "REPLICA_ROLE_LEARNER" })),
    };
  });
  const listed = new Set(groups.map((g) => g.groupId));
  for (const route of routes.filter((r) => !listed.has(r.groupId))) {
    rows.push({
      groupId: route.groupId,
      kind: route.kind,
      resourceName: route.resourceName,
      partition: String(route.partition),
      leaderNodeId: route.leaderNodeId,
      term: route.leaderTerm,
      commitIndex: null,
      appliedIndex: null,
      replicas: route.replicaNodeIds.map((nodeId) => ({ nodeId, learner: false })),
    });
  }
  return rows
    .filter((row) => filter.kind === undefined || row.kind === filter.kind)
    .filter((row) => filter.nodeId === undefined || row.replicas.some((r) => r.nodeId === filter.nodeId))
    .sort((a, b) => Number(a.groupId) - Number(b.groupId));
}

export function formatGroups(rows: readonly GroupRow[]): string {
  return `${table(
    ["group", "kind", "resource", "partition", "leader", "term", "commit", "applied", "replicas"],
    rows.map((row) => [
      row.groupId,
      groupKindName(row.kind),
      row.resourceName || "-",
      row.partition || "-",
      row.leaderNodeId === 0 ? "-" : row.leaderNodeId,
      row.term,
      row.commitIndex ?? "-",
      row.appliedIndex ?? "-",
      row.replicas.map((r) => `${r.nodeId}${r.learner ? "(l)" : ""}`).join(","),
    ]),
  )}\n`;
}

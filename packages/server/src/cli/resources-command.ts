import { type GroupKind } from "@millrace/client";
import { type v1 } from "@millrace/proto";
import { connectionFlags, expectPositionals, hasSwitch, parseCommandLine } from "./command-line.js";
import { connectionOf, withClient } from "./cluster-connection.js";
import { groupKindName } from "./group-kinds.js";
import { table } from "./text-table.js";

export const resourcesUsage = `usage: millrace resources [--json] [--endpoint host:port ...] [--deadline-ms N]

Lists every queue, topic and stream with its partitions (or shards): group id, leader and replicas.
`;

const spec = { usage: resourcesUsage, flags: { ...connectionFlags, json: "switch" } } as const;

/** The kinds of group that make up a resource, and nothing else (not meta, not the log). */
const resourceKinds: readonly GroupKind[] = [
  "GROUP_KIND_QUEUE_PARTITION",
  "GROUP_KIND_TOPIC_PARTITION",
  "GROUP_KIND_STREAM_SHARD",
];

export interface ResourcePartition {
  readonly partition: number;
  readonly groupId: string;
  readonly leaderNodeId: number;
  readonly replicaNodeIds: readonly number[];
}

export interface Resource {
  readonly kind: GroupKind;
  readonly name: string;
  readonly partitions: readonly ResourcePartition[];
}

/** `millrace resources`: queues from ListQueues and every resource's groups from the routing table. */
export async function runResources(args: readonly string[]): Promise<number> {
  const line = parseCommandLine(args, spec);
  expectPositionals(line, [], resourcesUsage);
  const resources = await withClient(connectionOf(line, resourcesUsage), async (client) => {
    const queues = await client.listQueueNames();
    return resourcesOf(queues, (await client.admin.routingTable()).routes);
  });
  process.stdout.write(
    hasSwitch(line, "json") ? `${JSON.stringify(resources, null, 2)}\n` : formatResources(resources),
  );
  return 0;
}

/**
 * Every listed queue (with no partitions when the routing table does not have them yet), plus every
 * queue, topic and stream the routing table holds; sorted by kind, then name.
 */
export function resourcesOf(queueNames: readonly string[], routes: readonly v1.Route__Output[]): Resource[] {
  const byKey = new Map<string, { kind: GroupKind; name: string; partitions: ResourcePartition[] }>();
  const entry = (kind: GroupKind, name: string) => {
    const key = `${kind}/${name}`;
    let resource = byKey.get(key);
    if (resource === undefined) {
      resource = { kind, name, partitions: [] };
      byKey.set(key, resource);
    }
    return resource;
  };
  for (const name of queueNames) entry("GROUP_KIND_QUEUE_PARTITION", name);
  for (const route of routes.filter((r) => resourceKinds.includes(r.kind))) {
    entry(route.kind, route.resourceName).partitions.push({
      partition: route.partition,
      groupId: route.groupId,
      leaderNodeId: route.leaderNodeId,
      replicaNodeIds: route.replicaNodeIds,
    });
  }
  const resources = [...byKey.values()];
  for (const r of resources) r.partitions.sort((a, b) => a.partition - b.partition);
  return resources.sort(
    (a, b) => resourceKinds.indexOf(a.kind) - resourceKinds.indexOf(b.kind) || a.name.localeCompare(b.name),
  );
}

/** One line per partition; a resource without partitions in the routing table gets one line of dashes. */
export function formatResources(resources: readonly Resource[]): string {
  const rows = resources.flatMap((r) =>
    r.partitions.length === 0
      ? [[groupKindName(r.kind), r.name, "-", "-", "-", "-"]]
      : r.partitions.map((p) => [
          groupKindName(r.kind),
          r.name,
          p.partition,
          p.groupId,
          p.leaderNodeId === 0 ? "-" : p.leaderNodeId,
          p.replicaNodeIds.join(","),
        ]),
  );
  return `${table(["kind", "name", "partition", "group", "leader", "replicas"], rows)}\n`;
}

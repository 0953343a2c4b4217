import { type GroupKind } from "@millrace/client";

/** The CLI's short names for group kinds, as `--kind` takes them and tables show them. */
export const groupKindNames = {
  meta: "GROUP_KIND_META",
  log: "GROUP_KIND_LOG",
  queue: "GROUP_KIND_QUEUE_PARTITION",
  topic: "GROUP_KIND_TOPIC_PARTITION",
  stream: "GROUP_KIND_STREAM_SHARD",
} as const satisfies Record<string, GroupKind>;

export type GroupKindName = keyof typeof groupKindNames;

export function isGroupKindName(text: string): text is GroupKindName {
  return Object.hasOwn(groupKindNames, text);
}

/** `GROUP_KIND_QUEUE_PARTITION` → `queue`; an unknown kind keeps its wire name. */
export function groupKindName(kind: GroupKind): string {
  const entry = Object.entries(groupKindNames).find(([, wire]) => wire === kind);
  return entry === undefined ? kind : entry[0];
}

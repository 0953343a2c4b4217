import { isValidQueueName, limits } from "@millrace/common";
import { catalogLimits } from "./catalog-limits.js";
import { type ResourceKind } from "./records.js";

/**
 * Checks for decoded meta commands. A command arrives as msgpack from the log, so any field may have any
 * type; each check returns a message naming the field, or undefined when the value is acceptable, and
 * nothing here throws.
 */

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return (
    typeof value === "object" && value !== null && !Array.isArray(value) && !(value instanceof Uint8Array)
  );
}

export function isNodeId(value: unknown): value is number {
  return typeof value === "number" && Number.isSafeInteger(value) && value > 0 && value < 2 ** 32;
}

/** Group ids share the node id range, so both fit the wire's uint32 fields. */
export const isGroupId = isNodeId;

export function isTimeMs(value: unknown): value is number {
  return typeof value === "number" && Number.isSafeInteger(value) && value >= 0;
}

export function isIntIn(value: unknown, min: number, max: number): value is number {
  return typeof value === "number" && Number.isSafeInteger(value) && value >= min && value <= max;
}

export function isStringUpTo(value: unknown, lengthMax: number): value is string {
  return typeof value === "string" && value.length <= lengthMax;
}

export const resourceKinds: readonly ResourceKind[] = ["queue", "topic", "stream"];

export function isResourceKind(value: unknown): value is ResourceKind {
  return typeof value === "string" && (resourceKinds as readonly string[]).includes(value);
}

/** Node ids, distinct, at most `countMax` of them (and at least `countMin`), sorted ascending. */
export function nodeIdList(value: unknown, countMin: number, countMax: number): number[] | undefined {
  if (!Array.isArray(value) || value.length < countMin || value.length > countMax) return undefined;
  if (!value.every(isNodeId)) return undefined;
  const ids = [...new Set(value)].sort((a, b) => a - b);
  return ids.length === value.length ? ids : undefined;
}

const topicNamePattern = /^[A-Za-z0-9_-]+$/;
const streamNamePattern = /^[A-Za-z0-9_.-]+$/;

/** AWS's naming rules per kind, so names survive ARNs, URLs and the AWS-compatible API unchanged. */
export function checkResourceName(kind: ResourceKind, name: unknown): string | undefined {
  if (typeof name !== "string") return "name must be a string";
  switch (kind) {
    case "queue":
      return isValidQueueName(name)
        ? undefined
        : `name must be 1 to ${limits.queueNameLengthMax} characters of A-Z, a-z, 0-9, '-' and '_', optionally ending in .fifo`;
    case "topic": {
      const base = name.endsWith(".fifo") ? name.slice(0, -".fifo".length) : name;
      return name.length <= catalogLimits.topicNameLengthMax && topicNamePattern.test(base)
        ? undefined
        : `name must be 1 to ${catalogLimits.topicNameLengthMax} characters of A-Z, a-z, 0-9, '-' and '_', optionally ending in .fifo`;
    }
    case "stream":
      return name.length <= catalogLimits.streamNameLengthMax && streamNamePattern.test(name)
        ? undefined
        : `name must be 1 to ${catalogLimits.streamNameLengthMax} characters of A-Z, a-z, 0-9, '-', '_' and '.'`;
  }
}

export interface StringMapBounds {
  readonly field: string;
  readonly countMax: number;
  readonly keyLengthMax: number;
  readonly valueLengthMax: number;
}

/** A string-to-string map within bounds, copied into a fresh object; or a message naming the fault. */
export function stringMap(value: unknown, bounds: StringMapBounds): Record<string, string> | string {
  if (!isPlainObject(value)) return `${bounds.field} must be a map of strings`;
  const entries = Object.entries(value);
  if (entries.length > bounds.countMax) return `${bounds.field} may have at most ${bounds.countMax} entries`;
  const copy: Record<string, string> = {};
  for (const [key, entry] of entries) {
    if (key.length === 0 || key.length > bounds.keyLengthMax)
      return `${bounds.field} keys must be 1 to ${bounds.keyLengthMax} characters`;
    if (!isStringUpTo(entry, bounds.valueLengthMax))
      return `${bounds.field} values must be strings of at most ${bounds.valueLengthMax} characters`;
    copy[key] = entry;
  }
  return copy;
}

export const attributeBounds: StringMapBounds = {
  field: "attributes",
  countMax: catalogLimits.attributesMax,
  keyLengthMax: catalogLimits.attributeKeyLengthMax,
  valueLengthMax: catalogLimits.attributeValueLengthMax,
};

export const tagBounds: StringMapBounds = {
  field: "tags",
  countMax: catalogLimits.tagsMax,
  keyLengthMax: catalogLimits.tagKeyLengthMax,
  valueLengthMax: catalogLimits.tagValueLengthMax,
};

/** Equal as maps: same keys with the same values, whatever the insertion order. */
export function sameStringMap(
  a: Readonly<Record<string, string>>,
  b: Readonly<Record<string, string>>,
): boolean {
  const aKeys = Object.keys(a);
  if (aKeys.length !== Object.keys(b).length) return false;
  return aKeys.every((k) => Object.hasOwn(b, k) && a[k] === b[k]);
}

/** A map with its keys sorted, so a stored record encodes the same bytes on every replica. */
export function sortedMap(map: Readonly<Record<string, string>>): Record<string, string> {
  const sorted: Record<string, string> = {};
  for (const key of Object.keys(map).sort()) sorted[key] = map[key] as string;
  return sorted;
}

export function sameIds(a: readonly number[], b: readonly number[]): boolean {
  if (a.length !== b.length) return false;
  const x = [...a].sort((p, q) => p - q);
  const y = [...b].sort((p, q) => p - q);
  return x.every((id, i) => id === y[i]);
}

/** A zone label: up to `zoneLengthMax` characters of `[A-Za-z0-9_.:-]`; empty means none. */
export function isZone(value: unknown): value is string {
  return (
    typeof value === "string" &&
    value.length <= catalogLimits.zoneLengthMax &&
    /^[A-Za-z0-9_.:-]*$/.test(value)
  );
}

import { ErrorCode, MillraceError } from "@millrace/common";
import { identityKey } from "./keys.js";
import { corrupt, decodeMsgpack, encodeMsgpack } from "./records.js";

/**
 * Which cluster a data directory belongs to and which node wrote it. Node ids are never reused: a node
 * that lost its disk rejoins under a new id (etcd's rule), so a directory holding another node's data, or
 * another cluster's, is refused rather than silently mixed in.
 */
export interface NodeIdentity {
  readonly clusterId: string;
  readonly nodeId: number;
}

/** The on-disk format this code writes and reads; a directory written by another format is refused. */
export const storageFormat = 1;

export const clusterIdLengthMax = 128;

/** Throws INVALID_ARGUMENT naming the field if `identity` is not a usable identity. */
export function checkIdentity(identity: NodeIdentity): void {
  const { clusterId, nodeId } = identity;
  if (typeof clusterId !== "string" || clusterId.length === 0 || clusterId.length > clusterIdLengthMax) {
    throw new MillraceError(
      ErrorCode.INVALID_ARGUMENT,
      `cluster id must be a string of 1 to ${clusterIdLengthMax} characters`,
      { details: { field: "clusterId" } },
    );
  }
  if (!Number.isSafeInteger(nodeId) || nodeId <= 0) {
    throw new MillraceError(
      ErrorCode.INVALID_ARGUMENT,
      `node id must be a positive safe integer, got ${nodeId}`,
      {
        details: { field: "nodeId" },
      },
    );
  }
}

/**
 * Throws FAILED_PRECONDITION, naming both values, unless the stored identity is the expected one.
 */
export function checkSameIdentity(dir: string, stored: NodeIdentity, expected: NodeIdentity): void {
  if (stored.clusterId !== expected.clusterId) {
    throw new MillraceError(
      ErrorCode.FAILED_PRECONDITION,
      `data dir ${dir} belongs to cluster "${stored.clusterId}" (node ${stored.nodeId}), but this node is ` +
        `configured for cluster "${expected.clusterId}"; refusing to mix two clusters' data`,
      { details: { field: "clusterId", resource: dir } },
    );
  }
  if (stored.nodeId !== expected.nodeId) {
    throw new MillraceError(
      ErrorCode.FAILED_PRECONDITION,
      `data dir ${dir} belongs to node ${stored.nodeId} of cluster "${stored.clusterId}", but this node is ` +
        `configured as node ${expected.nodeId}; node ids are never reused, so use the matching id or an empty dir`,
      { details: { field: "nodeId", resource: dir } },
    );
  }
}

export function encodeIdentity(identity: NodeIdentity): Uint8Array {
  return encodeMsgpack(identityKey, {
    format: storageFormat,
    clusterId: identity.clusterId,
    nodeId: identity.nodeId,
  });
}

/** Decodes the identity record; throws CorruptionError if malformed, FAILED_PRECONDITION for another format. */
export function decodeIdentity(dir: string, record: Uint8Array): NodeIdentity {
  const value = decodeMsgpack(identityKey, record);
  if (typeof value !== "object" || value === null) throw corrupt(identityKey, "identity is not a map");
  const { format, clusterId, nodeId } = value as Record<string, unknown>;
  if (format !== storageFormat) {
    throw new MillraceError(
      ErrorCode.FAILED_PRECONDITION,
      `data dir ${dir} has storage format ${String(format)}; this version reads format ${storageFormat} only`,
      { details: { resource: dir } },
    );
  }
  if (typeof clusterId !== "string" || typeof nodeId !== "number") {
    throw corrupt(identityKey, "identity lacks a cluster id or node id");
  }
  return { clusterId, nodeId };
}

import { type NodeId } from "./types.js";

export const ConfChangeType = {
  AddNode: 0,
  RemoveNode: 1,
  AddLearnerNode: 2,
} as const;
export type ConfChangeType = (typeof ConfChangeType)[keyof typeof ConfChangeType];

/**
 * How a multi-step change passes through a joint configuration. Auto: the leader leaves the joint
 * configuration by itself once it is committed. Implicit: the same, but the change is not observable
 * as joint by the application. Explicit: the application must propose an empty change to leave.
 */
export const ConfChangeTransition = {
  Auto: 0,
  Implicit: 1,
  Explicit: 2,
} as const;
export type ConfChangeTransition = (typeof ConfChangeTransition)[keyof typeof ConfChangeTransition];

export interface ConfChangeSingle {
  readonly type: ConfChangeType;
  readonly nodeId: NodeId;
}

/**
 * A membership change. One change (or an empty list, meaning "leave the joint configuration") is applied
 * directly when it is a simple change; several changes, or any Explicit transition, go through joint
 * consensus.
 */
export interface ConfChange {
  readonly transition: ConfChangeTransition;
  readonly changes: readonly ConfChangeSingle[];
  /** Opaque to Raft; the application may carry e.g. the new node's address here. */
  readonly context: Uint8Array;
}

export function confChange(
  changes: readonly ConfChangeSingle[],
  options: Partial<ConfChange> = {},
): ConfChange {
  return {
    transition: options.transition ?? ConfChangeTransition.Auto,
    changes,
    context: options.context ?? new Uint8Array(0),
  };
}

/** Whether the change must use joint consensus, and whether that joint state is left automatically. */
export function enterJoint(cc: ConfChange): { useJoint: boolean; autoLeave: boolean } {
  if (cc.transition !== ConfChangeTransition.Auto || cc.changes.length > 1) {
    return { useJoint: true, autoLeave: cc.transition !== ConfChangeTransition.Explicit };
  }
  return { useJoint: false, autoLeave: false };
}

/** An empty change is the request to leave a joint configuration. */
export function leaveJoint(cc: ConfChange): boolean {
  return cc.changes.length === 0 && cc.transition === ConfChangeTransition.Auto;
}

// Encoding: [version u8][transition u8][count u16][count × (type u8, nodeId f64)][context bytes].
// Hand-rolled so the Raft core depends on no codec and the format is fixed forever.
const formatVersion = 1;

export function encodeConfChange(cc: ConfChange): Uint8Array {
  const bytes = new Uint8Array(4 + cc.changes.length * 9 + cc.context.byteLength);
  const view = new DataView(bytes.buffer);
  view.setUint8(0, formatVersion);
  view.setUint8(1, cc.transition);
  view.setUint16(2, cc.changes.length);
  let offset = 4;
  for (const change of cc.changes) {
    view.setUint8(offset, change.type);
    view.setFloat64(offset + 1, change.nodeId);
    offset += 9;
  }
  bytes.set(cc.context, offset);
  return bytes;
}

export class ConfChangeDecodeError extends Error {
  override readonly name = "ConfChangeDecodeError";
}

export function decodeConfChange(bytes: Uint8Array): ConfChange {
  // Zero bytes are the empty change a leader proposes by itself to leave a joint configuration; being
  // empty, that proposal can never be refused by the uncommitted-size limit.
  if (bytes.byteLength === 0) return confChange([]);
  if (bytes.byteLength < 4)
    throw new ConfChangeDecodeError(`conf change too short: ${bytes.byteLength} bytes`);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const version = view.getUint8(0);
  if (version !== formatVersion) throw new ConfChangeDecodeError(`unknown conf change version ${version}`);
  const transition = view.getUint8(1);
  if (transition > ConfChangeTransition.Explicit) {
    throw new ConfChangeDecodeError(`unknown conf change transition ${transition}`);
  }
  const count = view.getUint16(2);
  if (bytes.byteLength < 4 + count * 9) throw new ConfChangeDecodeError("conf change truncated");
  const changes: ConfChangeSingle[] = [];
  let offset = 4;
  for (let i = 0; i < count; i++) {
    const type = view.getUint8(offset);
    const nodeId = view.getFloat64(offset + 1);
    if (type > ConfChangeType.AddLearnerNode)
      throw new ConfChangeDecodeError(`unknown conf change type ${type}`);
    if (!Number.isSafeInteger(nodeId) || nodeId <= 0)
      throw new ConfChangeDecodeError(`bad node id ${nodeId}`);
    changes.push({ type: type as ConfChangeType, nodeId });
    offset += 9;
  }
  return {
    transition: transition as ConfChangeTransition,
    changes,
    context: bytes.slice(offset),
  };
}

export function describeConfChange(cc: ConfChange): string {
  const parts = cc.changes.map((c) => {
    switch (c.type) {
      case ConfChangeType.AddNode:
        return `v${c.nodeId}`;
      case ConfChangeType.RemoveNode:
        return `r${c.nodeId}`;
      case ConfChangeType.AddLearnerNode:
        return `l${c.nodeId}`;
    }
  });
  const transition =
    cc.transition === ConfChangeTransition.Auto ? "" : ["", "implicit", "explicit"][cc.transition];
  return [transition, ...parts].filter((p) => p !== "").join(" ");
}

import { createCodec, ErrorCode, MillraceError } from "@millrace/common";
import type { ConfState, NodeId, SnapshotMetadata } from "@millrace/raft";

/**
 * The Raft message a snapshot stands in for. A receiver rebuilds the MsgSnap from it, because stepping
 * a follower needs the leader's current term (usually newer than the snapshot's) and the replica ids.
 */
export interface SnapshotEnvelope {
  /** The sender's term when it decided to send the snapshot (`Message.term` of the MsgSnap). */
  readonly term: number;
  readonly from: NodeId;
  readonly to: NodeId;
}

/**
 * The `metadata` bytes of a transfer's first chunk: `[1, index, term, voters, learners, votersOutgoing,
 * learnersNext, autoLeave, envelopeTerm, envelopeFrom, envelopeTo]`. The leading 1 is the layout's
 * version, so a later layout can be told apart.
 */
const codec = createCodec();
const layoutVersion = 1;

export function encodeSnapshotMetadata(metadata: SnapshotMetadata, envelope: SnapshotEnvelope): Uint8Array {
  const { confState } = metadata;
  return codec.encode([
    layoutVersion,
    metadata.index,
    metadata.term,
    [...confState.voters],
    [...confState.learners],
    [...confState.votersOutgoing],
    [...confState.learnersNext],
    confState.autoLeave,
    envelope.term,
    envelope.from,
    envelope.to,
  ]);
}

export interface DecodedSnapshotMetadata {
  readonly metadata: SnapshotMetadata;
  readonly envelope: SnapshotEnvelope;
}

/** Throws INVALID_ARGUMENT unless `bytes` is exactly what `encodeSnapshotMetadata` writes. */
export function decodeSnapshotMetadata(bytes: Uint8Array): DecodedSnapshotMetadata {
  const value = codec.decode(bytes);
  if (!Array.isArray(value) || value.length !== 11 || value[0] !== layoutVersion) {
    throw malformed("not a version 1 metadata tuple");
  }
  const tuple = value as unknown[];
  const count = (position: number, name: string): number => {
    const raw = tuple[position];
    if (typeof raw !== "number" || !Number.isSafeInteger(raw) || raw < 0) throw malformed(name);
    return raw;
  };
  const ids = (position: number, name: string): NodeId[] => {
    const raw = tuple[position];
    if (!Array.isArray(raw)) throw malformed(name);
    const list = raw as unknown[];
    for (const id of list) {
      if (typeof id !== "number" || !Number.isSafeInteger(id) || id <= 0) throw malformed(name);
    }
    return list as NodeId[];
  };
  const autoLeave = tuple[7];
  if (typeof autoLeave !== "boolean") throw malformed("autoLeave");
  const confState: ConfState = {
    voters: ids(3, "voters"),
    learners: ids(4, "learners"),
    votersOutgoing: ids(5, "votersOutgoing"),
    learnersNext: ids(6, "learnersNext"),
    autoLeave,
  };
  return {
    metadata: { index: count(1, "index"), term: count(2, "term"), confState },
    envelope: {
      term: count(8, "envelope term"),
      from: count(9, "envelope from"),
      to: count(10, "envelope to"),
    },
  };
}

function malformed(what: string): MillraceError {
  return new MillraceError(ErrorCode.INVALID_ARGUMENT, `malformed snapshot metadata: ${what}`);
}
